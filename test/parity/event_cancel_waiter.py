# A task blocked in Event.wait is cancelled; the others still wake at set().
import asyncio

async def waiter(ev, name):
    try:
        await ev.wait()
        print(name, 'woke')
    except asyncio.CancelledError:
        print(name, 'cancelled')
        raise

async def main():
    ev = asyncio.Event()
    tasks = [asyncio.create_task(waiter(ev, n)) for n in 'abc']
    await asyncio.sleep(0)
    tasks[1].cancel()
    await asyncio.sleep(0)
    ev.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    print([t.cancelled() for t in tasks])

asyncio.run(main())
