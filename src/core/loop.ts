import { VirtualClock, onGrid, type Clock } from './clock.js';
import { CancelledError, RuntimeError, describeError } from './errors.js';
import type { LoopEvent, LoopEventBody, ScheduleReason, SourceLocation, TaskId } from './events.js';
import { formatPrint, formatRepr, formatValue } from './format.js';
import { CANCELLED, FINISHED, FUTURE_ORIGIN, Future, PENDING, futureKernel, type DoneCallback } from './future.js';
import { TimerHeap } from './heap.js';
import { policyByName, type Policy, type PolicyName, type ReadyItemView, type ReadyQueueView } from './policies.js';
import { RingQueue } from './queue.js';
import { SeededRandom, random } from './random.js';
import { NO_ERROR, Task, taskKernel, type Coroutine } from './task.js';
import { EventStream } from './stream.js';
import { lastChain, observeGenerators, releaseGenerators } from './observe.js';
import { Locator } from './where.js';
import { enterLoop, leaveLoop, NO_THROW_METHOD, ownCoroutine } from './intrinsics.js';

/** Anything `yield*` can await: a generator, a Future/Task, or an object with [Symbol.iterator]. */
export interface Awaitable<T = unknown> {
  [Symbol.iterator](): Iterator<unknown, T, unknown>;
}

export interface LoopOptions {
  /** 'asyncio' (FIFO, the default), 'random' (the seeds' frenetic manager), or your own. */
  policy?: PolicyName | Policy;
  /** Seed of the PRNG the random policy draws from. Same seed, same run. */
  seed?: number;
  /** Time source; virtual by default. */
  clock?: Clock;
  /** Where `print` writes a line; stdout by default. A dashboard passes a no-op. */
  write?: (line: string) => void;
  /** Read each suspended generator's source location at every step end (costs ~50 µs a step). */
  locations?: boolean;
  /**
   * Read each task's generator function name at spawn (one ~50 µs lookup per task, so
   * lanes say `tum`, not `Task-2`) and let `whereIs` answer on demand, without paying
   * for a lookup at every step. Implied by `locations`. The dashboard turns it on.
   */
  names?: boolean;
  /**
   * Virtual seconds a pass costs when the pass before it ran a task that only gave the
   * turn back (a bare yield: sleep(0), a polling Waiter) while timers wait (default 0.001).
   * Without it, a task polling a Waiter would keep a `sleep(1)` from ever expiring: in
   * CPython real time passes while the loop spins. Passes that only run tasks woken by
   * timers or futures cost nothing, so programs that never busy-wait keep exact times.
   */
  passCost?: number;
}

/** The loop's hold on a handle's #private state (this module only). */
interface HandleKernel {
  run(handle: Handle): void;
  skip(handle: Handle): void;
  actor(handle: Handle): TaskId | null;
}
let handleKernel: HandleKernel;

/**
 * A callback in the ready queue or the timer heap (asyncio's Handle / TimerHandle).
 * `id` comes from the loop's one counter (shared with timers and parked-on futures), so
 * the log can name it from `callback-queued` to `callback`. A cancelled handle keeps its
 * place: it still takes its tick, running nothing.
 *
 * Invariant: a demo sees asyncio's surface only — cancel(), cancelled(), when() — and
 * the names the log and views use (id, label, deadline), read-only. What it runs, for
 * whom, and whether it ran are #private: the loop reaches them through handleKernel.
 */
export class Handle {
  #cancelled = false;
  /** Ran (or skipped) already: cancelling it now is not news to the log. */
  #ran = false;
  readonly #loop: Loop;
  readonly #id: number;
  readonly #fn: (...args: any[]) => void;
  /** The one argument, or the arguments when `spread` (call_soon(fn, *args)). */
  readonly #arg: unknown;
  /** How the views name this callback. */
  readonly #label: string;
  /** The task whose work this callback continues (for "woken by"), or null for the loop. */
  readonly #actor: TaskId | null;
  readonly #spread: boolean;

