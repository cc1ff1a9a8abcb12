"""coroscope's CPython tracer: runs a script as `python3 script.py` would and writes
coroscope's LoopEvents (one JSON object a line) on a channel of its own.

    python3 tracer.py [--events-fd N] [--control-fd N] [--seed N] [--real-clock] SCRIPT [ARGS...]

Channels
- events fd (default: stdout of the tracer when none is given): LoopEvent lines, plus
  protocol lines that start with '!' ('!version 3.11.7', '!executable PATH', '!waiting TICK', '!end TICK').
- control fd (optional): demand lines, each a whole number N ("run until tick N") or
  'max'. The tracer blocks before starting tick N+1 until a larger demand arrives; EOF
  on the control fd means "run to the end". Without a control fd it never blocks.
- The script's stdout and stderr never reach the real ones: sys.stdout / sys.stderr are
  replaced and every line becomes a `print` event of the lane that wrote it.

Invariants
- seq has no gaps; tick only grows; a tick is one ready-queue item of an asyncio loop or
  one step of a coroutine driven by hand (`coro.send(None)` from a plain function).
- The ready queue folded from the log (task-scheduled / callback-queued / timer-due push,
  step-begin / callback / timer-fired pop, from the head or at the index a pick names)
  equals the tracer's mirror of it at every tick: `_mirror` is that fold.
- Same script + same seed => the same log byte for byte: PYTHONHASHSEED=0 (re-exec),
  random.seed(seed), a virtual clock, asyncio.all_tasks() iterated in creation order.

Written to parse on old Pythons so that 3.10 and older get one clear line (exit 2).
"""
import os
import sys

MIN_VERSION = (3, 11)


def _fail(message, code=2):
    sys.stderr.write(message + '\n')
    sys.stderr.flush()
    os._exit(code)


if sys.version_info[:2] < MIN_VERSION:
    _fail('coroscope: Python %d.%d or newer is needed to trace, this is %s (%s); choose another with --python PATH'
          % (MIN_VERSION + (sys.version.split()[0], sys.executable)))

import codecs  # noqa: E402  (after the version check)
import collections  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import random  # noqa: E402
import threading  # noqa: E402
import time as _time  # noqa: E402
import types  # noqa: E402

CO_GENERATOR = 0x20
CO_COROUTINE = 0x80
CO_ITERABLE_COROUTINE = 0x100
# asyncio is hooked when the script imports it (a script without it does not pay for it)
ASYNCIO_DIR = os.path.join(os.path.dirname(os.__file__), 'asyncio') + os.sep
THIS_FILE = os.path.abspath(__file__)
USE_MONITORING = sys.version_info >= (3, 12)

asyncio = None  # the module, once the script imported it; then the originals below are bound
_PyTask = _PyFuture = None


def bind_asyncio(module):
    """Keep asyncio's originals before they are replaced by the traced ones."""
    global asyncio, _PyTask, _PyFuture, _orig_step, _orig_wakeup, _orig_cancel, _orig_schedule_callbacks
    global _orig_call_at, _orig_run_until_complete, _orig_loop_init, _orig_timer_cancel, _orig_all_tasks
    global _orig_cancel_all, _orig_runner_close, _orig_set_task_name, _orig_run_in_executor
    import asyncio.base_events
    import asyncio.events
    import asyncio.futures
    import asyncio.runners
    import asyncio.tasks
    asyncio = module
    _PyTask = asyncio.tasks._PyTask
    _PyFuture = asyncio.futures._PyFuture
    _orig_step = _PyTask._Task__step
    _orig_wakeup = _PyTask._Task__wakeup
    _orig_cancel = _PyTask.cancel
    _orig_schedule_callbacks = _PyFuture._Future__schedule_callbacks
    _orig_call_at = asyncio.base_events.BaseEventLoop.call_at
    _orig_run_until_complete = asyncio.base_events.BaseEventLoop.run_until_complete
    _orig_loop_init = asyncio.base_events.BaseEventLoop.__init__
    _orig_timer_cancel = asyncio.events.TimerHandle.cancel
    _orig_all_tasks = asyncio.tasks.all_tasks
    _orig_cancel_all = asyncio.runners._cancel_all_tasks
    _orig_runner_close = asyncio.runners.Runner.close
    _orig_run_in_executor = asyncio.base_events.BaseEventLoop.run_in_executor
    # gone in 3.13, where create_task names the task at once
    _orig_set_task_name = getattr(asyncio.tasks, '_set_task_name', None)


class AsyncioHook:
    """A meta path finder: asyncio loads as usual, then gets its traced parts."""

    def find_spec(self, name, path=None, target=None):
        if name != 'asyncio':
            return None
        sys.meta_path.remove(self)
        import importlib.util
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        spec.loader = HookedLoader(spec.loader)
        return spec


class HookedLoader:
    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        install_asyncio(module)


def one_line(exc):
    """An error as its traceback's last line says it: `ValueError: boom`, `CancelledError`."""
    name = type(exc).__name__
    try:
        text = str(exc)
    except Exception:  # a broken __str__ must not break the log
        text = ''
    text = text.replace('\n', ' ')
    return name + ': ' + text if text else name


def safe_repr(value):
    try:
        return repr(value)
    except Exception as exc:  # noqa: BLE001
        return '<repr failed: %s>' % one_line(exc)


