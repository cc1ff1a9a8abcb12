/**
 * The run as a Chrome Trace Event Format file (JSON object form) that Perfetto
 * (ui.perfetto.dev) and chrome://tracing open: `--export-trace FILE.json`.
 *
 *   chromeTrace(events, meta): ChromeTrace          // pure: the event log → the trace object
 *   writeChromeTrace(events, file, meta): void       // the same, written to FILE (one event a line)
 *   writeChromeTraceInSlices(events, file, meta, { signal, onProgress }): Promise<void>
 *                                                    // the same, stoppable, the process responsive meanwhile
 *   meta = { title, seed, policy, wallClock? }       // wallClock: [{ tick, ms }], see below
 *
 * What is in it (pid 1 is the run; tid = task id; tid 0 is the loop's own callbacks):
 * - `M` thread_name / thread_sort_index per task (named as the dashboard names it) and for the loop.
 * - one `X` slice per tick: a task step on the task's track (name = what it did: `await sleep(1)`,
 *   `yield`, `return 4`, `raise …`; args = outcome, on, value, error, where (file:line),
 *   thrown-in error, woken by), or a timer / callback on the loop's track.
 * - `i` instants (thread scope) for prints (the text), fired timers, and the loop going idle or ending.
 * - `s` → (`t`) → `f` flows for every wake-up: from the waker's latest step at the moment the
 *   woken task was queued (the `wake` event names the waker: the task whose work settled the
 *   future; for a sleep that is the sleeper itself, through its timer), via the loop callback
 *   that queued it when that was one (a fired timer, gather's child-done), to the woken step.
 *   Each part sits on its slice's first instant with the slices' one category (`step`; the
 *   kind — task step, timer, callback — is in args.kind), name `wake`, ids unique: DevTools
 *   binds parts by equal (cat, pid, tid, ts), Perfetto by enclosing slice; both draw them.
 * - `C` counters, derived from the log:
 *   · "ready queue" {tasks}: task items in the ready queue. +1 at each `task-scheduled`; −1 when
 *     a task item leaves the queue: at its `pick` (policies that pick) or else at the first event
 *     of the tick that runs it (`wake` / `step-begin`). Exact at every instant, every policy.
 *   · "ready queue, all items" {items}: every item still waiting, loop callbacks included, at
 *     the start of each item (the `ready` field of step-begin / callback / timer-fired).
 *   · "virtual time" {seconds}: the loop's clock, at the start and at each `clock-advance`.
 *
 * The time axis. Each event gets a slot: its tick, except the events the loop emits between two
 * items (clock-advance, timer-due, loop-idle, loop-end), which belong to the next tick's slot
 * (a pick is stamped with its item's tick already), so slot N holds "choose item N, run item N". Within a slot, events keep their log order.
 * - Ticks (default): slot N spans [N, N+1) µs of trace time (1 tick = 1 µs); events sit at
 *   nanosecond offsets inside it. A step is strictly inside its tick, so slices never overlap.
 * - Wall time (`wallClock`): samples `{ tick, ms }` meaning "at wall time `ms` (any monotonic
 *   milliseconds, e.g. performance.now()) `loop.tick` read `tick`". Take one right before and one
 *   right after each batch of ticks the dashboard runs: the time between two batches — the pacing,
 *   a 30 s pause — then shows as an empty gap of that length. A sample sits at the slot boundary
 *   N+1; events are interpolated linearly between the samples around them (a later sample wins
 *   at equal ticks), clamped to the first and last. Trace time 0 = the first sample. A sample
 *   with a lower tick than the one before (a step back, which replays the run) rewinds: the
 *   samples past it are dropped, so the trace shows the last pass over each tick.
 * Either way events are then forced 2 ns apart in log order (nanosecond ints, printed as µs), so
 * the order is the log's and a slice always has room inside for a flow's binding point.
 * Virtual seconds and the tick are in every slice's and instant's args.
 */
