# A Semaphore(2) lets two of five workers run at once, in arrival order.
import asyncio

async def worker(sem, name, delay):
    async with sem:
        print(name, 'start')
        await asyncio.sleep(delay)
        print(name, 'end')
    return name

async def main():
    sem = asyncio.Semaphore(2)
    names = await asyncio.gather(*(worker(sem, f'w{i}', d) for i, d in enumerate([2.0, 0.8, 1.8, 0.4, 1.2])))
    print(names, sem.locked())

asyncio.run(main())
