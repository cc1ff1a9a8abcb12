# gather — seeds 001 and 002: gather returns the results in the order of its arguments.
import asyncio


async def simple_print(msg):
    print(msg)


async def square(x, delay):
    await asyncio.sleep(delay)
    print('square', x, 'done')
    return x * x


async def main():
    print(await asyncio.gather(simple_print('Hello'), simple_print('World')))
    print(await asyncio.gather(square(1, 3), square(2, 1), square(3, 2)))


asyncio.run(main())
