/**
 * One run of a TypeScript demo on the engine, driven tick by tick: what the worker
 * source runs off the UI thread, and what the inline source runs on it (tests, benches,
 * headless outputs). It turns "run until tick N" into the events of those ticks.
 *
 * Invariants:
 * - After the constructor and after each runTo(), every event stamped with a tick ≤
 *   `tick` has been collected (the loop's work before the next item included), so a
 *   batch always ends on a tick boundary.
 * - Events are collected only here (the loop reports only while subscribed).
 */
import type { LoopEvent, TaskId } from '../core/events.js';
import type { Loop } from '../core/loop.js';
import type { Policy, PolicyName } from '../core/policies.js';
import type { Demo } from '../demo.js';
import { startSession } from '../player/session.js';

export interface EngineRunOptions {
  seed: number;
  policy?: PolicyName | Policy;
  /** Read each suspended task's line at every step end (the code pane needs them). */
  locations: boolean;
}

/** Demands at most this far ahead get every step located; further ones (at "max") none. */
export const LOCATE_WITHIN = 64;

/** Ticks one runItems call may run before the caller gets the batch back. */
export const ENGINE_SLICE = 4096;

export class EngineRun {
  readonly loop: Loop;
  /** The task whose step began last (what a stalled source says was running). */
  lastTask: TaskId | null = null;
  private batch: LoopEvent[] = [];
  private readonly locations: boolean;

  constructor(demo: Demo, options: EngineRunOptions, onStepBegin?: (task: TaskId) => void) {
    // A manager cannot be paused from outside: the worker runs it through its gate, inline sources record it whole.
    if (demo.manager !== undefined) throw new TypeError(`${demo.name} is a manager demo: it runs through a gate, not tick by tick`);
    const session = startSession(demo, { seed: options.seed, policy: options.policy, locations: options.locations, names: true }, (event) => {
      if (event.type === 'step-begin') {
        this.lastTask = event.task;
        onStepBegin?.(event.task);
      }
      this.batch.push(event);
    });
    this.loop = session.loop;
    this.locations = options.locations;
    this.prepare();
  }

  get tick(): number {
    return this.loop.tick;
  }

  get finished(): boolean {
    return this.loop.finished;
  }

  /**
   * Run until `target` ticks have run, the run ends, or `slice` ticks ran in this call;
   * returns the events since the last call (ending on a tick boundary).
   */
  runTo(target: number, slice = ENGINE_SLICE): LoopEvent[] {
    const loop = this.loop;
    // Lines are read (~50 µs a step) for the ticks a person will look at: not while running
    // far ahead of the screen at "max", where a batch is folded faster than it is read.
    if (this.locations) loop.setLocating(target - loop.tick <= LOCATE_WITHIN);
    const want = Math.min(target - loop.tick, slice);
    if (want > 0 && !loop.finished) {
      if (loop.runItems(want) === 0 && !loop.finished) this.waiting = true;
      this.prepare();
    }
    return this.take();
  }

  /** True when the last runTo ran nothing: the run waits on a clock that cannot jump. */
  waiting = false;

  take(): LoopEvent[] {
    const out = this.batch;
    this.batch = [];
    return out;
  }

  close(): void {
    this.loop.close();
  }

  /** The loop's work before the next item (due timers, the end of the run). */
  private prepare(): void {
    this.loop.prepare();
  }
}
