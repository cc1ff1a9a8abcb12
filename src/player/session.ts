/**
 * One run of a demo on a fresh loop: the unit the player replays and the headless
 * outputs (--trace, --json, exports) record. Same demo + same seed + same policy ⇒ the
 * same event log, byte for byte.
 */
import type { LoopEvent, SourceInfo } from '../core/events.js';
import type { Future } from '../core/future.js';
import { Loop, resetTaskNames, setEventLoop } from '../core/loop.js';
import type { Policy, PolicyName } from '../core/policies.js';
import type { Demo } from '../demo.js';
import { ManagedRun, type ManagedOptions } from '../core/managed.js';

export interface SessionOptions {
  seed?: number;
  policy?: PolicyName | Policy;
  /** Read suspension lines at every step end (the code pane needs them; ~50 µs a step). */
  locations?: boolean;
  /** Read each task's generator name at spawn (one lookup per task) and let `loop.whereIs` answer on demand. */
  names?: boolean;
  /** Where `print` lines go; by default nowhere (they are in the event log). */
  write?: (line: string) => void;
}

export interface Session {
  readonly loop: Loop;
  readonly main: Future<unknown>;
  readonly seed: number;
  /**
   * A manager demo's run, not started: `run()` runs it whole, asking the `gate` (if any)
   * before each tick; `loop` is then an idle, closed loop.
   */
  readonly managed?: ManagedRun;
}

/** A loop armed with the demo's main (asyncio.run semantics: leftovers are cancelled at the end). */
export function startSession(demo: Demo, options: SessionOptions & { gate?: ManagedOptions['gate'] } = {}, onEvent?: (event: LoopEvent) => void): Session {
  const seed = options.seed ?? demo.seed ?? 1;
  // One session is one program run, as if in a fresh process: Task-1 again (same demo, same log).
  resetTaskNames();
  if (onEvent !== undefined) onEvent = stampSource(demo, onEvent);
  if (demo.manager !== undefined) {
    const idle = new Loop({ seed });
    idle.close();
    const main = idle.createFuture('manager');
    const managed = new ManagedRun(demo.manager, { seed, locations: options.locations ?? false, write: options.write, gate: options.gate });
    if (onEvent !== undefined) managed.events$.subscribe(onEvent);
    return { loop: idle, main, seed, managed };
  }
  const loop = new Loop({
    seed,
    policy: options.policy ?? demo.policy ?? 'asyncio',
    locations: options.locations ?? false,
    names: options.names ?? false,
    passCost: demo.passCost,
    write: options.write ?? (() => {}),
  });
  if (onEvent !== undefined) loop.events$.subscribe(onEvent);
  // The demo's factory may call gather() or createTask-free helpers eagerly: make this loop current.
  setEventLoop(loop);
  const main = loop.start(() => demo.main!(), { cleanup: true });
  return { loop, main, seed };
}

/** The log says what ran it, so a replayed log (--replay) finds the demo's title, cues and code again. */
function stampSource(demo: Demo, onEvent: (event: LoopEvent) => void): (event: LoopEvent) => void {
  const source: SourceInfo = { language: 'typescript', demo: demo.name };
  return (event) => {
    if (event.type === 'loop-start') event.source = source;
    onEvent(event);
  };
}

export interface RecordOptions {
  /**
   * With the run at `maxTicks` and not over, still make the call that finds it over (its
   * loop-end event): replaying a live run that finished right there (Player.timeline).
   */
  finish?: boolean;
  /** Close the loop afterwards: the caller wants the events only. */
  close?: boolean;
}

/**
 * Run a demo headless until it ends or reaches tick `maxTicks` (a guard against runaway
 * demos, or where a replay stops); returns every event.
 */
export function recordRun(demo: Demo, options: SessionOptions = {}, maxTicks = 10_000_000, record: RecordOptions = {}): { session: Session; events: LoopEvent[] } {
  const events: LoopEvent[] = [];
  if (demo.manager !== undefined) {
    // A manager runs whole in one call: the gate stops it past maxTicks (a manager that never ends).
    let cut = false;
    const gate = (tick: number) => tick <= maxTicks || ((cut = true), false);
    const session = startSession(demo, { ...options, gate }, (event) => events.push(event));
    session.managed!.run();
    // Cut short and not asked to finish: unfinished, as a loop stopped at maxTicks (no loop-end).
    if (cut && !record.finish) events.pop();
    return { session, events };
  }
  const session = startSession(demo, options, (event) => events.push(event));
  const loop = session.loop;
  try {
    while (!loop.finished) {
      const left = maxTicks - loop.tick;
      if (left <= 0 && !record.finish) break;
      if (loop.runItems(Math.max(1, Math.min(65_536, left))) === 0) break;
    }
  } finally {
    if (record.close) loop.close();
  }
  return { session, events };
}
