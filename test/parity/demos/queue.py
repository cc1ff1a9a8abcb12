# demo: queue — producer and consumers over a bounded asyncio.Queue.
import asyncio


async def producer(queue):
    for item in ['a', 'b', 'c', 'd', 'e']:
        await queue.put(item)
        print(f'producer: put {item} (size {queue.qsize()})')


async def consumer(queue, name):
    while True:
        item = await queue.get()
        print(f'{name}: got {item}')
        await asyncio.sleep(0.05)
        queue.task_done()


async def main():
    queue = asyncio.Queue(2)
    consumers = [asyncio.create_task(consumer(queue, 'slow')), asyncio.create_task(consumer(queue, 'steady'))]
    await producer(queue)
    await queue.join()
    print('every item processed')
    for c in consumers:
        c.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)


result = asyncio.run(main())
if result is not None:
    print(repr(result))