class Tracer:
    def __init__(self, out, control, seed, real_clock, script):
        self.out = out
        self.control = control
        self.demand = None if control is None else 0  # None: never block
        self.seed = seed
        self.real_clock = real_clock
        self.script = script
        self.seq = 0
        self.tick = 0
        self.now = 0.0
        self.real_start = _time.monotonic()
        self.buf = []
        self.flushed_at = _time.monotonic()
        self.next_task = 1
        self.next_handle = 0
        self.task_ids = {}  # asyncio Task -> lane id
        self.handle_ids = {}  # Handle -> id, while queued or pending
        self.future_ids = {}  # future -> id (a future a task parked on)
        self.future_labels = {}  # future -> label
        self.timers = {}  # TimerHandle -> id, while in the heap
        self.mirror = []  # the ready queue as the log folds it: ('h', handle) or ('c', lane)
        self.hidden = 0  # >0: asyncio.run's own cleanup (shutdown_asyncgens...): not traced
        self.actor = None  # lane whose code runs now (prints are attributed to it)
        self.stepping = []  # stack of running steps: [('task', task) | ('hand', frame)]
        self.deferred = None  # pushes held back until the running task's step-end
        self.callbacks_of = None  # task whose done-callbacks are being scheduled
        self.bad_yield = None
        self.hand_lanes = {}  # frame -> lane id (coroutines driven by hand)
        self.hand_frames = {}  # lane id -> frame (alive, suspended)
        self.hand_objects = {}  # id-free: coroutine object -> lane id, known from random.choice
        self.hand_chain = None  # yields seen during the running hand step, inner first
        self.last_result = None
        self.interesting = {}
        self.chain_owner = {}  # frame awaited by a suspended hand-driven lane -> that lane
        self.pending_pick = None  # (lane, candidates, index) drawn by random.choice, for the next hand step
        self.hand_saved = []
        self.hand_chain_frames = set()
        self.stdout_writer = None
        self.stderr_writer = None
        self.executor_pending = 0  # run_in_executor calls not finished: the clock must not jump past them
        self.pending_spawn = None  # (task, [spawn, scheduled]): written with the next event, once named
        self.polled = False  # the current pass ran a bare yield: the next busy pass costs pass_cost
        self.pass_cost = 0.001
        self.loop_thread = threading.get_ident()
        self.thread_prints = collections.deque()  # (text, stream) printed by the script's own threads

    # -- writing -------------------------------------------------------------------
    def emit(self, body):
        if self.thread_prints:
            self.release_thread_prints()
        self.write_event(body)

    def write_event(self, body):
        if self.pending_spawn is not None:
            self.release_spawn()
        ev = {'seq': self.seq, 'tick': self.tick, 'time': self.clock_value()}
        ev.update(body)
        self.seq += 1
        self.buf.append(json.dumps(ev, ensure_ascii=False, separators=(',', ':')))
        if len(self.buf) >= 256 or _time.monotonic() - self.flushed_at > 0.05:
            self.flush()  # in batches, but never held long: a script may spin in plain code

    def release_thread_prints(self):
        """Prints from the script's own threads: written by the loop's thread, which alone writes
        the log (one sequence, seq without gaps), at its next event; a thread is not a task,
        so they are no lane's (the loop's), whichever task ran meanwhile."""
        while self.thread_prints:
            text, stream = self.thread_prints.popleft()
            self.write_event(print_event(None, text, stream))

    def release_spawn(self):
        pending, self.pending_spawn = self.pending_spawn, None
        tick, now = self.tick, self.now
        self.tick, self.now = pending[2], pending[3]  # stamped when they happened
        for b in pending[1]:
            self.emit(b)
        self.tick, self.now = tick, now

    def flush(self):
        self.flushed_at = _time.monotonic()
        if self.thread_prints:
            self.release_thread_prints()
        if self.pending_spawn is not None:
            self.release_spawn()
        if self.buf:
            data = ('\n'.join(self.buf) + '\n').encode('utf-8')
            self.buf = []
            self.write_raw(data)

    def write_raw(self, data):
        try:
            view = memoryview(data)
            while view:
                n = os.write(self.out, view)
                view = view[n:]
        except OSError:
            os._exit(0)  # the reader went away: nobody to trace for

    def protocol(self, line):
        self.flush()
        self.write_raw((line + '\n').encode('utf-8'))

    def clock_value(self):
        t = self.now
        return int(t) if t == int(t) else t

    # -- pull ----------------------------------------------------------------------
    def before_tick(self):
        """Called before a new tick starts: block while the demand is met."""
        while self.demand is not None and self.tick + 1 > self.demand:
            self.protocol('!waiting %d' % self.tick)
            line = self.control.readline()
            if not line:
                self.demand = None
                break
            text = line.strip()
            if text == 'max':
                self.demand = None
            elif text.isdigit():
                self.demand = max(self.demand, int(text))
        self.tick += 1

    # -- ids and labels --------------------------------------------------------------
    def new_id(self):
        self.next_handle += 1
        return self.next_handle - 1

    def task_id(self, task):
        tid, spawn = self.register_task(task)
        if spawn is not None:
            self.emit(spawn)
        return tid

    def register_task(self, task):
        """The task's lane id, and its task-spawn event when it is new (for the caller to write)."""
        tid = self.task_ids.get(task)
        if tid is not None:
            return tid, None
        tid = self.next_task
        self.next_task += 1
        self.task_ids[task] = tid
        return tid, {'type': 'task-spawn', 'task': tid, 'name': task.get_name(), 'coro': coro_name(task._coro),
                     'parent': self.actor, 'kind': 'task'}

    def future_label(self, fut):
        label = self.future_labels.get(fut)
        if label is not None:
            return label
        if isinstance(fut, asyncio.Task):
            tid = self.task_ids.get(fut)
            return fut.get_name() if tid is None else self.task_name(fut)
        children = getattr(fut, '_children', None)
        if children is not None:
            return 'gather %d/%d' % (sum(1 for c in children if c.done()), len(children))
        return 'future'

    def task_name(self, task):
        name = task.get_name()
        return coro_name(task._coro) if name.startswith('Task-') else name

    def future_id(self, fut):
        fid = self.future_ids.get(fut)
        if fid is None:
            fid = self.future_ids[fut] = self.new_id()
        return fid

    # -- the ready queue -----------------------------------------------------------
    def pushed(self, handle):
        """A handle appended to a loop's ready deque."""
        if self.hidden:
            return
        cb = handle._callback
        task = getattr(cb, '__self__', None)
        func = getattr(cb, '__func__', None)
        spawn = None
        if isinstance(task, _PyTask) and func in (traced_step, traced_wakeup):
            tid, spawn = self.register_task(task)
            new = spawn is not None
            args = handle._args
            if func is traced_wakeup:
                body = {'type': 'task-scheduled', 'task': tid, 'reason': 'wake', 'by': self.future_label(args[0]) if args else 'future'}
            elif args and args[0] is not None:
                body = {'type': 'task-scheduled', 'task': tid, 'reason': 'error'}
                if self.running_task() is task and isinstance(args[0], RuntimeError):
                    self.bad_yield = str(args[0])
            else:
                body = {'type': 'task-scheduled', 'task': tid, 'reason': 'spawn' if new else 'yield'}
        elif isinstance(handle, asyncio.events.TimerHandle):
            hid = self.timers.pop(handle, None)
            if hid is None:
                hid = self.new_id()
            self.handle_ids[handle] = hid
            body = {'type': 'timer-due', 'timer': hid}
        else:
            hid = self.handle_ids[handle] = self.new_id()
            body = {'type': 'callback-queued', 'handle': hid, 'label': callback_label(cb), 'actor': self.actor}
        self.mirror.append(('h', handle))
        if spawn is not None:
            if body.get('reason') == 'spawn':
                # asyncio.create_task names the task once created (3.11): both wait for the next event
                if self.pending_spawn is not None:
                    self.release_spawn()
                self.pending_spawn = (task, [spawn, body], self.tick, self.now)
                return
            self.emit(spawn)
        running = self.running_task()
        if running is not None and self.deferred is not None and task is running:
            self.deferred.append(body)  # the step's own re-scheduling: after its step-end, as the TS loop says it
        else:
            self.emit(body)

    def popped(self, handle, loop):
        """A handle taken from the head of a ready deque: one tick."""
        if self.hidden:
            return
        self.before_tick()
        if self.mirror and self.mirror[0][1] is handle:
            self.mirror.pop(0)
        else:
            self.remove_from_mirror(handle)
        ready = len(loop._ready)
        cb = handle._callback
        task = getattr(cb, '__self__', None)
        if isinstance(task, _PyTask) and getattr(cb, '__func__', None) in (traced_step, traced_wakeup):
            self.actor = None
            if handle._cancelled:
                self.emit({'type': 'callback', 'label': 'step of ' + self.task_name(task), 'ready': ready, 'skipped': True})
            return
        hid = self.handle_ids.pop(handle, None)
        self.actor = None
        if isinstance(handle, asyncio.events.TimerHandle):
            body = {'type': 'timer-fired', 'timer': hid, 'label': timer_label(handle, self), 'ready': ready}
        else:
            body = {'type': 'callback', 'label': callback_label(cb), 'ready': ready, 'handle': hid}
        if handle._cancelled:
            body['skipped'] = True
        self.emit(body)
        if body.get('label') == 'gather child done' and not handle._cancelled:
            self.gather_progress(cb)

    def gather_progress(self, cb):
        """A gather's child is counted: the future a task parks on is renamed `gather k/n`."""
        try:
            cells = dict(zip(cb.__code__.co_freevars, (c.cell_contents for c in cb.__closure__)))
            outer, done, total = cells['outer'], cells['nfinished'] + 1, cells['nfuts']
        except (AttributeError, KeyError, TypeError, ValueError):
            return
        fid = self.future_ids.get(outer)
        if fid is not None and outer is not None and not outer.done():
            self.emit({'type': 'future-label', 'future': fid, 'label': 'gather %d/%d' % (done, total)})

    def remove_from_mirror(self, item):
        for i, (kind, x) in enumerate(self.mirror):
            if x is item if kind == 'h' else x == item:
                del self.mirror[i]
                return i
        return -1

    def running_task(self):
        for kind, what in reversed(self.stepping):
            if kind == 'task':
                return what
        return None

    # -- task steps ----------------------------------------------------------------
    def task_step(self, task, exc):
        if self.hidden or task not in self.task_ids:
            return _orig_step(task, exc)
        tid = self.task_ids[task]
        throwing = None
        if exc is not None:
            throwing = one_line(exc)
        elif task._must_cancel:
            throwing = 'CancelledError'
        loop = task._loop
        self.emit({'type': 'step-begin', 'task': tid, 'throwing': throwing, 'ready': len(loop._ready)})
        saved = (self.actor, self.deferred, self.bad_yield)
        self.actor, self.deferred, self.bad_yield = tid, [], None
        self.stepping.append(('task', task))
        try:
            return _orig_step(task, exc)
        finally:
            self.stepping.pop()
            deferred, bad = self.deferred, self.bad_yield
            self.actor, self.deferred, self.bad_yield = saved
            self.step_end(task, tid, bad)
            for body in deferred:
                self.emit(body)

    def step_end(self, task, tid, bad):
        if task.done():
            if task.cancelled():
                self.emit({'type': 'step-end', 'task': tid, 'outcome': 'cancelled', 'error': 'CancelledError'})
                self.emit({'type': 'cancelled', 'task': tid})
            elif task._exception is not None:
                self.emit({'type': 'step-end', 'task': tid, 'outcome': 'threw', 'error': one_line(task._exception)})
            else:
                self.emit({'type': 'step-end', 'task': tid, 'outcome': 'returned', 'value': safe_repr(task._result)})
            return
        body = {'type': 'step-end', 'task': tid}
        waiter = task._fut_waiter
        if waiter is not None:
            body['outcome'] = 'parked'
            body['on'] = self.future_label(waiter)
            body['future'] = self.future_id(waiter)
        elif bad is not None:
            body['outcome'] = 'bad-yield'
            body['value'] = bad.split(': ', 1)[1] if ': ' in bad else bad
        else:
            body['outcome'] = 'yielded'
            self.polled = True
        chain = await_chain(task._coro)
        if chain:
            body['where'] = chain[-1]
            body['chain'] = chain
        self.emit(body)

    def task_wakeup(self, task, future):
        if not self.hidden and task in self.task_ids:
            self.emit({'type': 'wake', 'task': self.task_ids[task], 'by': self.future_label(future),
                       'waker': None})
        return _orig_wakeup(task, future)

    # -- coroutines driven by hand -------------------------------------------------
    def is_interesting(self, code):
        hit = self.interesting.get(code)
        if hit is None:
            flags = code.co_flags
            hit = bool(flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE)) or (
                bool(flags & CO_GENERATOR) and code.co_name == '__await__')
            self.interesting[code] = hit
        return hit

    def is_driver(self, frame):
        """A frame that drives a coroutine by hand: plain user code (not a coroutine awaiting it, not asyncio)."""
        if frame is None:
            return True
        code = frame.f_code
        if self.is_interesting(code):
            return False
        fn = code.co_filename
        return not (fn.startswith(ASYNCIO_DIR) or fn == THIS_FILE)

    def hand_resume(self, frame, throwing):
        """An interesting frame resumed; True when it is a hand-driven step (then its end is traced)."""
        if self.hidden:
            return False
        if self.stepping and self.stepping[-1] == ('hand', frame):
            return True  # its own step, begun when a frame it awaits was closed from outside
        if self.hand_chain is not None:
            self.hand_chain_frames.add(frame)
        if not self.is_driver(frame.f_back):
            return False
        owner = self.chain_owner.get(frame)
        if owner is not None and frame not in self.hand_lanes:
            # A frame its lane awaits, resumed from outside: only close() does that (the GC
            # dropping an unfinished coroutine closes what it awaits first). The lane's step.
            frame, throwing = self.hand_frames.get(owner), throwing or 'GeneratorExit'
            if frame is None:
                return False
            self.begin_hand(frame, owner, throwing)
            return False
        lane = self.hand_lanes.get(frame)
        if lane is None:
            lane = spawn_hand(self, frame)
        self.begin_hand(frame, lane, throwing)
        return True

    def begin_hand(self, frame, lane, throwing):
        index = self.remove_from_mirror(lane)
        if index < 0:  # a step no one scheduled (a nested resume): schedule it, take it
            self.emit({'type': 'task-scheduled', 'task': lane, 'reason': 'yield'})
            index = len(self.mirror)
        pick = self.pending_pick
        self.pending_pick = None
        drawn = pick is not None and pick[0] == lane
        if index != 0 or drawn:
            # stamped with the tick before the one it starts, as the TS loop does
            # draw: the place in the list of what random.choice drew, as the TS managed run says it
            self.emit({'type': 'pick', 'task': lane, 'label': self.lane_name(frame), 'index': index,
                       'candidates': pick[1] if drawn else len(self.mirror) + 1, 'draw': pick[2] if drawn else None})
        if not self.stepping:
            self.before_tick()
        back = frame.f_back
        body = {'type': 'step-begin', 'task': lane, 'throwing': throwing, 'ready': len(self.mirror)}
        if back is not None:
            body['driver'] = location(back)
        self.emit(body)
        self.stepping.append(('hand', frame))
        self.hand_saved.append((self.actor, self.hand_chain, self.hand_chain_frames))
        self.actor = lane
        self.hand_chain = []
        self.hand_chain_frames = set()

    def lane_name(self, frame):
        code = frame.f_code
        return code.co_qualname if code.co_name == '__await__' else code.co_name

    def hand_yield(self, frame, value):
        if self.hand_chain is not None:
            self.hand_chain.append(frame)
        if not self.stepping or self.stepping[-1] != ('hand', frame):
            return
        lane = self.hand_lanes[frame]
        for f in self.hand_chain:
            if f is not frame:
                self.chain_owner[f] = lane
        chain = [location(f) for f in reversed(self.hand_chain)]
        self.hand_done()
        body = {'type': 'step-end', 'task': lane, 'outcome': 'yielded'}
        if chain:
            body['where'] = chain[-1]
            body['chain'] = chain
        self.emit(body)
        self.emit({'type': 'task-scheduled', 'task': lane, 'reason': 'yield'})
        self.mirror.append(('c', lane))

    def hand_return(self, frame, value):
        if not self.stepping or self.stepping[-1] != ('hand', frame):
            return
        lane = self.hand_lanes.pop(frame)
        self.hand_frames.pop(lane, None)
        self.hand_done()
        self.emit({'type': 'step-end', 'task': lane, 'outcome': 'returned', 'value': safe_repr(value)})

    def hand_unwind(self, frame, exc):
        if not self.stepping or self.stepping[-1] != ('hand', frame):
            return
        lane = self.hand_lanes.pop(frame)
        self.hand_frames.pop(lane, None)
        self.hand_done()
        if isinstance(exc, GeneratorExit) or type(exc).__name__ == 'CancelledError':
            self.emit({'type': 'step-end', 'task': lane, 'outcome': 'cancelled', 'error': one_line(exc)})
            self.emit({'type': 'cancelled', 'task': lane})
        else:
            self.emit({'type': 'step-end', 'task': lane, 'outcome': 'threw', 'error': one_line(exc)})

    def hand_done(self):
        self.stepping.pop()
        self.actor, self.hand_chain, self.hand_chain_frames = self.hand_saved.pop()

    # -- prints --------------------------------------------------------------------
    def printed(self, text, stream):
        if threading.get_ident() != self.loop_thread:
            self.thread_prints.append((text, stream))  # deque.append: safe from any thread
            return
        if self.hidden:
            return
        self.emit(print_event(self.actor, text, stream))


