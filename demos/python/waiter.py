# waiter — seed 002, "Synchronisation entre tâches": wait_job polls the Waiter while count_up_to counts.
import asyncio


class Waiter:
    def __init__(self):
        self.done = False

    def __await__(self):
        while not self.done:
            yield


waiter = Waiter()


async def wait_job(waiter):
    print('start')
    await waiter # wait for count_up_to to be finished
    print('finished')


async def count_up_to(waiter, n):
    for i in range(n):
        print(i)
        await asyncio.sleep(0)
    waiter.done = True


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
print(loop.run_until_complete(asyncio.gather(wait_job(waiter), count_up_to(waiter, 10))))
