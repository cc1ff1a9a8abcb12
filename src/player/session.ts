/**
 * One run of a demo on a fresh loop: the unit the player replays and the headless
 * outputs (--trace, --json, exports) record. Same demo + same seed + same policy ⇒ the
 * same event log, byte for byte.
 */
import type { LoopEvent } from '../core/events.js';
import type { Future } from '../core/future.js';
import { Loop, setEventLoop } from '../core/loop.js';
import type { Policy, PolicyName } from '../core/policies.js';
import type { Demo } from '../demo.js';
import { ManagedRun, type ManagedOptions } from '../core/managed.js';
import { ManagedReplay } from './managed-replay.js';

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
   * A manager demo's run when a `gate` was given, not started (`run()` runs it, asking the
   * gate before each tick); `loop` is then an idle, closed loop. Without a gate, `loop` is
   * a ManagedReplay of the run recorded up front, for the in-thread Player.
   */
  readonly managed?: ManagedRun;
}

/** A loop armed with the demo's main (asyncio.run semantics: leftovers are cancelled at the end). */
export function startSession(demo: Demo, options: SessionOptions & { gate?: ManagedOptions['gate'] } = {}, onEvent?: (event: LoopEvent) => void): Session {
  const seed = options.seed ?? demo.seed ?? 1;
  if (demo.manager !== undefined) {
    const idle = new Loop({ seed });
    idle.close();
    const main = idle.createFuture('manager');
    if (options.gate === undefined) {
      // Today's Player steps `loop` in this thread: it gets the run recorded up front (stopgap).
      const replay = new ManagedReplay(demo.manager, { seed, locations: true, write: options.write }, onEvent);
      return { loop: replay as unknown as Loop, main, seed };
    }
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
