# A timeout due at the same instant as the work: the timeout was set first, so it wins.
import asyncio

async def work(delay):
    await asyncio.sleep(delay)
    print('work done at its deadline')
    return 'result'

async def main():
    try:
        print(await asyncio.wait_for(work(0.1), 0.1))
    except TimeoutError:
        print('TimeoutError')
    try:
        print(await asyncio.wait_for(work(0.05), 0.1))
    except TimeoutError:
        print('TimeoutError')

asyncio.run(main())
