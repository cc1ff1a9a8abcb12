# A Queue.get under wait_for: the first times out (the getter is cancelled), the second gets the item.
import asyncio

async def main():
    q = asyncio.Queue()
    try:
        await asyncio.wait_for(q.get(), 0.05)
    except TimeoutError:
        print('get timed out, size', q.qsize())
    asyncio.get_running_loop().call_later(0.05, q.put_nowait, 'item')
    print('got', await asyncio.wait_for(q.get(), 0.2))

asyncio.run(main())
