# waiter-sleep — seed 001: the Waiter while coro2 sleeps one second between counts.
# On coroscope's virtual clock each busy pass of the loop costs a quarter of a second:
# coroscope: pass-cost 0.25
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
        await asyncio.sleep(1)
    waiter.done = True


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
print(loop.run_until_complete(asyncio.gather(coro1(), coro2())))
