/**
 * What a demo file default-exports: a description the CLI lists and the dashboard
 * shows, and a factory for its main awaitable (or its coroutine manager), so a run can
 * be replayed from scratch (same seed, same run).
 *
 *   export default defineDemo({
 *     name: 'hello', title: { en: '…', fr: '…' }, narration: { en: '…', fr: '…' },
 *     main: () => runner(),
 *   });
 */
import type { Awaitable } from './core/loop.js';
import type { Policy, PolicyName } from './core/policies.js';
import type { Coroutine } from './core/task.js';
import type { LoopEvent } from './core/events.js';
import { describeError } from './core/errors.js';

export type Lang = 'en' | 'fr';
export type Text = Record<Lang, string>;

/** A moment a demo names; with --cues the player pauses there and shows its narration. */
export interface Cue {
  id: string;
  /** True for the event at which to pause (checked against every event of the run). */
  when: (event: LoopEvent) => boolean;
  narration: Text;
}

/** A cue's `when` raised: the demo failed, not the dashboard (the shell says so in one line, exit 1). */
export class CueError extends Error {}

/** Whether `cue` marks `event`. Every caller asks here: what its `when` throws becomes a CueError naming the cue. */
export function cueMatches(cue: Cue, event: LoopEvent): boolean {
  try {
    return Boolean(cue.when(event));
  } catch (error) {
    throw new CueError(`its cue ${cue.id} raised: ${describeError(error)}`);
  }
}

interface DemoInfo {
  /** The name on the command line: `npm run demo NAME`. */
  name: string;
  /** One line, listed by `npm run demo` and shown in the header. */
  title: Text;
  /** A few sentences a speaker can read aloud. */
  narration: Text;
  /** 'asyncio' unless said otherwise; a demo may supply its own policy function. */
  policy?: PolicyName | Policy;
  /** Default seed (the random policy, and the `random` module a manager draws from). */
  seed?: number;
  /** Virtual seconds a busy pass costs while timers wait (LoopOptions.passCost). */
  passCost?: number;
  cues?: Cue[];
}

/**
 * A demo runs either on the event loop (`main`) or under a coroutine manager of its own
 * (`manager`), never both:
 * - `main`: builds a fresh main awaitable for every run and replay, called with the loop current;
 * - `manager`: a plain function calling `coro.next()` (`coro.send(None)`) by hand, as the
 *   seeds' managers do: `manager: () => frenetic_coros_manager(tum(), pak())`. Each of those
 *   calls is a tick, a step of that coroutine (core/managed); `policy` does not apply.
 */
export type Demo = DemoInfo &
  (
    | { main: () => Awaitable<unknown> | Coroutine<unknown>; manager?: undefined }
    | { manager: () => unknown; main?: undefined }
  );

/** Identity, for type checking and to mark the intent of a demo file. */
export function defineDemo(demo: Demo): Demo {
  return demo;
}

/** Cue matchers, so a demo's cues read aloud: `when: printed('finished')`. */
export function printed(text: string): (event: LoopEvent) => boolean {
  return (event) => event.type === 'print' && event.text === text;
}

/** The tick `n` begins (its first step or callback). */
export function atTick(n: number): (event: LoopEvent) => boolean {
  return (event) => event.tick === n && (event.type === 'step-begin' || event.type === 'callback' || event.type === 'timer-fired');
}

/** The run is over (main settled and the loop has cleaned up). */
export const runEnds = (event: LoopEvent): boolean => event.type === 'loop-end';
