import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancelledError, Event, GatheringFuture, getRunningLoop, Lock, RuntimeError, Waiter, createTask, gather, print, setEventLoop, sleep } from '../../src/index.js';
import { captured } from '../helpers.js';
import { taskKernel } from '../../src/core/internal.js';

/** Run `main` on a fresh captured loop that is also the current one (gather outside a task needs it). */
function runMain<T>(main: () => Generator<unknown, T, unknown>) {
  const { loop, lines } = captured();
  setEventLoop(loop);
  try {
    return { result: loop.runUntilComplete(main()), lines, loop };
  } finally {
    setEventLoop(null);
  }
}

test('sleep(0) is exactly one bare yield, then the result', () => {
  const it = sleep(0, 'r');
  assert.deepEqual(it.next(), { value: undefined, done: false });
  assert.deepEqual(it.next(), { value: 'r', done: true });
  const neg = sleep(-1);
  assert.deepEqual(neg.next(), { value: undefined, done: false });
});

test('sleep(d) parks on a timer and returns its result at time d', () => {
  const { result } = runMain(function* () {
    const r = yield* sleep(2, 'late');
    return [r, getRunningLoop().time()];
  });
  assert.deepEqual(result, ['late', 2]);
});

test('an error thrown into a task at sleep(0) propagates through yield*', () => {
  const { result } = runMain(function* () {
    const t = createTask(
      (function* () {
        yield* sleep(0);
        return 'not cancelled';
      })(),
    );
    yield;
    t.cancel();
    try {
      yield* t;
    } catch (error) {
      return error instanceof CancelledError;
    }
  });
  assert.equal(result, true);
});

test('gather returns results in argument order, whatever order they finish in', () => {
  function* after(delay: number, value: string) {
    yield* sleep(delay);
    print(value);
    return value;
  }
  const { result, lines } = runMain(function* () {
    return yield* gather(after(3, 'a'), after(1, 'b'), after(2, 'c'));
  });
  assert.deepEqual(result, ['a', 'b', 'c']);
  assert.deepEqual(lines, ['b', 'c', 'a']);
});

test('gather of nothing is already done with []', () => {
  const { result } = runMain(function* () {
    const g = gather();
    assert.equal(g.done(), true);
    return yield* g;
  });
  assert.deepEqual(result, []);
});

test('gather passes the first error to its awaiter while the siblings keep running', () => {
  function* fails(): Generator<unknown, never, unknown> {
    yield* sleep(1);
    throw new Error('first');
  }
  function* failsLater(): Generator<unknown, never, unknown> {
    yield* sleep(2);
    throw new Error('second');
  }
  function* slow() {
    yield* sleep(3);
    print('slow finished');
    return 'slow';
  }
  const { result, lines } = runMain(function* () {
    const s = createTask(slow());
    try {
      yield* gather(fails(), failsLater(), s);
    } catch (error) {
      print('caught', (error as Error).message);
    }
    return yield* s;
  });
  assert.equal(result, 'slow');
  assert.deepEqual(lines, ['caught first', 'slow finished']);
});

test('gather with returnExceptions collects errors as results', () => {
  const error = new Error('bad');
  function* fails(): Generator<unknown, never, unknown> {
    yield;
    throw error;
  }
  function* ok() {
    return 1;
  }
  const { result } = runMain(function* () {
    return yield* gather(ok(), fails(), { returnExceptions: true });
  });
  assert.deepEqual(result, [1, error]);
});

test('gather with a duplicate argument runs it once and repeats its result', () => {
  let runs = 0;
  function* once() {
    runs++;
    yield;
    return runs;
  }
  const { result } = runMain(function* () {
    const c = once();
    const t = createTask(once());
    const g = gather(c, t, c, t);
    assert.equal(g.label, 'gather 0/2');
    return yield* g;
  });
  assert.deepEqual(result, [2, 2, 2, 2]);
  assert.equal(runs, 2);
});

test('cancelling gather cancels the children; its awaiter gets CancelledError', () => {
  const { result, lines } = runMain(function* () {
    function* child(name: string) {
      try {
        yield* sleep(10);
      } finally {
        print(`${name} finally`);
      }
    }
    const g = gather(child('a'), child('b'));
    yield;
    assert.equal(g.cancel(), true);
    try {
      yield* g;
    } catch (error) {
      assert.ok(error instanceof CancelledError);
    }
    // As in CPython 3.11: the children are cancelled; the gather itself failed with CancelledError.
    return [g.children.map((c) => c.cancelled()), g.cancelled(), g.exception() instanceof CancelledError];
  });
  assert.deepEqual(result, [[true, true], false, true]);
  assert.deepEqual(lines, ['a finally', 'b finally']);
});

test('cancelling gather with returnExceptions still propagates the cancellation, as a CancelledError', () => {
  const { result } = runMain(function* () {
    const g = gather(sleep(10), sleep(20), { returnExceptions: true });
    yield;
    g.cancel();
    try {
      yield* g;
      return 'no error';
    } catch (error) {
      // CPython 3.11 sets CancelledError as the gather's exception: cancelled() stays False.
      return [error instanceof CancelledError, g.cancelled(), g.exception() instanceof CancelledError];
    }
  });
  assert.deepEqual(result, [true, false, true]);
});

test('cancelling a task parked on gather cancels the gathered children', () => {
  const { result, lines } = runMain(function* () {
    function* child() {
      try {
        yield* sleep(10);
      } finally {
        print('child finally');
      }
    }
    function* parent() {
      yield* gather(child(), child());
    }
    const p = createTask(parent());
    yield;
    yield;
    p.cancel();
    try {
      yield* p;
    } catch (error) {
      return error instanceof CancelledError;
    }
  });
  assert.equal(result, true);
  assert.deepEqual(lines, ['child finally', 'child finally']);
});

