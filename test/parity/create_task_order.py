# Tasks start in creation order, on the next loop pass, after the creator yields.
import asyncio


async def worker(name, steps):
    for i in range(steps):
        print(name, i)
        await asyncio.sleep(0)
    print(name, 'done')


async def main():
    a = asyncio.create_task(worker('a', 2))
    b = asyncio.create_task(worker('b', 3))
    print('created')
    c = asyncio.create_task(worker('c', 1))
    await asyncio.sleep(0)
    print('main after one yield')
    await a
    print('a awaited')
    await b
    await c
    print('all done')

asyncio.run(main())
