# Return values travel through await, tasks, gather and asyncio.run.
import asyncio


async def square(x):
    await asyncio.sleep(0)
    return x * x


async def total(n):
    s = 0
    for i in range(n):
        s += await square(i)
    return s


async def main():
    t = asyncio.create_task(total(4))
    values = await asyncio.gather(square(3), t, total(2))
    print(values)
    print(await t + 1)
    return sum(values)

print(asyncio.run(main()))
