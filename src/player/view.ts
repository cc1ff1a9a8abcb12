/**
 * The dashboard's view state, folded from the event log: lanes (one per task plus one
 * for the loop's own callbacks), printed lines, step counts, the last policy draw and
 * how the run ended. `apply(event)` is the only way in, so the view at tick N is a pure
 * function of the events up to tick N: stepping back is replaying into a fresh View.
 *
 * Invariants:
 * - Lane cells are stored as runs: `cols[i]` is the first tick column of a run of
 *   `kinds[i]`, strictly increasing; a run lasts until the next one starts. A state
 *   change that happens during tick t shows from column t+1; the tick a task runs shows
 *   as RAN (or POLLED) in column t.
 * - Only the last HISTORY columns are kept (no screen is wider), so a run of millions
 *   of ticks holds bounded memory; output keeps the last OUTPUT_LINES lines.
 * - `apply` does constant work per event: it sits on the engine's hot path at "max".
 * - Every task lane is on the recency list exactly once (`recent` → `older` → …): a lane
 *   moves to its head when a step of it begins, a spawned lane joins at its tail. A
 *   screen that cannot show every lane reads the first few from the head: the task that
 *   runs and the ones that ran last, without looking at the others.
 * - `parkedLanes` and `overLanes` count the task lanes parked and finished, and `stepped`
 *   the lanes (loop included) with a step: the "… N more" lines, without a scan. A task
 *   lane's state changes only through `setState` (or `endLane`), which keeps them.
 * - `sites` indexes the lines every unfinished lane (and the loop's) is suspended on:
 *   each frame of its `chain`, else its `where`; a lane's `sites` are the CodeLines that
 *   hold it. Where, chain or an ending change only in `apply`, which queues the lane on
 *   `moved` (once: its `moved` flag); the readers (codeFiles, codeLines) first re-place
 *   the queued lanes, as does a queue longer than the lanes (so it stays bounded). So a
 *   fold pays a flag per step, a frame pays for the lanes that stepped since the last
 *   one (at most every lane once), and the code pane reads the lines of one file, never
 *   every lane. A clone builds its own index, when first read.
 */
import { LoopState } from './loop-state.js';
import { taskDisplayName, type LoopEvent, type SourceLocation, type TaskId } from '../core/events.js';

/** What a lane shows in one tick column. */
export const CELL = {
  EMPTY: 0, // not spawned yet, or over
  READY: 1, // in the ready queue
  PARKED: 2, // parked on a future
  RAN: 3, // ran this tick
  POLLED: 4, // ran this tick only to yield again from where it was (a polling Waiter)
  RETURNED: 5, // finished this tick
  FAILED: 6, // an error escaped it this tick
  CANCELLED: 7, // cancelled this tick
} as const;
export type CellKind = (typeof CELL)[keyof typeof CELL];

/** How cells are drawn (the text trace, and every theme's base): themes differ only in `ran`. */
export interface Glyphs {
  /** One per task, cycled by spawn order, so lanes differ without colour. */
  ran: readonly string[];
  polled: string;
  ready: string;
  parked: string;
  returned: string;
  failed: string;
  cancelled: string;
  empty: string;
}

// Polled is a light shade: it must stand apart from every `ran` glyph (▓ among them).
export const GLYPHS: Glyphs = { ran: ['█'], polled: '░', ready: '·', parked: '─', returned: '✓', failed: '✗', cancelled: '⊘', empty: ' ' };

/**
 * The glyph of a `kind` cell in lane `index`. The loop (0) takes the first `ran`; tasks
 * take the others in turn, cycling only once all are used (a one-glyph set is shared).
 */
export function cellGlyph(glyphs: Glyphs, kind: CellKind, index: number): string {
  switch (kind) {
    case CELL.RAN: {
      const ran = glyphs.ran;
      return index === 0 || ran.length === 1 ? ran[0]! : ran[1 + ((index - 1) % (ran.length - 1))]!;
    }
    case CELL.POLLED:
      return glyphs.polled;
    case CELL.READY:
      return glyphs.ready;
    case CELL.PARKED:
      return glyphs.parked;
    case CELL.RETURNED:
      return glyphs.returned;
    case CELL.FAILED:
      return glyphs.failed;
    case CELL.CANCELLED:
      return glyphs.cancelled;
    default:
      return glyphs.empty;
  }
}