  static {
    handleKernel = {
      // Marks it ran, then runs it (a skipped one only takes its turn).
      run: (handle) => {
        handle.#ran = true;
        if (handle.#spread) handle.#fn(...(handle.#arg as unknown[]));
        else handle.#fn(handle.#arg);
      },
      skip: (handle) => void (handle.#ran = true),
      actor: (handle) => handle.#actor,
    };
  }

  constructor(loop: Loop, id: number, fn: (...args: any[]) => void, arg: unknown, label: string, actor: TaskId | null, spread = false) {
    this.#loop = loop;
    this.#id = id;
    this.#fn = fn;
    this.#arg = arg;
    this.#label = label;
    this.#actor = actor;
    this.#spread = spread;
  }

  /** The log's name for it (callback-queued, callback, timer-set, timer-fired). */
  get id(): number {
    return this.#id;
  }

  /** How the views name this callback. */
  get label(): string {
    return this.#label;
  }

  /** asyncio's Handle.cancelled(). */
  cancelled(): boolean {
    return this.#cancelled;
  }

  cancel(): void {
    if (this.#cancelled) return;
    this.#cancelled = true;
    if (!this.#ran) loopKernel.handleCancelled(this.#loop, this);
  }
}

export class TimerHandle extends Handle {
  readonly #deadline: number;

  constructor(loop: Loop, id: number, fn: (...args: any[]) => void, arg: unknown, label: string, actor: TaskId | null, deadline: number, spread = false) {
    super(loop, id, fn, arg, label, actor, spread);
    this.#deadline = deadline;
  }

  /** When it is due, on the loop's clock (the heap's key; read-only). */
  get deadline(): number {
    return this.#deadline;
  }

  /** Heap order among equal deadlines: the id, which only grows. */
  get seq(): number {
    return this.id;
  }

  /** asyncio's TimerHandle.when(). */
  when(): number {
    return this.#deadline;
  }
}

type ReadyItem = Task<any> | Handle;

/**
 * Task-N names count per process, as CPython's `asyncio.tasks._task_name_counter`: a
 * second run() in the same program goes on from where the first stopped. (The ids in the
 * log count per loop.) One program run is one process: whatever starts a program run in a
 * process that may already have run one — a session of the player, a re-run, a test
 * comparing logs — calls resetTaskNames(), so the same program still gives the same log.
 */
let taskNames = 0;

/** A new program run starts: the next unnamed task is Task-1 again. Engine-internal. */
export function resetTaskNames(): void {
  taskNames = 0;
}

/** Numbers taken by tasks that CPython makes and this engine need not (asyncio.run's shutdown tasks). Engine-internal. */
export function skipTaskNames(count: number): void {
  taskNames += count;
}

/** The engine's hold on a loop's internals: what futures and tasks call, and the running task (core/internal; never the package entry). */
export interface LoopKernel {
  /** The task whose step is running. */
  current(loop: Loop): Task<any> | null;
  /** Who settles a future right now: the running task, or the task a callback continues. */
  actor(loop: Loop): TaskId | null;
  /** Called by a future as it settles: schedule one done-callback on the ready queue. */
  scheduleDoneCallback<T>(loop: Loop, future: Future<T>, callback: DoneCallback<T>): void;
  /** Called by Handle.cancel while the handle waits (in the heap or the ready queue). */
  handleCancelled(loop: Loop, handle: Handle): void;
  /** Called when the label of a future some task parked on changes (gather 1/2, cleanup 1/3). */
  futureRelabelled(loop: Loop, future: Future<any>): void;
  /** Called by Task.cancel. */
  reportCancelRequested(loop: Loop, task: Task<any>): void;
}

export let loopKernel: LoopKernel;

/** The loop currently inside step(): asyncio's "running loop". */
let runningLoop: Loop | null = null;
/** The loop `getEventLoop()` returns outside a running one (asyncio's "current loop"). */
let currentLoop: Loop | null = null;

export function getRunningLoop(): Loop {
  if (runningLoop === null) throw new RuntimeError('no running event loop');
  return runningLoop;
}

/** The running loop, else the current one, else a new one made current (asyncio.get_event_loop). */
export function getEventLoop(): Loop {
  if (runningLoop !== null) return runningLoop;
  if (currentLoop === null || currentLoop.closed) currentLoop = new Loop();
  return currentLoop;
}

export function setEventLoop(loop: Loop | null): void {
  currentLoop = loop;
}

export function newEventLoop(options?: LoopOptions): Loop {
  return new Loop(options);
}

/** The task whose step is running, if any (asyncio.current_task). */
export function currentTask(): Task<any> | null {
  // As asyncio.current_task(): outside a running loop there is no task to ask about.
  if (runningLoop === null) throw new RuntimeError('no running event loop');
  return loopKernel.current(runningLoop);
}

/**
 * The event loop: a ready queue of callbacks, a heap of timers, a clock, and a policy
 * that picks what runs next. It is synchronous and pulled: `step()` runs exactly one
 * ready item (one "tick"); nothing here uses wall time, Promises or Math.random.
 *
 * Invariants:
 * - A pass (asyncio's `_run_once`) starts only when the previous one has run all the
 *   items queued at its start (`passLeft` reaches 0): due timers move to the ready queue,
 *   the clock jumps to the next deadline if nothing is ready, then `passLeft` is set
 *   to the queue length. Items queued during a pass wait for the next one, under FIFO.
 * - `tick` counts ready items run; each event is stamped with the tick it happened in.
 * - Events are built only while `events$` has a subscriber (`reporting`).
 * - step() is never re-entered (a task cannot run the loop it runs on): a trampoline.
 * - A task that a generator wraps is `live` until it settles.
 */
export class Loop {
  readonly clock: Clock;
  readonly random: SeededRandom;
  readonly seed: number;
  readonly policyName: string;
  readonly events$: EventStream<LoopEvent>;

  /** Ready items run so far. */
  tick = 0;
  /** The task whose step is running. */
  #current: Task<any> | null = null;
  /** Who settles a future right now: the running task, or the task a callback continues. */
  #actor: TaskId | null = null;

  static {
    loopKernel = {
      current: (loop) => loop.#current,
      actor: (loop) => loop.#actor,
      scheduleDoneCallback: (loop, future, callback) => loop.#scheduleDoneCallback(future, callback),
      handleCancelled: (loop, handle) => {
        if (loop.#reporting) loop.#report({ type: 'handle-cancelled', handle: handle.id });
      },
      futureRelabelled: (loop, future) => {
        if (loop.#reporting) loop.#report({ type: 'future-label', future: futureKernel.logId(future), label: future.label });
      },
      reportCancelRequested: (loop, task) => {
        if (loop.#reporting) loop.#report({ type: 'cancel-requested', task: task.id, by: loop.#current?.id ?? null });
      },
    };
  }
  /** True once the run has ended (main settled and leftovers cleaned up, deadlock or stop). */
  finished = false;
  closed = false;
  /** Live (unsettled) tasks, in spawn order. */
  readonly live = new Set<Task<any>>();
  main: Future<any> | null = null;

  readonly #ready = new RingQueue<ReadyItem>();
  readonly #timers = new TimerHeap<TimerHandle>();
  readonly #policy: Policy | null;
  readonly #write: (line: string) => void;
  readonly #locator: Locator | null;
  /** Locate at every step end (`locations`), not only on demand (`names`). */
  #locating: boolean;
  /** The generator observer was installed for this loop (released once, at close). */
  readonly #observing: boolean;
  #reporting = false;
  #seq = 0;
  /** One counter for handles, timers and parked-on futures: the ids the log names them by. */
  #nextId = 1;
  #nextTaskId = 1;
  #passLeft = 0;
  #stepping = false;
  #stopping = false;
  /** After main settles under run(): cancel the leftovers and run them to the end. */
  #cleanup: 'none' | 'pending' | 'running' = 'none';
  #lastDraw: number | null = null;
  /** The current pass ran a bare yield (someone busy-waits): the next pass costs `passCost`. */
  #polled = false;
  /** A loop callback (not a task step) is running user code. */
  #inCallback = false;
  readonly #passCost: number;
  /** Tasks that failed, to tell on stderr at close if nobody retrieved their exception. */
  readonly #unretrieved = new Set<Task<any>>();
  /** The leftovers asyncio.run's cleanup cancelled: any that failed instead is reported. */
  #leftovers: Task<any>[] = [];

  constructor(options: LoopOptions = {}) {
    this.clock = options.clock ?? new VirtualClock();
    this.seed = options.seed ?? 1;
    this.random = new SeededRandom(this.seed);
    // The demo's own `random.choice` draws from the run's seed, as Python's after random.seed(seed).
    random.seed(this.seed);
    const policy = options.policy ?? 'asyncio';
    this.policyName = typeof policy === 'string' ? policy : policy.name || 'custom';
    this.#policy = typeof policy === 'string' ? policyByName(policy) : policy;
    this.#write = options.write ?? ((line) => void process.stdout.write(line + '\n'));
    this.#locating = options.locations ?? false;
    this.#locator = this.#locating || options.names ? Locator.shared() : null;
    // Await chains are read by watching generators resume: only while locations are on (it costs).
    if (this.#locating) observeGenerators();
    this.#observing = this.#locating;
    this.#passCost = options.passCost ?? 0.001;
    this.events$ = new EventStream<LoopEvent>((listening) => (this.#reporting = listening));
  }

  // ───────────────────────── public API, as asyncio names it ─────────────────────────

  time(): number {
    return this.clock.now();
  }

  createFuture<T = unknown>(label = 'future'): Future<T> {
    return new Future<T>(this, label);
  }

  /** Wrap an awaitable in a Task scheduled to start on the next pass (asyncio.create_task). */
  createTask<T>(awaitable: Awaitable<T> | Coroutine<T>, name?: string): Task<T> {
    if (awaitable instanceof Future) throw new TypeError(`a coroutine was expected, got ${formatRepr(awaitable)}`);
    const coro = toCoroutine(awaitable);
    const id = this.#nextTaskId++;
    const coroName = this.#locator?.functionName(coro) ?? null;
    // Every task takes a number, named or not, as in CPython 3.11.
    const number = ++taskNames;
    const task = new Task<T>(this, coro, id, name ?? `Task-${number}`, coroName, this.#current?.id ?? null);
    if (isGenerator(coro)) {
      const reused = ownCoroutine(coro, task);
      if (reused !== null) taskKernel.setPendingError(task, reused);
    }
    this.live.add(task);
    if (this.#reporting) {
      this.#report({ type: 'task-spawn', task: id, name: task.name, coro: coroName, parent: task.parent });
    }
    this.#enqueueTask(task, 'spawn');
    return task;
  }

  /** A Future or Task as it is; anything else awaitable wrapped in a new Task (asyncio.ensure_future). */
  ensureFuture<T>(awaitable: Awaitable<T> | Coroutine<T> | Future<T>, name?: string): Future<T> {
    if (awaitable instanceof Future) {
      if (awaitable.loop !== this) throw new RuntimeError('The future belongs to a different loop than the one specified');
      return awaitable;
    }
    return this.createTask(awaitable, name);
  }

  /** Run `fn(...args)` on the next pass (asyncio's call_soon); views label it by the function's name. */
  callSoon<A extends unknown[]>(fn: (...args: A) => void, ...args: A): Handle {
    return this.queueCallback(fn, args.length === 1 ? args[0] : args, fn.name || 'callback', args.length !== 1);
  }

  /** Run `fn(...args)` once `delay` seconds of loop time have passed (asyncio's call_later). */
  callLater<A extends unknown[]>(delay: number, fn: (...args: A) => void, ...args: A): TimerHandle {
    return this.scheduleTimer(this.clock.now() + delay, fn, args.length === 1 ? args[0] : args, fn.name || 'timer', args.length !== 1);
  }

  /** Run `fn(...args)` at loop time `when` (asyncio's call_at). */
  callAt<A extends unknown[]>(when: number, fn: (...args: A) => void, ...args: A): TimerHandle {
    return this.scheduleTimer(when, fn, args.length === 1 ? args[0] : args, fn.name || 'timer', args.length !== 1);
  }

  /** call_soon with a label of its own for the views (library code: a sleep's timer, a demo's helper). */
  queueCallback(fn: (...args: any[]) => void, arg: unknown, label: string, spread = false): Handle {
    const handle = new Handle(this, this.#nextId++, fn, arg, label, this.#actor, spread);
    this.#ready.push(handle);
    if (this.#reporting) this.#report({ type: 'callback-queued', handle: handle.id, label, actor: handleKernel.actor(handle) });
    return handle;
  }

  /** call_at with a label of its own for the views. The deadline is put on the clock's grid (see `onGrid`). */
  scheduleTimer(when: number, fn: (...args: any[]) => void, arg: unknown, label: string, spread = false): TimerHandle {
    const deadline = onGrid(when);
    const handle = new TimerHandle(this, this.#nextId++, fn, arg, label, this.#actor, deadline, spread);
    // A deadline off the clock's range (sleep(Infinity), 1e300 s: not finite on the grid)
    // never comes: asyncio would wait forever. Kept off the heap and the log (JSON has no
    // Infinity), the clock never jumps there; with nothing else to run, that is a deadlock.
    if (!Number.isFinite(deadline)) return handle;
    this.#timers.push(handle);
    if (this.#reporting) {
      this.#report({ type: 'timer-set', timer: handle.id, deadline, label, task: this.#current?.id ?? null });
    }
    return handle;
  }

  /** Ask the loop to stop at the end of the current pass (asyncio's loop.stop). */
  stop(): void {
    this.#stopping = true;
  }

  /** Close the loop; the inspector lets go of the generators of tasks left unfinished (a replay discards whole loops). */
  close(): void {
    if (!this.closed) this.#reportUnretrieved();
    if (this.#observing && !this.closed) releaseGenerators();
    this.closed = true;
    if (this.#locator !== null) for (const task of this.live) this.#locator.forget(task.coro);
    if (currentLoop === this) currentLoop = null;
  }

  /** Write a line through the loop, attributed to the running task (what `print` calls). */
  print(text: string): void {
    if (this.#reporting) this.#report({ type: 'print', task: this.#current?.id ?? null, text });
    this.#write(text);
  }

  /**
   * Arm the loop with a main awaitable (or a factory of one) without running it: then call step() until
   * `finished`. With `cleanup`, behave as asyncio.run: once main settles, cancel the
   * tasks still pending and run until they have finished their `finally` blocks.
   */
  start<T>(
    main: Awaitable<T> | Coroutine<T> | Future<T> | (() => Awaitable<T> | Coroutine<T> | Future<T>),
    options: { cleanup?: boolean } = {},
  ): Future<T> {
    if (this.main !== null) throw new RuntimeError('this loop already has a main awaitable');
    if (this.closed) throw new RuntimeError('Event loop is closed');
    if (this.#reporting) this.#report({ type: 'loop-start', seed: this.seed, policy: this.policyName });
    // A factory is called only now, so whatever it spawns (a gather's children) comes after loop-start in the log.
    const awaitable = typeof main === 'function' ? main() : main;
    // Unnamed, as asyncio.run's Task-1: views then show the coroutine's own name (complex_work, not main).
    const future = this.ensureFuture(awaitable);
    this.main = future;
    this.#cleanup = options.cleanup ? 'pending' : 'none';
    future.addDoneCallback(stopLoop);
    return future;
  }

  /** Run until `awaitable` settles; return its result or throw its error (loop.run_until_complete). */
  runUntilComplete<T>(awaitable: Awaitable<T> | Coroutine<T> | Future<T>, options: { cleanup?: boolean } = {}): T {
    // Refuse before touching any state, as asyncio's _check_closed/_check_running: a task
    // calling this must not replace main, drop the cleanup, or spawn the awaitable.
    if (this.closed) throw new RuntimeError('Event loop is closed');
    if (this.#stepping) throw new RuntimeError('This event loop is already running');
    if (this.main !== null) {
      // A loop can be reused for several run_until_complete calls, as in the seeds' REPL sessions.
      this.main = null;
      this.finished = false;
    }
    const future = this.start(awaitable, options);
    this.#stoppedEarly = false;
    try {
      while (this.runItems(Infinity) > 0);
    } finally {
      // As asyncio removes _run_until_complete_cb: a main left pending (loop.stop()) must not
      // stop a later run of this loop when it settles then.
      future.removeDoneCallback(stopLoop);
    }
    if (!future.done() || this.#stoppedEarly) {
      if (this.finished && this.idleReason === 'deadlock') {
        throw new RuntimeError('deadlock: no task is ready and no timer is set, but main has not finished');
      }
      throw new RuntimeError('Event loop stopped before Future completed.');
    }
    return future.result();
  }

  /** Why the loop last found nothing to run: every task waits on something nothing will settle, or the clock cannot jump. */
  idleReason: 'deadlock' | 'waiting' | null = null;
  /** The run was stopped (loop.stop()) before main settled; the cleanup then cancelled main. */
  #stoppedEarly = false;

  // ───────────────────────────────── the kernel ─────────────────────────────────

  /**
   * Run exactly one ready item. Returns false when there is nothing left to run: the
   * run has finished (see `finished`), or is waiting on a clock that cannot jump.
   */
  step(): boolean {
    return this.runItems(1) === 1;
  }

  /**
   * Run up to `limit` ready items; return how many ran (fewer when the run ends or waits).
   * The player pulls ticks in batches through this; runUntilComplete runs it to the end.
   * One try/finally per batch, not per item: this loop is the engine's hot path.
   */
  runItems(limit: number): number {
    if (this.#stepping) throw new RuntimeError('This event loop is already running');
    if (this.finished || this.closed) return 0;
    const outer = runningLoop;
    runningLoop = this;
    // CPython's rules for awaits (core/intrinsics): hooked while a loop runs in this thread.
    if (outer === null) enterLoop();
    this.#stepping = true;
    let ran = 0;
    try {
      ran = this.#runReady(limit);
    } catch (error) {
      // Only a listener of events$ in kernel code, a policy or a broken invariant throws out
      // of here, with the kernel mid-item: its state cannot be trusted, so the run ends.
      this.finished = true;
      throw error;
    } finally {
      this.#stepping = false;
      runningLoop = outer;
      if (outer === null) leaveLoop();
      this.#current = null;
      this.#actor = null;
    }
    // A subscriber of events$ threw: surface it now that the item it saw has finished.
    const failure = this.events$.takeFailure();
    if (failure !== null) throw failure.error;
    return ran;
  }

  /**
   * runItems' loop, apart from its guards and try/finally: a small method V8 compiles as a
   * whole when runItems calls it, rather than entering a big one on-stack mid-loop.
   */
  #runReady(limit: number): number {
    const ready = this.#ready;
    const fifo = this.#policy === null;
    let ran = 0;
    while (ran < limit) {
      if (this.#passLeft === 0 && !this.#startPass()) break;
      const item = fifo ? ready.shift()! : this.#pick();
      if (item === undefined) break;
      this.#passLeft--;
      this.tick++;
      ran++;
      if (item instanceof Task) {
        const from = taskKernel.wokenBy(item);
        if (from !== null) {
          taskKernel.setWokenBy(item, null);
          this.#wakeTask(item, from);
        } else {
          const error = taskKernel.pendingError(item);
          if (error !== NO_ERROR) taskKernel.setPendingError(item, NO_ERROR);
          this.#stepTask(item, error);
        }
      } else if (!item.cancelled()) {
        this.#runHandle(item);
      } else {
        this.#skipHandle(item);
      }
      if (this.#reporting && this.events$.failure !== null) break;
    }
    return ran;
  }

  /**
   * Turn the per-step location lookups on or off while the loop runs (a loop made with
   * `locations` or `names`): a source running far ahead of the screen skips them.
   */
  setLocating(on: boolean): void {
    this.#locating = on && this.#locator !== null;
  }

  /**
   * Do the loop's work between items, up to (not including) the next one: a stop or the
   * cleanup, due timers, the clock's jump, idle or the end of the run. Idempotent: after
   * `runItems(n); prepare()` every event stamped with a tick up to the current one has been
   * emitted, so a log cut there is whole. (runItems does the same lazily, at its next item.)
   */
  prepare(): void {
    if (this.#stepping) throw new RuntimeError('This event loop is already running');
    if (this.finished || this.closed || this.#passLeft > 0) return;
    const outer = runningLoop;
    runningLoop = this;
    this.#stepping = true;
    try {
      this.#startPass();
    } catch (error) {
      this.finished = true;
      throw error;
    } finally {
      this.#stepping = false;
      runningLoop = outer;
      this.#current = null;
      this.#actor = null;
    }
    const failure = this.events$.takeFailure();
    if (failure !== null) throw failure.error;
  }

  /** Where the task's generator is suspended now (null if unknown or locations are off). */
  whereIs(task: Task<any>) {
    return this.#locator?.locate(task.coro) ?? null;
  }

  /** A snapshot of the ready queue for views: each item's task (or null for a callback) and label. */
  readyItems(): ReadyItemView[] {
    return this.#ready.toArray().map(viewOf);
  }

  /**
   * The `limit` earliest pending timers, in firing order. One pass over the heap keeping
   * the earliest few, so a view asking for 4 each frame does not sort 100,000 timers.
   */
  pendingTimers(limit = Infinity): { deadline: number; label: string }[] {
    if (limit >= this.#timers.size) {
      // All of them: one sort (the insertion below is for a few out of many).
      return this.#timers
        .values()
        .filter((t) => !t.cancelled())
        .sort((a, b) => a.deadline - b.deadline || a.seq - b.seq)
        .map(({ deadline, label }) => ({ deadline, label }));
    }
    const earliest: TimerHandle[] = [];
    const before = (a: TimerHandle, b: TimerHandle) => a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq);
    for (const timer of this.#timers.values()) {
      if (timer.cancelled()) continue;
      if (earliest.length >= limit && !before(timer, earliest[earliest.length - 1]!)) continue;
      let k = earliest.length;
      while (k > 0 && before(timer, earliest[k - 1]!)) k--;
      earliest.splice(k, 0, timer);
      if (earliest.length > limit) earliest.pop();
    }
    return earliest.map(({ deadline, label }) => ({ deadline, label }));
  }

  /** How many timers are pending (cancelled ones still in the heap are not counted). */
  pendingTimerCount(): number {
    let count = 0;
    for (const timer of this.#timers.values()) if (!timer.cancelled()) count++;
    return count;
  }

  /** Called by Future.settle: schedule one done-callback on the ready queue. */
  #scheduleDoneCallback<T>(future: Future<T>, callback: DoneCallback<T>): void {
    if (callback instanceof Task) {
      taskKernel.setWokenBy(callback, future);
      this.#ready.push(callback);
      if (this.#reporting) {
        // No `future` key at all for a future the log never named (a JSON round trip keeps the event equal).
        const logId = futureKernel.logId(future);
        if (logId !== 0) this.#report({ type: 'task-scheduled', task: callback.id, reason: 'wake', by: future.label, future: logId });
        else this.#report({ type: 'task-scheduled', task: callback.id, reason: 'wake', by: future.label });
      }
    } else {
      const handle = new Handle(this, this.#nextId++, callback, future, callback.name || 'done callback', futureKernel.settledBy(future));
      this.#ready.push(handle);
      if (this.#reporting) this.#report({ type: 'callback-queued', handle: handle.id, label: handle.label, actor: handleKernel.actor(handle) });
    }
  }

  #enqueueTask(task: Task<any>, reason: ScheduleReason): void {
    this.#ready.push(task);
    if (this.#reporting) this.#report({ type: 'task-scheduled', task: task.id, reason });
  }

  /**
   * Start a pass; false if there is nothing to run (the run has ended or waits). Small, so
   * that runItems inlines it: a pass with no timers, no stop and no idle state to clear is
   * only the queue's length, and the common case of a busy loop.
   */
  #startPass(): boolean {
    if (this.#timers.size === 0 && !this.#stopping && this.idleReason === null && this.#ready.length > 0) {
      this.#passLeft = this.#ready.length;
      this.#polled = false;
      return true;
    }
    return this.#beginPass();
  }

  /** Start a pass the long way: end the run if asked, fire due timers, jump the clock if idle. */
  #beginPass(): boolean {
    // Between items nobody acts: what happens here (timers, cleanup cancels) is the loop's doing.
    this.#current = null;
    this.#actor = null;
    if (this.#stopping) {
      this.#stopping = false;
      if (!this.#endOfMain()) return false;
    }
    if (this.#timers.size > 0 && !this.#fireDueTimers()) return this.#idle('waiting');
    this.#polled = false;
    this.#passLeft = this.#ready.length;
    if (this.#passLeft === 0) return this.#idle('deadlock');
    this.idleReason = null;
    return true;
  }

  /**
   * Move the clock (a jump to the next deadline when nothing is ready, `passCost` when
   * busy) and the timers now due into the ready queue. False if the clock cannot jump.
   * Out of beginPass so a pass without timers reads no clock at all.
   */
  #fireDueTimers(): boolean {
    const timers = this.#timers;
    while (timers.size > 0 && timers.peek()!.cancelled()) timers.pop();
    if (timers.size > 0) {
      const from = this.clock.now();
      const deadline = timers.peek()!.deadline;
      if (deadline > from) {
        if (this.#ready.length === 0) {
          if (!this.clock.advanceTo(deadline)) return false;
        } else if (this.#passCost > 0 && this.#polled) {
          this.clock.advanceTo(Math.min(deadline, from + this.#passCost));
        }
        if (this.#reporting && this.clock.now() !== from) this.#emit({ type: 'clock-advance', from, to: this.clock.now() });
      }
    }
    const now = this.clock.now();
    while (timers.size > 0) {
      const top = timers.peek()!;
      if (top.cancelled()) {
        timers.pop();
        continue;
      }
      if (top.deadline > now) break;
      timers.pop();
      this.#ready.push(top);
      if (this.#reporting) this.#emit({ type: 'timer-due', timer: top.id });
    }
    return true;
  }

  /** main has settled and the pass that saw it is over: clean up (asyncio.run) or finish. */
  #endOfMain(): boolean {
    if (this.#cleanup === 'pending') {
      this.#cleanup = 'running';
      // loop.stop() before main settled: asyncio.run still cleans up (main included), then
      // reports the stop, not main's cancellation.
      this.#stoppedEarly = this.main !== null && !this.main.done();
      const leftovers = [...this.live];
      this.#leftovers = leftovers;
      if (leftovers.length > 0) {
        for (const task of leftovers) task.cancel();
        const all = gatherAll(this, leftovers);
        all.addDoneCallback(stopLoop);
        return true;
      }
    }
    this.#stoppedEarly ||= this.main !== null && !this.main.done();
    for (const task of this.#leftovers) {
      // As asyncio.run's _cancel_all_tasks: a leftover that failed rather than being cancelled.
      if (task.done() && !task.cancelled() && task.hasFailed()) {
        const error = task.exception();
        process.stderr.write(`unhandled exception during asyncio.run() shutdown\ntask: <Task finished name='${task.name}' exception=${formatRepr(error)}>\n`);
      }
    }
    this.#leftovers = [];
    this.#finish('stopped');
    return false;
  }

  /** The run is over; `unfinished` says why if main has not settled (or was cancelled by the cleanup of a stop). */
  #finish(unfinished: 'deadlock' | 'stopped'): void {
    this.finished = true;
    if (this.#reporting) {
      const main = this.main;
      if (main === null || !main.done() || this.#stoppedEarly) {
        this.#emit({ type: 'loop-end', outcome: unfinished });
      } else if (main.cancelled()) {
        this.#emit({ type: 'loop-end', outcome: 'cancelled' });
      } else if (main.hasFailed()) {
        this.#emit({ type: 'loop-end', outcome: 'threw', error: describeError(main.exception()) });
      } else {
        this.#emit({ type: 'loop-end', outcome: 'returned', value: formatRepr(main.result()) });
      }
    }
  }

  #idle(reason: 'deadlock' | 'waiting'): false {
    if (this.idleReason !== reason && this.#reporting) this.#emit({ type: 'loop-idle', reason });
    this.idleReason = reason;
    if (reason === 'deadlock') this.#finish('deadlock');
    return false;
  }

  /** Let the policy choose; record the draw for the views. */
  #pick(): ReadyItem | undefined {
    this.#lastDraw = null;
    const choice = this.#policy!(this.readyQueue, this.#policyContext);
    if (choice === 'stop') {
      this.finished = true;
      this.#passLeft = 0;
      if (this.#reporting) this.#emit({ type: 'loop-end', outcome: 'stopped' });
      return undefined;
    }
    if (!Number.isInteger(choice) || choice < 0 || choice >= this.#ready.length) {
      throw new RuntimeError(`the policy '${this.policyName}' picked ${formatRepr(choice)}, not an index of the ${this.#ready.length} ready items`);
    }
    if (this.#reporting) {
      const view = viewOf(this.#ready.at(choice)!);
      // Stamped with the tick of the item it picks, which runItems counts once it has it.
      this.tick++;
      this.#emit({ type: 'pick', task: view.task, label: view.label, index: choice, candidates: this.#ready.length, draw: this.#lastDraw });
      this.tick--;
    }
    return this.#ready.removeAt(choice)!;
  }

  /** The ready queue read in place, by index: what policies see, and views that must not copy it. */
  readonly readyQueue: ReadyQueueView = {
    get: (index: number): ReadyItemView | undefined => {
      const item = this.#ready.at(index);
      return item === undefined ? undefined : viewOf(item);
    },
    length: () => this.#ready.length,
  };

  readonly #policyContext = {
    below: (n: number) => {
      const draw = this.random.below(n);
      this.#lastDraw = draw;
      return draw;
    },
    random: () => {
      const draw = this.random.next();
      this.#lastDraw = draw;
      return draw;
    },
    tick: () => this.tick,
  };

  #runHandle(handle: Handle): void {
    this.#actor = handleKernel.actor(handle);
    if (this.#reporting) {
      if (handle instanceof TimerHandle) this.#emit({ type: 'timer-fired', timer: handle.id, label: handle.label, ready: this.#ready.length });
      else this.#emit({ type: 'callback', label: handle.label, ready: this.#ready.length, handle: handle.id });
    }
    this.#inCallback = true;
    try {
      handleKernel.run(handle);
    } catch (error) {
      // asyncio logs an exception raised by a callback and carries on; so do we.
      process.stderr.write(`Exception in callback ${handle.label}: ${describeError(error)}\n`);
    }
    this.#inCallback = false;
  }

  /** A handle cancelled while queued reaches its turn: it takes its tick and runs nothing. */
  #skipHandle(handle: Handle): void {
    handleKernel.skip(handle);
    if (!this.#reporting) return;
    if (handle instanceof TimerHandle) this.#emit({ type: 'timer-fired', timer: handle.id, label: handle.label, ready: this.#ready.length, skipped: true });
    else this.#emit({ type: 'callback', label: handle.label, ready: this.#ready.length, handle: handle.id, skipped: true });
  }

  /** asyncio's Task.__wakeup: resume the task with the settled future's outcome. */
  #wakeTask(task: Task<any>, future: Future<any>): void {
    if (this.#reporting) this.#emit({ type: 'wake', task: task.id, by: future.label, waker: futureKernel.settledBy(future) });
    let error: unknown = NO_ERROR;
    if (future.cancelled()) error = futureKernel.cancelledError(future);
    else if (future.hasFailed()) error = future.exception();
    this.#stepTask(task, error);
  }

  /**
   * asyncio's Task.__step: resume the generator once and act on what it yields.
   * Kept small (the common case only) so V8 inlines it into runItems: its bytecode must
   * stay well under V8's inlining limit (460 bytes, 920 with what runItems inlines besides),
   * so every rarer outcome, and every event, is a method of its own.
   */
  #stepTask(task: Task<any>, error: unknown): void {
    if (task.done()) this.#stepOfFinished(task);
    if (taskKernel.beginStep(task)) error = this.#cancellationFor(task, error);
    this.#actor = task.id;
    if (this.#reporting) this.#reportStepBegin(task, error);
    this.#current = task;
    let result: IteratorResult<unknown, unknown>;
    try {
      result = error === NO_ERROR ? task.coro.next() : throwInto(task.coro, error);
    } catch (thrown) {
      this.#current = null;
      // The error delivered goes along, not inspected here: this catch must stay small (see above).
      this.#taskRaised(task, thrown, error);
      return;
    }
    this.#current = null;
    if (result.done) {
      this.#taskReturned(task, result.value);
    } else if (result.value === undefined) {
      // A bare yield gives the turn back: to the back of the queue (asyncio.sleep(0)).
      this.#ready.push(task);
      this.#polled = true;
      if (this.#reporting) this.#reportYield(task);
    } else {
      this.#taskYielded(task, result.value);
    }
  }

  #stepOfFinished(task: Task<any>): never {
    throw new RuntimeError(`step of a finished task: ${task.describe()}`);
  }

  /** Built whole, stamps included (see #emit): one literal, one shape, no stores after. */
  #reportStepBegin(task: Task<any>, error: unknown): void {
    const throwing = error === NO_ERROR ? null : describeError(error);
    this.events$.deliver({ type: 'step-begin', task: task.id, throwing, ready: this.#ready.length, seq: this.#seq++, tick: this.tick, time: this.clock.now() });
  }

  /**
   * What escaped a step that threw `error` into the task. A hand-written iterator with no
   * throw() (core/intrinsics covers the built-in ones) makes `yield*` raise TypeError at
   * the await instead of `error`, as Python's `yield from` would: when that TypeError
   * escapes the task, the task ends as `error` says (cancelled, for a CancelledError),
   * and a line on stderr says why its `except` clauses saw a TypeError.
   */
  #raisedAtAwait(task: Task<any>, thrown: unknown, error: unknown): unknown {
    if (!(thrown instanceof TypeError) || thrown.message !== NO_THROW_METHOD) return thrown;
    const where = this.#locator?.locate(task.coro);
    const at = where ? ` at ${where.file}:${where.line}` : '';
    process.stderr.write(
      `${task.displayName}: ${describeError(error)} could not be raised at its await${at}: the iterator it awaits has no throw() method, so JavaScript raised TypeError there; the task ends as ${describeError(error)} says\n`,
    );
    return error;
  }

  /** The CancelledError a step must throw because cancel() could not cancel what the task waited on. */
  #cancellationFor(task: Task<any>, error: unknown): unknown {
    taskKernel.setMustCancel(task, false);
    return error instanceof CancelledError ? error : new CancelledError(taskKernel.cancelMessage(task));
  }

  /**
   * A bare yield's two events, each built whole with its stamps (see #emit): the events of
   * every sleep(0), the commonest switch. Where the task stands is added only when locating.
   */
  #reportYield(task: Task<any>): void {
    const id = task.id;
    if (this.#locating) this.#emit({ type: 'step-end', task: id, outcome: 'yielded', ...this.#suspension(task) });
    else this.events$.deliver({ type: 'step-end', task: id, outcome: 'yielded', seq: this.#seq++, tick: this.tick, time: this.clock.now() });
    this.events$.deliver({ type: 'task-scheduled', task: id, reason: 'yield', seq: this.#seq++, tick: this.tick, time: this.clock.now() });
  }

  /** An error escaped the generator: the task failed, or was cancelled if it was a CancelledError. */
  #taskRaised(task: Task<any>, thrown: unknown, delivered: unknown): void {
    if (delivered !== NO_ERROR) thrown = this.#raisedAtAwait(task, thrown, delivered);
    this.#settled(task);
    if (thrown instanceof CancelledError) {
      futureKernel.markCancelledBy(task, thrown);
      if (this.#reporting) {
        this.#emit({ type: 'step-end', task: task.id, outcome: 'cancelled', error: describeError(thrown) });
        this.#emit({ type: 'cancelled', task: task.id });
      }
    } else {
      taskKernel.fail(task, thrown);
      this.#unretrieved.add(task);
      if (this.#reporting) this.#emit({ type: 'step-end', task: task.id, outcome: 'threw', error: describeError(thrown) });
    }
  }

  /**
   * CPython logs a failed task nobody asked for its exception when the task is collected;
   * here, when the loop closes (asyncio.run's end), in the order they failed.
   */
  #reportUnretrieved(): void {
    for (const task of this.#unretrieved) {
      if (!futureKernel.retrieved(task)) {
        process.stderr.write(`Task exception was never retrieved\nfuture: <Task finished name='${task.name}' exception=${formatRepr(task.exception())}>\n`);
      }
    }
    this.#unretrieved.clear();
  }

  #taskReturned(task: Task<any>, value: unknown): void {
    this.#settled(task);
    if (taskKernel.mustCancel(task)) {
      // Cancelled during its last step: asyncio reports it cancelled, not finished.
      taskKernel.setMustCancel(task, false);
      futureKernel.markCancelled(task, taskKernel.cancelMessage(task));
      if (this.#reporting) {
        this.#emit({ type: 'step-end', task: task.id, outcome: 'cancelled', error: 'CancelledError' });
        this.#emit({ type: 'cancelled', task: task.id });
      }
    } else {
      taskKernel.finish(task, value);
      if (this.#reporting) this.#emit({ type: 'step-end', task: task.id, outcome: 'returned', value: formatRepr(value) });
    }
  }

  /** The task yielded something other than undefined: park on a future, or report a bad yield. */
  #taskYielded(task: Task<any>, yielded: unknown): void {
    if (yielded instanceof Future && yielded.loop === this && futureKernel.blocking(yielded) && yielded !== task) {
      futureKernel.clearBlocking(yielded);
      taskKernel.setWaitingOn(task, yielded);
      yielded.addDoneCallback(task);
      // Reported before a cancel below can wake it: parked, then scheduled, in the log's order.
      if (this.#reporting) {
        if (futureKernel.logId(yielded) === 0) futureKernel.setLogId(yielded, this.#nextId++);
        this.#emit({ type: 'step-end', task: task.id, outcome: 'parked', on: yielded.label, future: futureKernel.logId(yielded), ...this.#suspension(task) });
      }
      if (taskKernel.mustCancel(task) && yielded.cancel(taskKernel.cancelMessage(task))) taskKernel.setMustCancel(task, false);
      return;
    }
    // Anything else is a misuse asyncio reports by throwing into the task at its next step.
    taskKernel.setPendingError(task, new RuntimeError(badYieldMessage(task, yielded)));
    this.#ready.push(task);
    if (this.#reporting) {
      this.#emit({ type: 'step-end', task: task.id, outcome: 'bad-yield', value: formatRepr(yielded), ...this.#suspension(task) });
      this.#emit({ type: 'task-scheduled', task: task.id, reason: 'error' });
    }
  }

  /** A task has settled: it leaves the live set, and the locator lets go of its generator. */
  #settled(task: Task<any>): void {
    this.live.delete(task);
    this.#locator?.forget(task.coro);
  }

  /** Where the task now stands and the await chain its yield went through (locations on), read from the runtime. */
  #suspension(task: Task<any>): { where?: SourceLocation; chain?: SourceLocation[] } {
    if (!this.#locating) return NOWHERE;
    const where = this.#locator!.locate(task.coro) ?? undefined;
    const frames = lastChain(task.coro);
    return frames === null ? { where } : { where, chain: this.#locator!.locateChain(frames, task.coro) };
  }

  /**
   * Stamp and deliver an event from the kernel's own code (never while user code runs).
   * Delivery is bare (see EventStream): a listener that throws ends the run.
   */
  #emit(body: LoopEventBody): void {
    // Stamped here and again in report(), not in a shared helper: one helper's stores would
    // see every event shape of both paths and go megamorphic, and with a listener the loop
    // then ran at 8–14 M switches/s from run to run instead of a steady ~14 (bench/).
    // The events of every step (step-begin, a bare yield's two) skip this: each is one
    // literal with its stamps, built whole (reportStepBegin, reportYield).
    const event = body as LoopEvent;
    event.seq = this.#seq++;
    event.tick = this.tick;
    event.time = this.clock.now();
    this.events$.deliver(event);
  }

  /**
   * The same, from code that user code can reach (print, createTask, callLater, cancel,
   * a future settled by a task): while user code runs, a listener's error is held and
   * rethrown after the item, so it never surfaces inside the user's generator.
   */
  #report(body: LoopEventBody): void {
    const event = body as LoopEvent;
    event.seq = this.#seq++;
    event.tick = this.tick;
    event.time = this.clock.now();
    if (this.#current !== null || this.#inCallback) this.events$.deliverGuarded(event);
    else this.events$.deliver(event);
  }

}

/**
 * `fn` under another name: views label a callback by its function's name, so
 * `loop.callLater(1, labelled('data arrives', () => …))` shows as `data arrives`.
 */
export function labelled<F extends (...args: any[]) => unknown>(label: string, fn: F): F {
  return Object.defineProperty(fn, 'name', { value: label });
}

/** asyncio's `_run_until_complete_cb`. */
const stopLoop = labelled('main done → stop the loop', function stopLoop(future: Future<any>): void {
  future.loop.stop();
});

function viewOf(item: ReadyItem): ReadyItemView {
  if (item instanceof Task) {
    const wokenBy = taskKernel.wokenBy(item);
    return { task: item.id, name: item.displayName, label: wokenBy ? `wake ${item.displayName} (${wokenBy.label})` : item.displayName };
  }
  return { task: null, name: null, label: item.label };
}

function badYieldMessage(task: Task<any>, yielded: unknown): string {
  if (yielded === task) return `Task cannot await on itself: ${task.describe()}`;
  if (yielded instanceof Future) {
    if (yielded.loop !== task.loop) return `Task ${task.describe()} got Future ${yielded.describe()} attached to a different loop`;
    return `yield was used instead of yield* in task ${task.describe()} with ${yielded.describe()}`;
  }
  if (isGenerator(yielded)) return `yield was used instead of yield* for generator in task ${task.describe()}`;
  const origin = typeof yielded === 'object' && yielded !== null ? (yielded as { [FUTURE_ORIGIN]?: unknown })[FUTURE_ORIGIN] : undefined;
  if (typeof origin === 'string') {
    return `${task.describe()} got a future from another copy of coroscope (${origin}; this loop's is ${(Future.prototype as { [FUTURE_ORIGIN]?: string })[FUTURE_ORIGIN]}): import everything from 'coroscope'`;
  }
  return `Task got bad yield: ${formatRepr(yielded)}`;
}

export function isGenerator(value: unknown): value is Generator<unknown, unknown, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Generator).next === 'function' &&
    typeof (value as Generator).throw === 'function' &&
    typeof (value as Generator)[Symbol.iterator] === 'function'
  );
}

/** What a task drives: a generator as it is, else the awaitable's iterator (its `__await__`). */
export function toCoroutine<T>(awaitable: Awaitable<T> | Coroutine<T>): Coroutine<T> {
  if (isGenerator(awaitable)) return awaitable as Coroutine<T>;
  const iterate = (awaitable as Awaitable<T>)?.[Symbol.iterator];
  if (typeof iterate !== 'function') {
    throw new TypeError(`An asyncio.Future, a coroutine or an awaitable is required, not ${formatRepr(awaitable)}`);
  }
  return iterate.call(awaitable);
}

/** Throw into an iterator; one without throw() ends and the error propagates, as `yield from` does. */
function throwInto(coro: Coroutine<unknown>, error: unknown): IteratorResult<unknown, unknown> {
  if (typeof coro.throw === 'function') return coro.throw(error);
  coro.return?.();
  throw error;
}

/** Wait for every future, errors included (the cleanup gather of asyncio.run). */
function gatherAll(loop: Loop, futures: Future<any>[]): Future<void> {
  const outer = loop.createFuture<void>(`cleanup 0/${futures.length}`);
  let left = futures.length;
  const childDone = labelled('cleanup: a cancelled task finished', () => {
    left--;
    outer.label = `cleanup ${futures.length - left}/${futures.length}`;
    if (left === 0 && !outer.done()) outer.setResult(undefined);
  });
  for (const future of futures) future.addDoneCallback(childDone);
  return outer;
}

// Re-exported for the public API.
export { FINISHED };
/** print's keyword arguments, as the last argument: `print('a', 'b', { sep: '', end: '' })`. */
export interface PrintOptions {
  sep?: string;
  end?: string;
}

function isPrintOptions(value: unknown): value is PrintOptions {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => (k === 'sep' || k === 'end') && typeof (value as Record<string, unknown>)[k] === 'string');
}

/** Text printed with an `end` other than a newline, waiting for the rest of its line. */
let partialLine = '';

/**
 * Python's print: values formatted as str() does, joined by `sep` (' '), ended by `end`
 * ('\n'). Whole lines go through the running loop (attributed to the running task).
 */
export function print(...values: unknown[]): void {
  let text: string;
  if (values.length > 0 && isPrintOptions(values[values.length - 1])) {
    const { sep = ' ', end = '\n' } = values.pop() as PrintOptions;
    text = partialLine + values.map(formatValue).join(sep) + end;
    if (!text.endsWith('\n')) {
      partialLine = text;
      return;
    }
    text = text.slice(0, -1);
  } else {
    text = partialLine + formatPrint(values);
  }
  partialLine = '';
  for (const line of text.split('\n')) {
    if (runningLoop !== null) runningLoop.print(line);
    else if (printSink !== null) printSink(line);
    else process.stdout.write(line + '\n');
  }
}

/** Where `print` goes when no loop runs: a managed run (core/managed) attributes it; null is stdout. */
let printSink: ((text: string) => void) | null = null;

export function setPrintSink(sink: ((text: string) => void) | null): ((text: string) => void) | null {
  const previous = printSink;
  printSink = sink;
  return previous;
}

const NOWHERE: { where?: SourceLocation; chain?: SourceLocation[] } = Object.freeze({});
