/**
 * The engine on the caller's thread, as an EventSource: demand(n) runs the ticks right
 * away and delivers their events before it returns. Deterministic and synchronous, so
 * screen tests and benchmarks drive the player without timers; the dashboard uses the
 * worker source, which keeps user code off the UI thread.
 */
import { BehaviorSubject, Subject } from '../rx.js';
import { oneLine } from '../core/errors.js';
import type { LoopEvent } from '../core/events.js';
import type { Policy, PolicyName } from '../core/policies.js';
import type { Demo } from '../demo.js';
import type { SourceFactory } from '../player/player.js';
import { recordRun } from '../player/session.js';
import { ReplaySource } from './replay.js';
import { EngineRun, type EngineRunOptions } from './engine-run.js';
import { SourceError, type EventSource, type SourceProgress } from './source.js';

export class InlineSource implements EventSource {
  readonly events$ = new Subject<readonly LoopEvent[]>();
  readonly progress$: BehaviorSubject<SourceProgress>;
  private run: EngineRun | null = null;
  private demanded = 0;
  private disposed = false;
  private first: LoopEvent[] = [];

  constructor(demo: Demo, options: EngineRunOptions) {
    try {
      this.run = new EngineRun(demo, options);
      this.first = this.run.take();
    } catch (error) {
      this.progress$ = new BehaviorSubject<SourceProgress>({ state: 'failed', tick: -1, lastTask: null });
      this.startError = new SourceError(`demo ${demo.name} failed to start: ${oneLine(error)}`);
      return;
    }
    this.progress$ = new BehaviorSubject<SourceProgress>({ state: 'idle', tick: -1, lastTask: null });
  }

  private startError: SourceError | null = null;
  private started = false;

  demand(tick: number): void {
    if (this.disposed) return;
    if (!this.started) {
      // Tick 0's events (loop-start, the first spawns) go out with the first demand, once someone listens.
      this.started = true;
      if (this.startError !== null) {
        this.events$.error(this.startError);
        return;
      }
      if (this.first.length > 0) this.events$.next(this.first);
      this.first = [];
      this.endIfFinished();
    }
    if (tick <= this.demanded || this.run === null) return;
    this.demanded = tick;
    const run = this.run;
    try {
      while (!run.finished && run.tick < tick && !this.disposed) {
        const events = run.runTo(tick);
        if (events.length > 0) this.events$.next(events);
        if (run.waiting) break;
      }
    } catch (error) {
      this.fail(error);
      return;
    }
    if (!this.disposed) {
      this.progress$.next({ state: run.finished ? 'ended' : 'idle', tick: run.tick, lastTask: run.lastTask });
      this.endIfFinished();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.run?.close();
    this.events$.complete();
    this.progress$.complete();
  }

  private endIfFinished(): void {
    if (this.run?.finished && !this.events$.closed) {
      this.progress$.next({ state: 'ended', tick: this.run.tick, lastTask: this.run.lastTask });
      this.events$.complete();
    }
  }

  private fail(error: unknown): void {
    const events = this.run?.take() ?? [];
    if (events.length > 0) this.events$.next(events);
    this.progress$.next({ state: 'failed', tick: this.run?.tick ?? 0, lastTask: this.run?.lastTask ?? null });
    this.events$.error(new SourceError(`the loop broke: ${oneLine(error)}`));
  }
}

/** Ticks a manager demo may run inline: it is recorded whole, up front (a plain function cannot be paused). */
export const INLINE_MANAGED_TICKS = 1_000_000;

/** Sources that run each demo inline (tests, benches): `locations` reads suspension lines (~50 µs a step). */
export function inlineSources(options: { locations?: boolean; policy?: PolicyName | Policy } = {}): SourceFactory {
  return (demo, seed) => {
    const locations = options.locations ?? true;
    if (demo.manager === undefined) return new InlineSource(demo, { seed, policy: options.policy, locations });
    return new ReplaySource(recordRun(demo, { seed, locations }, INLINE_MANAGED_TICKS).events);
  };
}