def print_event(task, text, stream):
    body = {'type': 'print', 'task': task, 'text': text}
    if stream == 'stderr':
        body['stream'] = 'stderr'
    return body


_columns = {}


def location(frame):
    """Where a frame is, 1-based: the column of the instruction it stopped at (co_positions), cached."""
    code = frame.f_code
    key = (code, frame.f_lasti)
    column = _columns.get(key)
    if column is None:
        column = 1
        index = frame.f_lasti // 2
        for i, pos in enumerate(code.co_positions()):
            if i == index:
                if pos[2] is not None:
                    column = pos[2] + 1
                break
        _columns[key] = column
    return {'file': code.co_filename, 'line': frame.f_lineno or 0, 'column': column}


def await_chain(obj):
    """Every frame of a suspended coroutine's await chain, outermost first."""
    chain = []
    seen = 0
    while obj is not None and seen < 64:
        seen += 1
        frame = getattr(obj, 'cr_frame', None) or getattr(obj, 'gi_frame', None)
        if frame is None:
            break
        chain.append(location(frame))
        nxt = getattr(obj, 'cr_await', None)
        if nxt is None:
            nxt = getattr(obj, 'gi_yieldfrom', None)
        obj = nxt
    return chain


def coro_name(coro):
    code = getattr(coro, 'cr_code', None) or getattr(coro, 'gi_code', None)
    if code is None:
        return type(coro).__name__
    if code.co_name == '_wrap_awaitable':
        frame = getattr(coro, 'cr_frame', None) or getattr(coro, 'gi_frame', None)
        if frame is not None and 'awaitable' in frame.f_locals:
            return type(frame.f_locals['awaitable']).__name__
    return code.co_name


