/**
 * The loop's scheduler state as a fold of its event log: the ready queue (callbacks and
 * timers included), the parked tasks and what they wait on, the pending timers, the
 * virtual time. Views read this, never the live Loop, so a recorded log (or a Python
 * source) shows exactly what the engine would. The rules are those the log states
 * (src/core/events.ts, "The log is complete").
 *
 * Invariants:
 * - `ready` holds one entry per item in the loop's ready queue, in queue order; an entry
 *   never changes once pushed (a label that changes lives in `futures`).
 * - A future is in `futures` while something refers to it: a parked task, or a wake-up in
 *   the ready queue; `refs` counts those, so the map never outgrows what is waiting.
 * - `picked` holds the entry a `pick` removed until the removal event it announced
 *   (step-begin, callback, timer-fired) consumes it.
 * - `timers` holds the pending timers. Each is in `timerHeap`, by (deadline, timer id),
 *   or in `newTimers` (set since the last read: a read moves them to the heap, so a fold
 *   pays nothing for order no one reads). Both may also hold timers since due or
 *   cancelled (dead: not the entry `timers` holds); dead entries leave the heap as they
 *   reach its top, and either list is filtered once its dead outnumber the live. So the
 *   earliest few are read without a scan of every timer.
 * - `apply` is O(1) amortised per event, except a pick from the middle of the queue
 *   (O(n) in the loop too) and its snapshot of the queue's first PICK_SNAPSHOT entries.
 */
import { taskDisplayName, type LoopEvent, type TaskId } from '../core/events.js';
import { TimerHeap } from '../core/heap.js';
import { RingQueue } from '../core/queue.js';

/** One item of the ready queue as views show it (labels as `Loop.readyQueue` gives them). */
export interface ReadyView {
  task: TaskId | null;
  handle: number | null;
  label: string;
}

export interface ParkedView {
  task: TaskId;
  /** The future's id in the log (null when the source does not name futures). */
  future: number | null;
  /** What it waits on, as labelled now (`gather 1/2`). */
  label: string;
}

export interface TimerView {
  timer: number;
  deadline: number;
  label: string;
}

/** The queue the last policy draw chose from, before it removed its pick. */
export interface PickView {
  tick: number;
  index: number;
  candidates: number;
  draw: number | null;
  /** The first PICK_SNAPSHOT entries of the queue it chose from. */
  queue: readonly ReadyView[];
}

export const PICK_SNAPSHOT = 64;

interface ReadyEntry {
  readonly task: TaskId | null;
  readonly handle: number | null;
  /** A handle's label; for a wake-up, what woke it if the future is not named. */
  readonly label: string;
  /** For a task's wake-up: the future's id (0: none). */
  readonly future: number;
  readonly wake: boolean;
}

/** A pending timer as views see it, and its key in the heap (seq: its id, which orders equal deadlines as they were set). */
interface TimerEntry extends TimerView {
  readonly seq: number;
}

interface FutureEntry {
  label: string;
  refs: number;
}

interface Parked {
  readonly future: number;
  /** The label at park time, for a future the log does not name. */
  readonly on: string;
}

export class LoopState {
  time = 0;
  private ready = new RingQueue<ReadyEntry>();
  private parkedTasks = new Map<TaskId, Parked>();
  private futures = new Map<number, FutureEntry>();
  private timers = new Map<number, TimerEntry>();
  private timerHeap = new TimerHeap<TimerEntry>();
  private newTimers: TimerEntry[] = [];
  private names = new Map<TaskId, string>();
  /** Tasks a manager drives by hand: their steps take nothing from the ready queue. */
  private coroutines = new Set<TaskId>();
  private picked: ReadyEntry | null = null;
  private pick: PickView | null = null;

  apply(e: LoopEvent): void {
    this.time = e.time;
    switch (e.type) {
      case 'loop-start':
        this.reset();
        break;
      case 'task-spawn':
        this.names.set(e.task, taskDisplayName(e.name, e.coro));
        if (e.kind === 'coroutine') this.coroutines.add(e.task);
        break;
      case 'task-scheduled': {
        const wake = e.reason === 'wake';
        const future = wake ? (e.future ?? 0) : 0;
        const parked = this.parkedTasks.get(e.task);
        if (parked !== undefined) {
          this.parkedTasks.delete(e.task);
          this.release(parked.future);
        }
        // A wake-up names its future: `wake main (gather 1/2)` follows the future's label.
        if (future !== 0) this.retain(future, e.by ?? '');
        const entry = { task: e.task, handle: null, label: e.by ?? '', future, wake };
        // A managed run keeps its coroutines in spawn order: `at` says where this one goes back.
        if (e.at !== undefined) this.ready.insertAt(e.at, entry);
        else this.ready.push(entry);
        break;
      }
      case 'callback-queued':
        this.ready.push({ task: null, handle: e.handle, label: e.label, future: 0, wake: false });
        break;
      case 'timer-set': {
        const entry = { timer: e.timer, deadline: e.deadline, label: e.label, seq: e.timer };
        this.timers.set(e.timer, entry);
        this.newTimers.push(entry);
        if (this.newTimers.length > 2 * this.timers.size + 64) this.newTimers = this.newTimers.filter(this.isLive);
        break;
      }
      case 'timer-due': {
        const timer = this.timers.get(e.timer);
        this.timers.delete(e.timer);
        this.ready.push({ task: null, handle: e.timer, label: timer?.label ?? 'timer', future: 0, wake: false });
        break;
      }
      case 'handle-cancelled':
        // A timer still in the heap is gone; a queued handle keeps its place (it is skipped at its turn).
        this.timers.delete(e.handle);
        break;
      case 'pick': {
        const n = Math.min(this.ready.length, PICK_SNAPSHOT);
        const queue: ReadyView[] = [];
        for (let i = 0; i < n; i++) queue.push(this.view(this.ready.at(i)!));
        this.pick = { tick: e.tick, index: e.index, candidates: e.candidates, draw: e.draw, queue };
        this.picked = this.ready.removeAt(e.index) ?? null;
        break;
      }
      case 'step-begin':
        if (this.coroutines.has(e.task)) break;
        this.take();
        break;
      case 'callback':
      case 'timer-fired':
        this.take();
        break;
      case 'step-end':
        if (e.outcome === 'parked') {
          const future = e.future ?? 0;
          if (future !== 0) this.retain(future, e.on ?? '');
          this.parkedTasks.set(e.task, { future, on: e.on ?? '' });
        } else if (e.outcome === 'returned' || e.outcome === 'threw' || e.outcome === 'cancelled') {
          this.names.delete(e.task);
          this.coroutines.delete(e.task);
        }
        break;
      case 'future-label': {
        const future = this.futures.get(e.future);
        if (future !== undefined) future.label = e.label;
        break;
      }
      case 'clock-advance':
        this.time = e.to;
        break;
    }
  }

