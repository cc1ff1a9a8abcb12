# What CancelledError carries: nothing by default, the message given to cancel(), and
# '' (not nothing) in gather's return_exceptions results, even for cancel('bye'): the
# task's own cancellation carries no message once its coroutine let the error escape.
import asyncio


async def sleeper():
    await asyncio.sleep(1)


async def catcher():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        print('inside', repr(e))
        raise


async def main():
    for message in (None, 'stop now'):
        t = asyncio.create_task(catcher())
        await asyncio.sleep(0)
        t.cancel() if message is None else t.cancel(message)
        try:
            await t
        except asyncio.CancelledError as e:
            print('awaiter', repr(e))
        try:
            await t  # the escaped error went to the first awaiter; this one gets a fresh one
        except asyncio.CancelledError as e:
            print('second awaiter', repr(e))
    a = asyncio.create_task(sleeper())
    b = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    a.cancel()
    b.cancel('bye')
    print(await asyncio.gather(a, b, return_exceptions=True))

asyncio.run(main())
