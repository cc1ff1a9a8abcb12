# demo: tumpak — seed 004: frenetic_coros_manager draws among tum and pak with random.choice.
# The seed's code as the slides write it, after random.seed(SEED) (argv[1], default 1), as
# coroscope seeds the demo: `coroscope tumpak --seed 7` beats as `python3 tumpak.py 7`.
import random
import sys

random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)


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
