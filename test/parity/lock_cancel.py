# A lock waiter cancelled after being woken passes the lock to the next in line.
import asyncio


async def worker(lock, name):
    try:
        await lock.acquire()
    except asyncio.CancelledError:
        print(name, 'cancelled while waiting')
        raise
    print(name, 'has the lock')
    lock.release()
    return name


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    b = asyncio.create_task(worker(lock, 'b'))
    c = asyncio.create_task(worker(lock, 'c'))
    await asyncio.sleep(0)
    lock.release()
    b.cancel()
    results = await asyncio.gather(b, c, return_exceptions=True)
    print(results)
    print('locked', lock.locked())

asyncio.run(main())