export type LaneState = 'new' | 'ready' | 'running' | 'parked' | 'polling' | 'done' | 'failed' | 'cancelled' | 'loop';

/** How many tick columns a lane remembers. */
export const HISTORY = 1024;
export const OUTPUT_LINES = 500;
/** Side-effect-free yields in a row after which a task counts as polling. */
const POLL_AFTER = 2;

/** The lanes suspended on one line of a source file (View.codeLines). */
export class CodeLine {
  readonly lanes = new Set<Lane>();
  /** Lanes in lane order, and by display name: computed when read after a change. */
  private order: Lane[] | null = null;
  private names: { lane: Lane; count: number }[] | null = null;

  constructor(
    readonly file: string,
    readonly line: number,
  ) {}

  /** Its lanes in lane order (the loop first, then spawn order). */
  sorted(): readonly Lane[] {
    return (this.order ??= [...this.lanes].sort((a, b) => a.index - b.index));
  }

  /** Each display name here once, with its first lane (in lane order) and how many lanes have it. */
  byName(): readonly { readonly lane: Lane; readonly count: number }[] {
    if (this.names === null) {
      const seen = new Map<string, { lane: Lane; count: number }>();
      for (const lane of this.sorted()) {
        const entry = seen.get(lane.name);
        if (entry === undefined) seen.set(lane.name, { lane, count: 1 });
        else entry.count++;
      }
      this.names = [...seen.values()];
    }
    return this.names;
  }

  add(lane: Lane): void {
    this.lanes.add(lane);
    this.order = this.names = null;
  }

  delete(lane: Lane): void {
    this.lanes.delete(lane);
    this.order = this.names = null;
  }
}

/** One row of the lanes pane: a task's (or the loop's) cells over time, and where it stands now. */
export class Lane {
  /** Run starts (tick columns) and their kinds, see the invariants above. */
  readonly cols: number[] = [];
  readonly kinds: CellKind[] = [];
  state: LaneState;
  /** The recency list (see View): the lane that stepped just before / after this one last did. */
  older: Lane | null = null;
  newer: Lane | null = null;
  steps = 0;
  /** What it is parked on, as the step-end said (the live label may have moved on). */
  on: string | null = null;
  result: string | null = null;
  error: string | null = null;
  /** Where it is suspended, when the step events carry locations. */
  where: SourceLocation | null = null;
  /**
   * Every frame of its await chain, outermost first (its last step's `chain`), or null when
   * the events carry none. The loop's lane: the manager's line that drove the last step.
   */
  chain: readonly SourceLocation[] | null = null;
  /** The lines it is indexed on (View.sites: its chain's frames or its `where`, none once finished). */
  sites: CodeLine[] = [];
  /** Queued on View.moved: its sites are to be placed again. */
  moved = false;
  /** Consecutive steps that only yielded, touching nothing (see POLL_AFTER). */
  idleYields = 0;
  endTick: number | null = null;

  constructor(
    /** null for the loop's lane. */
    readonly task: TaskId | null,
    public name: string,
    /** Spawn order (0 is the loop): picks the lane's colour. */
    readonly index: number,
    readonly parent: TaskId | null,
    readonly spawnTick: number,
    /** The task's own name as spawned (`Task-7` for an unnamed one: the name asyncio gives it). */
    readonly given: string = name,
    /** Among the tasks of the same display name, spawned before this one (0 for the first). */
    readonly twin = 0,
  ) {
    this.state = task === null ? 'loop' : 'new';
  }

  /** A copy that shares nothing mutable with this lane (view checkpoints). */
  clone(from = -Infinity): Lane {
    const lane = new Lane(this.task, this.name, this.index, this.parent, this.spawnTick, this.given, this.twin);
    // Only the runs a screen can still show (from column `from` on): a checkpoint stays small.
    const start = Math.max(0, this.runAt(from));
    for (let i = start; i < this.cols.length; i++) {
      lane.cols.push(this.cols[i]!);
      lane.kinds.push(this.kinds[i]!);
    }
    lane.state = this.state;
    lane.steps = this.steps;
    lane.on = this.on;
    lane.result = this.result;
    lane.error = this.error;
    lane.where = this.where;
    lane.chain = this.chain;
    lane.idleYields = this.idleYields;
    lane.endTick = this.endTick;
    return lane;
  }

