# A Barrier of three: everyone waits for the third, then all go on, twice.
import asyncio

async def party(barrier, name, delay):
    for rnd in range(2):
        await asyncio.sleep(delay)
        print(name, 'arrives, waiting', barrier.n_waiting)
        index = await barrier.wait()
        print(name, 'passes round', rnd, 'index', index)

async def main():
    barrier = asyncio.Barrier(3)
    await asyncio.gather(party(barrier, 'a', 0.05), party(barrier, 'b', 0.1), party(barrier, 'c', 0.15))
    print('parties', barrier.parties, 'broken', barrier.broken)

asyncio.run(main())
