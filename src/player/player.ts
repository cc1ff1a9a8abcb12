/**
 * The player: a cursor over the recorded history of a run, and the pace at which it
 * moves. It pulls ticks from a source (the engine in a worker, CPython, a recorded log),
 * stores their events in a History, and folds them into the View the screen shows.
 * Stepping back, Home, End, `r` and going to a tick move the cursor: a fold from the
 * nearest checkpoint, never a re-run — except for ticks the bounded history no longer
 * holds, where a fresh source runs to the target in the background (`rerun`), the old
 * view staying on screen until it gets there, and Esc cancels it.
 *
 * Invariants:
 * - `view` is the fold of every event of ticks ≤ `tick` (the cursor), and nothing else.
 * - `target` ≥ `tick`: where the cursor is going; when it is ahead of what the source
 *   has delivered, the player has demanded it and folds on as batches arrive.
 * - The source is never asked for more than the cursor needs plus a bounded lookahead
 *   (LOOKAHEAD_S of the current speed, or MAX_LOOKAHEAD ticks at "max"), and never less
 *   than LAYOUT_LOOKAHEAD ticks ahead, paused too: a screen sizes its lanes by what is
 *   coming (`lanesKnown`) rather than moving every pane when a task is spawned.
 * - Cues match events only when the cursor moves forwards by playing (pulses, step,
 *   advance), never when it is rebuilt (a seek): stepping back over a cue and forwards
 *   again shows it again. A cue stops the cursor at the end of its tick.
 * - Ticks are pulled only by the pacing subscription, a step or a seek; while paused or
 *   done nothing is armed, so nothing runs and nothing renders.
 * - `changes$` fires after anything a screen would show has changed; screens sample it.
 */
import { BehaviorSubject, EMPTY, Observable, Subject, distinctUntilChanged, interval, map, switchMap, type Subscription } from '../rx.js';
import type { LoopEvent, SourceLocation, TaskId } from '../core/events.js';
import { cueMatches, type Cue, type Demo } from '../demo.js';
import type { ConsoleLine, EventSource, SourceProgress, SourceState } from '../sources/source.js';
import { History, type HistoryOptions } from './history.js';
import { View } from './view.js';

/** Speed presets, ticks per second; Infinity is "max". */
export const SPEEDS: readonly number[] = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, Infinity];

/** Above this many ticks/s, pulses come at PULSE_HZ and carry several ticks each. */
const PULSE_HZ = 60;
/** At "max", fold for this long per pulse, then let keys and frames through. */
const SLICE_MS = 12;
/** How far ahead of the cursor the source may run, in seconds of the current speed… */
const LOOKAHEAD_S = 0.5;
/** …and in ticks at "max" (the history's budget bounds the memory either way). */
const MAX_LOOKAHEAD = 20_000;
/**
 * Ticks the source runs ahead of the cursor even while paused (its events are stored,
 * not shown): lanes a run spawns early are known before the cursor gets there.
 */
export const LAYOUT_LOOKAHEAD = 64;
/** A checkpoint every so many events folded (step back = restore + fold at most this many). */
export const CHECKPOINT_EVENTS = 16_384;
/** …or every so many ticks, whichever comes first. */
export const CHECKPOINT_TICKS = 512;
/** Events folded between two looks at the clock while folding against a time budget. */
const FOLD_CHECK = 2048;

export type PlayState = 'running' | 'paused' | 'done';

/** Makes the source of one run of a demo with a seed. */
export type SourceFactory = (demo: Demo, seed: number) => EventSource;

export interface PlayerOptions {
  seed: number;
  /** Ticks per second; Infinity is "max". Honoured as given (the presets are for faster / slower). */
  speed: number;
  source: SourceFactory;
  /** Start paused (tests, and a speaker who wants to talk first). */
  paused?: boolean;
  /** Pause at the demo's cue points. */
  cues?: boolean;
  /**
   * Called with the tick right before and right after each live batch of ticks, when the
   * run pauses or resumes, and after a jump (step back, restart, another demo): what a
   * wall-clock trace needs so that pauses show as gaps (chrome-trace.ts, `wallClock`).
   */
  onClock?: (tick: number) => void;
  history?: HistoryOptions;
  /**
   * Called with every batch a source delivers, as it arrives, and with null when a new
   * run starts (another seed, demo or source): a re-run towards a tick the history
   * dropped delivers the run's events again, seq from 0 (a recorder skips what it has).
   * What a record of the run independent of the history's window needs (trace-export.ts).
   */
  onEvents?: (events: readonly LoopEvent[] | null) => void;
  /** What the program wrote to its console (sources that run it elsewhere). */
  onConsole?: (line: ConsoleLine) => void;
}

