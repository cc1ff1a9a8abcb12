# hello — seeds 001 and 002: ComplexWork, an awaitable class, run by the event loop.
import asyncio


class ComplexWork:
    def __await__(self):
        print('Hello')
        yield
        print('World')


loop = asyncio.new_event_loop()
loop.run_until_complete(ComplexWork())
