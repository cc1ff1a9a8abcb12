# Cancelling a task suspended in an await whose iterator has no throw(): CancelledError
# is raised at the await, so `except CancelledError` and `finally` run as written.
# (The twin awaits a hand-written iterator only where JavaScript can match: `finally`.)
import asyncio


class Turns:
    """An awaitable whose __await__ is a plain iterator: it gives the turn back n times."""

    def __init__(self, n):
        self.n = n

    def __await__(self):
        return iter([None] * self.n)


async def worker():
    try:
        print('empty await gives', await Turns(0))
        await Turns(1000)
        print('not reached')
    except asyncio.CancelledError:
        print('worker sees CancelledError at its await')
        raise
    finally:
        print('worker finally')


async def swallower():
    try:
        await Turns(1000)
    except asyncio.CancelledError:
        print('swallower keeps going')
    return 'swallowed'


class Forever:
    """A hand-written iterator: __next__ only, no throw()."""

    def __iter__(self):
        return self

    def __next__(self):
        return None


class ByHand:
    def __await__(self):
        return Forever()


async def by_hand():
    try:
        await ByHand()
    finally:
        print('by_hand finally')


async def main():
    w = asyncio.create_task(worker())
    s = asyncio.create_task(swallower())
    g = asyncio.gather(asyncio.create_task(worker()))
    h = asyncio.create_task(by_hand())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print('cancel', w.cancel(), s.cancel(), g.cancel(), h.cancel())
    try:
        await w
    except asyncio.CancelledError:
        print('awaiter sees CancelledError; cancelled:', w.cancelled())
    print('swallower returns', await s)
    try:
        await g
    except asyncio.CancelledError:
        print('gather sees CancelledError')
    try:
        await h
    except asyncio.CancelledError:
        print('by_hand cancelled:', h.cancelled())

asyncio.run(main())