export function formatSpeed(speed: number): string {
  return speed === Infinity ? 'max' : `${speed}/s`;
}

/** A usable speed: any positive number of ticks/s as given (a rehearsed `--speed 7` stays 7), else the slowest preset. */
export function validSpeed(speed: number): number {
  return speed > 0 ? speed : SPEEDS[0]!;
}

/** One run's source and what it delivered. */
interface Run {
  source: EventSource;
  history: History;
  progress: SourceProgress;
  /** The source failed: why, in one line. */
  failure: string | null;
  subscription: Subscription;
}

/** A re-run in the background towards a tick the history no longer holds. */
export interface Rerun {
  target: number;
  /** Ticks it has reached so far. */
  tick: number;
}

export class Player {
  demo: Demo;
  seed: number;
  speed: number;
  paused: boolean;
  view: View = newView();
  /** The cue the run paused at, until the speaker resumes (or steps). */
  cue: Cue | null = null;
  /** Counts the cues shown so far: a screen tells a new cue from the same one still showing. */
  cuesShown = 0;
  /** The furthest tick the cursor has shown in this run (End goes there). */
  furthestSeen = 0;
  readonly changes$ = new Subject<void>();

  private run!: Run;
  /** The last tick folded into `view`; −1 before tick 0's events are in. */
  private cursor = -1;
  private target = 0;
  /** `]` is playing on to the next cue. */
  private toNextCue = false;
  /** The cursor is on its way to `target` by a seek (no cues), not by playing. */
  private seeking = false;
  private readonly options: PlayerOptions;
  /** Makes each run's source (switchSource changes it: the same demo in another language). */
  private sourceFactory: SourceFactory;
  private readonly cuesOn: boolean;
  private readonly onClock: ((tick: number) => void) | undefined;
  /** Cues of the tick paused at, still to show after the one showing (space shows the next). */
  private cueQueue: Cue[] = [];
  private foldedSinceCheckpoint = 0;
  private readonly control$: BehaviorSubject<{ speed: number; running: boolean }>;
  private pacing: Subscription | null = null;
  private rerunning: { run: Run; view: View; folded: number; target: number; resume: boolean } | null = null;
  private disposed = false;

  constructor(demo: Demo, options: PlayerOptions) {
    this.demo = demo;
    this.options = options;
    this.sourceFactory = options.source;
    this.seed = options.seed;
    this.speed = validSpeed(options.speed);
    this.paused = options.paused ?? false;
    this.cuesOn = options.cues ?? false;
    this.onClock = options.onClock;
    this.control$ = new BehaviorSubject<{ speed: number; running: boolean }>({ speed: this.speed, running: false });
    this.run = this.openRun();
    this.demandAhead();
    this.foldForward(Infinity);
  }

  /** The tick the cursor shows. */
  get tick(): number {
    return Math.max(0, this.cursor);
  }

  /** The run is over and the cursor is at its end. */
  get finished(): boolean {
    const run = this.run;
    return (run.history.ended || run.failure !== null) && this.cursor >= run.history.furthest;
  }

  get state(): PlayState {
    return this.finished ? 'done' : this.paused ? 'paused' : 'running';
  }

  /** The ticks the source has delivered (the end of the history). */
  get furthest(): number {
    return this.run.history.furthest;
  }

  /** The run's last tick once it is known (the source has ended, or failed), else null. */
  get endTick(): number | null {
    const run = this.run;
    // A run that failed before its first whole tick ends at tick 0, as the cursor shows it.
    return run.history.ended || run.failure !== null ? Math.max(0, run.history.furthest) : null;
  }

  /** What the source is doing: for "not answering (tum was running)". */
  get source(): { state: SourceState; lastTask: TaskId | null; failure: string | null } {
    const { progress, failure } = this.run;
    return { state: progress.state, lastTask: progress.lastTask, failure };
  }

