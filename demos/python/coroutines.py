# coroutines — seed 003, "Un monde de coroutines": simple_print and complex_work, run by asyncio and by hand.
import asyncio


async def simple_print(msg):
    print(msg)


asyncio.run(simple_print('Hello'))

loop = asyncio.new_event_loop()
loop.run_until_complete(simple_print('Hello'))

for _ in simple_print('Hello').__await__():
    pass


async def complex_work():
    await simple_print('Hello')
    await asyncio.sleep(0)
    await simple_print('World')


for _ in complex_work().__await__():
    pass

it = complex_work().__await__()
next(it)
try:
    next(it)
except StopIteration:
    print('StopIteration')
