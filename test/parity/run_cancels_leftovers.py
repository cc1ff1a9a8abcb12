# asyncio.run cancels the tasks main leaves pending and waits for their finally blocks.
# Their cleanup sleeps for different times, so the output does not depend on the order
# in which asyncio.run cancels them (it iterates a set).
import asyncio


async def leftover(name, cleanup_delay):
    try:
        print(name, 'starts')
        await asyncio.sleep(10)
        print(name, 'never')
    except asyncio.CancelledError:
        await asyncio.sleep(cleanup_delay)
        print(name, 'cleaned up')
        raise
    finally:
        print(name, 'finally')


async def main():
    asyncio.create_task(leftover('a', 0.02))
    asyncio.create_task(leftover('b', 0.01))
    await asyncio.sleep(0)
    print('main returns')
    return 'main result'

print(asyncio.run(main()))
