# Condition.wait_for re-checks its predicate at each notify.
import asyncio

async def main():
    cond = asyncio.Condition()
    box = []

    async def consumer():
        async with cond:
            result = await cond.wait_for(lambda: len(box) >= 3)
            print('consumer sees', box, result)

    t = asyncio.create_task(consumer())
    for i in range(4):
        await asyncio.sleep(0)
        async with cond:
            box.append(i)
            print('added', i)
            cond.notify_all()
    await t

asyncio.run(main())
