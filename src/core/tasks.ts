/**
 * asyncio's task toolbox (asyncio/tasks.py, timeouts.py, taskgroups.py, CPython 3.11):
 * waitFor, wait, asCompleted, shield, timeout/timeoutAt, TaskGroup, allTasks, and
 * `asyncWith`, which is how Python's `async with` is written on generators:
 *
 *   async with asyncio.timeout(1):        yield* asyncWith(timeout(1), function* () {
 *       await work()                          yield* work();
 *                                         });
 *
 * Where CPython iterates a set (whose order follows memory addresses: wait's futures,
 * as_completed's tasks, a TaskGroup's children when it cancels them), the order here is
 * the order they were given or created in.
 */
import { CancelledError, RuntimeError } from './errors.js';
import { Future } from './future.js';
import { ValueError } from './locks.js';
import { Queue } from './queues.js';
import { currentTask, getRunningLoop, labelled, type Awaitable, type Loop, type TimerHandle, type Handle } from './loop.js';
import type { Coroutine, Task } from './task.js';

/** Python's TimeoutError (asyncio.TimeoutError is the same class since 3.11). */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/**
 * Python's ExceptionGroup: what a TaskGroup raises when children failed. Prints as
 * Python's does: `unhandled errors in a TaskGroup (2 sub-exceptions)`.
 */
export class ExceptionGroup extends Error {
  override name = 'ExceptionGroup';
  constructor(
    readonly msg: string,
    readonly exceptions: readonly unknown[],
  ) {
    super(`${msg} (${exceptions.length} sub-exception${exceptions.length === 1 ? '' : 's'})`);
  }
}

/** Python's `async with`: an object with `aenter` and `aexit` (true from aexit swallows the error). */
export interface AsyncContextManager<V = unknown> {
  aenter(): Generator<unknown, V, unknown>;
  aexit(raised: boolean, error: unknown): Generator<unknown, boolean | void, unknown>;
}

/** `async with cm as value: body(value)`, with Python's rules for errors in the body and in aexit. */
export function* asyncWith<V, R>(cm: AsyncContextManager<V>, body: (value: V) => Generator<unknown, R, unknown> | Iterator<unknown, R, unknown>): Generator<unknown, R | undefined, unknown> {
  const value = yield* cm.aenter();
  let result: R;
  try {
    result = yield* toGen(body(value));
  } catch (error) {
    if (yield* cm.aexit(true, error)) return undefined;
    throw error;
  }
  yield* cm.aexit(false, undefined);
  return result;
}

function* toGen<R>(it: Iterator<unknown, R, unknown>): Generator<unknown, R, unknown> {
  return yield* { [Symbol.iterator]: () => it };
}

type AnyAwaitable<T> = Awaitable<T> | Coroutine<T> | Future<T>;

function releaseWaiter(waiter: Future<unknown>): void {
  if (!waiter.done()) waiter.setResult(undefined);
}

/** asyncio's `_cancel_and_wait`: cancel `fut` and wait until it is done. */
function* cancelAndWait(loop: Loop, fut: Future<any>): Generator<unknown, void, unknown> {
  const waiter = loop.createFuture<unknown>('cancel and wait');
  const cb = labelled('release waiter', () => releaseWaiter(waiter));
  fut.addDoneCallback(cb);
  try {
    fut.cancel();
    yield* waiter;
  } finally {
    fut.removeDoneCallback(cb);
  }
}

/**
 * asyncio.wait_for (3.11): wait for one awaitable with a timeout; on timeout cancel it
 * (and wait for it to finish) and raise TimeoutError. Cancelling the waiter cancels it too.
 */