  /** The cursor needs ticks the source has not delivered, and the source is not answering. */
  get stalled(): boolean {
    return this.run.progress.state === 'stalled' && this.target > this.run.history.furthest;
  }

  /** A re-run towards a tick the history no longer holds, while it lasts. */
  get rerun(): Rerun | null {
    const r = this.rerunning;
    return r === null ? null : { target: r.target, tick: Math.max(0, r.folded) };
  }

  get history(): History {
    return this.run.history;
  }

  /** Lanes (the loop's included) the run is known to have, ahead of the cursor too (LAYOUT_LOOKAHEAD). */
  get lanesKnown(): number {
    return 1 + Math.max(this.run.history.spawns, this.view.lanes.length);
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
    if (this.disposed) return;
    this.disposed = true;
    this.pacing?.unsubscribe();
    this.pacing = null;
    this.cancelRerun();
    this.closeRun(this.run);
    this.changes$.complete();
  }

  /**
   * Play up to `n` ticks forward, as live (cues match); returns how many the cursor
   * moved. With a synchronous source (tests) the ticks are there when this returns.
   */
  advance(n: number): number {
    const from = this.cursor;
    this.seeking = false;
    this.moveTarget(this.cursor + n);
    this.foldForward(Infinity);
    this.sync();
    return this.cursor - from;
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
    else this.holdTarget();
    this.onClock?.(this.tick); // the pause starts (or ends) now, not at the last batch
    this.sync();
  }

  pause(): void {
    if (!this.paused) {
      this.paused = true;
      this.holdTarget();
      this.onClock?.(this.tick);
      this.sync();
    }
  }

  /** One tick forward, paused. */
  stepForward(): void {
    this.paused = true;
    this.clearCue();
    this.advance(1);
  }

  /** One tick back, paused. */
  stepBack(): void {
    this.paused = true;
    this.clearCue();
    this.seek(this.cursor - 1);
  }

  /** Go to tick `target` (clamped to the run's end once known): a cursor move. */
  seek(target: number): void {
    target = Math.max(0, Math.floor(target));
    const end = this.endTick;
    if (end !== null) target = Math.min(target, end);
    this.cancelRerun();
    if (target < this.cursor) {
      if (!this.rebuild(target)) return;
    } else if (target > this.cursor && target <= this.run.history.furthest) {
      // A far jump forwards starts from the checkpoint nearest the target, when that is past the cursor.
      const start = this.run.history.startFor(target);
      if (start !== null && start !== 'scratch' && start.tick > this.cursor && !this.rebuild(target)) return;
    }
    if (target > this.cursor) {
      this.seeking = true;
      this.moveTarget(target);
      this.foldForward(Infinity);
    } else {
      this.target = this.cursor;
    }
    this.onClock?.(this.tick); // a jump rewinds a wall-clock timeline to here
    this.sync();
  }

  /**
   * `]`: play on to the next cue (whether or not --cues pauses at them) and show it; at
   * the run's end when there is none.
   */
  nextCue(): void {
    if ((this.demo.cues ?? []).length === 0) return;
    this.clearCue();
    this.paused = true;
    this.seeking = false;
    this.toNextCue = true;
    this.moveTarget(this.endTick ?? this.cursor + NEXT_CUE_LOOKAHEAD);
    this.foldForward(Infinity);
    this.sync();
  }

  /**
   * `[`: back to the cue before the tick shown, and show it; tick 0 when there is none.
   * Found in the history, nearest first: the newest ticks it holds before the cursor, then
   * its head. A cue in the middle a long run's history dropped is not found (no events are held there).
   */
  previousCue(): void {
    const cues = this.demo.cues ?? [];
    const history = this.run.history;
    const before = this.cursor - 1;
    const ranges: [from: number, to: number][] = [];
    if (history.windowStart > history.heldFromStart && before > history.windowStart) ranges.push([history.windowStart, before]);
    ranges.push([-1, Math.min(before, history.heldFromStart)]);
    let found: { tick: number; cue: Cue } | null = null;
    for (const [from, to] of ranges) {
      if (to <= from) continue;
      history.forEach(from, to, (e) => {
        for (const cue of cues) if (cueMatches(cue, e)) found = { tick: e.tick, cue };
      });
      if (found !== null) break;
    }
    const previous = found as { tick: number; cue: Cue } | null;
    this.clearCue();
    this.seek(previous?.tick ?? 0);
    if (previous !== null) {
      this.cue = previous.cue;
      this.cuesShown++;
      this.sync();
    }
  }

