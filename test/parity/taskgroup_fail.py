# One child of a TaskGroup fails: its sibling and the block are cancelled, errors come as an ExceptionGroup.
import asyncio

async def ok(delay):
    try:
        await asyncio.sleep(delay)
        print('ok finished')
    except asyncio.CancelledError:
        print('ok cancelled')
        raise

async def bad(delay):
    await asyncio.sleep(delay)
    raise ValueError('bad failed')

async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(ok(1))
            tg.create_task(bad(0.05))
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                print('block cancelled')
                raise
    except* ValueError as eg:
        print('caught', eg, [str(e) for e in eg.exceptions])
    print('cancelling', asyncio.current_task().cancelling())

asyncio.run(main())
