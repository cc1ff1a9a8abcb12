/**
 * Where a run's events come from (they run elsewhere; the screen only folds them): the TypeScript engine off the UI thread,
 * CPython with the tracer, or a recorded log. The dashboard never sees a Loop: it pulls
 * ticks from a source and folds the events into its history.
 *
 * Contract:
 * - `events$` delivers the run's events in order (seq 0, 1, 2… without gaps), in batches,
 *   and completes once the run is over and its last event (loop-end) was delivered. A
 *   source that fails (a crash, a syntax error, a killed process) errors with a
 *   SourceError whose message is one line.
 * - Pull: `demand(n)` asks the source to run until `n` ticks have run (or the run ends),
 *   including the work the loop does before the next item (due timers, the end of the
 *   run), so every event stamped with tick ≤ n has been delivered when `progress$` says
 *   tick n. Demands only grow; a smaller one is ignored. The source never runs ahead of
 *   the largest demand: at "max" the player keeps the demand a bounded buffer ahead.
 * - `progress$` reports the source's state: the ticks run so far, whether it is working,
 *   idle (demand met), ended, failed, or not answering (busy in user code for too long),
 *   and which task ran last.
 * - `dispose()` stops it at once, whatever it is doing (terminates the worker, kills the
 *   process); it is safe to call twice.
 */
import { concat, defer, from, Subject, type Observable } from '../rx.js';
import type { LoopEvent, TaskId } from '../core/events.js';

export type SourceState = 'working' | 'idle' | 'ended' | 'failed' | 'stalled';

export interface SourceProgress {
  state: SourceState;
  /**
   * The last tick whose events have all been delivered, in every state (−1 before tick 0's
   * are): the player folds up to it. While the program runs, the tick its last event
   * belongs to may still be going on.
   */
  tick: number;
  /** The task whose step ran last (or is running), for "not answering: tum was running". */
  lastTask: TaskId | null;
}

/** A line the program wrote to its console (console.log, a warning), not through print. */
export interface ConsoleLine {
  stream: 'stdout' | 'stderr';
  line: string;
}

/**
 * A source's stream whose values, until its first subscriber, wait in a backlog (at most
 * `limit`; past it they are dropped): a source starts at once, before the screen that reads
 * it subscribes, and its first values must not be lost. Its end (complete or error) reaches
 * a later subscriber too, after the backlog (a Subject replays its end).
 */
export class HeldUntilSubscribed<T> {
  readonly observable: Observable<T> = defer(() => {
    const backlog = this.backlog ?? [];
    this.backlog = null;
    return concat(from(backlog), this.subject);
  });
  private readonly subject = new Subject<T>();
  private backlog: T[] | null = [];

  constructor(private readonly limit = Infinity) {}

  get closed(): boolean {
    return this.subject.closed;
  }

  next(value: T): void {
    if (this.backlog === null) this.subject.next(value);
    else if (this.backlog.length < this.limit) this.backlog.push(value);
  }

  complete(): void {
    this.subject.complete();
  }

  error(error: unknown): void {
    this.subject.error(error);
  }
}

/** A console line longer than this is cut (a flood of one endless line stays bounded). */
export const MAX_CONSOLE_LINE = 4096;

/**
 * A program's console stream (its own process's or thread's) to `line`, line by line,
 * each cut at MAX_CONSOLE_LINE; a last line without its newline too, when the stream ends.
 */
export function forwardConsole(stream: NodeJS.ReadableStream, name: ConsoleLine['stream'], line: (line: ConsoleLine) => void): void {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!.slice(0, MAX_CONSOLE_LINE);
    for (const text of lines) line({ stream: name, line: text.slice(0, MAX_CONSOLE_LINE) });
  });
  stream.on('end', () => {
    if (partial !== '') line({ stream: name, line: partial });
    partial = '';
  });
}

export interface EventSource {
  readonly events$: Observable<readonly LoopEvent[]>;
  readonly progress$: Observable<SourceProgress>;
  /** What the program wrote to its console, for a source that runs it elsewhere. */
  readonly console$?: Observable<ConsoleLine>;
  demand(tick: number): void;
  dispose(): void;
}

/** A source could not run the program: one line for the header and for stderr. */
export class SourceError extends Error {
  override name = 'SourceError';
}

/**
 * The JSON text a batch arrived as, when a source has it (the worker's messages): the
 * history keeps that text for batches it compacts instead of serialising them again.
 */
export const batchText = new WeakMap<readonly LoopEvent[], string>();