def callback_label(cb):
    func = getattr(cb, '__func__', cb)
    name = getattr(func, '__name__', None) or type(cb).__name__
    if name == '_run_until_complete_cb':
        return 'main done → stop the loop'
    if name == '_done_callback' and getattr(func, '__module__', '') == 'asyncio.tasks':
        return 'gather child done'
    if name == '_set_result_unless_cancelled':
        return 'wake the sleeper'
    return getattr(func, '__qualname__', name)


def timer_label(handle, tracer):
    label = tracer.future_labels.get(('timer', handle))
    if label is not None:
        return label
    return callback_label(handle._callback) + ' timer'


TRACER = None


# -- asyncio hooks ---------------------------------------------------------------------
class TracedReady(collections.deque):
    """A loop's ready queue that reports its pushes and pops (one pop, one tick)."""
    __slots__ = ('loop',)

    def append(self, handle):
        collections.deque.append(self, handle)
        TRACER.pushed(handle)

    def popleft(self):
        handle = collections.deque.popleft(self)
        TRACER.popped(handle, self.loop)
        return handle


class VirtualSelector:
    """The loop's selector on a virtual clock: a wait for a timer is a jump of the clock."""

    def __init__(self, real, loop):
        self._real = real
        self._loop = loop

    def __getattr__(self, name):
        return getattr(self._real, name)

    def real_work_pending(self):
        loop = self._loop
        own = getattr(loop, '_ssock', None)
        own_fd = own.fileno() if own is not None else -1
        for key in self._real.get_map().values():
            if key.fd != own_fd:
                return True
        if TRACER.executor_pending > 0:
            return True
        # a thread of the script's own (the default executor's idle workers wait for nothing)
        main = threading.main_thread()
        return any(th is not main and not th.name.startswith('asyncio_') for th in threading.enumerate())

    def select(self, timeout=None):
        t = TRACER
        if t.real_clock:
            return self._real.select(timeout)
        if timeout == 0:
            polled, t.polled = t.polled, False
            scheduled = self._loop._scheduled
            if polled and t.pass_cost > 0 and scheduled and not t.hidden:
                deadline = scheduled[0]._when
                if deadline > t.now:
                    before = t.now
                    t.now = min(deadline, before + t.pass_cost)
                    t.emit({'type': 'clock-advance', 'from': num(before), 'to': num(t.now)})
            return self._real.select(0)
        t.polled = False
        if self.real_work_pending():
            start = _time.monotonic()
            events = self._real.select(timeout)
            elapsed = _time.monotonic() - start
            if not t.hidden and elapsed > 0:
                before = t.now
                t.now = before + (elapsed if timeout is None else min(elapsed, timeout))
                t.emit({'type': 'clock-advance', 'from': num(before), 'to': num(t.now)})
            return events
        scheduled = self._loop._scheduled
        if timeout is None or not scheduled or never_due(scheduled[0]._when):
            if t.hidden:
                return self._real.select(0)
            t.emit({'type': 'loop-idle', 'reason': 'deadlock'})
            t.finish('deadlock', None, None)
        when = scheduled[0]._when
        if when > t.now:
            if not t.hidden:
                t.emit({'type': 'clock-advance', 'from': num(t.now), 'to': num(when)})
            t.now = when
        return self._real.select(0)


