# gather runs a repeated coroutine or task once and repeats its result; tasks parked on
# one future wake in the order they started waiting.
import asyncio


async def once(name):
    print('running', name)
    await asyncio.sleep(0)
    return name


async def wait_for(fut, name):
    print(name, 'waits')
    value = await fut
    print(name, 'got', value)


async def main():
    c = once('c')
    t = asyncio.create_task(once('t'))
    print(await asyncio.gather(c, t, c, t))
    fut = asyncio.get_running_loop().create_future()
    waiters = [asyncio.create_task(wait_for(fut, n)) for n in ('x', 'y', 'z')]
    await asyncio.sleep(0)
    fut.set_result(7)
    print('result set')
    await asyncio.gather(*waiters)

asyncio.run(main())
