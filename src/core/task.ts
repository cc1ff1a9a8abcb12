import { RuntimeError } from './errors.js';
import { taskDisplayName } from './events.js';
import { Future } from './future.js';
import { loopKernel, type Loop } from './loop.js';

/** What a task runs: the iterator of a generator (a coroutine) or of any awaitable. */
export type Coroutine<T = unknown> = Iterator<unknown, T, unknown>;

/** Sentinel for "resume with next(), not throw()" (undefined is a legal thing to throw). */
export const NO_ERROR: unique symbol = Symbol('no error');

/** The kernel's hold on a task's engine-only state (core/internal; never the package entry). */
export interface TaskKernel {
  /** The future the task is parked on (asyncio's `_fut_waiter`). */
  waitingOn(task: Task<any>): Future<any> | null;
  setWaitingOn(task: Task<any>, future: Future<any> | null): void;
  /** Set while queued as the wake-up of a settled future (asyncio's `__wakeup`). */
  wokenBy(task: Task<any>): Future<any> | null;
  setWokenBy(task: Task<any>, future: Future<any> | null): void;
  /** An error to throw into the generator at its next step (a bad yield), or NO_ERROR. */
  pendingError(task: Task<any>): unknown;
  setPendingError(task: Task<any>, error: unknown): void;
  mustCancel(task: Task<any>): boolean;
  setMustCancel(task: Task<any>, on: boolean): void;
  /** The message of the cancel() the next step delivers. */
  cancelMessage(task: Task<any>): string | undefined;
  /**
   * A step begins: one more resumption of the generator, and the task waits on nothing now.
   * Returns `mustCancel` (the step must throw CancelledError). One call, not three: the
   * kernel's hot path (Loop.stepTask) stays small enough for V8 to inline every call in it.
   */
  beginStep(task: Task<any>): boolean;
  steps(task: Task<any>): number;
  /** The kernel settles the task with what its coroutine returned… */
  finish(task: Task<any>, value: unknown): void;
  /** …or with what escaped it. */
  fail(task: Task<any>, error: unknown): void;
}

export let taskKernel: TaskKernel;

/**
 * A coroutine driven by the loop, as asyncio.Task: a Future whose result is the
 * coroutine's return value. The loop's kernel (Loop.stepTask) runs its steps.
 * Its engine-only state is `#private`, reached by the kernel through `taskKernel`: a
 * demo cannot settle a task (skipping its `finally`) or unpark it.
 *
 * Invariants:
 * - While pending, a task is in exactly one place: the ready queue (once), or parked
 *   on `waitingOn` (registered as one of its done-callbacks), or running (the loop's current task).
 * - `waitingOn` is non-null only while parked, or queued as the wake-up of that (now
 *   settled) future: cancel() then finds it done and sets `mustCancel` instead, as asyncio
 *   does. `wokenBy` is non-null only while queued as a wake-up.
 * - Only the kernel settles a task (taskKernel.finish/fail, futureKernel.markCancelled[By]):
 *   setResult and setException throw, as asyncio's Task does.
 * - `mustCancel` is set only when cancel() could not cancel what the task waits on; the
 *   next step throws CancelledError into the generator, so its `finally` blocks run.
 * - `steps` counts resumptions of the generator (next or throw).
 */
export class Task<T = unknown> extends Future<T> {
  #steps = 0;
  #waitingOn: Future<any> | null = null;
  #wokenBy: Future<any> | null = null;
  #pendingError: unknown = NO_ERROR;
  #mustCancel = false;
  #cancelRequests = 0;
  #pendingCancelMessage: string | undefined;

  static {
    taskKernel = {
      waitingOn: (task) => task.#waitingOn,
      setWaitingOn: (task, future) => void (task.#waitingOn = future),
      wokenBy: (task) => task.#wokenBy,
      setWokenBy: (task, future) => void (task.#wokenBy = future),
      pendingError: (task) => task.#pendingError,
      setPendingError: (task, error) => void (task.#pendingError = error),
      mustCancel: (task) => task.#mustCancel,
      setMustCancel: (task, on) => void (task.#mustCancel = on),
      cancelMessage: (task) => task.#pendingCancelMessage,
      beginStep: (task) => {
        task.#steps++;
        task.#waitingOn = null;
        return task.#mustCancel;
      },
      steps: (task) => task.#steps,
      finish: (task, value) => Future.prototype.setResult.call(task, value),
      fail: (task, error) => Future.prototype.setException.call(task, error),
    };
  }

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
    if (this.done()) return false;
    this.#cancelRequests++;
    loopKernel.reportCancelRequested(this.loop, this);
    if (this.#waitingOn !== null && this.#waitingOn.cancel(message)) return true;
    this.#mustCancel = true;
    this.#pendingCancelMessage = message;
    return true;
  }

  /** How many cancellations are pending (asyncio's Task.cancelling()). */
  cancelling(): number {
    return this.#cancelRequests;
  }

  /** Take back one cancellation request; returns how many remain (asyncio's Task.uncancel()). */
  uncancel(): number {
    if (this.#cancelRequests > 0) this.#cancelRequests--;
    return this.#cancelRequests;
  }

  /** As asyncio: only the task's coroutine settles it (through the kernel). */
  override setResult(_value: T): void {
    throw new RuntimeError('Task does not support set_result operation');
  }

  override setException(_error: unknown): void {
    throw new RuntimeError('Task does not support set_exception operation');
  }

  override describe(): string {
    const state = !this.done() ? 'pending' : this.cancelled() ? 'cancelled' : this.hasFailed() ? 'failed' : 'done';
    return `Task ${this.displayName} ${state}`;
  }
}
