# Task-N names count per process: a second asyncio.run goes on from where the first
# stopped. Named tasks take a number too, and asyncio.run's own shutdown takes two.
import asyncio


async def child():
    return asyncio.current_task().get_name()


async def main():
    named = asyncio.create_task(child(), name='named')
    unnamed = asyncio.create_task(child())
    print(asyncio.current_task().get_name(), await named, await unnamed)


async def alone():
    print('alone', asyncio.current_task().get_name())


asyncio.run(main())
asyncio.run(main())
loop = asyncio.new_event_loop()
loop.run_until_complete(alone())
loop.run_until_complete(alone())
loop.close()
asyncio.run(alone())