import { safeJson } from '../safe-text.js';
import { writeAtomicSteps } from './atomic.js';
import { runInSlices, runSteps, type SliceOptions, type Steps } from './slices.js';
import { taskDisplayName, type EventOf, type LoopEvent, type TaskId } from '../core/events.js'; // tracks are named as the dashboard's lanes

export interface ChromeTraceMeta {
  title: string;
  /** The run's seed and policy; by default what the log's loop-start event says. */
  seed?: number;
  policy?: string;
  /** Wall-clock samples from the dashboard (see the file's doc); absent or empty: the tick axis. */
  wallClock?: ReadonlyArray<{ tick: number; ms: number }>;
}

export type TraceArgs = Record<string, string | number | boolean | null>;

/** One Trace Event Format event (the fields this exporter uses). */
export interface TraceEvent {
  name: string;
  ph: 'M' | 'X' | 'i' | 'C' | 's' | 't' | 'f';
  pid: number;
  tid: number;
  /** Microseconds (absent on metadata events). */
  ts?: number;
  dur?: number;
  cat?: string;
  /** Instant scope: thread. */
  s?: 't';
  id?: number;
  /** Flow end binding point: the enclosing slice. */
  bp?: 'e';
  args?: TraceArgs;
}

export interface ChromeTrace {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
  metadata: Record<string, string | number>;
}

/** The run's process id, and the loop's own track. */
export const TRACE_PID = 1;
export const LOOP_TID = 0;

/** Types the loop emits between two items: they open the next tick's slot. */
const BETWEEN_ITEMS: ReadonlySet<LoopEvent['type']> = new Set(['clock-advance', 'timer-due', 'loop-idle', 'loop-end']);
/** Nanoseconds of trace time per tick on the tick axis (1 tick = 1 µs). */
const TICK_NS = 1000;
/** Minimum gap between two consecutive events, in ns. */
const GAP_NS = 2;
/** Instants named after long print lines are cut there (the full text is in args). */
const NAME_MAX = 80;

/** Every slice's category (its kind is in args.kind), and so every flow part's: see flow(). */
const SLICE_CAT = 'step';

interface Slice {
  tick: number;
  tid: number;
  begin: number;
  end: number;
}

/** The run as a Chrome trace object (see the top of this file). */
export function chromeTrace(events: readonly LoopEvent[], meta: ChromeTraceMeta): ChromeTrace {
  return runSteps(chromeTraceSteps(events, meta));
}

/** Events between two checkpoints of the steps (slices.ts). */
const CHECK_EVERY = 4096;

