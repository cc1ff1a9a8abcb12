# demo: as-completed — results in finish order (times / 10).
import asyncio


async def fetch(site, seconds):
    print(f'{site}: requested')
    await asyncio.sleep(seconds / 10)
    return f'{site} ({seconds} s)'


async def main():
    sites = [('archive.org', 3), ('example.com', 1), ('python.org', 2)]
    tasks = [asyncio.create_task(fetch(site, seconds)) for site, seconds in sites]
    for next_done in asyncio.as_completed(tasks):
        result = await next_done
        print(f'first come, first served: {result}')


result = asyncio.run(main())
if result is not None:
    print(repr(result))