  /** Show `kind` from column `col` on. */
  mark(col: number, kind: CellKind): void {
    const n = this.cols.length;
    if (n > 0) {
      if (this.cols[n - 1] === col) {
        this.kinds[n - 1] = kind;
        if (n > 1 && this.kinds[n - 2] === kind) {
          this.cols.pop();
          this.kinds.pop();
        }
        return;
      }
      if (this.kinds[n - 1] === kind) return;
    }
    this.cols.push(col);
    this.kinds.push(kind);
    if (n > 4 * HISTORY) this.prune(col - HISTORY);
  }

  /** The kind shown in column `col`. */
  kindAt(col: number): CellKind {
    const i = this.runAt(col);
    return i < 0 ? CELL.EMPTY : this.kinds[i]!;
  }

  /** Fill `out[0..width)` with the kinds of columns first, first+1, … (one pass, no search per cell). */
  fill(first: number, out: Uint8Array, width: number): void {
    let i = this.runAt(first);
    const cols = this.cols;
    const n = cols.length;
    for (let c = 0; c < width; c++) {
      const col = first + c;
      while (i + 1 < n && cols[i + 1]! <= col) i++;
      out[c] = i < 0 || cols[i]! > col ? CELL.EMPTY : this.kinds[i]!;
    }
  }

  get finished(): boolean {
    return this.state === 'done' || this.state === 'failed' || this.state === 'cancelled';
  }

  /** Index of the run covering `col`, or -1. */
  private runAt(col: number): number {
    let lo = 0;
    let hi = this.cols.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.cols[mid]! <= col) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  private prune(before: number): void {
    const keep = this.runAt(before);
    if (keep > 0) {
      this.cols.splice(0, keep);
      this.kinds.splice(0, keep);
    }
  }
}

export interface OutputLine {
  tick: number;
  task: TaskId | null;
  text: string;
  /** The lane that printed it (kept even once the lane itself leaves the view): name and colour. */
  lane: Lane;
}

export interface PickInfo {
  /** The tick the picked item ran in. */
  tick: number;
  task: TaskId | null;
  label: string;
  index: number;
  candidates: number;
  draw: number | null;
}

export interface RunEnd {
  outcome: string;
  value?: string;
  error?: string;
}

export interface ViewOptions {
  /**
   * Finished lanes kept at most (the newest ones); older finished lanes leave the view,
   * so a run that spawns a million short tasks holds a bounded view. Unbounded by default
   * (the text trace lists every task).
   */
  keepFinished?: number;
  /** Fold the scheduler state too (`sched`): what the ready pane shows. */
  scheduler?: boolean;
}

export class View {
  /** The loop's scheduler state (ready queue, parked tasks, timers), when the view folds it (`scheduler`). */
  sched: LoopState | null = null;
  /** Ticks run so far (the tick of the last event seen). */
  tick = 0;
  /** Virtual time of the last event, in seconds. */
  time = 0;
  seed = 0;
  policy = '';
  readonly loopLane = new Lane(null, 'loop', 0, null, 0);
  /** Task lanes in spawn order. */
  readonly lanes: Lane[] = [];
  readonly byTask = new Map<TaskId, Lane>();
  /** The last OUTPUT_LINES printed lines; `printed` counts them all. */
  readonly output: OutputLine[] = [];
  printed = 0;
  pick: PickInfo | null = null;
  end: RunEnd | null = null;
  idle: 'deadlock' | 'waiting' | null = null;
  /** Bumped on every event: a cheap "has anything changed" for the renderer. */
  version = 0;
  /**
   * Tasks spawned so far per display name, and the first one's own name: twins get labels
   * told apart (taskLabel), and the first twin's label is known when the second comes.
   */
  private readonly names = new Map<string, { count: number; firstGiven: string }>();
  /** Task lanes parked, and finished (see the invariants). */
  parkedLanes = 0;
  overLanes = 0;
  /** Lanes (the loop's included) that have taken a step. */
  stepped = 0;
  /** The recency list's head (the lane whose step began last) and tail. */
  recent: Lane | null = null;
  private oldest: Lane | null = null;
  /** The widest label any lane has had: a label column that does not shrink as lanes come and go. */
  widestLabel = 4;
  /** Lines lanes are suspended on: file (as the events name it) → line → CodeLine (see the invariants). */
  private readonly sites = new Map<string, Map<number, CodeLine>>();
  /** Lanes whose where, chain or ending changed since the index was last read (see the invariants). */
  private moved: Lane[] = [];
  /** A clone's index is not built yet: every lane is to be placed. */
  private unindexed = false;

