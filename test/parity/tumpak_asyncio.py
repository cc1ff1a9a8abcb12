# Seed 004: Tum and Pak, each awaiting a bare-yield Awaitable, under asyncio's FIFO loop.
import asyncio


class Awaitable:
    def __await__(self):
        yield


async def tum():
    for _ in range(4):
        await Awaitable()
        print("Tum")


async def pak():
    for _ in range(4):
        await Awaitable()
        print("Pak")


async def main():
    await asyncio.gather(tum(), pak())

asyncio.run(main())
