/**
 * Scheduling policies: which ready item runs next. The seeds' "coroutine managers"
 * are policies. A policy sees the ready queue and returns the index of
 * the item to run, or 'stop' to end the run where it stands. Randomness comes only from
 * `context.below(n)` / `context.random()`, the loop's seeded PRNG (CPython's Mersenne
 * Twister), so a run is replayable, and draws as `random.choice` would under `python3`.
 */
import type { TaskId } from './events.js';

export interface ReadyItemView {
  /** The task this item steps or wakes, or null for a plain loop callback. */
  task: TaskId | null;
  name: string | null;
  label: string;
}

export interface ReadyQueueView {
  get(index: number): ReadyItemView | undefined;
  length(): number;
}

export interface PolicyContext {
  /** An index in [0, n), drawn as CPython's `random.choice` draws (`_randbelow(n)`); the pick event's `draw`. */
  below(n: number): number;
  /** A float in [0, 1) (`random.random()`); the pick event's `draw`. */
  random(): number;
  /** Ready items run so far (0 before the first). */
  tick(): number;
}

export type Policy = (ready: ReadyQueueView, context: PolicyContext) => number | 'stop';

export type PolicyName = 'asyncio' | 'random';

/** asyncio's loop: first in, first out. (The kernel runs this one without calling it.) */
export const fifo: Policy = function asyncio() {
  return 0;
};

/**
 * `random.choice` among whatever is ready (loop callbacks included). The seeds'
 * `frenetic_coros_manager` itself, which draws among its coroutines only, is written
 * as a plain function in the tumpak demo and runs as a managed run (core/managed).
 */
export const randomChoice: Policy = function random(ready, context) {
  return context.below(ready.length());
};

/** The seeds' `coro_manager`: one `send(None)`, then stop whatever happened. */
export const oneSend: Policy = function coro_manager(_ready, context) {
  return context.tick() === 0 ? 0 : 'stop';
};

/** The seeds' `frenetic_coro_manager`: send until the coroutine ends (FIFO does exactly that). */
export const untilDone: Policy = fifo;

export const POLICY_NAMES: readonly PolicyName[] = ['asyncio', 'random'];

/** The policy for a name; null means the kernel's built-in FIFO fast path. */
export function policyByName(name: string): Policy | null {
  switch (name) {
    case 'asyncio':
      return null;
    case 'random':
      return randomChoice;
    default:
      throw new TypeError(`unknown policy '${name}' (expected ${POLICY_NAMES.join(' or ')}, or a function)`);
  }
}
