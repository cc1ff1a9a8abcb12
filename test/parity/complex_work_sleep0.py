# Seed 003: coroutines, asyncio.run, and a sleep(0) that gives the turn back.
import asyncio


async def simple_print(msg):
    print(msg)


async def complex_work():
    await simple_print('Hello')
    await asyncio.sleep(0)
    await simple_print('World')


asyncio.run(simple_print('Hello'))
loop = asyncio.new_event_loop()
loop.run_until_complete(simple_print('Hello'))

for _ in complex_work().__await__():
    pass

it = complex_work().__await__()
next(it)
print('-- one send')
try:
    next(it)
except StopIteration:
    print('StopIteration')

asyncio.run(complex_work())
