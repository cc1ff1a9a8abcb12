# The first error reaches gather's awaiter at once; the siblings keep running.
# Delays are counted in loop turns (sleep(0)), not seconds: exact on a loaded machine too.
import asyncio


async def turns(n):
    for _ in range(n):
        await asyncio.sleep(0)


async def fails():
    await turns(2)
    print('fails raises')
    raise ValueError('boom')


async def sibling(name, delay):
    await turns(delay)
    print(name, 'finished')
    return name


async def main():
    s = asyncio.create_task(sibling('slow', 6))
    try:
        await asyncio.gather(sibling('fast', 0), fails(), s)
    except ValueError as e:
        print('caught', e)
    print('slow done?', s.done())
    print('slow result', await s)
    results = await asyncio.gather(fails(), sibling('other', 4), return_exceptions=True)
    print(results)

asyncio.run(main())
