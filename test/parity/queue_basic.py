# Queue basics: nowait calls, sizes, QueueEmpty and QueueFull.
import asyncio

async def main():
    q = asyncio.Queue(maxsize=2)
    print(q.maxsize, q.qsize(), q.empty(), q.full())
    q.put_nowait('a')
    q.put_nowait('b')
    print(q.qsize(), q.empty(), q.full())
    try:
        q.put_nowait('c')
    except asyncio.QueueFull:
        print('QueueFull')
    print(q.get_nowait(), q.get_nowait())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print('QueueEmpty')
    q.task_done()
    q.task_done()
    try:
        q.task_done()
    except ValueError as e:
        print('ValueError', e)
    await q.join()
    print('joined')

asyncio.run(main())