/** chromeTrace as steps (slices.ts), yielding the fraction built. */
function* chromeTraceSteps(events: readonly LoopEvent[], meta: ChromeTraceMeta): Steps<ChromeTrace> {
  const n = events.length;
  const wall = meta.wallClock !== undefined && meta.wallClock.length > 0 ? meta.wallClock : null;
  const ns = timestamps(events, wall);
  const out: TraceEvent[] = [];
  const us = (i: number) => ns[i]! / 1000;

  // Tracks.
  const names = new Map<TaskId, string>();
  out.push({ pid: TRACE_PID, tid: LOOP_TID, ph: 'M', name: 'process_name', args: { name: `coroscope: ${meta.title}` } });
  out.push({ pid: TRACE_PID, tid: LOOP_TID, ph: 'M', name: 'thread_name', args: { name: 'loop (callbacks, timers)' } });
  out.push({ pid: TRACE_PID, tid: LOOP_TID, ph: 'M', name: 'thread_sort_index', args: { sort_index: LOOP_TID } });
  for (const e of events) {
    if (e.type !== 'task-spawn') continue;
    const name = taskDisplayName(e.name, e.coro);
    names.set(e.task, name);
    out.push({ pid: TRACE_PID, tid: e.task, ph: 'M', name: 'thread_name', args: { name } });
    out.push({ pid: TRACE_PID, tid: e.task, ph: 'M', name: 'thread_sort_index', args: { sort_index: e.task } });
  }

  // One slice per tick that ran an item: the events stamped with its tick, minus the between-items ones.
  const slices: Slice[] = [];
  /** The slice containing each event, by index, when there is one. */
  const sliceOf: (Slice | undefined)[] = new Array(events.length);
  /** Each task's slices, in order (for a flow's start). */
  const byTask = new Map<number, Slice[]>();
  for (let i = 0, check = CHECK_EVERY; i < events.length; ) {
    if (i >= check) {
      check = i + CHECK_EVERY;
      yield (0.5 * i) / n;
    }
    const tick = events[i]!.tick;
    const group: number[] = [];
    let j = i;
    for (; j < events.length && events[j]!.tick === tick; j++) if (!BETWEEN_ITEMS.has(events[j]!.type)) group.push(j);
    i = j;
    if (tick === 0 || group.length === 0) continue; // tick 0 is the setup before any item
    const slice = itemSlice(events, group, ns, out, names);
    if (slice === null) continue;
    slices.push(slice);
    for (const k of group) sliceOf[k] = slice;
    if (slice.tid !== LOOP_TID) {
      const list = byTask.get(slice.tid);
      if (list === undefined) byTask.set(slice.tid, [slice]);
      else list.push(slice);
    }
  }

  // Instants, flows, counters: one pass in log order.
  const queuedAt = new Map<TaskId, number>(); // the task-scheduled (wake) of a queued wake-up
  let readyTasks = 0;
  let poppedForTick = -1;
  let flowId = 0;
  const counter = (i: number, name: string, args: TraceArgs) => out.push({ pid: TRACE_PID, tid: LOOP_TID, ph: 'C', name, ts: us(i), args });
  if (events.length > 0) {
    counter(0, 'ready queue', { tasks: 0 });
    counter(0, 'virtual time', { seconds: events[0]!.time });
  }
  for (let i = 0; i < events.length; i++) {
    if (i % CHECK_EVERY === 0) yield 0.5 + (0.4 * i) / n;
    const e = events[i]!;
    const at = { tick: e.tick, time: e.time };
    switch (e.type) {
      case 'print':
        out.push({ pid: TRACE_PID, tid: e.task ?? LOOP_TID, ph: 'i', s: 't', cat: 'print', name: clip(e.text), ts: us(i), args: { text: e.text, ...at } });
        break;
      case 'timer-fired':
        out.push({ pid: TRACE_PID, tid: LOOP_TID, ph: 'i', s: 't', cat: 'timer', name: `timer fired: ${e.label}`, ts: us(i), args: { timer: e.timer, ...at } });
        counter(i, 'ready queue, all items', { items: e.ready });
        break;
      case 'callback':
        counter(i, 'ready queue, all items', { items: e.ready });
        break;
      case 'clock-advance':
        counter(i, 'virtual time', { seconds: e.to });
        break;
      case 'loop-idle':
      case 'loop-end': {
        const what = e.type === 'loop-idle' ? `loop idle: ${e.reason}` : `loop end: ${[e.outcome, e.value ?? e.error].filter(Boolean).join(' ')}`;
        out.push({ pid: TRACE_PID, tid: LOOP_TID, ph: 'i', s: 't', cat: 'loop', name: what, ts: us(i), args: at });
        break;
      }
      case 'task-scheduled':
        readyTasks++;
        counter(i, 'ready queue', { tasks: readyTasks });
        if (e.reason === 'wake') queuedAt.set(e.task, i);
        break;
      case 'pick':
        if (e.task !== null) {
          poppedForTick = e.tick; // stamped with the tick of the item it picks
          readyTasks--;
          counter(i, 'ready queue', { tasks: readyTasks });
        }
        break;
      case 'wake':
      case 'step-begin':
        if (e.type === 'step-begin') counter(i, 'ready queue, all items', { items: e.ready });
        if (poppedForTick !== e.tick) {
          poppedForTick = e.tick;
          readyTasks--;
          counter(i, 'ready queue', { tasks: readyTasks });
        }
        if (e.type === 'wake') {
          const end = stepBeginAfter(events, i);
          const queued = queuedAt.get(e.task);
          queuedAt.delete(e.task);
          if (end !== -1 && queued !== undefined) {
            flowId = flow(out, flowId, e.waker, queued, end, sliceOf, byTask, us);
          }
        }
        break;
      default:
        break;
    }
  }

  const start = events.find((e): e is EventOf<'loop-start'> => e.type === 'loop-start');
  yield 0.9;
  out.sort(byTime);
  const lastTick = events.length > 0 ? events[events.length - 1]!.tick : 0;
  return {
    traceEvents: out,
    displayTimeUnit: 'ms',
    metadata: {
      title: meta.title,
      seed: meta.seed ?? start?.seed ?? 'unknown',
      policy: meta.policy ?? start?.policy ?? 'unknown',
      ticks: lastTick,
      events: events.length,
      timeAxis: wall === null ? 'ticks: 1 tick = 1 µs of trace time' : 'wall clock: trace time is real time since the first sample',
      source: 'coroscope',
    },
  };
}

