# demo: coroutines — seed 003: simple_print and complex_work under asyncio.run.
import asyncio


async def simple_print(msg):
    print(msg)


async def complex_work():
    await simple_print('Hello')
    await asyncio.sleep(0)
    await simple_print('World')


result = asyncio.run(complex_work())
if result is not None:
    print(repr(result))
