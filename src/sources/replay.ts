/**
 * A recorded log played back (`coroscope --replay run.jsonl`, the file `--json` writes),
 * as an EventSource. The log is read and checked whole when the source is made, so a
 * bad file is one line and exit 2 before any screen exists.
 */
import { readFileSync, statSync } from 'node:fs';
import { BehaviorSubject, Subject } from '../rx.js';
import { oneLine } from '../core/errors.js';
import type { LoopEvent, LoopEventType } from '../core/events.js';
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
    const wrong = wrongField(event);
    if (wrong !== null) throw new SourceError(`${file}:${i + 1}: ${event.type}: ${wrong}`);
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

type Kind = 'string' | 'number' | 'string|null' | 'number|null' | 'boolean' | 'object' | 'array';

/**
 * The kind of each field the views read, by event type (`?`: may be absent), as
 * core/events.ts declares them: a hand-edited log is checked here, once, so the views can
 * trust what they fold. A type not listed (a newer writer's) passes: the views skip it.
 */
const FIELDS: Partial<Record<LoopEventType, Record<string, Kind>>> = {
  'loop-start': { seed: 'number', policy: 'string', 'source?': 'object' },
  'task-spawn': { task: 'number', name: 'string', coro: 'string|null', parent: 'number|null', 'kind?': 'string' },
  'task-scheduled': { task: 'number', reason: 'string', 'by?': 'string', 'future?': 'number', 'at?': 'number' },
  pick: { task: 'number|null', label: 'string', index: 'number', candidates: 'number', draw: 'number|null' },
  'step-begin': { task: 'number', throwing: 'string|null', ready: 'number', 'driver?': 'object' },
  'step-end': { task: 'number', outcome: 'string', 'on?': 'string', 'value?': 'string', 'error?': 'string', 'future?': 'number', 'where?': 'object', 'chain?': 'array' },
  'callback-queued': { handle: 'number', label: 'string', actor: 'number|null' },
  callback: { label: 'string', ready: 'number', 'handle?': 'number', 'skipped?': 'boolean' },
  'handle-cancelled': { handle: 'number' },
  'future-label': { future: 'number', label: 'string' },
  wake: { task: 'number', by: 'string', waker: 'number|null' },
  print: { task: 'number|null', text: 'string', 'stream?': 'string' },
  'timer-set': { timer: 'number', deadline: 'number', label: 'string', task: 'number|null' },
  'timer-due': { timer: 'number' },
  'timer-fired': { timer: 'number', label: 'string', ready: 'number', 'skipped?': 'boolean' },
  'clock-advance': { from: 'number', to: 'number' },
  'cancel-requested': { task: 'number', by: 'number|null' },
  cancelled: { task: 'number' },
  'loop-idle': { reason: 'string' },
  'loop-end': { outcome: 'string', 'value?': 'string', 'error?': 'string' },
};

const KIND_WORDS: Record<Kind, string> = {
  string: 'a string',
  number: 'a number',
  'string|null': 'a string or null',
  'number|null': 'a number or null',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
};

function hasKind(value: unknown, kind: Kind): boolean {
  if (value === null) return kind.endsWith('|null');
  if (kind === 'array') return Array.isArray(value);
  if (kind === 'object') return typeof value === 'object' && !Array.isArray(value);
  return typeof value === kind.replace('|null', '');
}

/** What is wrong with the event's fields (`text must be a string`), or null. */
function wrongField(event: LoopEvent): string | null {
  if (typeof event.time !== 'number') return 'time must be a number';
  const fields = FIELDS[event.type];
  if (fields === undefined) return null;
  const record = event as unknown as Record<string, unknown>;
  for (const [key, kind] of Object.entries(fields)) {
    const optional = key.endsWith('?');
    const name = optional ? key.slice(0, -1) : key;
    const value = record[name];
    if (value === undefined && optional) continue;
    if (!hasKind(value, kind)) return `${name} must be ${KIND_WORDS[kind]}`;
  }
  return null;
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
