# A task blocked in put on a full queue is cancelled; a later putter takes the free slot.
import asyncio

async def putter(q, item):
    try:
        await q.put(item)
        print('put', item)
    except asyncio.CancelledError:
        print('cancelled putting', item)
        raise

async def main():
    q = asyncio.Queue(maxsize=1)
    q.put_nowait('first')
    a = asyncio.create_task(putter(q, 'a'))
    b = asyncio.create_task(putter(q, 'b'))
    await asyncio.sleep(0)
    a.cancel()
    print('got', q.get_nowait())
    await asyncio.gather(a, b, return_exceptions=True)
    print('left', q.get_nowait(), q.qsize())

asyncio.run(main())