  /** The lane whose step is running, and whether that step touched anything yet. */
  private stepping: Lane | null = null;
  private touched = false;

  /**
   * A copy that later events do not change (a checkpoint of the history). Lanes are
   * copied; printed lines and locations are immutable values and are shared.
   */
  clone(): View {
    const view = new View(this.options);
    view.finishedCount = this.finishedCount;
    view.tick = this.tick;
    view.time = this.time;
    view.seed = this.seed;
    view.policy = this.policy;
    // Columns older than HISTORY before the tick are never drawn again: a clone leaves them out.
    const from = this.tick - HISTORY;
    const loop = this.loopLane.clone(from);
    (view as { loopLane: Lane }).loopLane = loop;
    for (const lane of this.lanes) {
      const copy = lane.clone(from);
      view.lanes.push(copy);
      if (lane.task !== null) view.byTask.set(lane.task, copy);
    }
    view.parkedLanes = this.parkedLanes;
    view.overLanes = this.overLanes;
    view.stepped = this.stepped;
    view.widestLabel = this.widestLabel;
    for (let lane = this.oldest; lane !== null; lane = lane.newer) view.pushRecent(view.byTask.get(lane.task!)!);
    view.output.push(...this.output);
    view.printed = this.printed;
    view.pick = this.pick;
    view.end = this.end;
    view.idle = this.idle;
    view.version = this.version;
    view.sched = this.sched?.clone() ?? null;
    for (const [name, entry] of this.names) view.names.set(name, { ...entry });
    view.stepping = this.stepping === null ? null : this.stepping === this.loopLane ? loop : view.byTask.get(this.stepping.task!) ?? null;
    view.touched = this.touched;
    view.lastRan = this.lastRan === null ? null : view.byTask.get(this.lastRan.task!) ?? null;
    // Its index is built when first read: a checkpoint no one shows never pays for it.
    view.unindexed = true;
    return view;
  }

  /** The lane whose step began last (the task that ran, or runs, at `tick`). */
  lastRan: Lane | null = null;
  /** Finished lanes in `lanes` (pruned past keepFinished). */
  private finishedCount = 0;

  constructor(private readonly options: ViewOptions = {}) {
    if (options.scheduler) this.sched = new LoopState();
  }

