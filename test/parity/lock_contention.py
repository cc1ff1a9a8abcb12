# Lock: free acquire does not yield; contention is served first come, first served.
import asyncio


async def worker(lock, name):
    print(name, 'wants the lock')
    async with lock:
        print(name, 'has the lock')
        await asyncio.sleep(0.01)
        print(name, 'releases')


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    print('main holds', lock.locked())
    tasks = [asyncio.create_task(worker(lock, n)) for n in ('a', 'b', 'c')]
    await asyncio.sleep(0)
    print('main releases')
    lock.release()
    await asyncio.gather(*tasks)
    print('locked at the end', lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print('RuntimeError', e)

asyncio.run(main())
