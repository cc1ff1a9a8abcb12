import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancelledError, Task, createTask, currentTask, labelled, print, sleep } from '../../src/index.js';
import { captured } from '../helpers.js';
import { futureKernel, taskKernel } from '../../src/core/internal.js';

test('a task is named Task-N by default, or as asked, and its result is the return value', () => {
  const { loop } = captured();
  function* body() {
    yield;
    return 'value';
  }
  const a = loop.createTask(body());
  const b = loop.createTask(body(), 'worker');
  assert.equal(a.name, `Task-${a.id}`);
  assert.equal(b.name, 'worker');
  assert.equal(b.id, a.id + 1);
  assert.equal(loop.runUntilComplete(b), 'value');
  assert.equal(a.result(), 'value');
  assert.equal(taskKernel.steps(a), 2);
});

test('tasks start in creation order, on the next pass, not inline', () => {
  const { loop, lines } = captured();
  function* child(name: string) {
    print(`${name} starts`);
  }
  function* main() {
    createTask(child('a'));
    createTask(child('b'));
    print('main continues');
    yield;
    print('main resumes');
  }
  loop.runUntilComplete(main());
  assert.deepEqual(lines, ['main continues', 'a starts', 'b starts', 'main resumes']);
});

test('awaiting a finished task returns at once; awaiting an unfinished one parks until it ends', () => {
  const { loop, lines } = captured();
  function* quick() {
    return 1;
  }
  function* slow() {
    yield* sleep(1);
    return 2;
  }
  function* main() {
    const q = createTask(quick());
    const s = createTask(slow());
    yield;
    assert.equal(q.done(), true);
    const before = loop.tick;
    const a = yield* q;
    assert.equal(loop.tick, before, 'no step was spent on a finished task');
    print('got', a);
    const b = yield* s;
    print('got', b, 'at', loop.time());
  }
  loop.runUntilComplete(main());
  assert.deepEqual(lines, ['got 1', 'got 2 at 1']);
});

test('an error escaping a task fails it and reaches its awaiter', () => {
  const { loop } = captured();
  function* failing(): Generator<unknown, never, unknown> {
    yield;
    throw new RangeError('out');
  }
  function* main() {
    const t = createTask(failing());
    try {
      yield* t;
    } catch (error) {
      return [t.hasFailed(), (error as Error).message];
    }
  }
  assert.deepEqual(loop.runUntilComplete(main()), [true, 'out']);
});

test('cancel throws CancelledError at the next step and finally blocks run', () => {
  const { loop, lines } = captured();
  function* worker() {
    try {
      for (;;) {
        print('tick');
        yield;
      }
    } finally {
      print('finally');
    }
  }
  function* main() {
    const t = createTask(worker());
    yield;
    assert.equal(t.cancel(), true);
    assert.equal(t.cancelled(), false, 'only requested');
    try {
      yield* t;
    } catch (error) {
      assert.ok(error instanceof CancelledError);
    }
    return t.cancelled();
  }
  assert.equal(loop.runUntilComplete(main()), true);
  assert.deepEqual(lines, ['tick', 'finally']);
});

test('cancel of a task parked on a future cancels that future', () => {
  const { loop } = captured();
  const fut = loop.createFuture('parked on');
  function* parked() {
    yield* fut;
  }
  function* main() {
    const t = createTask(parked());
    yield;
    assert.equal(taskKernel.waitingOn(t), fut);
    t.cancel('stop it');
    assert.equal(fut.cancelled(), true);
    try {
      yield* t;
    } catch (error) {
      return (error as Error).message;
    }
  }
  assert.equal(loop.runUntilComplete(main()), 'stop it');
});

test('cancel of a sleeping task cancels its timer: the clock does not go to the deadline', () => {
  const { loop } = captured();
  function* main() {
    const t = createTask(sleep(100));
    yield;
    t.cancel();
    yield;
    yield;
    return t.cancelled();
  }
  assert.equal(loop.runUntilComplete(main()), true);
  // Only the pass cost of the passes run while the timer was pending (see LoopOptions.passCost).
  assert.ok(loop.time() < 0.01, `time ${loop.time()}`);
  assert.deepEqual(loop.pendingTimers(), []);
});

