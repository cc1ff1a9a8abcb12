# Seeds 001/002: an awaitable class run directly by run_until_complete, then iterated by hand.
import asyncio


class ComplexWork:
    def __await__(self):
        print('Hello')
        yield
        print('World')


loop = asyncio.new_event_loop()
loop.run_until_complete(ComplexWork())

it = ComplexWork().__await__()
next(it)
try:
    next(it)
except StopIteration:
    print('StopIteration')
