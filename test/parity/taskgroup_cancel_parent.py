# Cancelling the task whose TaskGroup block waits cancels the children, and the parent ends cancelled.
import asyncio

async def child(name):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print(name, 'cancelled')
        raise

async def parent():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child('only'))
    print('not reached')

async def main():
    t = asyncio.create_task(parent())
    await asyncio.sleep(0.05)
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    print('parent cancelled', t.cancelled())

asyncio.run(main())
