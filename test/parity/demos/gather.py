# demo: gather — results in argument order (delays scaled: 3, 1, 2 s → 0.03, 0.01, 0.02 s).
import asyncio


async def simple_print(msg):
    print(msg)


async def square(x, delay):
    await asyncio.sleep(delay / 100)
    print('square', x, 'done')
    return x * x


async def main():
    print(await asyncio.gather(simple_print('Hello'), simple_print('World')))
    print(await asyncio.gather(square(1, 3), square(2, 1), square(3, 2)))


result = asyncio.run(main())
if result is not None:
    print(repr(result))
