# demo: semaphore — five downloads, two at a time.
import asyncio


async def download(limit, name, seconds):
    print(f'{name}: waiting for a slot')
    async with limit:
        print(f'{name}: downloading ({seconds:g} s)')
        await asyncio.sleep(seconds / 2)
        print(f'{name}: done')
    return name


async def main():
    limit = asyncio.Semaphore(2)
    sizes = [('a.zip', 3.5), ('b.zip', 1), ('c.zip', 2), ('d.zip', 1.5), ('e.zip', 0.5)]
    return await asyncio.gather(*(download(limit, name, seconds) for name, seconds in sizes))


result = asyncio.run(main())
if result is not None:
    print(repr(result))
