/**
 * The awaitables a demo uses with `yield*`: sleep, gather, the seeds' polling Waiter
 * (Event and Lock live with the other primitives in locks.ts). Each follows CPython's asyncio (3.11) line for line where it matters
 * for ordering: which future is created when, which callback is queued first.
 */
import { CancelledError, RuntimeError } from './errors.js';
import { Future, futureKernel } from './future.js';
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
export function gather<T>(awaitables: readonly (Awaitable<T> | Coroutine<T>)[], options?: GatherOptions): GatheringFuture<T[]>;
export function gather<A extends readonly (Awaitable<unknown> | Coroutine<unknown>)[]>(...args: [...A] | [...A, GatherOptions]): GatheringFuture<Results<A>>;
export function gather<A extends readonly (Awaitable<unknown> | Coroutine<unknown>)[]>(
  ...args: [...A] | [...A, GatherOptions] | [A] | [A, GatherOptions]
): GatheringFuture<Results<A>> {
  // gather([a, b, …]) as well as gather(a, b, …): an array has no length limit (a spread stops near 120 k).
  if (Array.isArray(args[0])) return gatherList<Results<A>>(args[0] as never, (args[1] as GatherOptions | undefined) ?? {});
  const last = args[args.length - 1];
  const options = isOptions(last) ? (args.pop() as GatherOptions) : {};
  return gatherList<Results<A>>(args as never, options);
}

function gatherList<T extends unknown[]>(awaitables: readonly (Awaitable<unknown> | Coroutine<unknown>)[], options: GatherOptions): GatheringFuture<T> {
  // As asyncio: the loop of the first argument if it is a future, else the current loop.
  const first = awaitables[0];
  const loop = first instanceof Future ? first.loop : getEventLoop();
  if (awaitables.length === 0) {
    const outer = new GatheringFuture<T>(loop, [], false);
    outer.setResult([] as unknown as T);
    return outer;
  }
  const children: Future<unknown>[] = [];
  const seen = new Map<unknown, Future<unknown>>();
  // Each child gets its done-callback as soon as it exists, as in asyncio: a child already
  // done queues it at once, ahead of the first steps of the tasks created after it. The
  // callback's name is how the views label it.
  let outer: GatheringFuture<T> | null = null;
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
  outer = new GatheringFuture<T>(loop, children, options.returnExceptions ?? false);
  return outer;
}

function isOptions(value: unknown): value is GatherOptions {
  return typeof value === 'object' && value !== null && !(Symbol.iterator in value) && !(value instanceof Future);
}

/** asyncio's _GatheringFuture. */
export class GatheringFuture<T extends unknown[]> extends Future<T> {
  #finishedCount = 0;
  #cancelRequested = false;
  readonly #distinct: number;
  readonly #returnExceptions: boolean;

  constructor(
    loop: Loop,
    readonly children: readonly Future<unknown>[],
    returnExceptions: boolean,
  ) {
    const distinct = new Set(children).size;
    super(loop, `gather 0/${distinct}`);
    this.#distinct = distinct;
    this.#returnExceptions = returnExceptions;
  }

  override cancel(message?: string): boolean {
    if (this.done()) return false;
    let cancelledAny = false;
    for (const child of this.children) if (child.cancel(message)) cancelledAny = true;
    if (cancelledAny) this.#cancelRequested = true;
    return cancelledAny;
  }

  /** What every child's done-callback (registered by gather(), named for the views) calls. */
  childDone(child: Future<unknown>): void {
    this.#finishedCount++;
    this.label = `gather ${this.#finishedCount}/${this.#distinct}`;
    if (this.done()) return;
    if (!this.#returnExceptions) {
      if (child.cancelled()) {
        this.setException(futureKernel.cancelledError(child));
        return;
      }
      const error = child.exception();
      if (error !== undefined || child.hasFailed()) {
        this.setException(error);
        return;
      }
    }
    if (this.#finishedCount < this.#distinct) return;
    // A cancelled child's result is CancelledError('' or its cancel message), exactly as CPython builds it.
    const results = this.children.map((c) => (c.cancelled() ? new CancelledError(futureKernel.cancelMessage(c) ?? '') : c.hasFailed() ? c.exception() : c.result()));
    // CPython 3.11 fails the gather with the last child's CancelledError (it does not mark it cancelled).
    if (this.#cancelRequested) this.setException(futureKernel.cancelledError(this.children[this.children.length - 1]!));
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

export { Event, Lock } from './locks.js';
