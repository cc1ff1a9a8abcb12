/**
 * Engine internals are not public API: from the package entry (src/index.ts, what
 * `import … from 'coroscope'` gives), Task, Future and Loop carry asyncio's surface only.
 * Checked at type level (each `@ts-expect-error` below fails the build if the access
 * type-checks) and at run time (no name, no value, nowhere on the prototype chain).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Barrier, BoundedSemaphore, Condition, Event, Future, Handle, Lock, Loop, Queue, Task, TaskGroup, TimerHandle, Timeout, createTask, gather, run, sleep } from '../../src/index.js';

const FUTURE_INTERNALS = [
  'state',
  'blocking',
  'settledBy',
  'logId',
  'retrieved',
  'value',
  'error',
  'failed',
  'callbacks',
  'settle',
  'markCancelled',
  'markCancelledBy',
  'makeCancelledError',
  'cancelledWith',
  'cancelMessage',
  'cancelledExc',
] as const;
const TASK_INTERNALS = [
  ...FUTURE_INTERNALS,
  'finishWith',
  'failWith',
  'waitingOn',
  'wokenBy',
  'pendingError',
  'mustCancel',
  'cancelRequests',
  'pendingCancelMessage',
  'cancelMessageForStep',
  'steps',
] as const;
const LOOP_INTERNALS = [
  'current',
  'actor',
  'scheduleDoneCallback',
  'handleCancelled',
  'futureRelabelled',
  'reportCancelRequested',
  'ready',
  'timers',
  'policy',
  'reporting',
  'passLeft',
  'stepping',
  'stepTask',
  'wakeTask',
  'taskRaised',
  'taskReturned',
  'taskYielded',
  'emit',
  'report',
] as const;

/** Every property name on `value` and its prototype chain (up to Object.prototype). */
function allNames(value: object): Set<string> {
  const names = new Set<string>();
  for (let o: object | null = value; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) names.add(name);
  }
  return names;
}

function assertHidden(value: object, members: readonly string[], what: string): void {
  const names = allNames(value);
  for (const name of members) {
    assert.equal(name in value, false, `${what}: '${name}' in it`);
    assert.equal((value as Record<string, unknown>)[name], undefined, `${what}.${name} is reachable`);
    assert.equal(names.has(name), false, `${what}: '${name}' is a property name on its prototype chain`);
  }
}

test('a task, a future and a loop expose none of the engine internals at run time', () => {
  let seen: { task: Task<unknown>; future: Future<number>; loop: Loop } | null = null;
  run(
    (function* () {
      const task = createTask(sleep(1));
      const future = task.loop.createFuture<number>();
      seen = { task, future, loop: task.loop };
      yield* sleep(0);
      // Parked, with a waker and a pending future: the internals are all set now.
      assertHidden(task, TASK_INTERNALS, 'a parked task');
      assertHidden(future, FUTURE_INTERNALS, 'a pending future');
      assertHidden(task.loop, LOOP_INTERNALS, 'the running loop');
      task.cancel();
      future.setResult(1);
    })(),
  );
  const { task, future, loop } = seen!;
  assertHidden(task, TASK_INTERNALS, 'a cancelled task');
  assertHidden(future, FUTURE_INTERNALS, 'a settled future');
  assertHidden(loop, LOOP_INTERNALS, 'a closed loop');
  assert.equal((task as unknown as { finishWith?: unknown }).finishWith, undefined);
});

test('a demo cannot settle a task past its finally: only the kernel settles it', () => {
  const log: string[] = [];
  run(
    (function* () {
      const t = createTask(
        (function* () {
          try {
            yield* sleep(1);
          } finally {
            log.push('finally');
          }
          return 'real';
        })(),
      );
      yield* sleep(0);
      assert.throws(() => t.setResult('forged'), /Task does not support set_result operation/);
      log.push(String(yield* t));
    })(),
  );
  assert.deepEqual(log, ['finally', 'real']);
});

