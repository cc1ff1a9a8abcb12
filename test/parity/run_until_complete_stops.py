# run_until_complete stops at the end of the pass in which its future is done;
# a task still pending carries on in the next run_until_complete on the same loop.
import asyncio


async def spin():
    i = 0
    while True:
        print('spin', i)
        i += 1
        await asyncio.sleep(0)


async def main():
    asyncio.get_running_loop().create_task(spin())
    await asyncio.sleep(0)
    print('main done')


loop = asyncio.new_event_loop()
loop.run_until_complete(main())
print('-- again')
loop.run_until_complete(asyncio.sleep(0))
