# Awaiting a finished task returns at once; awaiting an unfinished one waits for it.
import asyncio


async def quick():
    print('quick runs')
    return 'q'


async def slow():
    print('slow starts')
    await asyncio.sleep(0.02)
    print('slow ends')
    return 's'


async def main():
    q = asyncio.create_task(quick())
    s = asyncio.create_task(slow())
    await asyncio.sleep(0)
    print('quick done?', q.done())
    print('got', await q)
    print('slow done?', s.done())
    print('got', await s)
    print('awaiting again', await s)

asyncio.run(main())