  /** Fold one event in. */
  apply(e: LoopEvent): void {
    this.version++;
    this.sched?.apply(e);
    this.tick = e.tick;
    this.time = e.time;
    switch (e.type) {
      case 'step-begin': {
        const lane = this.byTask.get(e.task);
        if (e.driver !== undefined) {
          // A step a manager drove by hand: its line is the loop lane's place in the code.
          this.loopLane.where = e.driver;
          this.loopLane.chain = null;
          this.hasMoved(this.loopLane);
        }
        if (lane === undefined) return;
        if (lane.steps++ === 0) this.stepped++;
        this.lastRan = lane;
        if (this.recent !== lane) {
          this.unlinkRecent(lane);
          this.pushRecent(lane);
        }
        this.setState(lane, 'running');
        lane.mark(e.tick, CELL.RAN);
        this.stepping = lane;
        this.touched = false;
        return;
      }
      case 'step-end':
        this.stepEnd(e);
        return;
      case 'task-scheduled': {
        const lane = this.byTask.get(e.task);
        // Rescheduling itself after a yield is not a side effect of the step.
        if (lane === undefined || lane === this.stepping) return;
        if (lane.state !== 'polling') this.setState(lane, 'ready');
        lane.mark(e.tick + 1, CELL.READY);
        this.touched = true;
        return;
      }
      case 'task-spawn': {
        const name = taskDisplayName(e.name, e.coro);
        const seen = this.names.get(name);
        const twins = seen?.count ?? 0;
        const lane = new Lane(e.task, name, this.lanes.length + 1, e.parent, e.tick, e.name, twins);
        this.lanes.push(lane);
        this.byTask.set(e.task, lane);
        if (seen === undefined) this.names.set(name, { count: 1, firstGiven: e.name });
        else seen.count++;
        // Join the recency list at its tail: the lanes that stepped come first.
        if (this.oldest === null) this.pushRecent(lane);
        else {
          lane.newer = this.oldest;
          this.oldest.older = lane;
          this.oldest = lane;
        }
        // A twin's label has a suffix, and the first twin's gains one now.
        this.widestLabel = Math.max(this.widestLabel, this.label(lane).length, twins === 1 ? taskLabel(name, seen!.firstGiven, 0, 2).length : 0);
        this.touched = true;
        return;
      }
      case 'print': {
        const line = { tick: e.tick, task: e.task, text: e.text, lane: this.laneOfTask(e.task) };
        if (this.output.length >= OUTPUT_LINES) this.output.shift();
        this.output.push(line);
        this.printed++;
        this.touched = true;
        return;
      }
      case 'callback':
      case 'timer-fired':
        if (this.loopLane.steps++ === 0) this.stepped++;
        this.loopLane.mark(e.tick, CELL.RAN);
        this.loopLane.mark(e.tick + 1, CELL.EMPTY);
        return;
      case 'pick':
        // A pick is stamped with the tick of the item it picks.
        this.pick = { tick: e.tick, task: e.task, label: e.label, index: e.index, candidates: e.candidates, draw: e.draw };
        return;
      case 'loop-start':
        this.seed = e.seed;
        this.policy = e.policy;
        return;
      case 'loop-idle':
        this.idle = e.reason;
        return;
      case 'loop-end':
        this.end = { outcome: e.outcome, value: e.value, error: e.error };
        return;
      case 'wake':
      case 'clock-advance':
        return;
      default:
        // timer-set, cancel-requested, cancelled…: the step did something.
        this.touched = true;
    }
  }

  private stepEnd(e: Extract<LoopEvent, { type: 'step-end' }>): void {
    const lane = this.byTask.get(e.task);
    this.stepping = null;
    if (lane === undefined) return;
    const next = e.tick + 1;
    lane.on = null;
    switch (e.outcome) {
      case 'yielded': {
        // A step that only yielded again, from where it was, is a poll (the seeds' Waiter).
        const same = e.where === undefined || lane.where === null || sameLine(e.where, lane.where);
        lane.idleYields = !this.touched && same ? lane.idleYields + 1 : 0;
        const polling = lane.idleYields >= POLL_AFTER;
        this.setState(lane, polling ? 'polling' : 'ready');
        if (polling) lane.mark(e.tick, CELL.POLLED);
        lane.mark(next, CELL.READY);
        break;
      }
      case 'bad-yield':
        lane.idleYields = 0;
        this.setState(lane, 'ready');
        lane.mark(next, CELL.READY);
        break;
      case 'parked':
        lane.idleYields = 0;
        this.setState(lane, 'parked');
        lane.on = e.on ?? null;
        lane.mark(next, CELL.PARKED);
        break;
      case 'returned':
        lane.result = e.value ?? null;
        this.endLane(lane, e.tick, 'done', CELL.RETURNED);
        break;
      case 'threw':
        lane.error = e.error ?? null;
        this.endLane(lane, e.tick, 'failed', CELL.FAILED);
        break;
      case 'cancelled':
        lane.error = e.error ?? null;
        this.endLane(lane, e.tick, 'cancelled', CELL.CANCELLED);
        break;
    }
    if (e.where !== undefined) lane.where = e.where;
    else if (lane.finished) lane.where = null;
    lane.chain = lane.finished ? null : e.chain ?? (e.where !== undefined ? null : lane.chain);
    this.hasMoved(lane);
    if (lane.finished && this.options.keepFinished !== undefined && ++this.finishedCount > 2 * this.options.keepFinished) this.pruneFinished();
  }

