# asyncio.wait: FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED and a timeout. The jobs finish
# when their gates open, one loop turn apart (no real time, so no race on a loaded machine).
import asyncio


async def job(name, gate, fail=False):
    await gate.wait()
    if fail:
        raise ValueError(name)
    return name


def names(fs):
    return sorted(f.get_name() for f in fs)


async def opener(gates):
    for gate in gates:
        await asyncio.sleep(0)
        gate.set()


async def main():
    def spawn():
        gates = [asyncio.Event() for _ in range(3)]
        tasks = [asyncio.create_task(job('a', gates[0]), name='a'),
                 asyncio.create_task(job('b', gates[1], fail=True), name='b'),
                 asyncio.create_task(job('c', gates[2]), name='c')]
        return gates, tasks
    for mode in (asyncio.FIRST_COMPLETED, asyncio.FIRST_EXCEPTION, asyncio.ALL_COMPLETED):
        gates, tasks = spawn()
        o = asyncio.create_task(opener(gates))
        done, pending = await asyncio.wait(tasks, return_when=mode)
        print(mode, names(done), names(pending))
        await asyncio.gather(o, *tasks, return_exceptions=True)
    gates, tasks = spawn()
    done, pending = await asyncio.wait(tasks, timeout=0.01)
    print('timeout', names(done), names(pending))
    await opener(gates)
    await asyncio.gather(*tasks, return_exceptions=True)
    try:
        await asyncio.wait([])
    except ValueError as e:
        print('ValueError:', e)

asyncio.run(main())