def num(x):
    return int(x) if x == int(x) else x


def traced_loop_init(self, *args, **kwargs):
    _orig_loop_init(self, *args, **kwargs)
    ready = TracedReady()
    ready.loop = self
    self._ready = ready
    self._clock_resolution = 1e-9


def traced_time(self):
    t = TRACER
    if t.real_clock:
        t.now = _time.monotonic() - t.real_start
    return t.now


def traced_call_at(self, when, callback, *args, context=None):
    handle = _orig_call_at(self, when, callback, *args, context=context)
    t = TRACER
    if not t.hidden:
        hid = t.new_id()
        if not never_due(when):
            t.timers[handle] = hid
        label = callback_label(callback) + ' timer'
        if getattr(callback, '__name__', '') == '_set_result_unless_cancelled' and args:
            delay = sleep_delay()
            if delay is not None:
                label = 'sleep(%s)' % delay
                t.future_labels[args[0]] = label
                label += ' timer'
                t.future_labels[('timer', handle)] = label
        if not never_due(when):
            t.emit({'type': 'timer-set', 'timer': hid, 'deadline': num(when), 'label': label, 'task': t.actor})
    return handle


def never_due(when):
    """A deadline off the clock's nanosecond grid (sleep(math.inf), 1e300 s): it never
    comes (plain CPython waits forever), so it is not in the log (JSON has no Infinity)
    and the clock never jumps there, as the TypeScript loop does."""
    return not math.isfinite(when * 1e9)


