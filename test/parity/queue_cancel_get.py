# A task blocked in Queue.get is cancelled; the next item goes to the other getter.
import asyncio

async def getter(q, name):
    try:
        item = await q.get()
        print(name, 'got', item)
    except asyncio.CancelledError:
        print(name, 'cancelled in get')
        raise

async def main():
    q = asyncio.Queue()
    a = asyncio.create_task(getter(q, 'a'))
    b = asyncio.create_task(getter(q, 'b'))
    await asyncio.sleep(0)
    a.cancel()
    q.put_nowait('x')
    await asyncio.gather(a, b, return_exceptions=True)
    print('a', a.cancelled(), 'b', b.cancelled(), 'left', q.qsize())

asyncio.run(main())
