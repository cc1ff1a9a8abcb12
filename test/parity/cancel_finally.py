# Cancellation throws CancelledError at the task's next step; finally blocks run.
import asyncio


async def worker():
    try:
        for i in range(100):
            print('working', i)
            await asyncio.sleep(0)
    finally:
        print('worker finally')


async def sleeper():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('sleeper cancelled')
        raise
    finally:
        print('sleeper finally')


async def main():
    w = asyncio.create_task(worker())
    s = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print('cancel worker', w.cancel())
    print('cancel sleeper', s.cancel())
    print('cancel again', w.cancel())
    for t in (w, s):
        try:
            await t
        except asyncio.CancelledError:
            print('awaiter sees CancelledError')
    print('cancelled?', w.cancelled(), s.cancelled())
    print('cancel a done task', w.cancel())

asyncio.run(main())
