# main raises: asyncio.run still cancels the leftovers (their finally runs), then raises.
import asyncio


async def leftover():
    try:
        await asyncio.sleep(10)
    finally:
        print('leftover finally')


async def main():
    asyncio.create_task(leftover())
    await asyncio.sleep(0)
    print('main raises')
    raise ValueError('main failed')

try:
    asyncio.run(main())
except ValueError as e:
    print('run raised', e)
