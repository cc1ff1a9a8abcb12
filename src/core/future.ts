import { CancelledError, InvalidStateError, RuntimeError } from './errors.js';
import { loopKernel, type Loop } from './loop.js';
import type { Task } from './task.js';

export const PENDING = 0;
export const FINISHED = 1;
export const CANCELLED = 2;
export type FutureState = typeof PENDING | typeof FINISHED | typeof CANCELLED;

/** A done-callback: a function of the future, or a task to wake (the kernel's fast path). */
export type DoneCallback<T> = ((future: Future<T>) => void) | Task<any>;

/** The kernel's hold on a future's engine-only state (core/internal; never the package entry). */
export interface FutureKernel {
  state(future: Future<any>): FutureState;
  /** asyncio's `_asyncio_future_blocking`: set by the iterator just before it yields the future. */
  blocking(future: Future<any>): boolean;
  clearBlocking(future: Future<any>): void;
  /**
   * The waker: the task whose work settled this future — the running task, or the task a
   * callback continues (a sleep's timer continues the sleeper) — or null for the loop itself.
   */
  settledBy(future: Future<any>): number | null;
  /**
   * The id the log names this future by, given (from the loop's one counter) when a task
   * first parks on it while the loop reports; 0 until then.
   */
  logId(future: Future<any>): number;
  setLogId(future: Future<any>, id: number): void;
  /** Its exception was asked for (result() or exception()): CPython's `_log_traceback` cleared. */
  retrieved(future: Future<any>): boolean;
  /** Future.cancel itself, which Task.cancel overrides but the kernel still needs. */
  markCancelled(future: Future<any>, message?: string): boolean;
  /** A task ended by a CancelledError escaping its coroutine: cancelled with no message, keeping that error. */
  markCancelledBy(future: Future<any>, error: CancelledError): boolean;
  /**
   * The error awaiting a cancelled future raises. As CPython 3.11: the CancelledError that
   * ended a task is handed out once (to its first awaiter), then fresh ones without it.
   */
  cancelledError(future: Future<any>): CancelledError;
  /** The message cancel() settled this future with (asyncio's `_cancel_message`), if any. */
  cancelMessage(future: Future<any>): string | undefined;
}

export let futureKernel: FutureKernel;

/**
 * A result that is not there yet, as asyncio.Future. Its engine-only state is `#private`,
 * reached by the kernel through `futureKernel`.
 *
 * Invariants:
 * - `state` moves once, from PENDING to FINISHED (with a value or an error) or to
 *   CANCELLED, and never back: a future is settled or cancelled, never both.
 * - On settling, every done-callback is scheduled exactly once through the loop's ready
 *   queue (never called inline); callbacks added afterwards are scheduled at once.
 * - Awaiting (`yield* future`) yields the future itself only while it is pending, with
 *   `blocking` set, which is how a task knows to park on it; a settled future returns
 *   (or throws) without yielding.
 */
/**
 * Marks the futures (and tasks) of this copy of coroscope with where it was loaded from:
 * a demo that imports another copy (a second install, `src/` beside `dist/`) yields futures
 * this loop cannot know, and the bad-yield message then says why. Read on that path only.
 */
export const FUTURE_ORIGIN: unique symbol = Symbol.for('coroscope.future-origin') as never;

export class Future<T = unknown> {
  #state: FutureState = PENDING;
  #blocking = false;
  #settledBy: number | null = null;
  // Typed without T: a #private field of type T would make Future<T> invariant in the repo's own code.
  #value: unknown = undefined;
  #error: unknown = undefined;
  #failed = false;
  #cancelMessage: string | undefined = undefined;
  #cancelledExc: CancelledError | null = null;
  #callbacks: DoneCallback<any>[] | null = null;
  #logId = 0;
  #retrieved = false;
  #label: string;

  static {
    Object.defineProperty(Future.prototype, FUTURE_ORIGIN, { value: import.meta.url });
  }