test('cancelling a gather whose children are all done returns false', () => {
  const { result } = runMain(function* () {
    const g = gather(sleep(0));
    yield* g;
    return g.cancel();
  });
  assert.equal(result, false);
});

test('a gather child cancelled on its own fails the gather with CancelledError', () => {
  const { result } = runMain(function* () {
    const t = createTask(sleep(5));
    const other = createTask(sleep(1, 'other'));
    const g = gather(t, other);
    yield;
    t.cancel();
    try {
      yield* g;
    } catch (error) {
      return [error instanceof CancelledError, g.cancelled(), other.done()];
    }
  });
  assert.deepEqual(result, [true, false, false]);
});

test('a GatheringFuture counts its children in its label', () => {
  const { result } = runMain(function* () {
    const g = gather(sleep(1), sleep(2));
    assert.ok(g instanceof GatheringFuture);
    yield* sleep(1.5);
    const mid = g.label;
    yield* g;
    return [mid, g.label];
  });
  assert.deepEqual(result, ['gather 1/2', 'gather 2/2']);
});

test('Waiter polls: the waiting task burns a step each pass until done is set', () => {
  const waiter = new Waiter();
  let polls = 0;
  const { result } = runMain(function* () {
    const w = createTask(waiter);
    for (let i = 0; i < 5; i++) yield;
    polls = taskKernel.steps(w);
    waiter.done = true;
    yield* w;
    return w.done();
  });
  assert.equal(result, true);
  assert.equal(polls, 5);
});

test('Event: every waiter wakes, in the order it waited; clear() makes wait() park again', () => {
  const event = new Event();
  const { lines } = runMain(function* () {
    function* waiterTask(name: string) {
      yield* event.wait();
      print(`${name} woke`);
    }
    const tasks = ['a', 'b', 'c'].map((n) => createTask(waiterTask(n)));
    yield;
    assert.equal(event.isSet(), false);
    event.set();
    event.set(); // a second set changes nothing
    print('set');
    yield* gather(...tasks);
    // Set: wait() returns at once, without yielding.
    const it = event.wait();
    assert.deepEqual(it.next(), { value: true, done: true });
    event.clear();
    const late = createTask(waiterTask('late'));
    yield;
    yield;
    assert.equal(late.done(), false);
    event.set();
    yield* late;
  });
  assert.deepEqual(lines, ['set', 'a woke', 'b woke', 'c woke', 'late woke']);
});

test('Event: a cancelled waiter leaves the others waiting', () => {
  const event = new Event();
  const { lines } = runMain(function* () {
    function* waiterTask(name: string) {
      try {
        yield* event.wait();
        print(`${name} woke`);
      } catch (error) {
        print(`${name} cancelled`);
        throw error;
      }
    }
    const a = createTask(waiterTask('a'));
    const b = createTask(waiterTask('b'));
    yield;
    a.cancel();
    yield;
    yield;
    event.set();
    yield* gather(a, b, { returnExceptions: true });
  });
  assert.deepEqual(lines, ['a cancelled', 'b woke']);
});

test('Lock: acquire does not yield when the lock is free', () => {
  const lock = new Lock();
  const it = lock.acquire();
  assert.deepEqual(it.next(), { value: true, done: true });
  assert.equal(lock.locked(), true);
  lock.release();
  assert.equal(lock.locked(), false);
});

test('Lock: release when not held throws RuntimeError', () => {
  assert.throws(() => new Lock().release(), (e) => e instanceof RuntimeError && e.message === 'Lock is not acquired.');
});

test('Lock: contention is served first come, first served', () => {
  const lock = new Lock();
  const { lines } = runMain(function* () {
    function* worker(name: string) {
      yield* lock.acquire();
      try {
        print(`${name} in`);
        yield* sleep(1);
        print(`${name} out`);
      } finally {
        lock.release();
      }
    }
    yield* gather(worker('a'), worker('b'), worker('c'));
  });
  assert.deepEqual(lines, ['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
});

test('Lock: a cancelled waiter that had been woken passes the lock to the next', () => {
  const lock = new Lock();
  const { lines, result } = runMain(function* () {
    yield* lock.acquire();
    function* worker(name: string) {
      try {
        yield* lock.acquire();
      } catch (error) {
        print(`${name} cancelled`);
        throw error;
      }
      print(`${name} has it`);
      lock.release();
    }
    const b = createTask(worker('b'));
    const c = createTask(worker('c'));
    yield;
    lock.release(); // wakes b's future…
    b.cancel(); // …but b is cancelled before it runs: c must not be stranded
    const outcome = yield* gather(b, c, { returnExceptions: true });
    return outcome.map((r) => (r instanceof CancelledError ? 'cancelled' : r));
  });
  assert.deepEqual(lines, ['b cancelled', 'c has it']);
  assert.deepEqual(result, ['cancelled', undefined]);
  assert.equal(lock.locked(), false);
});

test('gather registers each child as it creates it: a done child is queued before later tasks start', () => {
  const { result } = runMain(function* () {
    const loop = getRunningLoop();
    const done = loop.createFuture<number>();
    done.setResult(1);
    yield;
    const g = gather(done, sleep(0));
    // CPython's ready queue here: [gather's _done_callback, the new task's step].
    const queued = loop.readyItems().map((i) => i.label);
    yield* g;
    return queued;
  });
  assert.deepEqual(result, ['gather child done', 'Task-2']);
});

test('gather uses the loop of a future argument, not the current loop', () => {
  const { loop } = captured();
  const fut = loop.createFuture<string>();
  const g = gather(fut);
  assert.equal(g.loop, loop);
  fut.setResult('x');
  assert.deepEqual(loop.runUntilComplete(g), ['x']);
});
