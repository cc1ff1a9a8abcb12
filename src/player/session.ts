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
}

/** A loop armed with the demo's main (asyncio.run semantics: leftovers are cancelled at the end). */
export function startSession(demo: Demo, options: SessionOptions = {}, onEvent?: (event: LoopEvent) => void): Session {
  const seed = options.seed ?? demo.seed ?? 1;
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
  const main = loop.start(() => demo.main(), { cleanup: true });
  return { loop, main, seed };
}

/** Run a demo to the end, headless; returns every event. `maxTicks` guards runaway demos. */
export function recordRun(demo: Demo, options: SessionOptions = {}, maxTicks = 10_000_000): { session: Session; events: LoopEvent[] } {
  const events: LoopEvent[] = [];
  const session = startSession(demo, options, (event) => events.push(event));
  let total = 0;
  while (!session.loop.finished && total < maxTicks) {
    const ran = session.loop.runItems(Math.min(65_536, maxTicks - total));
    if (ran === 0) break;
    total += ran;
  }
  return { session, events };
}
