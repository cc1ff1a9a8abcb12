/**
 * A recorded log played back (`coroscope --replay run.jsonl`, the file `--json` writes),
 * as an EventSource. The log is read and checked whole when the source is made, so a
 * bad file is one line and exit 2 before any screen exists.
 */
import { readFileSync, statSync } from 'node:fs';
import { BehaviorSubject, Subject } from '../rx.js';
import { oneLine } from '../core/errors.js';
import type { LoopEvent } from '../core/events.js';
import { SourceError, type EventSource, type SourceProgress } from './source.js';

/** Read and check a JSON-lines log: seq from 0 without gaps, ticks never going back, a loop-start first. */
export function readLog(file: string): LoopEvent[] {
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new Error('it is a directory');
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SourceError(`cannot read the log ${file}: ${oneLine(error)}`);
  }
  const events: LoopEvent[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    let event: LoopEvent;
    try {
      event = JSON.parse(line) as LoopEvent;
    } catch {
      throw new SourceError(`${file}:${i + 1}: not a JSON event (a log is what --json writes)`);
    }
    if (typeof event !== 'object' || event === null || typeof event.type !== 'string' || typeof event.tick !== 'number' || typeof event.seq !== 'number') {
      throw new SourceError(`${file}:${i + 1}: not a coroscope event (needs type, seq and tick)`);
    }
    const previous = events[events.length - 1];
    if (event.seq !== events.length) throw new SourceError(`${file}:${i + 1}: event seq ${event.seq} where ${events.length} was expected (a cut or merged log?)`);
    if (previous !== undefined && event.tick < previous.tick && event.type !== 'pick') {
      throw new SourceError(`${file}:${i + 1}: tick ${event.tick} after tick ${previous.tick}`);
    }
    events.push(event);
  }
  if (events.length === 0) throw new SourceError(`${file} holds no events`);
  if (events[0]!.type !== 'loop-start') throw new SourceError(`${file}: the log does not start with loop-start`);
  return events;
}

/** Events per batch delivered. */
const BATCH = 8192;

export class ReplaySource implements EventSource {
  readonly events$ = new Subject<readonly LoopEvent[]>();
  readonly progress$ = new BehaviorSubject<SourceProgress>({ state: 'idle', tick: -1, lastTask: null });
  private next = 0;
  private demanded = -1;
  private lastTask: number | null = null;

  constructor(private readonly events: readonly LoopEvent[]) {}

  demand(tick: number): void {
    if (tick <= this.demanded || this.events$.closed) return;
    this.demanded = tick;
    const events = this.events;
    // Deliver every event stamped with a tick ≤ the demand (a pick belongs to the tick it starts).
    while (this.next < events.length && events[this.next]!.tick <= tick) {
      const end = Math.min(events.length, this.next + BATCH);
      let stop = this.next;
      while (stop < end && events[stop]!.tick <= tick) {
        const e = events[stop]!;
        if (e.type === 'step-begin') this.lastTask = e.task;
        stop++;
      }
      this.events$.next(events.slice(this.next, stop));
      this.next = stop;
    }
    const tickNow = this.next > 0 ? events[this.next - 1]!.tick : 0;
    if (this.next >= events.length) {
      this.progress$.next({ state: 'ended', tick: tickNow, lastTask: this.lastTask });
      this.events$.complete();
    } else {
      this.progress$.next({ state: 'idle', tick: Math.min(tick, tickNow), lastTask: this.lastTask });
    }
  }

  dispose(): void {
    if (!this.events$.closed) this.events$.complete();
    this.progress$.complete();
  }
}
