# call_soon and call_later pass several arguments, in order.
import asyncio

def show(*args):
    print('called with', *args)

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(show, 'a', 'b', 3)
    loop.call_later(0.05, show, 'later', 1, 2)
    loop.call_soon(show)
    await asyncio.sleep(0.1)

asyncio.run(main())
