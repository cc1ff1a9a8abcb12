# gather over a list of many children, results in order.
import asyncio

async def child(i):
    await asyncio.sleep(0)
    return i * i

async def main():
    results = await asyncio.gather(*[child(i) for i in range(1000)])
    print(len(results), results[:5], results[-1], sum(results))

asyncio.run(main())