def sleep_delay():
    frame = sys._getframe(2)
    for _ in range(4):
        if frame is None:
            return None
        if frame.f_code.co_name == 'sleep' and 'delay' in frame.f_locals:
            return safe_repr(frame.f_locals['delay'])
        frame = frame.f_back
    return None


def traced_timer_cancel(self):
    t = TRACER
    hid = t.timers.pop(self, None)
    was = self._cancelled
    _orig_timer_cancel(self)
    if hid is not None and not was and not t.hidden:
        t.emit({'type': 'handle-cancelled', 'handle': hid})


def traced_step(self, exc=None):
    return TRACER.task_step(self, exc)


def traced_wakeup(self, future):
    return TRACER.task_wakeup(self, future)


def traced_cancel(self, *args, **kwargs):
    t = TRACER
    if not t.hidden and not self.done() and self in t.task_ids:
        t.emit({'type': 'cancel-requested', 'task': t.task_ids[self], 'by': t.actor})
    return _orig_cancel(self, *args, **kwargs)


def traced_schedule_callbacks(self):
    t = TRACER
    saved = t.callbacks_of
    t.callbacks_of = self
    try:
        return _orig_schedule_callbacks(self)
    finally:
        t.callbacks_of = saved


class OrderedTasks(set):
    """all_tasks() in creation order: asyncio.run's cleanup iterates it (a set orders by address)."""

    def __iter__(self):
        ids = TRACER.task_ids
        return iter(sorted(set.__iter__(self), key=lambda task: (ids.get(task, 1 << 60), task.get_name())))


def traced_all_tasks(loop=None):
    return OrderedTasks(_orig_all_tasks(loop))


def traced_cancel_all(loop):
    _orig_cancel_all(loop)
    TRACER.hidden += 1  # what Runner.close does next is asyncio's own cleanup


def traced_runner_close(self):
    t = TRACER
    depth = t.hidden
    try:
        return _orig_runner_close(self)
    finally:
        t.hidden = depth


def traced_set_task_name(task, name):
    _orig_set_task_name(task, name)
    pending = TRACER.pending_spawn
    if pending is not None and pending[0] is task:
        pending[1][0]['name'] = task.get_name()


_pending_lock = threading.Lock()


def traced_run_in_executor(self, executor, func, *args):
    t = TRACER

    def work(*args):
        # counted off in the worker thread: a done-callback on the loop would be a tick of its own
        try:
            return func(*args)
        finally:
            with _pending_lock:
                t.executor_pending -= 1
    with _pending_lock:
        t.executor_pending += 1
    return _orig_run_in_executor(self, executor, work, *args)


def traced_run_until_complete(self, future):
    result = _orig_run_until_complete(self, future)
    if not TRACER.hidden:
        TRACER.last_result = (result,)
    return result


def install_asyncio(module):
    bind_asyncio(module)
    asyncio.tasks.Task = asyncio.Task = _PyTask
    _PyTask._Task__step = traced_step
    _PyTask._Task__wakeup = traced_wakeup
    _PyTask.cancel = traced_cancel
    _PyFuture._Future__schedule_callbacks = traced_schedule_callbacks
    be = asyncio.base_events.BaseEventLoop
    be.__init__ = traced_loop_init
    be.time = traced_time
    be.call_at = traced_call_at
    be.run_until_complete = traced_run_until_complete
    be.run_in_executor = traced_run_in_executor
    asyncio.events.TimerHandle.cancel = traced_timer_cancel
    asyncio.tasks.all_tasks = asyncio.all_tasks = traced_all_tasks
    asyncio.runners._cancel_all_tasks = traced_cancel_all
    asyncio.runners.Runner.close = traced_runner_close
    if _orig_set_task_name is not None:
        asyncio.tasks._set_task_name = traced_set_task_name
    import asyncio.selector_events as se
    orig_sel_init = se.BaseSelectorEventLoop.__init__

    def sel_init(self, selector=None):
        orig_sel_init(self, selector)
        self._selector = VirtualSelector(self._selector, self)
    se.BaseSelectorEventLoop.__init__ = sel_init


