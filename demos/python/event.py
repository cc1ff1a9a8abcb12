# event — seed 002's Waiter beside asyncio.Event: one polls at every pass, the other sleeps on a future.
import asyncio


class Waiter:
    def __init__(self):
        self.done = False

    def __await__(self):
        while not self.done:
            yield


async def wait_job(waiter):
    print('wait_job: start')
    await waiter
    print('wait_job: finished')


async def wait_event(event):
    print('wait_event: start')
    await event.wait()
    print('wait_event: finished')


async def count_up_to(waiter, event, n):
    for i in range(n):
        print(i)
        await asyncio.sleep(0)
    waiter.done = True
    event.set()


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
waiter = Waiter()
event = asyncio.Event()
loop.run_until_complete(asyncio.gather(wait_job(waiter), wait_event(event), count_up_to(waiter, event, 5)))
