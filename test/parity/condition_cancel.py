# A task cancelled in Condition.wait takes the lock back before CancelledError leaves wait().
import asyncio

async def waiter(cond):
    async with cond:
        try:
            await cond.wait()
        except asyncio.CancelledError:
            print('cancelled, locked', cond.locked())
            raise

async def main():
    cond = asyncio.Condition()
    t = asyncio.create_task(waiter(cond))
    await asyncio.sleep(0)
    await cond.acquire()
    t.cancel()
    await asyncio.sleep(0)
    print('holder still has it', cond.locked())
    cond.release()
    try:
        await t
    except asyncio.CancelledError:
        print('task cancelled', t.cancelled(), 'locked', cond.locked())

asyncio.run(main())
