# tumpak — seed 004, "Gérer ses coroutines": the frenetic coroutines manager draws at random.
import random


class Awaitable:
    def __await__(self):
        yield


def frenetic_coros_manager(*coros):
    coros = list(coros)
    while coros:
        coro = random.choice(coros)
        try:
            coro.send(None)
        except StopIteration as stop:
            coros.remove(coro)


async def tum():
    for _ in range(10):  # ou : while True:
        await Awaitable()
        print("Tum")


async def pak():
    for _ in range(10):  # ou : while True:
        await Awaitable()
        print("Pak")


frenetic_coros_manager(tum(), pak())
