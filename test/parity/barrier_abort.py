# Aborting a barrier breaks the tasks waiting at it and the ones that come later.
import asyncio

async def party(barrier, name):
    try:
        await barrier.wait()
        print(name, 'passed')
    except asyncio.BrokenBarrierError as e:
        print(name, 'BrokenBarrierError:', e)

async def main():
    barrier = asyncio.Barrier(3)
    tasks = [asyncio.create_task(party(barrier, n)) for n in 'ab']
    await asyncio.sleep(0)
    await barrier.abort()
    await asyncio.gather(*tasks)
    await party(barrier, 'late')
    print('broken', barrier.broken)

asyncio.run(main())
