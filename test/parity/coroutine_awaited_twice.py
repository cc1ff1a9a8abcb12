# A coroutine is awaited once: again after it finished, or while another await (or its
# task) is inside it, is a RuntimeError; a task can be awaited any number of times.
import asyncio

async def child(n):
    await asyncio.sleep(n)
    return 'child done'

async def quick():
    return 'quick'

async def main():
    c = quick()
    print('first', await c)
    try:
        await c
    except RuntimeError as e:
        print('second:', e)
    s = child(0.1)
    t = asyncio.create_task(s)
    await asyncio.sleep(0)
    try:
        await s
    except RuntimeError as e:
        print('while its task runs:', e)
    print('task', await t)
    try:
        await s
    except RuntimeError as e:
        print('after its task:', e)
    shared = child(0.1)
    async def awaiter():
        return await shared
    a = asyncio.create_task(awaiter())
    await asyncio.sleep(0)
    try:
        await shared
    except RuntimeError as e:
        print('while another await is inside:', e)
    print('awaiter', await a)
    u = asyncio.create_task(child(0))
    await u
    try:
        await u
        print('a task awaited twice is fine:', u.result())
    except RuntimeError as e:
        print(e)

asyncio.run(main())
