# Seed 004: results through StopIteration, and the coroutine managers.
import asyncio


async def two():
    return 2


async def four():
    return await two() + await two()


def coro_manager(coro):
    try:
        coro.send(None)
    except StopIteration as stop:
        return stop.value


def frenetic_coro_manager(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as stop:
        return stop.value


class Awaitable:
    def __await__(self):
        yield


async def wont_terminate_here():
    await Awaitable()
    print("Terminated")
    return 42


coro = four()
try:
    coro.send(None)
except StopIteration as stop:
    print('StopIteration', stop.value)
print(coro_manager(four()))
print(coro_manager(wont_terminate_here()))
print(frenetic_coro_manager(wont_terminate_here()))
print(asyncio.run(four()))
print(asyncio.run(wont_terminate_here()))
