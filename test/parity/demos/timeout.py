# demo: timeout — wait_for and timeout cancelling what takes too long (times / 10).
import asyncio


async def slow_query(name, seconds):
    try:
        print(f'{name}: started, needs {seconds:g} s')
        await asyncio.sleep(seconds / 10)
        print(f'{name}: answered')
        return f'{name} rows'
    except asyncio.CancelledError:
        print(f'{name}: cancelled')
        raise


async def main():
    print(await asyncio.wait_for(slow_query('fast', 1), 2 / 10))
    try:
        await asyncio.wait_for(slow_query('slow', 5), 2 / 10)
    except TimeoutError:
        print('wait_for: TimeoutError after 2 s')
    try:
        async with asyncio.timeout(1.5 / 10):
            await slow_query('inline', 3)
    except TimeoutError:
        print('timeout(): TimeoutError after 1.5 s')


result = asyncio.run(main())
if result is not None:
    print(repr(result))
