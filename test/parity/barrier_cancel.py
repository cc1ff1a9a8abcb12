# A task cancelled while waiting at a Barrier leaves it; the count goes back down.
import asyncio

async def main():
    barrier = asyncio.Barrier(2)
    t = asyncio.create_task(barrier.wait())
    await asyncio.sleep(0)
    print('waiting', barrier.n_waiting)
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    print('after cancel', barrier.n_waiting, t.cancelled(), barrier.broken)

asyncio.run(main())
