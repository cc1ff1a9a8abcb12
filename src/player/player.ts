/**
 * The player: drives one demo run at a chosen pace and lets a speaker pause, step,
 * step back, seek, restart and change speed. It owns the session (a loop armed with the
 * demo) and the View folded from its events.
 *
 * Invariants:
 * - `view` is the fold of every event of `session` so far, plus one patch: advance() sets
 *   `view.tick` to the loop's tick, since a tick that runs a cancelled handle emits no
 *   event. Both are replaced together (restart, seek backwards, new demo).
 * - Going back in time is replay: a fresh session with the same seed run to the target
 *   tick (deterministic core ⇒ the same screen as when we passed that tick).
 * - Ticks are pulled only by the pacing subscription or by an explicit step/seek; while
 *   paused or done no timer is armed, so nothing runs and nothing renders.
 * - `changes$` fires after anything a screen would show has changed; screens sample it
 *   (auditTime), they never render per tick.
 * - Cues are matched against live events only: a run moving forwards through a cue's
 *   event pauses on that tick (several cues of one tick show one after another); a
 *   replay never does, so stepping back over a cue and forwards again shows it again.
 */
import { BehaviorSubject, EMPTY, Observable, Subject, distinctUntilChanged, interval, map, switchMap, type Subscription } from 'rxjs';
import type { LoopEvent, SourceLocation, TaskId } from '../core/events.js';
import type { Policy, PolicyName } from '../core/policies.js';
import type { Cue, Demo } from '../demo.js';
import { recordRun, startSession, type Session } from './session.js';
import { View } from './view.js';

/** Speed presets, ticks per second; Infinity is "max". */
export const SPEEDS: readonly number[] = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, Infinity];

/** Above this many ticks/s, pulses come at PULSE_HZ and carry several ticks each. */
const PULSE_HZ = 60;
/** At "max", run for this long per slice, then let keys and frames through. */
const SLICE_MS = 12;
/** Ticks per runItems call at "max" (the time check happens between batches). */
const MAX_BATCH = 8192;

export type PlayState = 'running' | 'paused' | 'done';

export interface PlayerOptions {
  seed: number;
  /** Ticks per second; Infinity is "max". Honoured as given (the presets are for faster / slower). */
  speed: number;
  policy?: PolicyName | Policy;
  /** Start paused (tests, and a speaker who wants to talk first). */
  paused?: boolean;
  /** Pause at the demo's cue points (issue 5 shows their narration). */
  cues?: boolean;
  /**
   * Called with the tick right before and right after each live batch of ticks, when the
   * run pauses or resumes, and after a jump (step back, restart, another demo): what a
   * wall-clock trace needs so that pauses show as gaps (chrome-trace.ts, `wallClock`).
   */
  onClock?: (tick: number) => void;
}

export function formatSpeed(speed: number): string {
  return speed === Infinity ? 'max' : `${speed}/s`;
}

/** A usable speed: any positive number of ticks/s as given (a rehearsed `--speed 7` stays 7), else the slowest preset. */
export function validSpeed(speed: number): number {
  return speed > 0 ? speed : SPEEDS[0]!;
}

export class Player {
  demo: Demo;
  seed: number;
  speed: number;
  paused: boolean;
  session!: Session;
  view!: View;
  /** The cue the run paused at, until the speaker resumes (or steps). */
  cue: Cue | null = null;
  /** Counts the cues shown so far: a screen tells a new cue from the same one still showing. */
  cuesShown = 0;
  readonly changes$ = new Subject<void>();

  private readonly policy: PolicyName | Policy | undefined;
  private readonly cuesOn: boolean;
  private readonly onClock: ((tick: number) => void) | undefined;
  /** False while replaying: a replay is not "live" (no cues). */
  private live = true;
  /** Cues matched by the events of the tick running now, in match order (each cue once a tick). */
  private cueHits: Cue[] = [];
  /** Cues of the tick paused at, still to show after the one showing (space shows the next). */
  private cueQueue: Cue[] = [];
  private readonly control$: BehaviorSubject<{ speed: number; running: boolean }>;
  private pacing: Subscription | null = null;
  /** Cleared by reset(), so it always belongs to the current session. */
  private whereCache: { tick: number; map: Map<TaskId, SourceLocation> } | null = null;
  /** Per task: where it was at its last lookup, and its step count then (it moves only when it steps). */
  private whereByTask = new Map<TaskId, { steps: number; where: SourceLocation | null }>();

  constructor(demo: Demo, options: PlayerOptions) {
    this.demo = demo;
    this.seed = options.seed;
    this.speed = validSpeed(options.speed);
    this.paused = options.paused ?? false;
    this.policy = options.policy;
    this.cuesOn = options.cues ?? false;
    this.onClock = options.onClock;
    this.control$ = new BehaviorSubject<{ speed: number; running: boolean }>({ speed: this.speed, running: false });
    this.reset();
  }

