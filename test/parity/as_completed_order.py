# as_completed yields results in the order the work finishes, not the order given.
import asyncio

async def fetch(name, delay):
    await asyncio.sleep(delay)
    return name

async def main():
    tasks = [asyncio.create_task(fetch(n, d)) for n, d in (('slow', 0.15), ('fast', 0.05), ('mid', 0.1))]
    for next_done in asyncio.as_completed(tasks):
        print('finished', await next_done)
    tasks = [asyncio.create_task(fetch(n, d)) for n, d in (('late', 1), ('soon', 0.05))]
    try:
        for next_done in asyncio.as_completed(tasks, timeout=0.1):
            print('finished', await next_done)
    except TimeoutError:
        print('TimeoutError')
    for t in tasks:
        t.cancel()

asyncio.run(main())
