# BoundedSemaphore refuses a release above its initial value; Semaphore(-1) is a ValueError.
import asyncio

async def main():
    sem = asyncio.BoundedSemaphore(2)
    await sem.acquire()
    sem.release()
    try:
        sem.release()
    except ValueError as e:
        print('ValueError:', e)
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print('ValueError:', e)
    print(sem.locked())

asyncio.run(main())
