# A TaskGroup waits for all its tasks when the block ends.
import asyncio

async def job(name, delay):
    await asyncio.sleep(delay)
    print(name, 'done')
    return name

async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(job('a', 0.1))
        b = tg.create_task(job('b', 0.05))
        print('block ends')
    print('results', a.result(), b.result())

asyncio.run(main())
