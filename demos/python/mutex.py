# mutex — seed 002's closing remark: a mutex built on the Waiter idea, beside asyncio.Lock.
import asyncio


class Mutex:
    def __init__(self):
        self.held = False

    def acquire(self):
        while self.held:
            yield
        self.held = True

    def release(self):
        self.held = False


class Acquire:
    """await mutex.acquire(): the generator above, behind __await__."""
    def __init__(self, mutex):
        self.mutex = mutex

    def __await__(self):
        return (yield from self.mutex.acquire())


async def polling(name, mutex):
    await Acquire(mutex)
    print(name, 'holds the mutex')
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(name, 'releases it')
    mutex.release()


async def parked(name, lock):
    await lock.acquire()
    print(name, 'holds the Lock')
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(name, 'releases it')
    lock.release()


async def main():
    mutex = Mutex()
    lock = asyncio.Lock()
    await asyncio.gather(
        asyncio.create_task(polling('A', mutex), name='mutex A'),
        asyncio.create_task(polling('B', mutex), name='mutex B'),
        asyncio.create_task(polling('C', mutex), name='mutex C'),
        asyncio.create_task(parked('D', lock), name='Lock D'),
        asyncio.create_task(parked('E', lock), name='Lock E'),
        asyncio.create_task(parked('F', lock), name='Lock F'),
    )


asyncio.run(main())
