# demo: taskgroup — one child fails, its siblings are cancelled (times / 10).
import asyncio


class PaymentError(Exception):
    pass


async def step(name, seconds, fails=False):
    try:
        print(f'{name}: working for {seconds} s')
        await asyncio.sleep(seconds / 10)
        if fails:
            raise PaymentError(f'{name} refused')
        print(f'{name}: done')
    except asyncio.CancelledError:
        print(f'{name}: cancelled')
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(step('stock', 1))
            tg.create_task(step('payment', 2, True))
            tg.create_task(step('shipping', 3))
            print('main: all three started')
    except ExceptionGroup as error:
        print(f'main: {error}')
        for e in error.exceptions:
            print(f'  {type(e).__name__}: {e}')


result = asyncio.run(main())
if result is not None:
    print(repr(result))
