/**
 * The awaitables a demo uses with `yield*`: sleep, gather, the seeds' polling Waiter,
 * Event and Lock. Each follows CPython's asyncio (3.11) line for line where it matters
 * for ordering: which future is created when, which callback is queued first.
 */
import { CancelledError, RuntimeError } from './errors.js';
import { Future } from './future.js';
import { getEventLoop, getRunningLoop, type Awaitable, type Loop } from './loop.js';
import type { Coroutine } from './task.js';

/**
 * Suspend for `delay` seconds of loop time (virtual by default), then return `result`.
 * `sleep(0)` is a bare yield: the task goes to the back of the ready queue.
 */
export function sleep<T = undefined>(delay = 0, result?: T): Awaitable<T> & Iterator<unknown, T, unknown> {
  return delay > 0 ? sleepFor(delay, result) : new YieldOnce<T>(result as T);
}

const YIELDED: IteratorYieldResult<undefined> = Object.freeze({ value: undefined, done: false });
const RETURNED: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * sleep(0): one bare yield, then the result. A hand-written iterator rather than a
 * generator because it is the hottest awaitable there is: it lets a task switch cost
 * about what native `await null` costs (see bench/).
 */
class YieldOnce<T> implements Iterator<unknown, T, unknown> {
  private yielded = false;
  constructor(private readonly result: T) {}

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<unknown, T> {
    if (!this.yielded) {
      this.yielded = true;
      return YIELDED;
    }
    return this.result === undefined ? (RETURNED as IteratorReturnResult<T>) : { value: this.result, done: true };
  }

  /** An error thrown into the task while it waits here propagates to its `yield*`. */
  throw(error: unknown): IteratorResult<unknown, T> {
    this.yielded = true;
    throw error;
  }

  return(value?: T): IteratorResult<unknown, T> {
    this.yielded = true;
    return { value: value as T, done: true };
  }
}

function* sleepFor<T>(delay: number, result: T | undefined): Generator<unknown, T, unknown> {
  const loop = getRunningLoop();
  const label = `sleep(${delay})`;
  const future = loop.createFuture<T>(label);
  const timer = loop.scheduleTimer(loop.time() + delay, setResultUnlessCancelled, [future, result] as const, `${label} timer`);
  try {
    return yield* future;
  } finally {
    timer.cancel();
  }
}

function setResultUnlessCancelled<T>([future, result]: readonly [Future<T>, T | undefined]): void {
  if (!future.cancelled()) future.setResult(result as T);
}

export interface GatherOptions {
  /** Collect errors as results instead of passing the first one to the awaiter. */
  returnExceptions?: boolean;
}

type Results<A extends readonly unknown[]> = { -readonly [K in keyof A]: A[K] extends Awaitable<infer R> ? R : unknown };

/**
 * The future of all of them (asyncio.gather): results in argument order; the first error
 * goes to the awaiter while the siblings keep running; cancelling it cancels the children.
 * Its label counts the children done (`gather 1/2`), which the views show.
 */
export function gather<A extends readonly (Awaitable<unknown> | Coroutine<unknown>)[]>(
  ...args: [...A] | [...A, GatherOptions]
): GatheringFuture<Results<A>> {
  const last = args[args.length - 1];
  const options = isOptions(last) ? (args.pop() as GatherOptions) : {};
  const awaitables = args as unknown as (Awaitable<unknown> | Coroutine<unknown>)[];
  // As asyncio: the loop of the first argument if it is a future, else the current loop.
  const first = awaitables[0];
  const loop = first instanceof Future ? first.loop : getEventLoop();
  if (awaitables.length === 0) {
    const outer = new GatheringFuture<Results<A>>(loop, [], false);
    outer.setResult([] as unknown as Results<A>);
    return outer;
  }
  const children: Future<unknown>[] = [];
  const seen = new Map<unknown, Future<unknown>>();
  // Each child gets its done-callback as soon as it exists, as in asyncio: a child already
  // done queues it at once, ahead of the first steps of the tasks created after it. The
  // callback's name is how the views label it.
  let outer: GatheringFuture<Results<A>> | null = null;
  const childDone = Object.defineProperty((child: Future<unknown>) => outer!.childDone(child), 'name', { value: 'gather child done' });
  for (const awaitable of awaitables) {
    let child = seen.get(awaitable);
    if (child === undefined) {
      child = loop.ensureFuture(awaitable);
      seen.set(awaitable, child);
      child.addDoneCallback(childDone);
    }
    children.push(child);
  }
  outer = new GatheringFuture<Results<A>>(loop, children, options.returnExceptions ?? false);
  return outer;
}

