# Timers fire by deadline; equal delays set in order fire in that order. Deadlines 0.1 s apart:
# CPython's clock is real, and a loaded machine can hold a step for more than 10 ms.
import asyncio


async def after(delay, name):
    await asyncio.sleep(delay)
    print(name)
    return name


async def main():
    results = await asyncio.gather(
        after(0.3, 'c'), after(0.1, 'a1'), after(0.2, 'b'), after(0.1, 'a2'), after(0, 'zero'))
    print(results)
    loop = asyncio.get_running_loop()
    loop.call_later(0.2, print, 'callback 0.2')
    loop.call_later(0.1, print, 'callback 0.1')
    h = loop.call_later(0.15, print, 'cancelled callback')
    h.cancel()
    await asyncio.sleep(0.3)
    print('end')

asyncio.run(main())
