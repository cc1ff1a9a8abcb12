# wait_for cancels a slow task at its deadline and raises TimeoutError; a fast one returns.
import asyncio

async def slow(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, 'finished')
        return name
    except asyncio.CancelledError:
        print(name, 'cancelled')
        raise

async def main():
    print(await asyncio.wait_for(slow('fast', 0.05), 0.2))
    task = asyncio.create_task(slow('slow', 1))
    try:
        await asyncio.wait_for(task, 0.1)
    except TimeoutError:
        print('TimeoutError', task.cancelled())
    try:
        await asyncio.wait_for(slow('zero', 0.05), 0)
    except TimeoutError:
        print('TimeoutError at once')
    print(await asyncio.wait_for(slow('none', 0.05), None))

asyncio.run(main())
