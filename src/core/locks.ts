/**
 * asyncio's synchronization primitives (asyncio/locks.py, CPython 3.11), line for line
 * where ordering is concerned: which waiter is woken, when, and what a cancellation does.
 *
 * Python's `async with lock:` is written
 *   yield* lock.acquire();
 *   try { … } finally { lock.release(); }
 *
 * Invariants shared by every class here:
 * - `waiters` is a Set of futures in arrival order (asyncio's deque): a waiter removes
 *   itself in O(1) once woken or cancelled, so waking 100 k waiters is linear, not quadratic.
 * - A waiter future is labelled with what the parked task waits on (`Lock.acquire`), which
 *   the views show.
 */
import { CancelledError, RuntimeError } from './errors.js';
import type { Future } from './future.js';
import { getRunningLoop } from './loop.js';

/** Python's ValueError (a bad argument's value). */
export class ValueError extends Error {
  override name = 'ValueError';
}

/** asyncio.BrokenBarrierError: the barrier was reset or aborted while a task waited. */
export class BrokenBarrierError extends RuntimeError {
  override name = 'BrokenBarrierError';
}

/** Park on a new waiter future, removing it from `waiters` however the wait ends. */
function* waitIn<T>(waiters: Set<Future<T>>, label: string): Generator<unknown, Future<T>, unknown> {
  const waiter = getRunningLoop().createFuture<T>(label);
  waiters.add(waiter);
  try {
    yield* waiter;
  } finally {
    waiters.delete(waiter);
  }
  return waiter;
}

/** asyncio.Event: `yield* event.wait()` parks until `set()`; every waiter wakes, in order. */
export class Event {
  #value = false;
  readonly #waiters = new Set<Future<true>>();

  /** `label`: what a task parked in wait() shows in the views (a Queue's join says `Queue.join`). */
  readonly #label: string;
  constructor(label = 'Event.wait') {
    this.#label = label;
  }

  isSet(): boolean {
    return this.#value;
  }

