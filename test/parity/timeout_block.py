# asyncio.timeout: the block is cancelled at the deadline and TimeoutError comes out.
import asyncio

async def main():
    try:
        async with asyncio.timeout(0.2) as cm:
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                print('block cancelled')
                raise
    except TimeoutError:
        print('TimeoutError, expired', cm.expired())
    async with asyncio.timeout(0.2) as cm:
        await asyncio.sleep(0.05)
    print('in time, expired', cm.expired())
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout_at(loop.time() + 0.05) as cm:
            cm.reschedule(loop.time() + 0.2)
            await asyncio.sleep(0.1)
            print('rescheduled: still running')
            await asyncio.sleep(1)
    except TimeoutError:
        print('TimeoutError after reschedule')
    print('cancelling', asyncio.current_task().cancelling())

asyncio.run(main())