function isOptions(value: unknown): value is GatherOptions {
  return typeof value === 'object' && value !== null && !(Symbol.iterator in value) && !(value instanceof Future);
}

/** asyncio's _GatheringFuture. */
export class GatheringFuture<T extends unknown[]> extends Future<T> {
  private finishedCount = 0;
  private cancelRequested = false;
  private readonly distinct: number;

  constructor(
    loop: Loop,
    readonly children: readonly Future<unknown>[],
    private readonly returnExceptions: boolean,
  ) {
    const distinct = new Set(children).size;
    super(loop, `gather 0/${distinct}`);
    this.distinct = distinct;
  }

  override cancel(message?: string): boolean {
    if (this.done()) return false;
    let cancelledAny = false;
    for (const child of this.children) if (child.cancel(message)) cancelledAny = true;
    if (cancelledAny) this.cancelRequested = true;
    return cancelledAny;
  }

  /** What every child's done-callback (registered by gather(), named for the views) calls. */
  childDone(child: Future<unknown>): void {
    this.finishedCount++;
    this.label = `gather ${this.finishedCount}/${this.distinct}`;
    if (this.done()) return;
    if (!this.returnExceptions) {
      if (child.cancelled()) {
        this.setException(child.makeCancelledError());
        return;
      }
      const error = child.exception();
      if (error !== undefined || child.hasFailed()) {
        this.setException(error);
        return;
      }
    }
    if (this.finishedCount < this.distinct) return;
    // A cancelled child's result is CancelledError('' or its cancel message), exactly as CPython builds it.
    const results = this.children.map((c) => (c.cancelled() ? new CancelledError(c.cancelledWith ?? '') : c.hasFailed() ? c.exception() : c.result()));
    // CPython 3.11 fails the gather with the last child's CancelledError (it does not mark it cancelled).
    if (this.cancelRequested) this.setException(this.children[this.children.length - 1]!.makeCancelledError());
    else this.setResult(results as T);
  }
}

/**
 * The seeds' polling Waiter: `yield* waiter` gives the turn back on every tick until
 * someone sets `done`. It burns a tick each time round (the dashboard shows it polling),
 * where an Event parks the task until it is woken.
 */
export class Waiter {
  done = false;

  *[Symbol.iterator](): Generator<undefined, void, unknown> {
    while (!this.done) yield;
  }
}

/** asyncio.Event: `yield* event.wait()` parks until `set()`; every waiter wakes, in order. */
export class Event {
  private value = false;
  private readonly waiters: Future<true>[] = [];

  isSet(): boolean {
    return this.value;
  }

  set(): void {
    if (this.value) return;
    this.value = true;
    for (const waiter of this.waiters) if (!waiter.done()) waiter.setResult(true);
  }

  clear(): void {
    this.value = false;
  }

  *wait(): Generator<unknown, true, unknown> {
    if (this.value) return true;
    const waiter = getRunningLoop().createFuture<true>('Event.wait');
    this.waiters.push(waiter);
    try {
      yield* waiter;
      return true;
    } finally {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
    }
  }
}

/**
 * asyncio.Lock: `yield* lock.acquire()` takes it without yielding when it is free and
 * nobody queues; otherwise parks in FIFO order. `release()` wakes the first in line.
 */
export class Lock {
  private held = false;
  private readonly waiters: Future<true>[] = [];

  locked(): boolean {
    return this.held;
  }

  *acquire(): Generator<unknown, true, unknown> {
    if (!this.held && this.waiters.every((w) => w.cancelled())) {
      this.held = true;
      return true;
    }
    const waiter = getRunningLoop().createFuture<true>('Lock.acquire');
    this.waiters.push(waiter);
    try {
      try {
        yield* waiter;
      } finally {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
      }
    } catch (error) {
      if (error instanceof CancelledError && !this.held) this.wakeUpFirst();
      throw error;
    }
    this.held = true;
    return true;
  }

  release(): void {
    if (!this.held) throw new RuntimeError('Lock is not acquired.');
    this.held = false;
    this.wakeUpFirst();
  }

  private wakeUpFirst(): void {
    const first = this.waiters[0];
    if (first !== undefined && !first.done()) first.setResult(true);
  }
}
