"""Run a script under CPython's own asyncio, on a virtual clock: python3 virtual_clock.py SCRIPT.

The loop's time moves only when it would wait for its next timer, and then straight to that
timer's deadline, as coroscope's clock does. On the real clock, two timers due microseconds
apart (two tasks that started the same sleep in one pass of the loop) fire in one pass or
in two depending on how late the machine woke, and the order of their prints with them: the
demo twins' output would depend on the load. The loop is asyncio's: only its clock is not
the wall's. Standard library only."""
import asyncio
import runpy
import sys


class VirtualClockLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__()
        self._virtual_now = 0.0
        real_select = self._selector.select

        def select(timeout=None):
            if timeout is None or timeout <= 0:
                return real_select(timeout)
            ready = real_select(0)  # I/O that is ready now comes first, as on the real clock
            if ready:
                return ready
            self._virtual_now = self._scheduled[0]._when if self._scheduled else self._virtual_now + timeout
            return []

        self._selector.select = select

    def time(self):
        return self._virtual_now


class VirtualClockPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return VirtualClockLoop()


if __name__ == '__main__':
    script = sys.argv[1]
    sys.argv = sys.argv[1:]
    asyncio.set_event_loop_policy(VirtualClockPolicy())
    runpy.run_path(script, run_name='__main__')
