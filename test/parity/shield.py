# shield: cancelling the awaiter does not cancel the shielded task, which finishes.
import asyncio

async def precious():
    await asyncio.sleep(0.1)
    print('precious finished')
    return 'kept'

async def waiter(task):
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        print('waiter cancelled')
        raise

async def main():
    task = asyncio.create_task(precious())
    w = asyncio.create_task(waiter(task))
    await asyncio.sleep(0.05)
    w.cancel()
    await asyncio.gather(w, return_exceptions=True)
    print('task cancelled?', task.cancelled())
    print(await task)

asyncio.run(main())
