# Cancelling a task that awaits another task cancels the awaited one too, innermost first.
import asyncio


async def inner():
    try:
        await asyncio.sleep(1)
    finally:
        print('inner finally')


async def middle(t):
    try:
        await t
    finally:
        print('middle finally')


async def main():
    i = asyncio.create_task(inner())
    m = asyncio.create_task(middle(i))
    await asyncio.sleep(0)
    print('cancel middle', m.cancel())
    try:
        await m
    except asyncio.CancelledError:
        print('middle cancelled', m.cancelled(), 'inner cancelled', i.cancelled())

asyncio.run(main())
