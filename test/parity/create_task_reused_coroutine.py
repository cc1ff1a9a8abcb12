# create_task() on a coroutine already awaited: the task fails at its first step.
import asyncio


async def child():
    return 1


async def main():
    c = child()
    print(await c)
    t = asyncio.create_task(c)
    try:
        await t
    except RuntimeError as e:
        print('RuntimeError', e)
    print(t.done(), type(t.exception()).__name__)


asyncio.run(main())
