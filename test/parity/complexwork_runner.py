# Seed 001: the awaitable class behind `await` in a coroutine.
import asyncio


class ComplexWork:
    def __await__(self):
        print('Hello')
        yield
        print('World')


async def runner():
    await ComplexWork()
    return 'runner done'


loop = asyncio.new_event_loop()
print(loop.run_until_complete(runner()))
