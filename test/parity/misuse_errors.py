# current_task() outside a loop and create_task(future) are errors, as in asyncio.
import asyncio

try:
    asyncio.current_task()
except RuntimeError as e:
    print('RuntimeError:', e)

async def main():
    fut = asyncio.get_running_loop().create_future()
    try:
        asyncio.create_task(fut)
    except TypeError:
        print('TypeError')
    print(len(asyncio.all_tasks()))

asyncio.run(main())
