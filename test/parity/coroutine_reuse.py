# A coroutine a task runs cannot be awaited too, nor awaited again once done.
import asyncio

async def work():
    await asyncio.sleep(0)
    return 'w'

async def main():
    coro = work()
    task = asyncio.create_task(coro)
    await asyncio.sleep(0)
    try:
        await coro
    except RuntimeError as e:
        print('RuntimeError:', e)
    print(await task)
    try:
        await coro
    except RuntimeError as e:
        print('RuntimeError:', e)

asyncio.run(main())