  set(): void {
    if (this.#value) return;
    this.#value = true;
    for (const waiter of this.#waiters) if (!waiter.done()) waiter.setResult(true);
  }

  clear(): void {
    this.#value = false;
  }

  *wait(): Generator<unknown, true, unknown> {
    if (this.#value) return true;
    yield* waitIn(this.#waiters, this.#label);
    return true;
  }
}

/**
 * asyncio.Lock: `yield* lock.acquire()` takes it without yielding when it is free and
 * nobody queues; otherwise parks in FIFO order. `release()` wakes the first in line.
 */
export class Lock {
  #held = false;
  readonly #waiters = new Set<Future<true>>();

  locked(): boolean {
    return this.#held;
  }

  *acquire(): Generator<unknown, true, unknown> {
    if (!this.#held && allCancelled(this.#waiters)) {
      this.#held = true;
      return true;
    }
    try {
      yield* waitIn(this.#waiters, 'Lock.acquire');
    } catch (error) {
      if (error instanceof CancelledError && !this.#held) this.#wakeUpFirst();
      throw error;
    }
    this.#held = true;
    return true;
  }

  /** `async with`: see asyncWith. */
  *aenter(): Generator<unknown, undefined, unknown> {
    yield* this.acquire();
    return undefined;
  }

  *aexit(): Generator<unknown, boolean, unknown> {
    this.release();
    return false;
  }

  release(): void {
    if (!this.#held) throw new RuntimeError('Lock is not acquired.');
    this.#held = false;
    this.#wakeUpFirst();
  }

  #wakeUpFirst(): void {
    // As asyncio 3.11: the first waiter only, even if it is already done (woken, not yet run).
    for (const first of this.#waiters) {
      if (!first.done()) first.setResult(true);
      return;
    }
  }
}

function allCancelled(waiters: Set<Future<any>>): boolean {
  for (const w of waiters) if (!w.cancelled()) return false;
  return true;
}

/**
 * asyncio.Condition: `wait()` releases the lock, parks until notified, then takes the lock
 * back (even when cancelled, and then raises CancelledError).
 */
export class Condition {
  readonly #waiters = new Set<Future<boolean>>();
  /** What a task parked in wait() shows in the views. */
  readonly #label: string;

  constructor(
    readonly lock: Lock = new Lock(),
    label = 'Condition.wait',
  ) {
    this.#label = label;
  }

  locked(): boolean {
    return this.lock.locked();
  }

  acquire(): Generator<unknown, true, unknown> {
    return this.lock.acquire();
  }

  release(): void {
    this.lock.release();
  }

  /** `async with`: see asyncWith. */
  *aenter(): Generator<unknown, undefined, unknown> {
    yield* this.acquire();
    return undefined;
  }

  *aexit(): Generator<unknown, boolean, unknown> {
    this.release();
    return false;
  }


  *wait(): Generator<unknown, true, unknown> {
    if (!this.locked()) throw new RuntimeError('cannot wait on un-acquired lock');
    this.release();
    try {
      yield* waitIn(this.#waiters, this.#label);
      return true;
    } finally {
      let cancelled = false;
      for (;;) {
        try {
          yield* this.acquire();
          break;
        } catch (error) {
          if (!(error instanceof CancelledError)) throw error;
          cancelled = true;
        }
      }
      // eslint-disable-next-line no-unsafe-finally
      if (cancelled) throw new CancelledError();
    }
  }

  /** Wait until `predicate()` is truthy; return its value. */
  *waitFor<T>(predicate: () => T): Generator<unknown, T, unknown> {
    let result = predicate();
    while (!result) {
      yield* this.wait();
      result = predicate();
    }
    return result;
  }

  notify(n = 1): void {
    if (!this.locked()) throw new RuntimeError('cannot notify on un-acquired lock');
    let idx = 0;
    for (const waiter of this.#waiters) {
      if (idx >= n) break;
      if (!waiter.done()) {
        idx++;
        waiter.setResult(false);
      }
    }
  }

  notifyAll(): void {
    this.notify(this.#waiters.size);
  }
}

/** Bound a semaphore (BoundedSemaphore's constructor; module-internal). */
let bound: (semaphore: Semaphore, value: number) => void;

/**
 * asyncio.Semaphore: `acquire()` decrements the counter, parking while it is zero (or
 * while others queue); `release()` increments it and wakes the first waiter not done.
 */
export class Semaphore {
  #value: number;
  /** The most release() may count up to: BoundedSemaphore's initial value. */
  #bound = Infinity;
  readonly #waiters = new Set<Future<true>>();

  static {
    bound = (semaphore, value) => void (semaphore.#bound = value);
  }

  constructor(value = 1) {
    if (value < 0) throw new ValueError('Semaphore initial value must be >= 0');
    this.#value = value;
  }

  locked(): boolean {
    if (this.#value === 0) return true;
    for (const w of this.#waiters) if (!w.cancelled()) return true;
    return false;
  }

  *acquire(): Generator<unknown, true, unknown> {
    if (!this.locked()) {
      this.#value--;
      return true;
    }
    const loop = getRunningLoop();
    const waiter = loop.createFuture<true>(`${this.constructor.name}.acquire`);
    this.#waiters.add(waiter);
    try {
      try {
        yield* waiter;
      } finally {
        this.#waiters.delete(waiter);
      }
    } catch (error) {
      if (error instanceof CancelledError && !waiter.cancelled()) {
        this.#value++;
        this.#wakeUpNext();
      }
      throw error;
    }
    if (this.#value > 0) this.#wakeUpNext();
    return true;
  }

  release(): void {
    if (this.#value >= this.#bound) throw new ValueError('BoundedSemaphore released too many times');
    this.#value++;
    this.#wakeUpNext();
  }

  /** `async with`: see asyncWith. */
  *aenter(): Generator<unknown, undefined, unknown> {
    yield* this.acquire();
    return undefined;
  }

  *aexit(): Generator<unknown, boolean, unknown> {
    this.release();
    return false;
  }


  #wakeUpNext(): void {
    for (const waiter of this.#waiters) {
      if (!waiter.done()) {
        this.#value--;
        waiter.setResult(true);
        return;
      }
    }
  }
}

/** asyncio.BoundedSemaphore: releasing above the initial value is a ValueError. */
export class BoundedSemaphore extends Semaphore {
  constructor(value = 1) {
    super(value);
    bound(this, value);
  }
}

type BarrierState = 'filling' | 'draining' | 'resetting' | 'broken';

/**
 * asyncio.Barrier: `wait()` parks until `parties` tasks wait, then all go on; each gets
 * its arrival index. `reset()` and `abort()` break the waiters with BrokenBarrierError.
 */
export class Barrier {
  readonly #cond = new Condition(new Lock(), 'Barrier.wait');
  #state: BarrierState = 'filling';
  #count = 0;

  constructor(readonly parties: number) {
    if (parties < 1) throw new ValueError('parties must be > 0');
  }

  *wait(): Generator<unknown, number, unknown> {
    yield* this.#cond.acquire();
    try {
      yield* this.#block();
      try {
        const index = this.#count;
        this.#count++;
        if (index + 1 === this.parties) {
          this.#state = 'draining';
          this.#cond.notifyAll();
        } else {
          yield* this.#cond.waitFor(() => this.#state !== 'filling');
          if (this.#state === 'broken' || this.#state === 'resetting') throw new BrokenBarrierError('Abort or reset of barrier');
        }
        return index;
      } finally {
        this.#count--;
        this.#exit();
      }
    } finally {
      this.#cond.release();
    }
  }

  *reset(): Generator<unknown, void, unknown> {
    yield* this.#cond.acquire();
    try {
      if (this.#count > 0) {
        if (this.#state !== 'resetting') this.#state = 'resetting';
      } else {
        this.#state = 'filling';
      }
      this.#cond.notifyAll();
    } finally {
      this.#cond.release();
    }
  }

  *abort(): Generator<unknown, void, unknown> {
    yield* this.#cond.acquire();
    try {
      this.#state = 'broken';
      this.#cond.notifyAll();
    } finally {
      this.#cond.release();
    }
  }

  get nWaiting(): number {
    return this.#state === 'filling' ? this.#count : 0;
  }

  get broken(): boolean {
    return this.#state === 'broken';
  }

  *#block(): Generator<unknown, void, unknown> {
    yield* this.#cond.waitFor(() => this.#state !== 'draining' && this.#state !== 'resetting');
    if (this.#state === 'broken') throw new BrokenBarrierError('Barrier aborted');
  }

  #exit(): void {
    if (this.#count === 0) {
      if (this.#state === 'resetting' || this.#state === 'draining') this.#state = 'filling';
      this.#cond.notifyAll();
    }
  }
}
