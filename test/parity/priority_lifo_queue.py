# PriorityQueue gives the smallest tuple first; LifoQueue the last item put.
import asyncio

async def main():
    pq = asyncio.PriorityQueue()
    for item in [(3, 'c'), (1, 'b'), (1, 'a'), (2, 'z'), (0, 'y')]:
        pq.put_nowait(item)
    print([pq.get_nowait() for _ in range(5)])
    lq = asyncio.LifoQueue()
    for i in range(4):
        await lq.put(i)
    print([await lq.get() for _ in range(4)])

asyncio.run(main())
