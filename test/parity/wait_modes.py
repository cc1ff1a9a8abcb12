# asyncio.wait: FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED and a timeout.
import asyncio

async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(name)
    return name

def names(fs):
    return sorted(f.get_name() for f in fs)

async def main():
    def spawn():
        return [asyncio.create_task(job('a', 0.05), name='a'),
                asyncio.create_task(job('b', 0.1, fail=True), name='b'),
                asyncio.create_task(job('c', 0.15), name='c')]
    for mode in (asyncio.FIRST_COMPLETED, asyncio.FIRST_EXCEPTION, asyncio.ALL_COMPLETED):
        tasks = spawn()
        done, pending = await asyncio.wait(tasks, return_when=mode)
        print(mode, names(done), names(pending))
        await asyncio.gather(*tasks, return_exceptions=True)
    tasks = spawn()
    done, pending = await asyncio.wait(tasks, timeout=0.075)
    print('timeout', names(done), names(pending))
    await asyncio.gather(*tasks, return_exceptions=True)
    try:
        await asyncio.wait([])
    except ValueError as e:
        print('ValueError:', e)

asyncio.run(main())
