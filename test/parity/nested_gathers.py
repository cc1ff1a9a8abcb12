# Gathers of gathers: results nest in argument order. Leaves wait a number of loop
# turns (sleep(0)), so the interleaving is exact whatever the machine's load.
import asyncio


async def leaf(name, turns):
    for _ in range(turns):
        await asyncio.sleep(0)
    print('leaf', name)
    return name


async def branch(name, *delays):
    results = await asyncio.gather(*(leaf(f'{name}{i}', d) for i, d in enumerate(delays)))
    print('branch', name, results)
    return results


async def main():
    results = await asyncio.gather(branch('x', 7, 1), branch('y', 3), leaf('z', 0))
    print(results)

asyncio.run(main())
