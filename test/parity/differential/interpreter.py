# Runs random programs (one JSON array per stdin line) under CPython's asyncio, printing
# what each statement does; test/parity/differential/interpreter.ts does the same on
# coroscope. Only loop turns (sleep(0)), never real time: the output is exact.
import asyncio
import json
import sys


class Boom(Exception):
    pass


async def run_body(body):
    spawned = []
    for s in body:
        await run_stmt(s, spawned)
    for label, task in spawned:
        try:
            print('awaited', label, await task)
        except asyncio.CancelledError:
            print('awaited', label, 'cancelled')
        except Exception as e:
            print('awaited', label, 'raised', e)
    return len(body)


async def spawned_body(label, body):
    try:
        return await run_body(body)
    finally:
        print('end', label)


async def run_stmt(s, spawned):
    t, label = s['t'], s['label']
    if t == 'print':
        print(label)
    elif t == 'turn':
        await asyncio.sleep(0)
    elif t == 'raise':
        raise Boom(label)
    elif t == 'call':
        try:
            print('call', label, await run_body(s['body']))
        except Exception as e:
            print('call', label, 'raised', e)
    elif t == 'spawn':
        spawned.append((label, asyncio.create_task(spawned_body(label, s['body']))))
    elif t == 'cancel':
        if spawned:
            print('cancel', spawned[-1][0], spawned[-1][1].cancel())
    elif t == 'join':
        if spawned:
            try:
                print('join', spawned[-1][0], await spawned[-1][1])
            except asyncio.CancelledError:
                print('join', spawned[-1][0], 'cancelled')
            except Exception as e:
                print('join', spawned[-1][0], 'raised', e)
    elif t == 'soon':
        asyncio.get_running_loop().call_soon(print, label)
    elif t == 'selfcancel':
        # Not in main: a cancelled main would make asyncio.run cancel leftovers in set order.
        if asyncio.current_task() is not main_task:
            print('selfcancel', label, asyncio.current_task().cancel())
    elif t == 'gather':
        try:
            print('gather', label, await asyncio.gather(*(run_body(b) for b in s['bodies'])))
        except Exception as e:
            print('gather', label, 'raised', e)
    elif t == 'event':
        event = asyncio.Event()

        async def waiter(i):
            await event.wait()
            print('woke', label, i)
            return i

        async def setter():
            try:
                return await run_body(s['setter'])
            finally:
                event.set()

        try:
            print('event', label, await asyncio.gather(setter(), *(waiter(i) for i in range(s['waiters']))))
        except Exception as e:
            print('event', label, 'raised', e)
    elif t == 'lock':
        lock = asyncio.Lock()

        async def worker(i, body):
            async with lock:
                print('lock', label, i)
                return await run_body(body)

        try:
            print('lock', label, await asyncio.gather(*(worker(i, b) for i, b in enumerate(s['bodies']))))
        except Exception as e:
            print('lock', label, 'raised', e)
    elif t == 'semaphore':
        sem = asyncio.Semaphore(2)

        async def sem_worker(i, body):
            async with sem:
                print('sem', label, i)
                return await run_body(body)

        try:
            print('sem', label, await asyncio.gather(*(sem_worker(i, b) for i, b in enumerate(s['bodies']))))
        except Exception as e:
            print('sem', label, 'raised', e)
    elif t == 'queue':
        q = asyncio.Queue()
        bodies = s['bodies']

        async def producer():
            for i in range(len(bodies)):
                await q.put(i)
                print('put', label, i)
                await asyncio.sleep(0)

        async def consumer():
            total = 0
            for _ in bodies:
                i = await q.get()
                print('got', label, i)
                try:
                    total += await run_body(bodies[i])
                except Exception as e:
                    print('got', label, i, 'raised', e)
                q.task_done()
            return total

        try:
            print('queue', label, await asyncio.gather(producer(), consumer()))
        except Exception as e:
            print('queue', label, 'raised', e)
    elif t == 'taskgroup':
        try:
            async with asyncio.TaskGroup() as tg:
                for i, b in enumerate(s['bodies']):
                    tg.create_task(spawned_body(f'{label}.{i}', b))
            print('tg', label, 'ok')
        except* Exception as eg:
            print('tg', label, 'raised', sorted(str(e) for e in eg.exceptions))
    elif t == 'shield':
        task = asyncio.create_task(spawned_body(label, s['body']))
        try:
            print('shield', label, await asyncio.shield(task))
        except asyncio.CancelledError:
            print('shield', label, 'cancelled')
        except Exception as e:
            print('shield', label, 'raised', e)
    elif t == 'waitzero':
        try:
            print('waitfor', label, await asyncio.wait_for(run_body(s['body']), 0))
        except TimeoutError:
            print('waitfor', label, 'timeout')


main_task = None


async def main(program):
    global main_task
    main_task = asyncio.current_task()
    try:
        result = await run_body(program)
    except asyncio.CancelledError:
        result = 'cancelled'  # a gather child cancelled itself: the gather fails with it
    except Exception as e:
        result = f'raised {e}'
    # Let every task end on its own: asyncio.run would cancel leftovers in set order.
    while len(asyncio.all_tasks()) > 1:
        await asyncio.sleep(0)
    print('main', result)


for line in sys.stdin:
    print('===')
    asyncio.run(main(json.loads(line)))
