# Deadlines on an exact grid: sleep(0.1) then sleep(0.7) ends after a single sleep(0.8) started with it.
import asyncio

async def two_steps():
    await asyncio.sleep(0.1)
    await asyncio.sleep(0.7)
    print('two steps')

async def one_step():
    await asyncio.sleep(0.8)
    print('one step')

async def main():
    await asyncio.gather(one_step(), two_steps())

asyncio.run(main())