test('the locks, queues, gather, TaskGroup and Timeout keep their state private too', () => {
  run(
    (function* () {
      const lock = new Lock();
      yield* lock.acquire();
      assertHidden(lock, ['waiters', 'held', 'wakeUpFirst'], 'a Lock');
      assertHidden(new Event(), ['value', 'waiters', 'label'], 'an Event');
      assertHidden(new Condition(), ['waiters', 'label'], 'a Condition');
      assertHidden(new BoundedSemaphore(2), ['value', 'bound', 'waiters', 'wakeUpNext'], 'a BoundedSemaphore');
      assertHidden(new Barrier(2), ['state', 'count', 'cond', 'block', 'exit'], 'a Barrier');
      assertHidden(new Queue(), ['getters', 'putters', 'unfinished', 'finished', 'head'], 'a Queue');
      const g = gather(sleep(0));
      assertHidden(g, ['finishedCount', 'cancelRequested', 'distinct', 'returnExceptions'], 'a gather');
      yield* g;
      assertHidden(new TaskGroup(), ['tasks', 'errors', 'parentTask', 'aborting', 'entered', 'exiting', 'loop', 'abort', 'onTaskDone'], 'a TaskGroup');
      assertHidden(new Timeout(null), ['state', 'handle', 'task', 'deadline', 'onTimeout', 'cancelling'], 'a Timeout');
      lock.release();
    })(),
  );
});

test('a handle shows asyncio\'s surface only: cancel(), cancelled(), when(); what it runs and for whom stay private, its deadline read-only', () => {
  const loop = new Loop();
  const ran: string[] = [];
  const soon = loop.callSoon(() => ran.push('soon'));
  const later = loop.callLater(1, () => ran.push('later'));
  for (const [handle, what] of [[soon, 'a Handle'], [later, 'a TimerHandle']] as const) {
    assertHidden(handle, ['fn', 'arg', 'actor', 'spread', 'ran', 'loop'], what);
    assert.equal(typeof handle.cancelled, 'function', `${what}.cancelled() is asyncio's method`);
    assert.equal(handle.cancelled(), false);
  }
  // Before: `later.deadline = 0` reordered the heap behind the log's back, `soon.cancelled = true` skipped it unlogged.
  assert.throws(() => ((later as unknown as { deadline: number }).deadline = 0), TypeError);
  assert.throws(() => ((soon as unknown as { id: number }).id = 99), TypeError);
  assert.equal(later.when(), 1);
  later.cancel();
  assert.equal(later.cancelled(), true);
  loop.runUntilComplete(sleep(2));
  assert.deepEqual(ran, ['soon']);
});

/** Type level: the package's public types refuse each internal (the build fails if one type-checks). */
export function typeLevel(task: Task<string>, future: Future<number>, loop: Loop, handle: Handle, timer: TimerHandle): void {
  // @ts-expect-error engine-only
  void handle.fn;
  // @ts-expect-error engine-only
  void handle.actor;
  // @ts-expect-error engine-only
  void handle.ran;
  // @ts-expect-error read-only
  timer.deadline = 0;
  // @ts-expect-error engine-only
  task.finishWith('forged');
  // @ts-expect-error engine-only
  task.failWith(new Error('forged'));
  // @ts-expect-error engine-only
  task.markCancelled();
  // @ts-expect-error engine-only
  task.markCancelledBy(null);
  // @ts-expect-error engine-only
  void task.waitingOn;
  // @ts-expect-error engine-only
  void task.wokenBy;
  // @ts-expect-error engine-only
  void task.pendingError;
  // @ts-expect-error engine-only
  void task.mustCancel;
  // @ts-expect-error engine-only
  void task.cancelRequests;
  // @ts-expect-error engine-only
  void task.cancelMessageForStep;
  // @ts-expect-error engine-only
  void task.steps;
  // @ts-expect-error engine-only
  void future.state;
  // @ts-expect-error engine-only
  void future.blocking;
  // @ts-expect-error engine-only
  void future.settledBy;
  // @ts-expect-error engine-only
  void future.logId;
  // @ts-expect-error engine-only
  void future.retrieved;
  // @ts-expect-error engine-only
  future.makeCancelledError();
  // @ts-expect-error engine-only
  void future.cancelledWith;
  // @ts-expect-error engine-only
  void loop.current;
  // @ts-expect-error engine-only
  void loop.actor;
  // @ts-expect-error engine-only
  loop.scheduleDoneCallback(future, () => {});
  // @ts-expect-error engine-only
  loop.handleCancelled(null);
  // @ts-expect-error engine-only
  loop.futureRelabelled(future);
  // @ts-expect-error engine-only
  loop.reportCancelRequested(task);
  // @ts-expect-error engine-only
  loop.stepTask(task, undefined);
  // @ts-expect-error engine-only
  void loop.ready;
}
