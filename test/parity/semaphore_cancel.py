# A task blocked in Semaphore.acquire is cancelled, also one cancelled after being woken.
import asyncio

async def waiter(sem, name):
    try:
        await sem.acquire()
    except asyncio.CancelledError:
        print(name, 'cancelled')
        raise
    print(name, 'acquired')
    sem.release()

async def main():
    sem = asyncio.Semaphore(1)
    await sem.acquire()
    a = asyncio.create_task(waiter(sem, 'a'))
    b = asyncio.create_task(waiter(sem, 'b'))
    c = asyncio.create_task(waiter(sem, 'c'))
    await asyncio.sleep(0)
    a.cancel()
    sem.release()
    b.cancel()
    await asyncio.gather(a, b, c, return_exceptions=True)
    print('locked', sem.locked())

asyncio.run(main())
