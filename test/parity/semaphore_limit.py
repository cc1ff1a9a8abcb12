# A Semaphore(2) lets two of five workers run at once, in arrival order. Each holds it for
# a number of loop turns (no real time, so the order cannot depend on the machine's load).
import asyncio


async def worker(sem, name, turns):
    async with sem:
        print(name, 'start')
        for _ in range(turns):
            await asyncio.sleep(0)
        print(name, 'end')
    return name


async def main():
    sem = asyncio.Semaphore(2)
    names = await asyncio.gather(*(worker(sem, f'w{i}', t) for i, t in enumerate([5, 2, 4, 1, 3])))
    print(names, sem.locked())

asyncio.run(main())
