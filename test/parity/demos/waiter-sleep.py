# demo: waiter-sleep — seed 001: the same Waiter, while coro2 sleeps between counts. The seed sleeps 1 s;
# 0.01 s here keeps the test fast (the demo sleeps 1 virtual second).
import asyncio


class Waiter:
    def __init__(self):
        self.done = False

    def __await__(self):
        while not self.done:
            yield


waiter = Waiter()


async def coro1():
    print('start')
    await waiter
    print('finished')


async def coro2():
    for i in range(10):
        print(i)
        await asyncio.sleep(0.01)
    waiter.done = True


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
print(loop.run_until_complete(asyncio.gather(coro1(), coro2())))
