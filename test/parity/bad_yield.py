# Yielding something other than None or a future from a task is an error thrown back in.
import asyncio
import types


@types.coroutine
def bad(value):
    yield value


async def main():
    for value in (42, 'text'):
        try:
            await bad(value)
        except RuntimeError as e:
            print('RuntimeError:', e)
    print('still running')

asyncio.run(main())