# -- frame hooks: coroutines driven by hand ---------------------------------------------
def install_monitoring(t):
    mon = sys.monitoring
    tool = mon.DEBUGGER_ID
    for candidate in (mon.DEBUGGER_ID, mon.PROFILER_ID, mon.OPTIMIZER_ID, 4):
        if mon.get_tool(candidate) is None:
            tool = candidate
            break
    mon.use_tool_id(tool, 'coroscope')
    E = mon.events
    DISABLE = mon.DISABLE
    getframe = sys._getframe
    interesting = t.is_interesting
    active = set()  # frames of hand-driven steps in progress

    def on_start(code, offset):
        if not interesting(code):
            return DISABLE
        frame = getframe(1)
        if t.hand_resume(frame, None):
            active.add(frame)

    def on_throw(code, offset, exc):
        if not interesting(code):
            return None
        frame = getframe(1)
        if t.hand_resume(frame, one_line(exc)):
            active.add(frame)

    def on_yield(code, offset, value):
        if not interesting(code):
            return DISABLE
        frame = getframe(1)
        t.hand_yield(frame, value)
        active.discard(frame)

    def on_return(code, offset, value):
        if not interesting(code):
            return DISABLE
        frame = getframe(1)
        if frame in active:
            active.discard(frame)
            t.hand_return(frame, value)

    def on_unwind(code, offset, exc):
        if not interesting(code):
            return None
        frame = getframe(1)
        if frame in active:
            active.discard(frame)
            t.hand_unwind(frame, exc)

    mon.register_callback(tool, E.PY_START, on_start)
    mon.register_callback(tool, E.PY_RESUME, on_start)
    mon.register_callback(tool, E.PY_THROW, on_throw)
    mon.register_callback(tool, E.PY_YIELD, on_yield)
    mon.register_callback(tool, E.PY_RETURN, on_return)
    mon.register_callback(tool, E.PY_UNWIND, on_unwind)
    mon.set_events(tool, E.PY_START | E.PY_RESUME | E.PY_THROW | E.PY_YIELD | E.PY_RETURN | E.PY_UNWIND)

    def stop():
        mon.set_events(tool, 0)
        mon.free_tool_id(tool)
    return stop


def install_settrace(t):
    """3.11: each resume of a frame is a 'call', each suspension a 'return'; the opcode at f_lasti tells a yield."""
    import dis
    YIELD_VALUE = dis.opmap['YIELD_VALUE']
    RETURN_VALUE = dis.opmap['RETURN_VALUE']
    interesting = t.is_interesting
    pending = {}  # frame -> the exception unwinding it

    def local(frame, event, arg):
        if event == 'return':
            code = frame.f_code.co_code
            op = code[frame.f_lasti] if 0 <= frame.f_lasti < len(code) else None
            raised = pending.pop(frame, None)
            exc = raised[0] if raised is not None else None
            if op == YIELD_VALUE and not (raised is not None and raised[1] == frame.f_lasti and arg is None):
                t.hand_yield(frame, arg)
            elif op == RETURN_VALUE or exc is None:
                t.hand_return(frame, arg)
            else:
                t.hand_unwind(frame, exc)
        elif event == 'exception':
            pending[frame] = (arg[1], frame.f_lasti)
        return local

    def global_trace(frame, event, arg):
        if event != 'call' or not interesting(frame.f_code):
            return None
        frame.f_trace_lines = False
        throwing = None
        if t.hand_resume(frame, throwing) or t.hand_chain is not None:
            return local
        return None

    sys.settrace(global_trace)
    threading.settrace(global_trace)

    def stop():
        sys.settrace(None)
    return stop


# -- prints ----------------------------------------------------------------------------
class ScriptOutput:
    """What the script's output streams share: written to (each line or chunk through the
    subclass's write, nothing held to flush), never a terminal."""

    def isatty(self):
        return False

    def writable(self):
        return True

    def readable(self):
        return False

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass


class LineWriter(ScriptOutput):
    """sys.stdout / sys.stderr for the script: each line is a print event of the lane writing it."""

    def __init__(self, stream, real):
        self.stream = stream
        self.real = real
        self.partial = ''
        self.encoding = 'utf-8'
        self.errors = 'strict'
        self.buffer = BinaryLineWriter(self)

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError('write() argument must be str, not %s' % type(text).__name__)
        text = self.partial + text
        lines = text.split('\n')
        self.partial = lines.pop()
        for line in lines:
            TRACER.printed(line, self.stream)
        return len(text)

    def drain(self):
        if self.partial:
            TRACER.printed(self.partial, self.stream)
            self.partial = ''

    def fileno(self):
        return self.real.fileno()


class BinaryLineWriter(ScriptOutput):
    """sys.stdout.buffer for the script: bytes decoded as UTF-8 into its LineWriter (a
    character split over writes kept whole; bytes that are not UTF-8 as U+FFFD: the
    dashboard shows text), as a script writing bytes under plain CPython expects to work."""

    def __init__(self, text_writer):
        self.text_writer = text_writer
        self.decoder = codecs.getincrementaldecoder('utf-8')('replace')

    def write(self, data):
        data = bytes(memoryview(data))
        self.text_writer.write(self.decoder.decode(data))
        return len(data)

    def fileno(self):
        return self.text_writer.fileno()


# -- running the script ------------------------------------------------------------------
def parse_args(argv):
    opts = {'events': None, 'control': None, 'seed': 1, 'real_clock': False, 'pass_cost': None}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == '--events-fd':
            opts['events'] = int(argv[i + 1])
            i += 2
        elif a == '--control-fd':
            opts['control'] = int(argv[i + 1])
            i += 2
        elif a == '--seed':
            opts['seed'] = int(argv[i + 1])
            i += 2
        elif a == '--pass-cost':
            opts['pass_cost'] = float(argv[i + 1])
            i += 2
        elif a == '--real-clock':
            opts['real_clock'] = True
            i += 1
        elif a == '--':
            i += 1
            break
        else:
            break
    if i >= len(argv):
        _fail('usage: tracer.py [--events-fd N] [--control-fd N] [--seed N] [--pass-cost S] [--real-clock] SCRIPT [ARGS...]')
    return opts, argv[i], argv[i + 1:]


def finish(t, outcome, value, error):
    t.stdout_writer.drain()
    t.stderr_writer.drain()
    body = {'type': 'loop-end', 'outcome': outcome}
    if value is not None:
        body['value'] = value
    if error is not None:
        body['error'] = error
    t.emit(body)
    t.protocol('!end %d' % t.tick)
    os._exit(0)


Tracer.finish = finish