  get tick(): number {
    return this.session.loop.tick;
  }

  get finished(): boolean {
    return this.session.loop.finished;
  }

  get state(): PlayState {
    return this.finished ? 'done' : this.paused ? 'paused' : 'running';
  }

  /** Start pulling ticks at the chosen speed (until dispose). */
  start(): void {
    if (this.pacing !== null) return;
    this.pacing = this.control$
      .pipe(
        distinctUntilChanged((a, b) => a.speed === b.speed && a.running === b.running),
        switchMap(({ speed, running }) => (!running ? EMPTY : pulses(speed))),
      )
      .subscribe((due) => this.pulse(due));
    this.sync();
  }

  dispose(): void {
    this.pacing?.unsubscribe();
    this.pacing = null;
    this.changes$.complete();
    this.session.loop.close();
  }

  /**
   * Run up to `n` ticks now; returns how many ran. Stops early at the end or at a cue:
   * with cues on, ticks run one at a time so the run stops on the cue's own tick, and a
   * cue matched by the loop's last events (loop-end) is shown too.
   */
  advance(n: number): number {
    let ran = 0;
    const loop = this.session.loop;
    const live = this.live;
    if (live) this.onClock?.(loop.tick);
    if (this.cuesOn && live && this.demo.cues?.length) {
      while (ran < n && this.cueHits.length === 0) {
        if (loop.runItems(1) !== 1) break;
        ran++;
      }
      if (this.cueHits.length > 0) {
        this.paused = true;
        this.cueQueue = this.cueHits;
        this.cueHits = [];
        this.showNextCue();
      }
    } else {
      // Not recordRun: this is the live session, already started, and a batch also
      // reports to onClock and the view; only the loop around runItems is alike.
      while (ran < n) {
        const step = loop.runItems(Math.min(n - ran, 1 << 20));
        if (step === 0) break;
        ran += step;
      }
    }
    if (live) this.onClock?.(loop.tick);
    this.view.tick = loop.tick;
    if (ran > 0 || this.finished) this.sync();
    return ran;
  }

  /** Space: pause or resume; at a cue, show the next cue of the same tick first, else resume. */
  togglePause(): void {
    if (this.cueQueue.length > 0) {
      this.showNextCue();
      this.sync();
      return;
    }
    if (this.finished) {
      this.clearCue(); // a cue at the very end: dismissed, nothing to resume
      this.sync();
      return;
    }
    this.paused = !this.paused;
    if (!this.paused) this.clearCue();
    this.onClock?.(this.tick); // the pause starts (or ends) now, not at the last batch
    this.sync();
  }

  pause(): void {
    if (!this.paused) {
      this.paused = true;
      this.onClock?.(this.tick);
      this.sync();
    }
  }

  /** One tick forward, paused. */
  stepForward(): void {
    this.paused = true;
    this.clearCue();
    this.advance(1);
    this.sync();
  }

  /** One tick back, paused: replay to tick - 1. Cues show again when the run passes them forwards. */
  stepBack(): void {
    this.paused = true;
    this.clearCue();
    this.seek(this.tick - 1);
  }

  /** Go to tick `target` (clamped to the run): forwards runs on, backwards replays. */
  seek(target: number): void {
    target = Math.max(0, Math.floor(target));
    this.live = false; // the replay's events, its first ones included, were seen live already
    try {
      if (target < this.tick) this.reset();
      this.advance(target - this.tick);
    } finally {
      this.live = true;
    }
    this.onClock?.(this.tick); // a step back rewinds a wall-clock timeline to here
    this.sync();
  }

  /** Start over: the same seed by default (`r`), or a new one (`R`). */
  restart(seed = this.seed): void {
    this.seed = seed;
    this.clearCue();
    this.reset();
    this.onClock?.(0);
    this.sync();
  }

  /** Switch to another demo (n / p), from its start, with `seed` (by default the demo's own, else 1). */
  load(demo: Demo, seed = demo.seed ?? 1): void {
    this.session.loop.close();
    this.demo = demo;
    this.restart(seed);
  }

  setSpeed(speed: number): void {
    this.speed = validSpeed(speed);
    this.sync();
  }

  /** The next preset above the speed (from 7/s: 10/s), up to max. */
  faster(): void {
    this.setSpeed(SPEEDS.find((s) => s > this.speed) ?? SPEEDS[SPEEDS.length - 1]!);
  }

  /** The next preset below the speed (from 7/s: 5/s), down to the slowest. */
  slower(): void {
    this.setSpeed([...SPEEDS].reverse().find((s) => s < this.speed) ?? SPEEDS[0]!);
  }

