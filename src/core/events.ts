/**
 * The event log: the single source of truth every view reads.
 * Every event carries `seq` (0, 1, 2… with no gaps), `tick` (ready-queue items run so
 * far: the tick during which it happened), and virtual `time` in seconds. Values are
 * carried as text (formatted like `print` does), so a log is plain JSON.
 */
export type TaskId = number;

/** Where a generator is suspended, in the source the user wrote (1-based line and column). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  /** In an await chain: the frame's function (`tum`), or the awaitable's class for its iterator (`Awaitable`). */
  name?: string;
}

/** How a task step ended. */
export type StepOutcome =
  | 'yielded' // bare yield: rescheduled at the back of the ready queue (sleep(0))
  | 'parked' // yielded a pending future: waits for its done-callback
  | 'bad-yield' // yielded something else: an error goes back into the task next step
  | 'returned' // the generator finished: the task's result
  | 'threw' // an error escaped the generator: the task failed
  | 'cancelled'; // CancelledError escaped the generator: the task is cancelled

export type ScheduleReason = 'spawn' | 'yield' | 'wake' | 'error';

/** What ran the program: the TypeScript engine or CPython with the tracer. */
export interface SourceInfo {
  language: 'typescript' | 'python';
  /** The program's file, when it has one (the code pane shows it). */
  file?: string;
  /** The interpreter's version for Python (`3.11.7`). */
  version?: string;
  /** The demo's name, when a demo ran (a replayed log finds its title, cues and code by it). */
  demo?: string;
}

/**
 * The log is complete: the ready queue, parked tasks and what they wait on,
 * pending timers and the virtual time at any tick are a fold of these events alone.
 * - Ready queue: pushed by `task-scheduled`, `callback-queued` and `timer-due`; an item
 *   leaves it when it runs (`step-begin`, `callback`, `timer-fired`), from the index a
 *   `pick` names, else from the head (FIFO). A cancelled callback still takes its tick
 *   (`callback` with `skipped`). A managed run (a plain function driving coroutines by
 *   hand, `policy` = the manager's name) queues its live coroutines, each at its place
 *   (`at`), and names the one each tick steps with a `pick`.
 * - Parked: `step-end` 'parked' names the future (`future`, `on`); `future-label` renames
 *   it (gather 1/2); the task leaves it when scheduled again.
 * - Timers: `timer-set` (id, deadline), gone at `timer-due` or `handle-cancelled`.
 * Handle ids (callbacks and timers) and future ids share one counter per loop.
 */
export type LoopEventBody =
  | { type: 'loop-start'; seed: number; policy: string; source?: SourceInfo }
  /** `kind` 'coroutine': a coroutine driven by hand (`coro.send(None)` from a manager), not an asyncio Task. */
  | { type: 'task-spawn'; task: TaskId; name: string; coro: string | null; parent: TaskId | null; kind?: 'task' | 'coroutine' }
  /**
   * `by`: for a wake, what woke it (the future's label); `future`: that future's id (see
   * `future-label`). `at`: inserted at this index of the ready queue rather than at the
   * back (a managed run keeps its coroutines in a fixed order).
   */
  | { type: 'task-scheduled'; task: TaskId; reason: ScheduleReason; by?: string; future?: number; at?: number }
  /**
   * Stamped with the tick of the item it picks (the tick it starts). `draw`: what the policy
   * drew, null if nothing: the index for `below(n)` (random.choice's `_randbelow`, so equal
   * to `index` for the 'random' policy), a float in [0, 1) for `random()`.
   */
  | { type: 'pick'; task: TaskId | null; label: string; index: number; candidates: number; draw: number | null }
  /**
   * `ready`: items still in the ready queue once this one was taken (also on callback and timer-fired).
   * `driver`: for a coroutine driven by hand, the manager's line that sent into it (`name`: the
   * plain function making the call, e.g. `frenetic_coros_manager`).
   */
  | { type: 'step-begin'; task: TaskId; throwing: string | null; ready: number; driver?: SourceLocation }
  | {
      type: 'step-end';
      task: TaskId;
      outcome: StepOutcome;
      /** For 'parked': what the task waits on (e.g. `sleep(1)`, `gather 0/2`). */
      on?: string;
      /** For 'returned': the result; for 'bad-yield': what was yielded. */
      value?: string;
      /** For 'threw' and 'cancelled': the error, one line. */
      error?: string;
      /** For 'parked': the id of the future (see `future-label`). */
      future?: number;
      /**
       * Where the task's own generator is now suspended (when the loop has `locations` on):
       * the outermost frame, the line of the task's body (`tum:11`, at its `yield*`).
       */
      where?: SourceLocation;
      /**
       * The await chain the yield went through, outermost frame first, each frame named:
       * `tum:11 → Awaitable:5` (its first entry is `where` unless the task's own generator is the
       * engine's, its last the bare `yield`). Frames
       * inside coroscope's engine (a Future's or sleep's iterator) are left out, so a task
       * parked on `sleep(1)` has a one-frame chain. Read from the runtime; absent when unknown
       * (locations off, or a task whose iterator is not a generator).
       */
      chain?: SourceLocation[];
    }
  /** A callback pushed on the ready queue (call_soon, a future's done-callback). */
  | { type: 'callback-queued'; handle: number; label: string; actor: TaskId | null }
  /** `skipped`: the handle was cancelled while queued; its tick runs nothing. */
  | { type: 'callback'; label: string; ready: number; handle?: number; skipped?: boolean }
  | { type: 'handle-cancelled'; handle: number }
  | { type: 'future-label'; future: number; label: string }
  | { type: 'wake'; task: TaskId; by: string; waker: TaskId | null }
  | { type: 'print'; task: TaskId | null; text: string; stream?: 'stdout' | 'stderr' }
  | { type: 'timer-set'; timer: number; deadline: number; label: string; task: TaskId | null }
  /** The timer is due: moved from the heap to the ready queue. */
  | { type: 'timer-due'; timer: number }
  | { type: 'timer-fired'; timer: number; label: string; ready: number; skipped?: boolean }
  | { type: 'clock-advance'; from: number; to: number }
  | { type: 'cancel-requested'; task: TaskId; by: TaskId | null }
  | { type: 'cancelled'; task: TaskId }
  | { type: 'loop-idle'; reason: 'deadlock' | 'waiting' }
  | { type: 'loop-end'; outcome: 'returned' | 'threw' | 'cancelled' | 'deadlock' | 'stopped'; value?: string; error?: string };

export type LoopEventType = LoopEventBody['type'];

/**
 * How views name a task: the generator's name for a task asyncio would call `Task-N`
 * (lanes say `tum`, not `Task-2`), else the name it was given. A task-spawn event carries both.
 */
export function taskDisplayName(name: string, coro: string | null): string {
  return name.startsWith('Task-') && coro ? coro : name;
}

export type LoopEvent = LoopEventBody & { seq: number; tick: number; time: number };

/** Narrow a LoopEvent by its `type`. */
export type EventOf<K extends LoopEventType> = Extract<LoopEvent, { type: K }>;