def main(argv):
    global TRACER
    if os.environ.get('PYTHONHASHSEED') != '0':
        env = dict(os.environ, PYTHONHASHSEED='0')
        os.execve(sys.executable, [sys.executable, THIS_FILE] + argv, env)
    opts, script, args = parse_args(argv)
    path = os.path.abspath(script)
    try:
        with open(path, 'rb') as f:
            source = f.read()
    except OSError as exc:
        _fail('coroscope: cannot read %s: %s' % (script, exc.strerror or exc))
    try:
        code = compile(source, path, 'exec', dont_inherit=True)
    except SyntaxError as exc:
        _fail('%s:%s: %s: %s' % (script, exc.lineno, type(exc).__name__, exc.msg))
    except ValueError as exc:
        _fail('%s: %s' % (script, one_line(exc)))

    out = opts['events'] if opts['events'] is not None else os.dup(1)
    control = None
    if opts['control'] is not None:
        os.set_inheritable(opts['control'], False)
        control = os.fdopen(opts['control'], 'r', encoding='ascii', errors='replace')
    os.set_inheritable(out, False)
    t = TRACER = Tracer(out, control, opts['seed'], opts['real_clock'], path)
    t.protocol('!version %d.%d.%d' % sys.version_info[:3])
    t.protocol('!executable ' + sys.executable)
    # Before the script runs (the first frame need not wait for it): its policy read from its code.
    t.emit({'type': 'loop-start', 'seed': opts['seed'], 'policy': driving_policy(code),
            'source': {'language': 'python', 'file': path, 'version': '%d.%d.%d' % sys.version_info[:3]}})

    t.pass_cost = opts['pass_cost'] if opts['pass_cost'] is not None else declared_pass_cost(source)
    if 'asyncio' in sys.modules:
        install_asyncio(sys.modules['asyncio'])
    else:
        sys.meta_path.insert(0, AsyncioHook())
    install_choice(t)
    t.stdout_writer = LineWriter('stdout', sys.stdout)
    t.stderr_writer = LineWriter('stderr', sys.stderr)
    sys.stdout = t.stdout_writer
    sys.stderr = t.stderr_writer

    module = types.ModuleType('__main__')
    module.__file__ = path
    module.__builtins__ = __builtins__
    module.__loader__ = None
    module.__spec__ = None
    sys.modules['__main__'] = module
    sys.argv = [script] + list(args)
    sys.path[0] = os.path.dirname(path)
    random.seed(opts['seed'])
    t.flush()  # the first frame need not wait for the script
    stop = install_monitoring(t) if USE_MONITORING else install_settrace(t)
    outcome, value, error = 'returned', None, None
    try:
        exec(code, module.__dict__)
    except SystemExit as exc:
        if exc.code not in (None, 0):
            outcome, error = 'threw', 'SystemExit: %s' % (exc.code,)
    except BaseException as exc:  # noqa: BLE001  the script's failure is the log's last line
        outcome, error = 'threw', one_line(exc)
    stop()
    t.actor = None
    t.stepping = []
    if outcome == 'returned':
        # the last loop's result, as asyncio.run returns it; a script without a loop returns None
        value = safe_repr(t.last_result[0]) if t.last_result is not None else 'None'
    t.finish(outcome, value, error)


def driving_policy(code):
    """What drives the program, as loop-start says it, read from its code before it runs (the
    first frame does not wait for the script): 'asyncio' when its code names asyncio (its
    event loop runs the coroutines); else the program drives its coroutines by hand (the
    seeds' coroutine managers): the function that sends into them, by name, as the
    TypeScript managed run names its manager, or 'manager' when only the module's code does."""
    codes = [code]
    for c in codes:  # the module's code, then the functions and classes defined in it
        codes.extend(k for k in c.co_consts if isinstance(k, types.CodeType))
    if any('asyncio' in c.co_names for c in codes):
        return 'asyncio'
    for c in codes:
        if {'send', 'next', '__next__', 'throw'} & set(c.co_names) and c.co_name != '<module>':
            return c.co_name
    return 'manager'


def declared_pass_cost(source):
    """A script may say what a busy pass costs on the virtual clock: `# coroscope: pass-cost 0.25`."""
    import re
    found = re.search(rb'^#\s*coroscope:\s*pass-cost\s+([0-9.]+)\s*$', source[:4096], re.M)
    return float(found.group(1)) if found else 0.001


def install_choice(t):
    """random.choice among coroutines: the manager's draw, shown as a pick of the lane it chose."""
    inst = random._inst
    orig_choice = type(inst).choice

    def choice(seq):
        item = orig_choice(inst, seq)
        if not t.hidden and isinstance(item, (types.CoroutineType, types.GeneratorType)):
            frame = getattr(item, 'cr_frame', None) or getattr(item, 'gi_frame', None)
            lane = t.hand_lanes.get(frame) if frame is not None else None
            if frame is not None and lane is None:
                for other in seq:  # lanes for every coroutine it chooses among, in the list's order
                    f = getattr(other, 'cr_frame', None) or getattr(other, 'gi_frame', None)
                    if f is not None and f not in t.hand_lanes:
                        spawn_hand(t, f)
                lane = t.hand_lanes.get(frame)
            if lane is not None:
                t.pending_pick = (lane, len(seq), next(i for i, other in enumerate(seq) if other is item))
        return item
    random.choice = choice


def spawn_hand(t, frame):
    lane = t.next_task
    t.next_task += 1
    t.hand_lanes[frame] = lane
    t.hand_frames[lane] = frame
    name = t.lane_name(frame)
    t.emit({'type': 'task-spawn', 'task': lane, 'name': name, 'coro': name, 'parent': t.actor, 'kind': 'coroutine'})
    t.emit({'type': 'task-scheduled', 'task': lane, 'reason': 'spawn'})
    t.mirror.append(('c', lane))
    return lane


if __name__ == '__main__':
    main(sys.argv[1:])
