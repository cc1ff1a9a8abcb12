# frenetic — seed 004: frenetic_coro_manager sends None until StopIteration.


class Awaitable:
    def __await__(self):
        yield


async def wont_terminate_here():
    await Awaitable()
    print("Terminated")
    return 42


def frenetic_coro_manager(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as stop:
        return stop.value


print(frenetic_coro_manager(wont_terminate_here()))