export function* waitFor<T>(aw: AnyAwaitable<T>, timeout: number | null): Generator<unknown, T, unknown> {
  const loop = getRunningLoop();
  // As CPython: no timeout awaits the awaitable itself, in this task (no task of its own).
  if (timeout === null) return yield* (aw as Awaitable<T>);
  if (timeout <= 0) {
    const fut = loop.ensureFuture(aw);
    if (fut.done()) return fut.result();
    yield* cancelAndWait(loop, fut);
    try {
      return fut.result();
    } catch (error) {
      if (error instanceof CancelledError) throw new TimeoutError();
      throw error;
    }
  }
  const waiter = loop.createFuture<unknown>(`waitFor(${timeout})`);
  const timeoutHandle = loop.callLater(timeout, labelled(`waitFor(${timeout}) timeout`, () => releaseWaiter(waiter)));
  const cb = labelled('release waiter', () => releaseWaiter(waiter));
  const fut = loop.ensureFuture(aw);
  fut.addDoneCallback(cb);
  try {
    try {
      yield* waiter;
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      if (fut.done()) return fut.result();
      fut.removeDoneCallback(cb);
      yield* cancelAndWait(loop, fut);
      throw error;
    }
    if (fut.done()) return fut.result();
    fut.removeDoneCallback(cb);
    yield* cancelAndWait(loop, fut);
    try {
      return fut.result();
    } catch (error) {
      if (error instanceof CancelledError) throw new TimeoutError();
      throw error;
    }
  } finally {
    timeoutHandle.cancel();
  }
}

export const FIRST_COMPLETED = 'FIRST_COMPLETED';
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
export const ALL_COMPLETED = 'ALL_COMPLETED';
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

/**
 * asyncio.wait: wait for futures (not coroutines) until `returnWhen`, or `timeout` seconds;
 * returns [done, pending] (Sets in the order given). Never raises TimeoutError.
 */
export function* wait<F extends Future<any>>(
  fs: Iterable<F>,
  options: { timeout?: number | null; returnWhen?: ReturnWhen } = {},
): Generator<unknown, [Set<F>, Set<F>], unknown> {
  if (fs instanceof Future) throw new TypeError('expect a list of futures, not Future');
  const futures = new Set(fs);
  if (futures.size === 0) throw new ValueError('Set of Tasks/Futures is empty.');
  const returnWhen = options.returnWhen ?? ALL_COMPLETED;
  if (returnWhen !== FIRST_COMPLETED && returnWhen !== FIRST_EXCEPTION && returnWhen !== ALL_COMPLETED) {
    throw new ValueError(`Invalid return_when value: ${String(returnWhen)}`);
  }
  for (const f of futures) if (!(f instanceof Future)) throw new TypeError('Passing coroutines is forbidden, use tasks explicitly.');
  const loop = getRunningLoop();
  const timeout = options.timeout ?? null;
  const waiter = loop.createFuture<unknown>(`wait(${returnWhen})`);
  let timeoutHandle: TimerHandle | null = null;
  if (timeout !== null) timeoutHandle = loop.callLater(timeout, labelled(`wait(timeout=${timeout})`, () => releaseWaiter(waiter)));
  let counter = futures.size;
  const onCompletion = labelled('wait: one done', (f: Future<any>) => {
    counter--;
    if (counter <= 0 || returnWhen === FIRST_COMPLETED || (returnWhen === FIRST_EXCEPTION && !f.cancelled() && f.hasFailed())) {
      timeoutHandle?.cancel();
      if (!waiter.done()) waiter.setResult(undefined);
    }
  });
  for (const f of futures) f.addDoneCallback(onCompletion);
  try {
    yield* waiter;
  } finally {
    timeoutHandle?.cancel();
    for (const f of futures) f.removeDoneCallback(onCompletion);
  }
  const done = new Set<F>();
  const pending = new Set<F>();
  for (const f of futures) (f.done() ? done : pending).add(f);
  return [done, pending];
}

/**
 * asyncio.as_completed: one awaitable per input, each giving the next result to finish
 * (`for (const next of asCompleted(aws)) { const r = yield* next; }`). With a timeout, the
 * ones not done by then raise TimeoutError.
 */