/** Write the trace to `file`, one event a line (no giant string for long runs). */
export function writeChromeTrace(events: Iterable<LoopEvent>, file: string, meta: ChromeTraceMeta): void {
  runSteps(writeChromeTraceSteps(Array.isArray(events) ? events : [...events], file, meta));
}

/**
 * The same in slices (slices.ts): the process stays responsive while a long trace is
 * built and written (seconds for 250,000 ticks); aborting `options.signal` stops it with
 * the previous file left as it was.
 */
export function writeChromeTraceInSlices(events: readonly LoopEvent[], file: string, meta: ChromeTraceMeta, options: SliceOptions = {}): Promise<void> {
  return runInSlices(writeChromeTraceSteps(events, file, meta), options);
}

/** Building takes about 40% of the time, writing the rest: the fraction done says so. */
const BUILD_SHARE = 0.4;

function* writeChromeTraceSteps(events: readonly LoopEvent[], file: string, meta: ChromeTraceMeta): Steps<void> {
  const build = chromeTraceSteps(events, meta);
  let built = build.next();
  for (; !built.done; built = build.next()) yield BUILD_SHARE * (built.value ?? 0);
  const trace = built.value;
  const total = trace.traceEvents.length;
  let written = 0;
  // Whole or not at all (atomic.ts): the previous trace stays until this one is complete.
  for (const _ of writeAtomicSteps(file, traceLines(trace, (i) => (written = i)))) yield BUILD_SHARE + ((1 - BUILD_SHARE) * written) / total;
}

/** The trace as text, one event a line; inert in a terminal (safeJson). `at`: the index of the event being written. */
function* traceLines(trace: ChromeTrace, at: (i: number) => void): Generator<string> {
  yield '{"traceEvents":[\n';
  const n = trace.traceEvents.length;
  for (let i = 0; i < n; i++, at(i)) yield safeJson(JSON.stringify(trace.traceEvents[i])) + (i < n - 1 ? ',\n' : '\n');
  yield `],\n"displayTimeUnit":${JSON.stringify(trace.displayTimeUnit)},\n"metadata":${safeJson(JSON.stringify(trace.metadata))}}\n`;
}

// ───────────────────────────────── internals ─────────────────────────────────

function clip(text: string): string {
  return text.length <= NAME_MAX ? text : text.slice(0, NAME_MAX - 1) + '…';
}

/** Each event's trace time in integer nanoseconds (see the file's doc). */
function timestamps(events: readonly LoopEvent[], wall: ReadonlyArray<{ tick: number; ms: number }> | null): number[] {
  const ns: number[] = new Array(events.length);
  const toNs = wall === null ? (p: number) => Math.floor(p * TICK_NS) : wallMapper(wall);
  let prev = -Infinity;
  let slot = 0;
  for (let i = 0; i < events.length; ) {
    // The run of events sharing one slot: [i, j).
    slot = Math.max(slot, slotOf(events[i]!));
    let j = i + 1;
    while (j < events.length && Math.max(slot, slotOf(events[j]!)) === slot) j++;
    const k = j - i;
    for (let n = 0; n < k; n++) {
      const t = Math.max(toNs(slot + (n + 1) / (k + 1)), prev + GAP_NS);
      ns[i + n] = t;
      prev = t;
    }
    i = j;
  }
  return ns;
}

