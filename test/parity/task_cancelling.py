# Task.cancelling() counts cancellation requests; uncancel() takes one back.
import asyncio

async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        task = asyncio.current_task()
        print('cancelling', task.cancelling())
        print('uncancel ->', task.uncancel())
    await asyncio.sleep(0)
    return 'survived'

async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    print(t.cancel(), t.cancel())
    print('requests', t.cancelling())
    print(await t)
    print('after', t.cancelling(), t.cancelled())

asyncio.run(main())