export function asCompleted<T>(fs: Iterable<AnyAwaitable<T>>, options: { timeout?: number | null } = {}): Generator<unknown, T, unknown>[] {
  if (fs instanceof Future) throw new TypeError('expect an iterable of futures, not Future');
  const loop = getRunningLoop();
  const done = new Queue<Future<T> | null>();
  const todo = new Set<Future<T>>();
  for (const f of new Set(fs)) todo.add(loop.ensureFuture(f));
  let timeoutHandle: Handle | null = null;
  const onCompletion = labelled('as_completed: one done', (f: Future<T>) => {
    if (todo.size === 0) return;
    todo.delete(f);
    done.putNowait(f);
    if (todo.size === 0 && timeoutHandle !== null) timeoutHandle.cancel();
  });
  const onTimeout = labelled('as_completed timeout', () => {
    for (const f of todo) {
      f.removeDoneCallback(onCompletion);
      done.putNowait(null);
    }
    todo.clear();
  });
  function* waitForOne(): Generator<unknown, T, unknown> {
    const f = yield* done.get();
    if (f === null) throw new TimeoutError();
    return f.result();
  }
  for (const f of todo) f.addDoneCallback(onCompletion);
  const timeout = options.timeout ?? null;
  if (todo.size > 0 && timeout !== null) timeoutHandle = loop.callLater(timeout, onTimeout);
  return Array.from({ length: todo.size }, () => waitForOne());
}

/**
 * asyncio.shield: wait for `aw` without passing a cancellation on to it. The awaiter is
 * still cancelled; the shielded task carries on.
 */
export function shield<T>(aw: AnyAwaitable<T>): Future<T> {
  const loop = aw instanceof Future ? aw.loop : getRunningLoop();
  const inner = loop.ensureFuture(aw);
  if (inner.done()) return inner;
  const outer = loop.createFuture<T>(`shield(${inner.label})`);
  const innerDone = labelled('shield: inner done', (inner: Future<T>) => {
    if (outer.cancelled()) return;
    if (inner.cancelled()) outer.cancel();
    else if (inner.hasFailed()) outer.setException(inner.exception());
    else outer.setResult(inner.result());
  });
  const outerDone = labelled('shield: outer done', () => {
    if (!inner.done()) inner.removeDoneCallback(innerDone);
  });
  inner.addDoneCallback(innerDone);
  outer.addDoneCallback(outerDone);
  return outer;
}

/** The live tasks of the running loop (asyncio.all_tasks), in the order they were created. */
export function allTasks(loop: Loop = getRunningLoop()): Set<Task<unknown>> {
  return new Set([...loop.live].filter((t) => !t.done()));
}

type TimeoutState = 'created' | 'active' | 'expiring' | 'expired' | 'finished';

/**
 * asyncio.Timeout (from timeout() / timeoutAt()): cancels the task running the block
 * when the deadline passes, and turns that cancellation into TimeoutError on the way out.
 */
export class Timeout implements AsyncContextManager<Timeout> {
  #state: TimeoutState = 'created';
  #handle: Handle | null = null;
  #task: Task<unknown> | null = null;
  #cancelling = 0;

  #deadline: number | null;
  constructor(deadline: number | null) {
    this.#deadline = deadline;
  }

  when(): number | null {
    return this.#deadline;
  }

  expired(): boolean {
    return this.#state === 'expiring' || this.#state === 'expired';
  }