function slotOf(e: LoopEvent): number {
  return BETWEEN_ITEMS.has(e.type) ? e.tick + 1 : e.tick;
}

/** Slot position → ns since the first sample, by linear interpolation (doc at the top). */
function wallMapper(given: ReadonlyArray<{ tick: number; ms: number }>): (p: number) => number {
  const samples: { tick: number; ms: number }[] = [];
  for (const [i, sample] of given.entries()) {
    if (i > 0 && sample.ms < given[i - 1]!.ms) {
      throw new RangeError(`wallClock times must not go back: #${i} ${JSON.stringify(sample)} after ${JSON.stringify(given[i - 1])}`);
    }
    // A step back replays the run up to an earlier tick: the timeline rewinds with it.
    while (samples.length > 0 && samples[samples.length - 1]!.tick > sample.tick) samples.pop();
    samples.push(sample);
  }
  const origin = samples[0]!.ms;
  const toNs = (ms: number) => Math.round((ms - origin) * 1e6);
  // Past the last tick's boundary there are only the events that close the run (loop end),
  // which happened in the batch that reached that tick: at the first sample of it, not at
  // a later one (the dashboard samples again when it quits, maybe minutes later).
  const lastTick = samples[samples.length - 1]!.tick;
  let reached = samples.length - 1;
  while (reached > 0 && samples[reached - 1]!.tick === lastTick) reached--;
  return (p) => {
    // The last sample at or before p (samples sit at slot boundary tick + 1).
    let lo = -1;
    let hi = samples.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (samples[mid]!.tick + 1 <= p) lo = mid;
      else hi = mid;
    }
    if (lo === -1) return toNs(samples[0]!.ms);
    if (lo === samples.length - 1) return toNs(samples[p > lastTick + 1 ? reached : lo]!.ms);
    const a = samples[lo]!;
    const b = samples[lo + 1]!;
    return toNs(a.ms + ((p - (a.tick + 1)) / (b.tick - a.tick)) * (b.ms - a.ms));
  };
}

/** The `X` slice of one tick's item (pushed to `out`), or null if nothing in it ran. */
function itemSlice(events: readonly LoopEvent[], group: number[], ns: number[], out: TraceEvent[], names: Map<TaskId, string>): Slice | null {
  let begin: LoopEvent | undefined;
  let end: LoopEvent | undefined;
  let wake: LoopEvent | undefined;
  let handle: LoopEvent | undefined;
  for (const k of group) {
    const e = events[k]!;
    if (e.type === 'step-begin' && begin === undefined) begin = e;
    else if (e.type === 'step-end' && end === undefined) end = e;
    else if (e.type === 'wake' && wake === undefined) wake = e;
    else if ((e.type === 'timer-fired' || e.type === 'callback') && handle === undefined) handle = e;
  }
  if (begin === undefined && handle === undefined) return null;
  const first = group[0]!;
  const last = group[group.length - 1]!;
  const start = events[first]!;
  const args: TraceArgs = { tick: start.tick, time: start.time };
  let name: string;
  let tid: number;
  if (begin !== undefined && begin.type === 'step-begin') {
    tid = begin.task;
    args.kind = 'task step';
    if (begin.throwing !== null) args.throwing = begin.throwing;
    if (wake !== undefined && wake.type === 'wake') {
      args.wokenBy = wake.by;
      args.waker = wake.waker === null ? 'loop' : `${names.get(wake.waker) ?? 'task'} #${wake.waker}`;
    }
    if (end !== undefined && end.type === 'step-end') {
      name = stepName(end);
      args.outcome = end.outcome;
      if (end.on !== undefined) args.on = end.on;
      if (end.value !== undefined) args.value = end.value;
      if (end.error !== undefined) args.error = end.error;
      if (end.where !== undefined) args.where = `${end.where.file}:${end.where.line}`;
    } else {
      name = 'step (did not end)';
    }
  } else {
    tid = LOOP_TID;
    args.kind = handle!.type === 'timer-fired' ? 'timer' : 'callback';
    name = handle!.type === 'timer-fired' || handle!.type === 'callback' ? handle!.label : 'callback';
  }
  const slice: Slice = { tick: start.tick, tid, begin: ns[first]!, end: ns[last]! + 1 };
  out.push({ pid: TRACE_PID, tid, ph: 'X', cat: SLICE_CAT, name, ts: slice.begin / 1000, dur: (slice.end - slice.begin) / 1000, args });
  return slice;
}

