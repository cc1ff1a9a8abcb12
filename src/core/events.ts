/**
 * The event log: the single source of truth every view reads (DESIGN.md §2, §4).
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

export type LoopEventBody =
  | { type: 'loop-start'; seed: number; policy: string }
  | { type: 'task-spawn'; task: TaskId; name: string; coro: string | null; parent: TaskId | null }
  | { type: 'task-scheduled'; task: TaskId; reason: ScheduleReason }
  | { type: 'pick'; task: TaskId | null; label: string; index: number; candidates: number; draw: number | null }
  /** `ready`: items still in the ready queue once this one was taken (also on callback and timer-fired). */
  | { type: 'step-begin'; task: TaskId; throwing: string | null; ready: number }
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
      /** Where the task's generator is now suspended (when the loop has `locations` on). */
      where?: SourceLocation;
    }
  | { type: 'callback'; label: string; ready: number }
  | { type: 'wake'; task: TaskId; by: string; waker: TaskId | null }
  | { type: 'print'; task: TaskId | null; text: string }
  | { type: 'timer-set'; timer: number; deadline: number; label: string; task: TaskId | null }
  | { type: 'timer-fired'; timer: number; label: string; ready: number }
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
