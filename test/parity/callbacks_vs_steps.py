# call_soon callbacks and task steps share one FIFO ready queue, pass by pass.
import asyncio


def callback(name):
    print('callback', name)


async def task(name):
    print('task', name, 'step 1')
    await asyncio.sleep(0)
    print('task', name, 'step 2')


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(callback, 1)
    t = asyncio.create_task(task('t'))
    loop.call_soon(callback, 2)
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print('done callback', f.result()))
    loop.call_soon(fut.set_result, 'x')
    print('main yields')
    await asyncio.sleep(0)
    print('main back')
    loop.call_soon(callback, 3)
    await t
    print('main end')

asyncio.run(main())