  /** Drop the oldest finished lanes beyond keepFinished (in one pass, amortised over keepFinished endings). */
  private pruneFinished(): void {
    let drop = this.finishedCount - this.options.keepFinished!;
    const kept: Lane[] = [];
    for (const lane of this.lanes) {
      if (drop > 0 && lane.finished) {
        drop--;
        this.byTask.delete(lane.task!);
        this.unlinkRecent(lane);
        this.overLanes--;
        if (lane.steps > 0) this.stepped--;
        continue;
      }
      kept.push(lane);
    }
    // By index, not push(...kept): a spread of 100k lanes exceeds a call's arguments.
    for (let i = 0; i < kept.length; i++) this.lanes[i] = kept[i]!;
    this.lanes.length = kept.length;
    this.finishedCount = this.options.keepFinished!;
  }

  /**
   * How a lane is named on screen: taskLabel over the tasks spawned so far; `loop` for the
   * loop. Within `width` cells a twin's name is cut before its suffix: the part that tells
   * twins apart stays.
   */
  label(lane: Lane, width = Infinity): string {
    if (lane.task === null) return lane.name;
    const sharing = this.names.get(lane.name)?.count ?? 1;
    const label = taskLabel(lane.name, lane.given, lane.twin, sharing);
    if (label.length <= width || sharing === 1) return label;
    const suffix = label.slice(lane.name.length);
    const room = width - suffix.length - 1;
    return room < 2 ? label : lane.name.slice(0, room) + '…' + suffix;
  }

  /** A task lane's new state (not an ending: endLane), with the parked count kept. */
  private setState(lane: Lane, state: LaneState): void {
    if (lane.state === 'parked') this.parkedLanes--;
    if (state === 'parked') this.parkedLanes++;
    lane.state = state;
  }

  /** A task's last step: its end mark in that tick's column, nothing after. */
  private endLane(lane: Lane, tick: number, state: LaneState, kind: CellKind): void {
    if (!lane.finished) this.overLanes++;
    this.setState(lane, state);
    lane.mark(tick, kind);
    lane.mark(tick + 1, CELL.EMPTY);
    lane.endTick = tick;
  }

  /** The files lanes are suspended in, as the events name them. */
  codeFiles(): IterableIterator<string> {
    this.placeMoved();
    return this.sites.keys();
  }

  /** The lines of `file` (as the events name it) that lanes are suspended on: line → lanes there. */
  codeLines(file: string): ReadonlyMap<number, CodeLine> | undefined {
    this.placeMoved();
    return this.sites.get(file);
  }

  /** `lane` may be somewhere else now: queue it to be placed again when the index is read. */
  private hasMoved(lane: Lane): void {
    if (lane.moved) return;
    lane.moved = true;
    this.moved.push(lane);
    // Never read (a headless fold): placed now and then, so the queue (and the lanes
    // pruned meanwhile that it holds) stays bounded, at O(1) amortised per step.
    if (this.moved.length > this.lanes.length + 64) this.placeMoved();
  }

  private placeMoved(): void {
    if (this.unindexed) {
      this.unindexed = false;
      for (const lane of [this.loopLane, ...this.lanes]) {
        if (lane.finished || lane.moved) continue;
        lane.moved = true;
        this.moved.push(lane);
      }
    }
    if (this.moved.length === 0) return;
    for (const lane of this.moved) {
      lane.moved = false;
      this.place(lane);
    }
    this.moved = [];
  }

  /**
   * Index `lane` on the lines it is suspended on now (see the invariants). A lane that
   * steps from where it was (the usual case) moves nothing: O(chain) compares.
   */
  private place(lane: Lane): void {
    const old = lane.sites;
    const finished = lane.finished;
    const chain = finished ? null : lane.chain;
    const where = finished || chain !== null ? null : lane.where;
    const n = chain !== null ? chain.length : where !== null ? 1 : 0;
    if (n === old.length && (n === 0 || unmoved(old, chain, where!))) return;
    for (const site of old) {
      site.delete(lane);
      if (site.lanes.size === 0) {
        const lines = this.sites.get(site.file)!;
        lines.delete(site.line);
        if (lines.size === 0) this.sites.delete(site.file);
      }
    }
    const sites: CodeLine[] = [];
    for (let i = 0; i < n; i++) {
      const at = chain !== null ? chain[i]! : where!;
      let lines = this.sites.get(at.file);
      if (lines === undefined) this.sites.set(at.file, (lines = new Map()));
      let site = lines.get(at.line);
      if (site === undefined) lines.set(at.line, (site = new CodeLine(at.file, at.line)));
      // A chain may pass the same line twice (recursion): the lane is there once.
      if (site.lanes.has(lane)) continue;
      site.add(lane);
      sites.push(site);
    }
    lane.sites = sites;
  }

