/**
 * --export-trace from the dashboard: the run as finally played, on the wall clock, so the
 * speaker's pauses show as gaps (chrome-trace.ts, `wallClock`). Never by running the
 * program again: the events are recorded as the source delivers them (TraceRecord).
 *
 * Invariants: the file is checked writable when this is made (a bad path is a SetupError
 * before the screen exists) and written once, at close, to a temporary name renamed when
 * whole, in slices that a signal can stop (then the previous file stays); the wall-clock
 * samples stay few (see sample); what the trace holds is a function of the run's log and
 * the cursor at the close only, never of the machine's load or the frame rate (see
 * TraceRecord).
 */
import { oneLine } from '../core/errors.js';
import type { LoopEvent } from '../core/events.js';
import { checkWritable } from '../export/atomic.js';
import { writeChromeTraceInSlices } from '../export/chrome-trace.js';
import { ProgressLine, Stopped, stoppedLine } from '../export/long-write.js';
import type { Player } from '../player/player.js';
import { batchText } from '../sources/source.js';
import { SetupError } from './shell.js';

/**
 * A trace holds at most this many ticks, the first ones: 200 000 ticks already make an
 * ~80 MB file and ~300 MB of memory to write it, about what Perfetto opens comfortably.
 */
export const TRACE_MAX_TICKS = 250_000;

/**
 * …and at most this many bytes of events (their JSON in UTF-8, as a log line each): what the
 * record keeps in memory while the run plays, the same as the history's whole budget
 * (76 000 ticks of two spinning tasks: a 36 MB trace file).
 */
export const TRACE_MAX_BYTES = 32 * 1024 * 1024;

/**
 * The run's events from tick 0, recorded as the source delivers them, for the trace. Why
 * not read them from the player's History at the close: the history keeps a window near
 * the cursor for time travel, and what it drops depends on how the deliveries were cut
 * into batches and how far the cursor had folded when each arrived (it never drops past
 * the cursor); both follow the wall clock (the fold runs on a time budget per frame, the
 * source is asked for ticks ahead of the cursor), so on a loaded machine the same log kept
 * fewer ticks from the start. This record depends on the log alone: it keeps events in
 * seq order (a re-run's repeat is skipped by seq) until a cap, measured per event (its
 * JSON's UTF-8 bytes, not a batch's), so the cut is the same tick however the events came.
 *
 * Invariants: the events held are seq 0.. without a gap, as JSON text (the worker's
 * batch text, else serialised once) in Buffers: outside the JS heap, which the collector
 * sizes by what lives in it (32 MB of strings raised a soak's peak RSS by ~115 MB, the
 * same in Buffers by ~35 MB); once a cap is reached nothing more is added, and `last` is
 * the last tick held whole (a tick the cap cut into is not read back).
 */
export class TraceRecord {
  private chunks: Buffer[] = [];
  private bytes = 0;
  /** The seq of the next event to keep (lower ones are a re-run's repeat). */
  private next = 0;
  /** The last tick held whole once a cap was reached; Infinity while recording. */
  private last = Infinity;
  /** The cap reached, if one was. */
  capped: 'ticks' | 'bytes' | null = null;

  constructor(
    readonly maxTicks = TRACE_MAX_TICKS,
    readonly maxBytes = TRACE_MAX_BYTES,
  ) {}

  /** A new run (the player's onEvents with null): start over. */
  reset(): void {
    this.chunks = [];
    this.bytes = 0;
    this.next = 0;
    this.last = Infinity;
    this.capped = null;
  }

  /** A batch as the source delivered it. */
  append(events: readonly LoopEvent[]): void {
    if (this.last !== Infinity || events.length === 0) return;
    let from = 0;
    while (from < events.length && events[from]!.seq < this.next) from++;
    if (from === events.length) return;
    const fresh = from === 0 ? events : events.slice(from);
    const text = (from === 0 ? batchText.get(events) : undefined) ?? JSON.stringify(fresh);
    // An array's JSON is '[' + its items' JSON joined by ',' + ']': the events' own byte lengths add up to this.
    const size = Buffer.byteLength(text) - fresh.length - 1;
    if (fresh[fresh.length - 1]!.tick <= this.maxTicks && this.bytes + size <= this.maxBytes) {
      this.keep(text, fresh, size);
      return;
    }
    // A cap falls inside this batch: event by event to the first that does not fit (once per run).
    let kept = 0;
    let bytes = 0;
    for (; kept < fresh.length; kept++) {
      const event = fresh[kept]!;
      if (event.tick > this.maxTicks) {
        this.last = this.maxTicks;
        this.capped = 'ticks';
        break;
      }
      const length = Buffer.byteLength(JSON.stringify(event));
      if (this.bytes + bytes + length > this.maxBytes) {
        this.last = event.tick - 1;
        this.capped = 'bytes';
        break;
      }
      bytes += length;
    }
    if (kept > 0) this.keep(JSON.stringify(fresh.slice(0, kept)), fresh.slice(0, kept), bytes);
  }

