# Event: every waiter wakes in the order it waited; clear() makes wait() block again.
import asyncio


async def waiter(event, name):
    print(name, 'waits')
    await event.wait()
    print(name, 'woke')
    return name


async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event, n)) for n in ('a', 'b', 'c')]
    await asyncio.sleep(0)
    print('setting')
    event.set()
    print('set')
    print(await asyncio.gather(*tasks))
    print(await event.wait())
    event.clear()
    late = asyncio.create_task(waiter(event, 'late'))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print('late done?', late.done())
    event.set()
    await late

asyncio.run(main())