  get readyCount(): number {
    return this.ready.length;
  }

  readyAt(index: number): ReadyView | undefined {
    const entry = this.ready.at(index);
    return entry === undefined ? undefined : this.view(entry);
  }

  get parkedCount(): number {
    return this.parkedTasks.size;
  }

  /** The parked tasks, in the order they parked, with what they wait on as labelled now (lazily: a pane reads as many as it shows). */
  *parked(): IterableIterator<ParkedView> {
    for (const [task, p] of this.parkedTasks) {
      yield { task, future: p.future === 0 ? null : p.future, label: this.futures.get(p.future)?.label ?? p.on };
    }
  }

  get timerCount(): number {
    return this.timers.size;
  }

  /** The `limit` earliest pending timers in firing order (deadline, then the order they were set). */
  earliestTimers(limit = Infinity): TimerView[] {
    const heap = this.timerHeap;
    for (const entry of this.newTimers) if (this.isLive(entry)) heap.push(entry);
    this.newTimers = [];
    while (heap.size > 0 && !this.isLive(heap.peek()!)) heap.pop();
    if (heap.size > 2 * this.timers.size + 64) heap.retain(this.isLive);
    return heap.smallest(Math.min(limit, this.timers.size), this.isLive).map(({ timer, deadline, label }) => ({ timer, deadline, label }));
  }

  /** The queue the last policy draw chose from (null under FIFO, which never draws). */
  lastPick(): PickView | null {
    return this.pick;
  }

  /** The display name of a live task. */
  taskName(task: TaskId): string | undefined {
    return this.names.get(task);
  }

  /** A copy to keep as a time-travel checkpoint: O(state), not O(history). */
  clone(): LoopState {
    const copy = new LoopState();
    copy.time = this.time;
    for (const entry of this.ready.toArray()) copy.ready.push(entry);
    copy.parkedTasks = new Map(this.parkedTasks);
    for (const [id, f] of this.futures) copy.futures.set(id, { label: f.label, refs: f.refs });
    copy.timers = new Map(this.timers);
    copy.timerHeap = this.timerHeap.copy();
    copy.newTimers = this.newTimers.slice();
    copy.names = new Map(this.names);
    copy.coroutines = new Set(this.coroutines);
    copy.picked = this.picked;
    copy.pick = this.pick;
    return copy;
  }

  private view(entry: ReadyEntry): ReadyView {
    if (entry.task === null) return { task: null, handle: entry.handle, label: entry.label };
    const name = this.names.get(entry.task) ?? `Task ${entry.task}`;
    if (!entry.wake) return { task: entry.task, handle: null, label: name };
    const by = entry.future === 0 ? entry.label : (this.futures.get(entry.future)?.label ?? entry.label);
    return { task: entry.task, handle: null, label: `wake ${name} (${by})` };
  }

  private readonly isLive = (entry: TimerEntry): boolean => this.timers.get(entry.seq) === entry;

  /** The item a removal event runs: the one a pick announced, else the head (FIFO). */
  private take(): void {
    let entry = this.picked;
    if (entry !== null) this.picked = null;
    else entry = this.ready.shift() ?? null;
    if (entry !== null && entry.future !== 0) this.release(entry.future);
  }

  private retain(future: number, label: string): void {
    const entry = this.futures.get(future);
    if (entry === undefined) this.futures.set(future, { label, refs: 1 });
    else entry.refs++;
  }

  private release(future: number): void {
    if (future === 0) return;
    const entry = this.futures.get(future);
    if (entry !== undefined && --entry.refs <= 0) this.futures.delete(future);
  }

  private reset(): void {
    this.ready = new RingQueue<ReadyEntry>();
    this.parkedTasks.clear();
    this.futures.clear();
    this.timers.clear();
    this.timerHeap = new TimerHeap<TimerEntry>();
    this.newTimers = [];
    this.names.clear();
    this.coroutines.clear();
    this.picked = null;
    this.pick = null;
  }
}
