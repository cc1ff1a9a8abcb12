# Timers fire by deadline; equal delays set in order fire in that order.
import asyncio


async def after(delay, name):
    await asyncio.sleep(delay)
    print(name)
    return name


async def main():
    results = await asyncio.gather(
        after(0.03, 'c'), after(0.01, 'a1'), after(0.02, 'b'), after(0.01, 'a2'), after(0, 'zero'))
    print(results)
    loop = asyncio.get_running_loop()
    loop.call_later(0.02, print, 'callback 0.02')
    loop.call_later(0.01, print, 'callback 0.01')
    h = loop.call_later(0.015, print, 'cancelled callback')
    h.cancel()
    await asyncio.sleep(0.03)
    print('end')

asyncio.run(main())