  /** Home: tick 0. */
  home(): void {
    this.clearCue();
    this.seek(0);
  }

  /** `g`: go to a tick the speaker typed (clamped to the run's end once known), the cue put away. */
  goTo(tick: number): void {
    this.clearCue();
    this.seek(tick);
  }

  /** End: the furthest tick reached (the run's end when it ended). */
  end(): void {
    this.clearCue();
    this.seek(this.endTick ?? this.furthestSeen);
  }

  /** Start over: the same seed by default (`r`: a cursor move to tick 0), or a new one (`R`: a new run). */
  restart(seed = this.seed): void {
    this.clearCue();
    if (seed === this.seed && this.run.failure === null) {
      this.seek(0);
      return;
    }
    this.seed = seed;
    this.newRun();
  }

  /** Switch to another demo (n / p), from its start, with `seed` (by default the demo's own, else 1). */
  load(demo: Demo, seed = demo.seed ?? 1): void {
    this.demo = demo;
    this.seed = seed;
    this.clearCue();
    this.newRun();
  }

  /** What makes each run's source now. */
  get sourceFactoryInUse(): SourceFactory {
    return this.sourceFactory;
  }

  /**
   * Run the same demo from another source (`y`: its Python original, or back) and go to
   * the tick shown, paused: the new source runs up to it. `keepTick` false: from tick 0.
   */
  switchSource(source: SourceFactory, keepTick = true): void {
    const tick = this.tick;
    this.sourceFactory = source;
    this.paused = true;
    this.clearCue();
    this.newRun();
    if (keepTick && tick > 0) this.seek(tick);
  }

