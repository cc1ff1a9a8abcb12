import { RuntimeError } from './errors.js';
import { taskDisplayName } from './events.js';
import { Future, PENDING } from './future.js';
import type { Loop } from './loop.js';

/** What a task runs: the iterator of a generator (a coroutine) or of any awaitable. */
export type Coroutine<T = unknown> = Iterator<unknown, T, unknown>;

/** Sentinel for "resume with next(), not throw()" (undefined is a legal thing to throw). */
export const NO_ERROR: unique symbol = Symbol('no error');

/**
 * A coroutine driven by the loop, as asyncio.Task: a Future whose result is the
 * coroutine's return value. The loop's kernel (Loop.stepTask) runs its steps.
 *
 * Invariants:
 * - While pending, a task is in exactly one place: the ready queue (once), or parked
 *   on `waitingOn` (registered as one of its done-callbacks), or running (loop.current).
 * - `waitingOn` is non-null only while parked, or queued as the wake-up of that (now
 *   settled) future: cancel() then finds it done and sets `mustCancel` instead, as asyncio
 *   does. `wokenBy` is non-null only while queued as a wake-up.
 * - Only the kernel settles a task (finishWith, failWith, markCancelled[By]): setResult and
 *   setException throw, as asyncio's Task does.
 * - `mustCancel` is set only when cancel() could not cancel what the task waits on; the
 *   next step throws CancelledError into the generator, so its `finally` blocks run.
 * - `steps` counts resumptions of the generator (next or throw).
 */
export class Task<T = unknown> extends Future<T> {
  steps = 0;
  /** The future this task is parked on (asyncio's `_fut_waiter`). */
  waitingOn: Future<any> | null = null;
  /** Set when queued as the wake-up of a settled future (asyncio's `__wakeup`). */
  wokenBy: Future<any> | null = null;
  /** An error to throw into the generator at its next step (a bad yield). */
  pendingError: unknown = NO_ERROR;
  mustCancel = false;
  cancelRequests = 0;
  private pendingCancelMessage: string | undefined;

  constructor(
    loop: Loop,
    readonly coro: Coroutine<T>,
    readonly id: number,
    public name: string,
    /** The generator function's name, when the loop could read it (shown in views). */
    readonly coroName: string | null,
    readonly parent: number | null,
  ) {
    super(loop, name);
  }

  get displayName(): string {
    return taskDisplayName(this.name, this.coroName);
  }

  /**
   * Request cancellation, as asyncio's Task.cancel: cancel what the task waits on if
   * possible (it wakes with CancelledError), else throw CancelledError at its next step.
   */
  override cancel(message?: string): boolean {
    if (this.state !== PENDING) return false;
    this.cancelRequests++;
    this.loop.reportCancelRequested(this);
    if (this.waitingOn !== null && this.waitingOn.cancel(message)) return true;
    this.mustCancel = true;
    this.pendingCancelMessage = message;
    return true;
  }

  /** How many cancellations are pending (asyncio's Task.cancelling()). */
  cancelling(): number {
    return this.cancelRequests;
  }

  /** Take back one cancellation request; returns how many remain (asyncio's Task.uncancel()). */
  uncancel(): number {
    if (this.cancelRequests > 0) this.cancelRequests--;
    return this.cancelRequests;
  }

  /** As asyncio: only the task's coroutine settles it (through the kernel's finishWith/failWith). */
  override setResult(_value: T): void {
    throw new RuntimeError('Task does not support set_result operation');
  }

  override setException(_error: unknown): void {
    throw new RuntimeError('Task does not support set_exception operation');
  }

  /** The kernel settles the task with what its coroutine returned… */
  finishWith(value: T): void {
    super.setResult(value);
  }

  /** …or with what escaped it. */
  failWith(error: unknown): void {
    super.setException(error);
  }

  get cancelMessageForStep(): string | undefined {
    return this.pendingCancelMessage;
  }

  override describe(): string {
    const state = this.state === PENDING ? 'pending' : this.cancelled() ? 'cancelled' : this.hasFailed() ? 'failed' : 'done';
    return `Task ${this.displayName} ${state}`;
  }
}
