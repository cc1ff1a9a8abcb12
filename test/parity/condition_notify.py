# Condition: notify(1) wakes the first waiter, notify_all the rest, each retaking the lock.
import asyncio

async def waiter(cond, name):
    async with cond:
        print(name, 'waits')
        await cond.wait()
        print(name, 'woke, locked', cond.locked())

async def main():
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(waiter(cond, n)) for n in 'abc']
    await asyncio.sleep(0)
    async with cond:
        cond.notify(1)
        print('notified one')
    await asyncio.sleep(0)
    async with cond:
        cond.notify_all()
        print('notified all')
    await asyncio.gather(*tasks)
    try:
        cond.notify()
    except RuntimeError as e:
        print('RuntimeError:', e)

asyncio.run(main())
