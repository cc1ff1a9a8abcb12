# A producer and two consumers over a bounded queue; join waits for every task_done.
import asyncio

async def producer(q):
    for i in range(6):
        await q.put(i)
        print('put', i, 'size', q.qsize())
    print('producer done')

async def consumer(q, name):
    while True:
        item = await q.get()
        print(name, 'got', item)
        await asyncio.sleep(0)
        q.task_done()

async def main():
    q = asyncio.Queue(maxsize=2)
    consumers = [asyncio.create_task(consumer(q, n)) for n in ('c1', 'c2')]
    await producer(q)
    await q.join()
    print('all processed')
    for c in consumers:
        c.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)
    print('consumers', [c.cancelled() for c in consumers])

asyncio.run(main())