test('Task.cancel on a done task returns false; the result stays', () => {
  const { loop } = captured();
  const t = loop.createTask(sleep(0, 'r'));
  loop.runUntilComplete(t);
  assert.equal(t.cancel(), false);
  assert.equal(t.result(), 'r');
});

test('a task cancelled before its first step never runs its body', () => {
  const { loop, lines } = captured();
  function* body() {
    print('body ran');
  }
  const t = loop.createTask(body());
  t.cancel();
  assert.throws(() => loop.runUntilComplete(t), CancelledError);
  assert.equal(t.cancelled(), true);
  assert.deepEqual(lines, []);
});

test('a task that cancels itself and then returns ends cancelled, as in asyncio', () => {
  const { loop } = captured();
  function* body() {
    currentTask()!.cancel();
    return 5;
  }
  const t = loop.createTask(body());
  assert.throws(() => loop.runUntilComplete(t), CancelledError);
  assert.equal(t.cancelled(), true);
});

test('a task that swallows CancelledError finishes with its value', () => {
  const { loop } = captured();
  function* swallow() {
    try {
      yield* sleep(1);
    } catch (error) {
      assert.ok(error instanceof CancelledError);
      return 'swallowed';
    }
  }
  function* main() {
    const t = createTask(swallow());
    yield;
    t.cancel();
    return [yield* t, t.cancelled()];
  }
  assert.deepEqual(loop.runUntilComplete(main()), ['swallowed', false]);
});

test('cancel requested while the task is woken but not yet resumed throws CancelledError instead', () => {
  const { loop } = captured();
  const fut = loop.createFuture<number>();
  function* waiter() {
    return yield* fut;
  }
  const t = loop.createTask(waiter());
  loop.step(); // t parks on fut
  fut.setResult(1); // t's wake-up is queued
  assert.equal(t.cancel(), true);
  assert.throws(() => loop.runUntilComplete(t), CancelledError);
});

test('cancel while the task runs: the future it then parks on is cancelled at once', () => {
  const { loop } = captured();
  const fut = loop.createFuture('next');
  function* body() {
    currentTask()!.cancel();
    yield* fut;
  }
  const t = loop.createTask(body());
  assert.throws(() => loop.runUntilComplete(t), CancelledError);
  assert.equal(fut.cancelled(), true);
});

test('describe() and displayName say what the views show', () => {
  const { loop } = captured();
  const t = new Task(loop, (function* () {})(), 9, 'Task-9', 'tum', null);
  assert.equal(t.displayName, 'tum');
  assert.equal(t.describe(), 'Task tum pending');
  t.name = 'named';
  assert.equal(t.displayName, 'named');
});

test('only its coroutine settles a task: setResult and setException are refused, as in asyncio', () => {
  const { loop } = captured();
  function* body() {
    yield;
    return 'own result';
  }
  const t = loop.createTask(body());
  assert.throws(() => t.setResult('forced'), { name: 'RuntimeError', message: 'Task does not support set_result operation' });
  assert.throws(() => t.setException(new Error('x')), { name: 'RuntimeError', message: 'Task does not support set_exception operation' });
  assert.equal(loop.runUntilComplete(t), 'own result');
});

test("the CancelledError that ended a task goes to its first awaiter; later ones get CancelledError(), as in CPython 3.11", () => {
  const { loop } = captured();
  function* main() {
    const t = createTask(sleep(5));
    yield;
    t.cancel('stop now');
    const seen: string[] = [];
    for (let i = 0; i < 2; i++) {
      try {
        yield* t;
      } catch (error) {
        seen.push(`${(error as CancelledError).args.length}:${(error as Error).message}`);
      }
    }
    return [seen, futureKernel.cancelMessage(t)];
  }
  assert.deepEqual(loop.runUntilComplete(main()), [['1:stop now', '0:'], undefined]);
});

test('pendingTimers(limit) lists the earliest timers in firing order; pendingTimerCount counts the live ones', () => {
  const { loop } = captured();
  const handles = [5, 1, 3, 1, 4, 2].map((delay, i) => loop.callLater(delay, labelled(`t${i}`, () => {})));
  handles[4]!.cancel();
  assert.deepEqual(loop.pendingTimers(3).map((t) => t.label), ['t1', 't3', 't5']);
  assert.deepEqual(loop.pendingTimers().map((t) => t.label), ['t1', 't3', 't5', 't2', 't0']);
  assert.equal(loop.pendingTimerCount(), 5);
});
