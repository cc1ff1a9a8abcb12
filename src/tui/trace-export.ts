/**
 * --export-trace from the dashboard: the run as finally played, read from the player's
 * recorded history (never by running the program again), on the wall clock, so the
 * speaker's pauses show as gaps (chrome-trace.ts, `wallClock`).
 *
 * Invariants: the file is checked writable when this is made (a bad path is a SetupError
 * before the screen exists) and written once, at close, to a temporary name renamed when
 * whole, in slices that a signal can stop (then the previous file stays); the wall-clock
 * samples stay few (see sample).
 */
import { oneLine } from '../core/errors.js';
import { checkWritable } from '../export/atomic.js';
import { writeChromeTraceInSlices } from '../export/chrome-trace.js';
import { ProgressLine, Stopped, stoppedLine } from '../export/long-write.js';
import type { Player } from '../player/player.js';
import { SetupError } from './shell.js';

/**
 * A trace holds at most this many ticks, the first ones: 200 000 ticks already make an
 * ~80 MB file and ~300 MB of memory to write it, about what Perfetto opens comfortably.
 */
export const TRACE_MAX_TICKS = 250_000;

export class TraceExport {
  /** {tick, ms}: when the cursor showed each tick, and whether the run was running then. */
  private readonly samples: { tick: number; ms: number; running: boolean }[] = [];

  constructor(
    readonly file: string,
    /** Monotonic milliseconds (performance.now; tests inject one). */
    private readonly clock: () => number,
    readonly maxTicks = TRACE_MAX_TICKS,
  ) {
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
      const events = player.timeline(this.maxTicks);
      const held = events.length > 0 ? events[events.length - 1]!.tick : 0;
      await writeChromeTraceInSlices(events, this.file, { title, wallClock: this.samples }, { signal: options.signal, onProgress: (f) => progress?.update(f) });
      if (held < ticks) notes.push(`the trace ${this.file} holds the first ${held} ticks of ${ticks}`);
    } catch (failure) {
      problems.push(failure instanceof Stopped ? stoppedLine(this.file, failure.signal) : `cannot write the trace to ${this.file}: ${oneLine(failure)}`);
    } finally {
      progress?.end();
    }
  }
}