  setSpeed(speed: number): void {
    this.speed = validSpeed(speed);
    this.demandAhead();
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

  /** Esc during a re-run: give it up, the cursor stays where it was. True if there was one. */
  cancelRerun(): boolean {
    const r = this.rerunning;
    if (r === null) return false;
    this.rerunning = null;
    this.closeRun(r.run);
    this.sync();
    return true;
  }

  /** Where each unfinished task is suspended at the cursor, from the step events. */
  suspensions(): Map<TaskId, SourceLocation> {
    const map = new Map<TaskId, SourceLocation>();
    for (const lane of this.view.lanes) if (!lane.finished && lane.where !== null && lane.task !== null) map.set(lane.task, lane.where);
    return map;
  }

  // ─────────────────────────────────── internals ───────────────────────────────────

  /** A run of the current demo and seed; `first`: not a re-run (its console lines are passed on: a re-run's repeat the first run's). */
  private openRun(first = true): Run {
    const source = this.sourceFactory(this.demo, this.seed);
    const history = new History(this.options.history);
    const run: Run = { source, history, progress: { state: 'working', tick: -1, lastTask: null }, failure: null, subscription: null! };
    const onEvents = this.options.onEvents;
    if (first) onEvents?.(null);
    run.subscription = source.events$.subscribe({
      next: (events) => {
        onEvents?.(events);
        history.append(events);
        // Ticks before the batch's last one are whole (ticks never go back): fold on now,
        // before later batches push these out of a bounded history.
        history.reached(events[events.length - 1]!.tick - 1);
        this.arrived(run);
      },
      // Nothing more comes after an end or a failure: every tick delivered is whole, the
      // last one too (whatever progress$ said, or did not say: a source that finished
      // before this subscription had completed its progress already).
      error: (error: unknown) => {
        run.failure = error instanceof Error ? error.message : String(error);
        history.reached(history.lastTick);
        this.arrived(run);
      },
      complete: () => {
        history.ended = true;
        history.reached(history.lastTick);
        this.arrived(run);
      },
    });
    run.subscription.add(
      source.progress$.subscribe((progress) => {
        run.progress = progress;
        history.reached(progress.tick);
        this.arrived(run);
      }),
    );
    const onConsole = this.options.onConsole;
    if (first && onConsole !== undefined && source.console$ !== undefined) run.subscription.add(source.console$.subscribe(onConsole));
    source.demand(0);
    return run;
  }

  private closeRun(run: Run): void {
    run.subscription.unsubscribe();
    run.source.dispose();
  }

  /** A new run of the current demo and seed, from tick 0. */
  private newRun(): void {
    this.cancelRerun();
    this.closeRun(this.run);
    this.view = newView();
    this.cursor = -1;
    this.target = 0;
    this.furthestSeen = 0;
    this.foldedSinceCheckpoint = 0;
    this.run = this.openRun();
    this.demandAhead();
    this.foldForward(Infinity);
    this.onClock?.(0);
    this.sync();
  }

  /** Events or progress came in for `run`: fold on towards the target. */
  private arrived(run: Run): void {
    if (this.disposed) return;
    const rerun = this.rerunning;
    if (rerun !== null && run === rerun.run) {
      this.rerunArrived();
      return;
    }
    if (run !== this.run) return;
    this.foldForward(this.speed === Infinity && !this.paused ? SLICE_MS : Infinity);
    this.sync();
  }

  /** Rebuild the view at `target` from the nearest checkpoint; false (and a re-run started) when the history no longer holds it. */
  private rebuild(target: number): boolean {
    const history = this.run.history;
    const start = history.startFor(target);
    if (start === null) {
      this.startRerun(target);
      return false;
    }
    const view = start === 'scratch' ? newView() : start.view.clone();
    history.forEach(start === 'scratch' ? -1 : start.tick, target, (e) => void view.apply(e));
    view.tick = target;
    this.view = view;
    this.cursor = target;
    this.target = target;
    return true;
  }

  private startRerun(target: number): void {
    const resume = !this.paused;
    this.paused = true;
    const run = this.openRun(false);
    run.history.pin = -1; // nothing is dropped before the re-run has folded it
    this.rerunning = { run, view: newView(), folded: -1, target, resume };
    run.source.demand(target);
    this.sync();
  }

  private rerunArrived(): void {
    const r = this.rerunning!;
    const history = r.run.history;
    if (r.run.failure !== null) {
      this.cancelRerun();
      return;
    }
    const to = Math.min(r.target, history.furthest);
    if (to > r.folded) {
      const view = r.view;
      let since = 0;
      history.forEach(r.folded, to, (e) => {
        if (e.tick > view.tick && since >= CHECKPOINT_EVENTS) {
          history.addCheckpoint(view.tick, view.clone());
          since = 0;
        }
        view.apply(e);
        since++;
      });
      view.tick = to;
      r.folded = to;
      history.pin = to;
    }
    if (to >= r.target || history.ended) {
      // There: the re-run becomes the run.
      this.rerunning = null;
      this.closeRun(this.run);
      history.pin = r.folded;
      this.run = r.run;
      this.view = r.view;
      this.cursor = this.target = r.folded;
      this.paused = !r.resume;
      this.foldedSinceCheckpoint = 0;
      this.onClock?.(this.tick);
    }
    this.sync();
  }

  /** Aim the cursor at `target` and ask the source for what that needs. */
  private moveTarget(target: number): void {
    const end = this.endTick;
    this.target = Math.max(this.cursor, end === null ? target : Math.min(target, end));
    this.demandAhead();
  }

  /** Paused: the cursor goes no further than where it is. */
  private holdTarget(): void {
    this.target = this.cursor;
    this.seeking = false;
  }

  /** Keep the source a bounded lookahead past the target. */
  private demandAhead(): void {
    const ahead = Math.max(LAYOUT_LOOKAHEAD, this.paused ? 0 : this.speed === Infinity ? MAX_LOOKAHEAD : Math.ceil(this.speed * LOOKAHEAD_S));
    // Ahead of the cursor (what is folded), not of what has arrived: at "max" the target is
    // the furthest tick delivered, and a lookahead from there would let the source run away.
    this.run.source.demand(Math.max(this.target, Math.max(this.cursor, 0) + ahead));
  }

  /**
   * Fold the history into the view from the cursor towards the target, as far as the
   * source has delivered; within `budgetMs` (stopping on a tick boundary). Cues match
   * unless seeking, and stop the cursor at the end of their tick.
   */
  private foldForward(budgetMs: number): void {
    const history = this.run.history;
    // The history keeps what the cursor has not folded yet: the ground to the target, and
    // the lookahead past it (paused too: LAYOUT_LOOKAHEAD).
    history.pin = this.cursor;
    const to = Math.min(this.target, history.furthest);
    if (to <= this.cursor) {
      if (this.target <= this.cursor) this.seeking = false;
      return;
    }
    const view = this.view;
    const cues = (this.cuesOn || this.toNextCue) && !this.seeking ? this.demo.cues ?? [] : [];
    const hits: Cue[] = [];
    let hitTick = -1;
    const until = budgetMs === Infinity ? Infinity : performance.now() + budgetMs;
    let count = 0;
    let stoppedAt = to;
    // The first fold (tick 0's events) is no live batch: the run has not started.
    const live = !this.seeking && this.cursor >= 0;
    if (live) this.onClock?.(this.cursor);
    history.forEach(this.cursor, to, (e) => {
      if (e.tick > view.tick && this.cursor >= 0) {
        // A tick boundary: the view is whole for view.tick.
        if (hitTick >= 0) {
          stoppedAt = hitTick;
          return true;
        }
        if (++count % FOLD_CHECK === 0 && performance.now() > until && view.tick > this.cursor) {
          stoppedAt = view.tick;
          return true;
        }
        if (this.foldedSinceCheckpoint >= CHECKPOINT_EVENTS || view.tick - history.lastCheckpointTick >= CHECKPOINT_TICKS) {
          if (view.tick > history.lastCheckpointTick) history.addCheckpoint(view.tick, view.clone());
          this.foldedSinceCheckpoint = 0;
        }
      }
      view.apply(e);
      this.foldedSinceCheckpoint++;
      for (const cue of cues) {
        if (!hits.includes(cue) && cueMatches(cue, e)) {
          hits.push(cue);
          hitTick = e.tick;
        }
      }
      return false;
    });
    if (hitTick >= 0) stoppedAt = hitTick;
    view.tick = stoppedAt;
    this.cursor = stoppedAt;
    if (stoppedAt > this.furthestSeen) this.furthestSeen = stoppedAt;
    if (live) this.onClock?.(this.cursor);
    if (hits.length > 0 || (this.toNextCue && this.cursor >= this.target)) this.toNextCue = false;
    if (hits.length > 0) {
      this.paused = true;
      this.target = this.cursor;
      this.seeking = false;
      this.cueQueue = hits;
      this.showNextCue();
    }
    if (this.cursor >= this.target) this.seeking = false;
    history.pin = this.cursor;
  }

  private showNextCue(): void {
    this.cue = this.cueQueue.shift() ?? null;
    if (this.cue !== null) this.cuesShown++;
  }

  private clearCue(): void {
    this.cue = null;
    this.cueQueue = [];
  }

  /** Tell pacing what to do now, and screens that something changed. */
  private sync(): void {
    if (this.disposed) return;
    this.control$.next({ speed: this.speed, running: this.pacing !== null && !this.paused && !this.finished });
    if (!this.changes$.closed) this.changes$.next();
  }

  /** One pacing pulse: `due` ticks, or a time slice at "max". */
  private pulse(due: number): void {
    if (this.rerunning !== null) return;
    if (due === Infinity) {
      this.seeking = false;
      this.moveTarget(Math.max(this.target, this.run.history.furthest));
      this.foldForward(SLICE_MS);
      this.demandAhead();
    } else if (due > 0) {
      this.seeking = false;
      // A slow source does not build up a debt: the target runs at most two pulses ahead of the cursor.
      this.moveTarget(Math.min(this.target + due, this.cursor + 2 * due));
      this.foldForward(SLICE_MS);
    }
    this.sync();
  }
}

/** How far `]` looks for the next cue in a run whose end is not known yet (ticks). */
const NEXT_CUE_LOOKAHEAD = 100_000;

/** Finished lanes a player's view keeps (the screen shows the newest; a run may spawn millions). */
export const KEEP_FINISHED = 256;

function newView(): View {
  return new View({ keepFinished: KEEP_FINISHED, scheduler: true });
}

/**
 * Pulses for a speed: each carries how many ticks are due. Up to PULSE_HZ ticks/s one
 * tick per pulse; above, PULSE_HZ pulses carrying the ticks wall time says are due; at
 * "max" PULSE_HZ pulses that fold what has arrived and keep the source's demand ahead.
 */
function pulses(speed: number): Observable<number> {
  // At "max" the folding happens as batches arrive (arrived); pulses only keep the demand up.
  if (speed === Infinity) return interval(1000 / PULSE_HZ).pipe(map(() => Infinity));
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