  /** The events of ticks ≤ `tick` (and held whole), in order; `held`: the last such tick. */
  read(tick: number): { events: LoopEvent[]; held: number } {
    const to = Math.min(tick, this.last);
    const events: LoopEvent[] = [];
    for (const chunk of this.chunks) {
      for (const event of JSON.parse(chunk.toString()) as LoopEvent[]) {
        if (event.tick > to) return { events, held: to };
        events.push(event);
      }
    }
    return { events, held: events.length > 0 ? Math.min(to, events[events.length - 1]!.tick) : 0 };
  }

  private keep(text: string, events: readonly LoopEvent[], size: number): void {
    this.chunks.push(Buffer.from(text));
    this.bytes += size;
    this.next = events[events.length - 1]!.seq + 1;
  }
}

export class TraceExport {
  /** {tick, ms}: when the cursor showed each tick, and whether the run was running then. */
  private readonly samples: { tick: number; ms: number; running: boolean }[] = [];

  /** The run's events, fed by the player's onEvents. */
  readonly record: TraceRecord;

  constructor(
    readonly file: string,
    /** Monotonic milliseconds (performance.now; tests inject one). */
    private readonly clock: () => number,
    readonly maxTicks = TRACE_MAX_TICKS,
    maxBytes = TRACE_MAX_BYTES,
  ) {
    this.record = new TraceRecord(maxTicks, maxBytes);
    // Fail now rather than after the talk; until the close the previous file is left as it is.
    try {
      checkWritable(file);
    } catch (error) {
      throw new SetupError(`cannot write the trace to ${file}: ${oneLine(error)}`);
    }
  }

  /**
   * A wall-clock sample (the player's onClock). Bounded: the trace keeps the first
   * maxTicks ticks, so one sample past them is the last one needed; and while the run
   * keeps running, a sample replaces the previous one (ticks are spread evenly over a
   * running stretch), so a long run adds samples only when it pauses or resumes, and the
   * pause gaps stay exact.
   */
  sample(tick: number, running: boolean): void {
    const samples = this.samples;
    // A run that starts over (restart, another demo, back to tick 0) starts the timeline over.
    if (tick === 0) samples.length = 0;
    const n = samples.length;
    const max = this.maxTicks;
    if (n > 0 && tick > max && samples[n - 1]!.tick > max) return;
    const sample = { tick, ms: this.clock(), running };
    const last = samples[n - 1];
    // Moving forwards inside a running stretch: only its two ends matter to the interpolation.
    if (sample.running && last?.running && samples[n - 2]?.running && tick >= last.tick) samples[n - 1] = sample;
    else samples.push(sample);
  }

  /**
   * Write the run up to the cursor, in slices (the process stays responsive: a long run's
   * trace takes seconds): with a progress line on `options.progress` past ½ s, stopped by
   * `options.signal` (its reason a Stopped: the previous file is left as it was). What
   * could not be written goes to `problems`, what to know to `notes`.
   */
  async write(
    player: Player,
    title: string,
    problems: string[],
    notes: string[],
    options: { signal?: AbortSignal; progress?: NodeJS.WritableStream & { isTTY?: boolean } } = {},
  ): Promise<void> {
    const progress = options.progress === undefined ? null : new ProgressLine(options.progress, `writing the trace to ${this.file}`);
    try {
      const ticks = player.tick;
      const { events, held } = this.record.read(ticks);
      await writeChromeTraceInSlices(events, this.file, { title, wallClock: this.samples }, { signal: options.signal, onProgress: (f) => progress?.update(f) });
      if (held < ticks) {
        const cap = this.record.capped === 'bytes' ? `${(this.record.maxBytes / 2 ** 20).toFixed(1)} MB of events` : `${this.maxTicks} ticks`;
        notes.push(`the trace ${this.file} holds the first ${held} ticks of ${ticks} (a trace holds at most ${cap})`);
      }
    } catch (failure) {
      problems.push(failure instanceof Stopped ? stoppedLine(this.file, failure.signal) : `cannot write the trace to ${this.file}: ${oneLine(failure)}`);
    } finally {
      progress?.end();
    }
  }
}
