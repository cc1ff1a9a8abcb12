/**
 * The asyncio toolbox beyond the parity pairs (test/parity has their CPython twins):
 * what the views see (parked-on labels, the log of a TaskGroup), errors on stderr as
 * CPython writes them, and misuse errors.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Barrier,
  Condition,
  Lock,
  Loop,
  PriorityQueue,
  Queue,
  RuntimeError,
  Semaphore,
  TaskGroup,
  asyncWith,
  createTask,
  currentTask,
  gather,
  getRunningLoop,
  run,
  sleep,
  timeout,
  timeoutAt,
  type LoopEvent,
} from '../../src/index.js';
import { onGrid } from '../../src/core/clock.js';

/** The `on` of every step-end 'parked' of a program. */
function parkedOn(main: () => Generator<unknown, unknown, unknown>): string[] {
  const loop = new Loop({ write: () => {} });
  const on: string[] = [];
  loop.events$.subscribe((e: LoopEvent) => {
    if (e.type === 'step-end' && e.outcome === 'parked') on.push(e.on!);
  });
  loop.runUntilComplete(main(), { cleanup: true });
  return on;
}

test('a task parked in a primitive shows what it waits on: Queue.get, Queue.put, Semaphore.acquire, Condition.wait, Barrier.wait, TaskGroup', () => {
  const on = parkedOn(function* () {
    const q = new Queue<number>(1);
    const getter = createTask(q.get());
    yield* sleep(0);
    q.putNowait(1);
    yield* getter;
    q.putNowait(2);
    const putter = createTask(q.put(3));
    yield* sleep(0);
    q.getNowait();
    yield* putter;
    const sem = new Semaphore(0);
    const acquirer = createTask(sem.acquire());
    yield* sleep(0);
    sem.release();
    yield* acquirer;
    const cond = new Condition();
    const waiter = createTask(asyncWith(cond, () => cond.wait()));
    yield* sleep(0);
    yield* asyncWith(cond, function* () {
      cond.notifyAll();
    });
    yield* waiter;
    const barrier = new Barrier(2);
    yield* asyncWith(new TaskGroup(), function* (tg) {
      tg.createTask(barrier.wait());
      tg.createTask(barrier.wait());
    });
  });
  for (const label of ['Queue.get', 'Queue.put', 'Semaphore.acquire', 'Condition.wait', 'Barrier.wait', 'TaskGroup']) {
    assert.ok(on.includes(label), `${label} in ${on.join(', ')}`);
  }
});

/** What a function writes on stderr. */
function stderrOf(fn: () => void): string {
  const write = process.stderr.write;
  let text = '';
  process.stderr.write = ((chunk: string) => {
    text += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    fn();
  } finally {
    process.stderr.write = write;
  }
  return text;
}

test('a failed task nobody awaited is told on stderr at the end of run(), as CPython logs it; an awaited one is not', () => {
  const text = stderrOf(() =>
    run(
      (function* () {
        createTask(
          (function* boom() {
            throw new Error('lost');
          })(),
          'orphan',
        );
        const seen = createTask(
          (function* () {
            throw new Error('seen');
          })(),
        );
        yield* sleep(0);
        try {
          yield* seen;
        } catch {
          // retrieved
        }
      })(),
      { write: () => {} },
    ),
  );
  assert.match(text, /^Task exception was never retrieved\nfuture: <Task finished name='orphan' exception=Error\('lost'\)>\n$/);
});

test("a leftover that fails while asyncio.run's cleanup cancels it is reported on stderr", () => {
  const text = stderrOf(() =>
    run(
      (function* () {
        createTask(
          (function* () {
            try {
              yield* sleep(10);
            } finally {
              // eslint-disable-next-line no-unsafe-finally
              throw new Error('failed while cancelled');
            }
          })(),
          'stubborn',
        );
        yield* sleep(0);
      })(),
      { write: () => {} },
    ),
  );
  assert.match(text, /unhandled exception during asyncio\.run\(\) shutdown\ntask: <Task finished name='stubborn' exception=Error\('failed while cancelled'\)>/);
  assert.doesNotMatch(text, /never retrieved/);
});

test('currentTask() outside a running loop raises, as asyncio.current_task() does', () => {
  assert.throws(() => currentTask(), RuntimeError);
});

test('Lock.release() of a free lock, Condition.wait() without the lock, Timeout misuse: the errors asyncio raises', () => {
  assert.throws(() => new Lock().release(), /Lock is not acquired/);
  run(
    (function* () {
      assert.throws(() => new Condition().wait().next(), /cannot wait on un-acquired lock/);
      assert.throws(() => timeout(1).reschedule(2), /Timeout has not been entered/);
      const t = timeoutAt(null);
      yield* asyncWith(t, function* () {});
      assert.throws(() => t.reschedule(1), /Cannot change state of finished Timeout/);
    })(),
  );
});

test("PriorityQueue orders as Python's heapq: tuples (arrays) item by item; mixed types are a TypeError", () => {
  const q = new PriorityQueue<unknown>();
  for (const item of [[2, 'b'], [1, 'z'], [1, 'a'], [0]]) q.putNowait(item);
  assert.deepEqual([q.getNowait(), q.getNowait(), q.getNowait(), q.getNowait()], [[0], [1, 'a'], [1, 'z'], [2, 'b']]);
  q.putNowait(1);
  assert.throws(() => q.putNowait('x'), /'<' not supported between instances of 'str' and 'int'/);
});

test('gather([...]) takes an array: 150 k children, past where a spread of arguments throws RangeError', () => {
  const n = 150_000;
  const results = run(
    (function* () {
      const loop = getRunningLoop();
      const futures = Array.from({ length: n }, (_, i) => {
        const f = loop.createFuture<number>();
        f.setResult(i);
        return f;
      });
      return yield* gather(futures);
    })(),
  );
  assert.equal(results.length, n);
  assert.equal(results[n - 1], n - 1);
});

test('the clock is on a nanosecond grid: 0.1 + 0.7 is the same instant as 0.8, so timers set earlier fire first', () => {
  assert.equal(onGrid(0.1 + 0.7), onGrid(0.8));
  const order: string[] = [];
  run(
    (function* () {
      yield* gather(
        (function* () {
          yield* sleep(0.8);
          order.push('one step');
        })(),
        (function* () {
          yield* sleep(0.1);
          yield* sleep(0.7);
          order.push('two steps');
        })(),
      );
    })(),
  );
  assert.deepEqual(order, ['one step', 'two steps']);
});