  /**
   * Where each live task is suspended now, for the code pane: from the step events when
   * they carry locations, else asked of the runtime (~50 µs a task) at frame time, and
   * only for tasks that stepped since they were last asked: never per step.
   */
  suspensions(): Map<TaskId, SourceLocation> {
    const cached = this.whereCache;
    if (cached !== null && cached.tick === this.tick) return cached.map;
    const map = new Map<TaskId, SourceLocation>();
    const loop = this.session.loop;
    const known = this.whereByTask;
    for (const task of loop.live) {
      let where = this.view.byTask.get(task.id)?.where ?? null;
      if (where === null) {
        const last = known.get(task.id);
        if (last !== undefined && last.steps === task.steps) where = last.where;
        else {
          where = loop.whereIs(task);
          known.set(task.id, { steps: task.steps, where });
        }
      }
      if (where !== null) map.set(task.id, where);
    }
    if (known.size > 2 * loop.live.size + 16) {
      // Finished tasks are never asked about again.
      for (const id of known.keys()) if (!map.has(id)) known.delete(id);
    }
    this.whereCache = { tick: this.tick, map };
    return map;
  }

  /**
   * The events of the run as it stands now, from its start to the current tick: the
   * timeline as finally played (after steps back, the ticks replayed, not the ones
   * undone). Recomputed by replay (deterministic core), so the live run keeps no log.
   * At most `maxTicks` ticks: the first ones.
   */
  timeline(maxTicks = Infinity): LoopEvent[] {
    const target = Math.min(this.tick, maxTicks);
    // A finished run also ran the call that found nothing left (its loop-end event).
    const finish = this.finished && target === this.tick;
    return recordRun(this.demo, { seed: this.seed, policy: this.policy, names: true }, target, { finish, close: true }).events;
  }

  private showNextCue(): void {
    this.cue = this.cueQueue.shift() ?? null;
    if (this.cue !== null) this.cuesShown++;
  }

  private clearCue(): void {
    this.cue = null;
    this.cueQueue = [];
  }

  /** A fresh session and view for the current demo and seed, at tick 0. */
  private reset(): void {
    if (this.session !== undefined) this.session.loop.close();
    const view = new View();
    const cues = this.demo.cues ?? [];
    this.view = view;
    this.cueHits = [];
    this.whereCache = null;
    this.whereByTask = new Map();
    this.session = startSession(this.demo, { seed: this.seed, policy: this.policy, names: true }, (event) => {
      view.apply(event);
      if (this.live && this.cuesOn) for (const cue of cues) if (!this.cueHits.includes(cue) && cue.when(event)) this.cueHits.push(cue);
    });
  }

  /** Tell pacing what to do now, and screens that something changed. */
  private sync(): void {
    this.control$.next({ speed: this.speed, running: this.pacing !== null && !this.paused && !this.finished });
    if (!this.changes$.closed) this.changes$.next();
  }

  /** One pacing pulse: `due` ticks, or a time slice at "max". */
  private pulse(due: number): void {
    if (due !== Infinity) {
      if (due > 0 && this.advance(due) === 0 && !this.finished) this.pause(); // waiting on a clock that cannot jump
      return;
    }
    const until = performance.now() + SLICE_MS;
    let ran = 0;
    do {
      const batch = this.advance(MAX_BATCH);
      ran += batch;
      if (batch < MAX_BATCH) break;
    } while (performance.now() < until);
    if (ran === 0 && !this.finished) this.pause();
  }
}

/**
 * Pulses for a speed: each carries how many ticks are due. Up to PULSE_HZ ticks/s one
 * tick per pulse; above, PULSE_HZ pulses carrying the ticks wall time says are due; at
 * "max" a pulse per turn of the Node event loop (setImmediate, so keys get through).
 */
function pulses(speed: number): Observable<number> {
  if (speed === Infinity) {
    return new Observable<number>((subscriber) => {
      let handle: NodeJS.Immediate | null = null;
      const next = () => {
        subscriber.next(Infinity);
        if (!subscriber.closed) handle = setImmediate(next);
      };
      handle = setImmediate(next);
      return () => {
        if (handle !== null) clearImmediate(handle);
      };
    });
  }
  if (speed <= PULSE_HZ) return interval(1000 / speed).pipe(map(() => 1));
  return new Observable<number>((subscriber) => {
    const start = performance.now();
    let sent = 0;
    return interval(1000 / PULSE_HZ)
      .pipe(
        map(() => {
          const due = Math.floor(((performance.now() - start) * speed) / 1000) - sent;
          sent += due;
          return due;
        }),
      )
      .subscribe(subscriber);
  });
}
