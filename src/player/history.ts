/**
 * The recorded history of a run: every event a source delivered, in compact storage,
 * and view checkpoints, so that moving the cursor anywhere in what was seen is a fold
 * from the nearest checkpoint, never a re-run: time travel is a cursor.
 *
 * Invariants:
 * - Batches are stored in arrival order; events are in seq order with ticks never going
 *   back (a `pick` is stamped with the tick it starts, so it comes first in its tick).
 *   `furthest` is the last tick whose events are all in (the source said so).
 * - Memory is bounded: the HEAD (the first `headBytes` of the log) is kept for good, so
 *   Home is instant; after it, the newest batches up to `budgetBytes`; in between, a gap
 *   of dropped ticks grows from the head's end. A tick inside the gap cannot be rebuilt
 *   from the history (startFor returns null): the player re-runs the source to get there.
 *   Where the head ends and what is dropped depend on how the deliveries were cut into
 *   batches and on `pin` (how far the cursor had folded), both wall-clock driven: what
 *   must be the same for the same log (the --export-trace file) is not read from here.
 * - Parsed events are cached for the newest `cacheEvents` events only; older batches are
 *   kept as JSON text (what the worker sent, or serialised once when they leave the cache).
 * - `spawns` counts every task-spawn event received, ahead of any reader too: the most
 *   lanes the run is known to have (a screen sizes its lane area by it).
 * - A checkpoint is a View after folding every event of ticks ≤ its tick. Checkpoints
 *   whose following events fell into the gap are dropped; at most `maxCheckpoints` are
 *   kept (thinned evenly).
 */
import type { LoopEvent } from '../core/events.js';
import { batchText } from '../sources/source.js';
import type { View } from './view.js';

export interface HistoryOptions {
  /** Bytes of events kept in all (head included). */
  budgetBytes?: number;
  /** Bytes at the start of the log kept for good. */
  headBytes?: number;
  /** Parsed events kept in memory (the rest as text). */
  cacheEvents?: number;
  maxCheckpoints?: number;
  /** Bytes the checkpoints may take in all (a view with many lanes is a large one): fewer are kept then. */
  checkpointBytes?: number;
}

export const HISTORY_DEFAULTS: Required<HistoryOptions> = {
  budgetBytes: 32 * 1024 * 1024,
  headBytes: 4 * 1024 * 1024,
  cacheEvents: 100_000,
  maxCheckpoints: 96,
  checkpointBytes: 24 * 1024 * 1024,
};

/** Bytes an event takes when kept parsed, for the budget (its text takes its length). */
const PARSED_EVENT_BYTES = 160;

class Batch {
  constructor(
    readonly firstTick: number,
    readonly lastTick: number,
    readonly count: number,
    public events: readonly LoopEvent[] | null,
    public text: string | null,
  ) {}

  get bytes(): number {
    return (this.text?.length ?? 0) + (this.events === null ? 0 : this.count * PARSED_EVENT_BYTES);
  }

  read(): readonly LoopEvent[] {
    if (this.events !== null) return this.events;
    return JSON.parse(this.text!) as LoopEvent[];
  }
}

export interface Checkpoint {
  tick: number;
  view: View;
}

export class History {
  /** The last tick all of whose events are in; −1 until tick 0's are (a first batch may hold only part of it). */
  furthest = -1;
  /** True once the source has delivered its last event. */
  ended = false;
  /** Events received in all. */
  received = 0;
  /** The tick of the last event received (−1 before any). */
  lastTick = -1;
  /** task-spawn events received in all (the run's lanes, as far as it has been delivered). */
  spawns = 0;
  private readonly options: Required<HistoryOptions>;
  private readonly head: Batch[] = [];
  private headBytes = 0;
  private headClosed = false;
  /** The kept tail: tail[tailStart..] are live; earlier slots are dropped. */
  private tail: Batch[] = [];
  private tailStart = 0;
  private tailBytes = 0;
  /** Ticks in (gapFrom, gapTo] lost some or all of their events. */
  private gapFrom = Infinity;
  private gapTo = -Infinity;
  private cached = 0;
  /** Batches holding parsed events, oldest first (tail batches only; the head is small). */
  private cacheOrder: Batch[] = [];
  private readonly checkpoints: Checkpoint[] = [];

  constructor(options: HistoryOptions = {}) {
    this.options = { ...HISTORY_DEFAULTS, ...options };
  }

  /** Add a batch as the source delivered it. */
  append(events: readonly LoopEvent[]): void {
    if (events.length === 0) return;
    this.received += events.length;
    this.lastTick = events[events.length - 1]!.tick;
    for (const e of events) if (e.type === 'task-spawn') this.spawns++;
    const batch = new Batch(events[0]!.tick, events[events.length - 1]!.tick, events.length, events, batchText.get(events) ?? null);
    if (!this.headClosed && this.headBytes + batch.bytes <= this.options.headBytes) {
      this.head.push(batch);
      this.headBytes += batch.bytes;
      return;
    }
    this.headClosed = true;
    this.tail.push(batch);
    this.tailBytes += batch.bytes;
    this.cacheOrder.push(batch);
    this.cached += batch.count;
    this.trimCache();
    this.trimTail();
  }

  /**
   * The reader's position: batches after this tick are not dropped while it is behind
   * them (a reader moving forwards must find them), whatever the budget says.
   */
  pin = Infinity;

