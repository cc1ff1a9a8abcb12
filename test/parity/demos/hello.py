# demo: hello — seeds 001/002: ComplexWork run by the loop.
import asyncio


class ComplexWork:
    def __await__(self):
        print('Hello')
        yield
        print('World')


loop = asyncio.new_event_loop()
result = loop.run_until_complete(ComplexWork())
if result is not None:
    print(repr(result))
