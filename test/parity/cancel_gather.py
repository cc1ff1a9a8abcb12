# Cancelling a gather cancels its children; the awaiter gets CancelledError.
import asyncio


async def child(name):
    try:
        await asyncio.sleep(1)
    finally:
        print(name, 'finally')


async def main():
    g = asyncio.gather(child('a'), child('b'))
    await asyncio.sleep(0)
    print('cancel', g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print('gather awaiter cancelled')
    g2 = asyncio.gather(child('c'), child('d'), return_exceptions=True)
    await asyncio.sleep(0)
    g2.cancel()
    try:
        await g2
    except asyncio.CancelledError:
        print('cancelled even with return_exceptions', g2.cancelled())

    async def parent():
        await asyncio.gather(child('e'), child('f'))
    p = asyncio.create_task(parent())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    p.cancel()
    try:
        await p
    except asyncio.CancelledError:
        print('parent cancelled', p.cancelled())

asyncio.run(main())
