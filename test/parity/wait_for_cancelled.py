# Cancelling the task that waits in wait_for cancels the inner task too.
import asyncio

async def inner():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print('inner cancelled')
        raise

async def outer():
    try:
        await asyncio.wait_for(inner(), 0.5)
    except asyncio.CancelledError:
        print('outer cancelled')
        raise

async def main():
    t = asyncio.create_task(outer())
    await asyncio.sleep(0.05)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('main sees cancelled', t.cancelled())

asyncio.run(main())