  reschedule(when: number | null): void {
    if (this.#state !== 'active') {
      if (this.#state === 'created') throw new RuntimeError('Timeout has not been entered');
      throw new RuntimeError(`Cannot change state of ${this.#state} Timeout`);
    }
    this.#deadline = when;
    this.#handle?.cancel();
    if (when === null) {
      this.#handle = null;
    } else {
      const loop = getRunningLoop();
      const onTimeout = labelled(`timeout at ${when}`, () => this.#onTimeout());
      this.#handle = when <= loop.time() ? loop.callSoon(onTimeout) : loop.callAt(when, onTimeout);
    }
  }

  *aenter(): Generator<unknown, Timeout, unknown> {
    if (this.#state !== 'created') throw new RuntimeError('Timeout has already been entered');
    const task = currentTask();
    if (task === null) throw new RuntimeError('Timeout should be used inside a task');
    this.#state = 'active';
    this.#task = task;
    this.#cancelling = task.cancelling();
    this.reschedule(this.#deadline);
    return this;
  }

  *aexit(raised: boolean, error: unknown): Generator<unknown, boolean, unknown> {
    this.#handle?.cancel();
    this.#handle = null;
    if (this.#state === 'expiring') {
      this.#state = 'expired';
      if (this.#task!.uncancel() <= this.#cancelling && raised && error instanceof CancelledError) {
        throw new TimeoutError();
      }
    } else if (this.#state === 'active') {
      this.#state = 'finished';
    }
    return false;
  }

  #onTimeout(): void {
    this.#task!.cancel();
    this.#state = 'expiring';
    this.#handle = null;
  }
}

/** asyncio.timeout(delay): `yield* asyncWith(timeout(1), function* () { … })`. */
export function timeout(delay: number | null): Timeout {
  const loop = getRunningLoop();
  return new Timeout(delay === null ? null : loop.time() + delay);
}

/** asyncio.timeout_at(when), `when` on the loop's clock. */
export function timeoutAt(when: number | null): Timeout {
  return new Timeout(when);
}

/**
 * asyncio.TaskGroup: tasks created in it are awaited when the block ends; the first
 * failure cancels the others and the parent's block, and every error comes out together
 * as an ExceptionGroup.
 *
 *   yield* asyncWith(new TaskGroup(), function* (tg) { tg.createTask(a()); tg.createTask(b()); });
 */
export class TaskGroup implements AsyncContextManager<TaskGroup> {
  #entered = false;
  #exiting = false;
  #aborting = false;
  #loop: Loop | null = null;
  #parentTask: Task<unknown> | null = null;
  #parentCancelRequested = false;
  readonly #tasks = new Set<Task<unknown>>();
  #errors: unknown[] | null = [];
  #onCompletedFut: Future<boolean> | null = null;

  *aenter(): Generator<unknown, TaskGroup, unknown> {
    if (this.#entered) throw new RuntimeError('TaskGroup has already been entered');
    this.#loop ??= getRunningLoop();
    this.#parentTask = currentTask();
    if (this.#parentTask === null) throw new RuntimeError('TaskGroup cannot determine the parent task');
    this.#entered = true;
    return this;
  }

  *aexit(raised: boolean, error: unknown): Generator<unknown, boolean, unknown> {
    this.#exiting = true;
    let propagateCancellation: unknown = raised && error instanceof CancelledError ? error : null;
    if (this.#parentCancelRequested && this.#parentTask!.uncancel() === 0) propagateCancellation = null;
    if (raised && !this.#aborting) this.#abort();
    while (this.#tasks.size > 0) {
      this.#onCompletedFut ??= this.#loop!.createFuture<boolean>('TaskGroup');
      try {
        yield* this.#onCompletedFut;
      } catch (ex) {
        if (!(ex instanceof CancelledError)) throw ex;
        if (!this.#aborting) {
          propagateCancellation = ex;
          this.#abort();
        }
      }
      this.#onCompletedFut = null;
    }
    const errors = this.#errors!;
    if (propagateCancellation !== null && errors.length === 0) throw propagateCancellation;
    if (raised && !(error instanceof CancelledError)) errors.push(error);
    if (errors.length > 0) {
      this.#errors = null;
      throw new ExceptionGroup('unhandled errors in a TaskGroup', errors);
    }
    return false;
  }

  createTask<T>(coro: Awaitable<T> | Coroutine<T>, name?: string): Task<T> {
    if (!this.#entered) throw new RuntimeError('TaskGroup has not been entered');
    if (this.#exiting && this.#tasks.size === 0) throw new RuntimeError('TaskGroup is finished');
    if (this.#aborting) throw new RuntimeError('TaskGroup is shutting down');
    const task = this.#loop!.createTask(coro, name);
    task.addDoneCallback(this.#onTaskDone);
    this.#tasks.add(task as Task<unknown>);
    return task;
  }

  #abort(): void {
    this.#aborting = true;
    for (const t of this.#tasks) if (!t.done()) t.cancel();
  }

  readonly #onTaskDone = labelled('TaskGroup: a task finished', (task: Future<any>) => {
    this.#tasks.delete(task as Task<unknown>);
    if (this.#onCompletedFut !== null && this.#tasks.size === 0 && !this.#onCompletedFut.done()) this.#onCompletedFut.setResult(true);
    if (task.cancelled() || !task.hasFailed()) return;
    this.#errors?.push(task.exception());
    if (this.#parentTask!.done()) return;
    if (!this.#aborting && !this.#parentCancelRequested) {
      this.#abort();
      this.#parentCancelRequested = true;
      this.#parentTask!.cancel();
    }
  });
}
