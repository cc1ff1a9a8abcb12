# async with lock, written with asyncWith: released also when the block raises.
import asyncio

async def main():
    lock = asyncio.Lock()
    try:
        async with lock:
            print('inside, locked', lock.locked())
            raise ValueError('oops')
    except ValueError as e:
        print('raised', e, 'locked', lock.locked())
    sem = asyncio.Semaphore(1)
    async with sem:
        print('sem locked', sem.locked())
    print('sem locked', sem.locked())

asyncio.run(main())