  /** The source has run `tick` ticks: every event of ticks ≤ tick is in. */
  reached(tick: number): void {
    if (tick > this.furthest) this.furthest = tick;
  }

  /** True if every event of the ticks in (from, to] is still held. */
  holds(from: number, to: number): boolean {
    return to <= from || to <= this.gapFrom || from >= this.gapTo;
  }

  /** The last tick T such that every event of ticks ≤ T is still held (the head, up to the gap). */
  get heldFromStart(): number {
    return this.gapFrom === Infinity ? this.furthest : this.gapFrom;
  }

  /** The lowest tick t such that every event of ticks in (t, furthest] is held. */
  get windowStart(): number {
    return this.gapTo === -Infinity ? -1 : this.gapTo;
  }

  /**
   * Visit the events of ticks in (from, to], in order, until `visit` returns true (stop).
   * Throws if some were dropped (check holds() first).
   */
  forEach(from: number, to: number, visit: (event: LoopEvent) => boolean | void): void {
    if (!this.holds(from, to)) throw new Error(`history: ticks ${from}–${to} are no longer held`);
    for (const batches of [this.head, this.tail]) {
      const start = batches === this.tail ? this.firstTailAfter(from) : 0;
      for (let i = start; i < batches.length; i++) {
        const batch = batches[i]!;
        if (batch.lastTick <= from) continue;
        if (batch.firstTick > to) return;
        const events = batch.read();
        for (const event of events) {
          if (event.tick > to) return;
          if (event.tick > from && visit(event) === true) return;
        }
      }
    }
  }

  /** Keep a view of tick `tick` (the player makes one every so many events it folds). */
  addCheckpoint(tick: number, view: View): void {
    const list = this.checkpoints;
    const last = list[list.length - 1];
    if (last !== undefined && last.tick >= tick) {
      // Folding forwards again over ticks that have checkpoints: nothing to add.
      return;
    }
    list.push({ tick, view });
    // A view's size, roughly: its lanes dominate (a thousand lanes make ~1.5 MB).
    const each = 4096 + view.lanes.length * 1536;
    const most = Math.max(8, Math.min(this.options.maxCheckpoints, Math.floor(this.options.checkpointBytes / each)));
    if (list.length > most) {
      // Thin evenly: drop every other one of the older half (the newest are where stepping back happens).
      const half = list.length >> 1;
      for (let i = half - 1; i >= 1; i -= 2) list.splice(i, 1);
    }
  }

  /** The tick of the newest checkpoint (−1 without one). */
  get lastCheckpointTick(): number {
    return this.checkpoints[this.checkpoints.length - 1]?.tick ?? -1;
  }

  /**
   * The best place to rebuild tick `target` from: the newest checkpoint at or before it
   * whose following events are held, or 'scratch' (an empty view, events from the
   * start), or null when the ticks before `target` fell into the gap.
   */
  startFor(target: number): Checkpoint | 'scratch' | null {
    const list = this.checkpoints;
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.tick <= target) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let i = found; i >= 0; i--) {
      const cp = list[i]!;
      if (this.holds(cp.tick, target)) return cp;
      break; // older checkpoints are further into the gap
    }
    return this.holds(-1, target) ? 'scratch' : null;
  }

  /** Bytes held by events (not counting checkpoints). */
  get bytes(): number {
    return this.headBytes + this.tailBytes;
  }

  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  private firstTailAfter(from: number): number {
    let lo = this.tailStart;
    let hi = this.tail.length - 1;
    let found = this.tail.length;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.tail[mid]!.lastTick > from) {
        found = mid;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    return found;
  }

  /** Parsed events beyond the cache bound go back to text. */
  private trimCache(): void {
    while (this.cached > this.options.cacheEvents && this.cacheOrder.length > 1) {
      const batch = this.cacheOrder.shift()!;
      if (batch.events === null) continue;
      const before = batch.bytes;
      batch.text ??= JSON.stringify(batch.events);
      batch.events = null;
      this.cached -= batch.count;
      this.tailBytes += batch.bytes - before;
    }
  }

  /** Drop the oldest tail batches while over budget (the newest one always stays). */
  private trimTail(): void {
    const budget = this.options.budgetBytes - this.headBytes;
    while (this.tailBytes > budget && this.tail.length - this.tailStart > 1) {
      const batch = this.tail[this.tailStart]!;
      if (batch.lastTick > this.pin) break;
      this.tail[this.tailStart] = undefined as unknown as Batch;
      this.tailStart++;
      this.tailBytes -= batch.bytes;
      if (batch.events !== null) {
        this.cached -= batch.count;
        const at = this.cacheOrder.indexOf(batch);
        if (at >= 0) this.cacheOrder.splice(at, 1);
      }
      // The dropped ticks: from before this batch's first tick (it may share a tick with the batch before) to its last.
      this.gapFrom = Math.min(this.gapFrom, batch.firstTick - 1);
      this.gapTo = Math.max(this.gapTo, batch.lastTick);
    }
    if (this.tailStart > 1024 && this.tailStart * 2 > this.tail.length) {
      this.tail = this.tail.slice(this.tailStart);
      this.tailStart = 0;
    }
    // Checkpoints inside the gap can no longer be folded from (those in the head still serve the head's ticks).
    if (this.gapTo !== -Infinity) {
      const list = this.checkpoints;
      for (let i = list.length - 1; i >= 0; i--) if (list[i]!.tick >= this.gapFrom && list[i]!.tick < this.gapTo) list.splice(i, 1);
    }
  }
}