  /** Put `lane` at the head of the recency list (it is not on it). */
  private pushRecent(lane: Lane): void {
    lane.older = this.recent;
    lane.newer = null;
    if (this.recent !== null) this.recent.newer = lane;
    else this.oldest = lane;
    this.recent = lane;
  }

  /** Take `lane` off the recency list. */
  private unlinkRecent(lane: Lane): void {
    if (lane.newer !== null) lane.newer.older = lane.older;
    else if (this.recent === lane) this.recent = lane.older;
    if (lane.older !== null) lane.older.newer = lane.newer;
    else if (this.oldest === lane) this.oldest = lane.newer;
    lane.older = lane.newer = null;
  }

  /** The lane of the task that printed a line (or did anything else): the loop's for null or an unknown task. */
  laneOfTask(task: TaskId | null): Lane {
    return task === null ? this.loopLane : this.byTask.get(task) ?? this.loopLane;
  }
}

/** True if `sites` are the lines of `chain` (or of `where`, without one), in order. */
function unmoved(sites: readonly CodeLine[], chain: readonly SourceLocation[] | null, where: SourceLocation): boolean {
  if (chain === null) return sites[0]!.line === where.line && sites[0]!.file === where.file;
  for (let i = 0; i < chain.length; i++) if (sites[i]!.line !== chain[i]!.line || sites[i]!.file !== chain[i]!.file) return false;
  return true;
}

function sameLine(a: SourceLocation, b: SourceLocation): boolean {
  return a.line === b.line && a.file === b.file;
}

/**
 * A task's label wherever tasks are listed (dashboard, text trace): its display name, and
 * a suffix only when `sharing` tasks (more than one) have that name, so twins read apart.
 * The suffix adds no number of its own that could contradict what the program prints
 * (`worker 104 done` beside a lane `worker#105`): an unnamed task adds the name asyncio
 * gave it (`worker Task-106`, as CPython's repr says and `get_name()` returns); twins
 * the program named alike add a letter in spawn order (`worker (a)`, `worker (b)`).
 */
export function taskLabel(name: string, given: string, twin: number, sharing: number): string {
  if (sharing <= 1) return name;
  return given !== name && given.startsWith('Task-') ? `${name} ${given}` : `${name} (${twinLetters(twin)})`;
}

/** a, b, …, z, aa, ab, …: the `twin`-th (0-based) in spawn order. */
function twinLetters(twin: number): string {
  let out = '';
  for (let n = twin + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(97 + ((n - 1) % 26)) + out;
  return out;
}

/**
 * Every task's label over a whole run (decided once, so twins spawned far apart read
 * alike from start to end), and a column width that fits every label.
 */
export function laneLabels(events: readonly LoopEvent[]): { labels: Map<TaskId, string>; width: number } {
  const spawned = new Map<TaskId, { name: string; given: string; twin: number }>();
  const count = new Map<string, number>();
  for (const e of events) {
    if (e.type !== 'task-spawn') continue;
    const name = taskDisplayName(e.name, e.coro);
    const twin = count.get(name) ?? 0;
    spawned.set(e.task, { name, given: e.name, twin });
    count.set(name, twin + 1);
  }
  const labels = new Map<TaskId, string>();
  // A loop, not Math.max(...): a run may spawn more tasks than a call takes arguments.
  let width = 4;
  for (const [task, { name, given, twin }] of spawned) {
    const label = taskLabel(name, given, twin, count.get(name)!);
    labels.set(task, label);
    width = Math.max(width, label.length);
  }
  return { labels, width };
}