/** What a step did, as a Python speaker would say it. */
function stepName(end: Extract<LoopEvent, { type: 'step-end' }>): string {
  switch (end.outcome) {
    case 'yielded':
      return 'yield';
    case 'parked':
      return `await ${end.on ?? 'future'}`;
    case 'bad-yield':
      return `bad yield ${end.value ?? ''}`.trimEnd();
    case 'returned':
      return `return ${end.value ?? ''}`.trimEnd();
    case 'threw':
      return `raise ${end.error ?? ''}`.trimEnd();
    case 'cancelled':
      return 'cancelled';
  }
}

/** The step-begin that follows a wake in the same tick, or -1. */
function stepBeginAfter(events: readonly LoopEvent[], wake: number): number {
  const tick = events[wake]!.tick;
  for (let i = wake + 1; i < events.length && events[i]!.tick === tick; i++) if (events[i]!.type === 'step-begin') return i;
  return -1;
}

/**
 * Emit one wake-up flow: `s` in the waker's latest slice at the time the woken task was queued,
 * `t` in the slice that queued it when that is another track's (a timer, a loop callback),
 * `f` at the woken step's step-begin. Returns the next flow id (unchanged if nothing binds).
 */
function flow(
  out: TraceEvent[],
  id: number,
  waker: TaskId | null,
  queued: number,
  stepBegin: number,
  sliceOf: (Slice | undefined)[],
  byTask: Map<number, Slice[]>,
  us: (i: number) => number,
): number {
  const queuing = sliceOf[queued];
  const woken = sliceOf[stepBegin];
  if (woken === undefined) return id;
  let startSlice: Slice | undefined;
  if (waker === null || (queuing !== undefined && queuing.tid === waker)) startSlice = queuing;
  else startSlice = latestBefore(byTask.get(waker), queuing?.tick ?? Infinity) ?? queuing;
  if (startSlice === undefined) return id;
  // Each part sits on the first instant of its slice, with the slices' category: DevTools
  // binds a flow part to the slice of equal (cat, pid, tid, ts), and groups a flow's parts
  // by (cat, name, id); Perfetto and chrome://tracing bind to the enclosing slice, which
  // a slice's own first instant is in.
  const at = (slice: Slice) => slice.begin / 1000;
  const common = { pid: TRACE_PID, cat: SLICE_CAT, name: 'wake', id };
  out.push({ ...common, tid: startSlice.tid, ph: 's', ts: at(startSlice) });
  if (queuing !== undefined && queuing !== startSlice) out.push({ ...common, tid: queuing.tid, ph: 't', ts: at(queuing) });
  out.push({ ...common, tid: woken.tid, ph: 'f', bp: 'e', ts: at(woken) });
  return id + 1;
}

/** The last of a task's slices whose tick is at or before `tick`. */
function latestBefore(list: Slice[] | undefined, tick: number): Slice | undefined {
  if (list === undefined) return undefined;
  let lo = -1;
  let hi = list.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.tick <= tick) lo = mid;
    else hi = mid;
  }
  return lo === -1 ? undefined : list[lo];
}

/** Metadata first, then by time; ties keep generation order (slices before the flows they hold). */
function byTime(a: TraceEvent, b: TraceEvent): number {
  if (a.ph === 'M' || b.ph === 'M') return (a.ph === 'M' ? 0 : 1) - (b.ph === 'M' ? 0 : 1);
  return a.ts! - b.ts!;
}
