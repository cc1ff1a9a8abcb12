# loop.stop() from a task ends the run at the end of the pass; asyncio.run still cancels
# every task left (main included) and runs their finally blocks, then reports the stop.
import asyncio


async def other():
    try:
        await asyncio.sleep(10)
    finally:
        print('other finally')


async def main():
    asyncio.create_task(other())
    await asyncio.sleep(0)
    asyncio.get_running_loop().stop()
    try:
        await asyncio.sleep(0)
        print('main after stop')
        await asyncio.sleep(0)
        print('main never')
    finally:
        print('main finally')

try:
    asyncio.run(main())
except RuntimeError as e:
    print('RuntimeError', e)