  static {
    futureKernel = {
      state: (future) => future.#state,
      blocking: (future) => future.#blocking,
      clearBlocking: (future) => void (future.#blocking = false),
      settledBy: (future) => future.#settledBy,
      logId: (future) => future.#logId,
      setLogId: (future, id) => void (future.#logId = id),
      retrieved: (future) => future.#retrieved,
      markCancelled: (future, message) => future.#markCancelled(message),
      markCancelledBy: (future, error) => {
        if (!future.#markCancelled()) return false;
        future.#cancelledExc = error;
        return true;
      },
      cancelledError: (future) => future.#makeCancelledError(),
      cancelMessage: (future) => future.#cancelMessage,
    };
  }

  constructor(
    readonly loop: Loop,
    label = 'future',
  ) {
    this.#label = label;
  }

  /** What a parked task waits on, as the views show it: `sleep(1)`, `Event.wait`, `gather 1/2`. */
  get label(): string {
    return this.#label;
  }

  /** A new label is news to the log once a task has parked on this future (`future-label`). */
  set label(label: string) {
    if (label === this.#label) return;
    this.#label = label;
    if (this.#logId !== 0) loopKernel.futureRelabelled(this.loop, this);
  }

  done(): boolean {
    return this.#state !== PENDING;
  }

  cancelled(): boolean {
    return this.#state === CANCELLED;
  }

  /** The value, or throws the error, CancelledError, or InvalidStateError while pending. */
  result(): T {
    if (this.#state === CANCELLED) throw this.#makeCancelledError();
    if (this.#state === PENDING) throw new InvalidStateError('Result is not set.');
    this.#retrieved = true;
    if (this.#failed) throw this.#error;
    return this.#value as T;
  }

  /** The error, or undefined if it finished with a value. */
  exception(): unknown {
    if (this.#state === CANCELLED) throw this.#makeCancelledError();
    if (this.#state === PENDING) throw new InvalidStateError('Exception is not set.');
    this.#retrieved = true;
    return this.#failed ? this.#error : undefined;
  }

  hasFailed(): boolean {
    return this.#state === FINISHED && this.#failed;
  }

  setResult(value: T): void {
    if (this.#state !== PENDING) throw new InvalidStateError(`${this.describe()}: already done`);
    this.#value = value;
    this.#settle(FINISHED);
  }

  setException(error: unknown): void {
    if (this.#state !== PENDING) throw new InvalidStateError(`${this.describe()}: already done`);
    this.#error = error;
    this.#failed = true;
    this.#settle(FINISHED);
  }

  /** Cancel the future: true if it was pending (and is now cancelled), false if already done. */
  cancel(message?: string): boolean {
    return this.#markCancelled(message);
  }

  addDoneCallback(callback: DoneCallback<T>): void {
    if (this.#state !== PENDING) {
      loopKernel.scheduleDoneCallback(this.loop, this, callback);
    } else if (this.#callbacks === null) {
      this.#callbacks = [callback];
    } else {
      this.#callbacks.push(callback);
    }
  }

  /** Remove every registration of `callback`; returns how many were removed. */
  removeDoneCallback(callback: DoneCallback<T>): number {
    if (this.#callbacks === null) return 0;
    const before = this.#callbacks.length;
    this.#callbacks = this.#callbacks.filter((c) => c !== callback);
    return before - this.#callbacks.length;
  }

  /** Shown in views and in `print`: the label and the state. */
  describe(): string {
    const state = this.#state === PENDING ? 'pending' : this.#state === CANCELLED ? 'cancelled' : this.#failed ? 'failed' : 'done';
    return `Future ${this.label} ${state}`;
  }

  *[Symbol.iterator](): Generator<unknown, T, unknown> {
    if (this.#state === PENDING) {
      this.#blocking = true;
      yield this;
    }
    if (this.#state === PENDING) throw new RuntimeError("await wasn't used with future");
    return this.result();
  }

  #markCancelled(message?: string): boolean {
    if (this.#state !== PENDING) return false;
    this.#cancelMessage = message;
    this.#settle(CANCELLED);
    return true;
  }

  #makeCancelledError(): CancelledError {
    const escaped = this.#cancelledExc;
    if (escaped !== null) {
      this.#cancelledExc = null;
      return escaped;
    }
    return new CancelledError(this.#cancelMessage);
  }

  #settle(state: FutureState): void {
    this.#state = state;
    this.#settledBy = loopKernel.actor(this.loop);
    const callbacks = this.#callbacks;
    if (callbacks === null) return;
    this.#callbacks = null;
    for (const callback of callbacks) loopKernel.scheduleDoneCallback(this.loop, this, callback);
  }
}
