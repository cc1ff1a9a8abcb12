# four — seed 004: send(None) by hand, StopIteration carries the result, coro_manager sends once.
# The REPL snippets are scripts here: they print what the slides show.


async def tum():
    print("tum")


a_coroutine_object = tum()
try:
    a_coroutine_object.send(None)
except StopIteration:
    print("StopIteration")


async def two():
    return 2


async def four():
    return await two() + await two()


coro = four()
try:
    coro.send(None)
except StopIteration as stop:
    print("StopIteration:", stop.value)


def coro_manager(coro):
    try:
        coro.send(None)
    except StopIteration as stop:
        return stop.value


print(coro_manager(four()))


class Awaitable:
    def __await__(self):
        yield


async def wont_terminate_here():
    await Awaitable()
    print("Terminated")
    return 42


print(coro_manager(wont_terminate_here()))
