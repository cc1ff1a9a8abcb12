import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { chromeTrace, LOOP_TID, writeChromeTrace, type ChromeTrace, type TraceEvent } from '../../src/export/chrome-trace.js';
import { defineDemo, Event, gather, print, randomChoice, sleep, type Demo, type LoopEvent, type Policy } from '../../src/index.js';
import { recordRun, startSession } from '../../src/player/session.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'coroscope-trace-'));
  dirs.push(dir);
  return dir;
}

// Two tasks gathered by main: waiter parks on an Event that setter sets after sleeping.
function* waiter(ev: Event) {
  print('waiting');
  yield* ev.wait(); // WAITER-PARKS-HERE
  print('woken ✓');
  return 'w';
}
function* setter(ev: Event) {
  yield* sleep(1);
  print('setting');
  ev.set();
  yield* sleep(0.5);
  return 's';
}
function* eventMain() {
  const ev = new Event();
  print(yield* gather(waiter(ev), setter(ev)));
}
const eventDemo = defineDemo({ name: 'event-gather', title: { en: 'event', fr: 'event' }, narration: { en: '', fr: '' }, main: () => eventMain() });

// Under the random policy: three busy tasks, one of them also waits for an Event and a sleep.
function* beat(name: string, n: number) {
  for (let i = 0; i < n; i++) {
    yield;
    print(`${name} ${i}`);
  }
}
function* late(ev: Event) {
  yield* ev.wait();
  yield* sleep(0.25);
  print('late');
}
function* opener(ev: Event) {
  yield* beat('open', 3);
  ev.set();
}
const randomDemo = defineDemo({
  name: 'random-mix',
  title: { en: 'random', fr: 'random' },
  narration: { en: '', fr: '' },
  policy: 'random',
  seed: 7,
  main: () => {
    const ev = new Event();
    return gather(beat('tum', 4), beat('pak', 4), opener(ev), late(ev));
  },
});

const META = { title: 'test', seed: 1, policy: 'asyncio' };
const TICK_US = 1; // the tick axis: 1 tick = 1 µs

function run(demo: Demo) {
  const lines: string[] = [];
  const { events, session } = recordRun(demo, { locations: true, write: (line) => lines.push(line) });
  assert.ok(session.loop.finished);
  return { events, lines, trace: chromeTrace(events, { ...META, policy: session.loop.policyName }) };
}

/** The Trace Event Format rules this exporter relies on (JSON object format). */
function assertValidShape(trace: ChromeTrace): void {
  assert.ok(Array.isArray(trace.traceEvents));
  assert.ok(trace.displayTimeUnit === 'ms' || trace.displayTimeUnit === 'ns');
  assert.equal(typeof trace.metadata, 'object');
  for (const e of trace.traceEvents) {
    const where = JSON.stringify(e);
    assert.equal(typeof e.name, 'string', where);
    assert.ok(Number.isInteger(e.pid) && Number.isInteger(e.tid), where);
    assert.ok(['M', 'X', 'i', 'C', 's', 't', 'f'].includes(e.ph), where);
    if (e.ph === 'M') {
      assert.ok(['process_name', 'thread_name', 'thread_sort_index'].includes(e.name), where);
      if (e.name.endsWith('_name')) assert.equal(typeof e.args?.name, 'string', where);
      else assert.ok(Number.isInteger(e.args?.sort_index), where);
      continue;
    }
    assert.ok(typeof e.ts === 'number' && Number.isFinite(e.ts) && e.ts >= 0, where);
    if (e.ph === 'X') assert.ok(typeof e.dur === 'number' && e.dur > 0, where);
    if (e.ph === 'i') assert.equal(e.s, 't', where);
    if (e.ph === 'C') for (const v of Object.values(e.args ?? {})) assert.ok(typeof v === 'number' && Number.isFinite(v), where);
    if (e.ph === 's' || e.ph === 't' || e.ph === 'f') {
      assert.ok(Number.isInteger(e.id) && typeof e.cat === 'string', where);
      if (e.ph === 'f') assert.equal(e.bp, 'e', where);
    }
  }
}

const slicesOf = (trace: ChromeTrace) => trace.traceEvents.filter((e) => e.ph === 'X');
const inside = (s: TraceEvent, ts: number) => s.ts! < ts && ts < s.ts! + s.dur!;
/** The slice on track `tid` strictly enclosing `ts` (what a bp:"e" binding picks). */
function enclosing(trace: ChromeTrace, tid: number, ts: number): TraceEvent {
  const found = slicesOf(trace).filter((s) => s.tid === tid && inside(s, ts));
  assert.equal(found.length, 1, `one slice of track ${tid} encloses ${ts}`);
  return found[0]!;
}
/**
 * The slice a flow part binds to, as Chrome DevTools' trace engine binds it: the one with
 * equal category, pid, tid and ts (Perfetto's "enclosing slice" is then that one too).
 */
function bound(trace: ChromeTrace, part: TraceEvent): TraceEvent {
  const found = slicesOf(trace).filter((s) => s.cat === part.cat && s.pid === part.pid && s.tid === part.tid && s.ts === part.ts);
  assert.equal(found.length, 1, `one slice binds the flow part ${JSON.stringify(part)}`);
  return found[0]!;
}
function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list === undefined) map.set(key(item), [item]);
    else list.push(item);
  }
  return map;
}
const spawns = (events: LoopEvent[]) => events.filter((e): e is Extract<LoopEvent, { type: 'task-spawn' }> => e.type === 'task-spawn');

test('a chrome trace of a real run is valid JSON in the Trace Event Format, and writeChromeTrace writes the same', () => {
  const { events, trace } = run(eventDemo);
  assertValidShape(trace);
  assert.equal(trace.metadata.seed, 1);
  assert.equal(trace.metadata.policy, 'asyncio');
  const file = join(tmp(), 'run.json');
  writeChromeTrace(events, file, META);
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), JSON.parse(JSON.stringify(trace)));
});

test('writeChromeTrace takes any iterable of events and writes whole or not at all: a failure keeps the previous file', () => {
  const { events } = run(eventDemo);
  const dir = tmp();
  const file = join(dir, 'run.json');
  writeFileSync(file, '{"the":"previous trace"}');
  function* broken() {
    yield* events.slice(0, 5);
    throw new Error('the log source failed');
  }
  assert.throws(() => writeChromeTrace(broken(), file, META), /the log source failed/);
  assert.equal(readFileSync(file, 'utf8'), '{"the":"previous trace"}');
  writeChromeTrace(events.values(), file, META);
  assert.ok(Array.isArray(JSON.parse(readFileSync(file, 'utf8')).traceEvents));
  assert.deepEqual(readdirSync(dir), ['run.json'], 'no temporary file left');
});

test('one named track per task, plus the loop; every slice and instant is on a named track', () => {
  const { events, trace } = run(eventDemo);
  const names = new Map(trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [e.tid, e.args!.name]));
  const ids = spawns(events).map((e) => e.task);
  assert.deepEqual([...names.keys()].sort(), [LOOP_TID, ...ids].sort());
  assert.deepEqual(ids.map((id) => names.get(id)), ['eventMain', 'waiter', 'setter']);
  assert.equal(trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name').length, names.size, 'one name a track');
  for (const e of trace.traceEvents) if (e.ph === 'X' || e.ph === 'i') assert.ok(names.has(e.tid), JSON.stringify(e));
});

test('one slice per step, named after what it did, strictly inside its tick; slices never overlap on a track', () => {
  for (const demo of [eventDemo, randomDemo]) {
    const { events, trace } = run(demo);
    const slices = slicesOf(trace);
    const steps = events.filter((e) => e.type === 'step-begin');
    const handles = events.filter((e) => e.type === 'callback' || e.type === 'timer-fired');
    assert.equal(slices.filter((s) => s.tid !== LOOP_TID).length, steps.length);
    assert.equal(slices.filter((s) => s.tid === LOOP_TID).length, handles.length);
    for (const s of slices) {
      const tick = s.args!.tick as number;
      assert.ok(tick * TICK_US < s.ts! && s.ts! + s.dur! < (tick + 1) * TICK_US, `slice inside tick ${tick}: ${JSON.stringify(s)}`);
    }
    const byTrack = groupBy(slices, (s) => s.tid);
    for (const [tid, list] of byTrack) {
      list.sort((a, b) => a.ts! - b.ts!);
      for (let i = 1; i < list.length; i++) assert.ok(list[i - 1]!.ts! + list[i - 1]!.dur! < list[i]!.ts!, `track ${tid} slices ${i - 1} and ${i} overlap`);
    }
  }
  const { events, trace } = run(eventDemo);
  const [, waiterId, setterId] = spawns(events).map((e) => e.task);
  const names = (tid: number) => slicesOf(trace).filter((s) => s.tid === tid).map((s) => s.name);
  assert.deepEqual(names(waiterId!), ['await Event.wait', "return 'w'"]);
  assert.deepEqual(names(setterId!), ['await sleep(1)', 'await sleep(0.5)', "return 's'"]);
  const parked = slicesOf(trace).find((s) => s.tid === waiterId && s.name === 'await Event.wait')!;
  assert.equal(parked.args!.outcome, 'parked');
  const [file, line] = String(parked.args!.where).split(/:(?=\d+$)/);
  assert.match(readFileSync(file!, 'utf8').split('\n')[Number(line) - 1]!, /WAITER-PARKS-HERE/);
  const woken = slicesOf(trace).find((s) => s.tid === waiterId && s.name === "return 'w'")!;
  assert.equal(woken.args!.wokenBy, 'Event.wait');
  assert.equal(woken.args!.value, "'w'");
});

test('prints are instants on the printing task’s track, with their text, inside the step that printed', () => {
  for (const demo of [eventDemo, randomDemo]) {
    const { events, lines, trace } = run(demo);
    const instants = trace.traceEvents.filter((e) => e.ph === 'i' && e.cat === 'print');
    assert.deepEqual(instants.map((e) => e.args!.text), lines);
    const prints = events.filter((e): e is Extract<LoopEvent, { type: 'print' }> => e.type === 'print');
    assert.deepEqual(instants.map((e) => [e.tid, e.args!.tick]), prints.map((p) => [p.task, p.tick]));
    for (const e of instants) assert.equal(enclosing(trace, e.tid, e.ts!).args!.tick, e.args!.tick);
  }
});

test('every wake-up is one flow from the waker’s track to the woken task’s step, at the right ticks', () => {
  for (const demo of [eventDemo, randomDemo]) {
    const { events, trace } = run(demo);
    const flows = groupBy(trace.traceEvents.filter((e) => e.ph === 's' || e.ph === 't' || e.ph === 'f'), (e) => e.id!);
    const wakes = events.filter((e): e is Extract<LoopEvent, { type: 'wake' }> => e.type === 'wake');
    assert.equal(flows.size, wakes.length);
    const bySeqEnd = new Map<number, TraceEvent[]>();
    for (const parts of flows.values()) {
      const phases = parts.map((p) => p.ph).join('');
      assert.ok(phases === 'sf' || phases === 'stf', `a flow is s, optional t, f: ${phases}`);
      for (let i = 1; i < parts.length; i++) assert.ok(parts[i - 1]!.ts! < parts[i]!.ts!, 'a flow goes forward in time');
      assert.ok(parts.every((p) => p.cat === parts[0]!.cat && p.name === parts[0]!.name), 'a flow’s parts share cat and name');
      for (const part of parts) bound(trace, part); // DevTools draws the arrow only when every part binds
      bySeqEnd.set(bound(trace, parts.at(-1)!).args!.tick as number, parts);
    }
    for (const wake of wakes) {
      const parts = bySeqEnd.get(wake.tick);
      assert.ok(parts !== undefined, `a flow ends in the step of tick ${wake.tick}`);
      assert.equal(parts.at(-1)!.tid, wake.task, 'the flow ends on the woken task’s track');
      // Where it starts, from the log alone: the waker's last step at or before the moment the
      // woken task was queued (or the loop's callback that queued it when no task woke it).
      const queued = events.filter((e) => e.type === 'task-scheduled' && e.task === wake.task && e.reason === 'wake' && e.seq < wake.seq).at(-1)!;
      const start = parts[0]!;
      if (wake.waker === null) {
        assert.equal(start.tid, LOOP_TID);
        assert.equal(bound(trace, start).args!.tick, queued.tick);
      } else {
        const wakerSteps = events.filter((e) => e.type === 'step-begin' && e.task === wake.waker && e.tick <= queued.tick);
        assert.equal(start.tid, wake.waker, 'the flow starts on the waker’s track');
        assert.equal(bound(trace, start).args!.tick, wakerSteps.at(-1)!.tick);
      }
      if (parts.length === 3) assert.equal(bound(trace, parts[1]!).args!.tick, queued.tick, 'the step is the callback that queued it');
    }
  }
  // And in words, for the Event: the arrow leaves setter's step that called set() and lands in waiter's last step.
  const { events, trace } = run(eventDemo);
  const [, waiterId, setterId] = spawns(events).map((e) => e.task);
  const setTick = events.find((e) => e.type === 'print' && e.text === 'setting')!.tick;
  const f = trace.traceEvents.find((e) => e.ph === 'f' && e.tid === waiterId)!;
  assert.equal(bound(trace, f).name, "return 'w'");
  const s = trace.traceEvents.find((e) => e.ph === 's' && e.id === f.id)!;
  assert.equal(s.tid, setterId);
  assert.equal(bound(trace, s).args!.tick, setTick);
});

/** The last value of counter `name`.`key` strictly before trace time `us`. */
function counterBefore(trace: ChromeTrace, name: string, key: string, us: number): number {
  const samples = trace.traceEvents.filter((e) => e.ph === 'C' && e.name === name && e.ts! < us);
  assert.ok(samples.length > 0, `a ${name} sample before ${us}`);
  return samples.at(-1)!.args![key] as number;
}

test('the ready-queue counter equals the tasks waiting in loop.readyItems(), tick by tick', () => {
  for (const demo of [eventDemo, randomDemo]) {
    const { trace } = run(demo);
    // An independent run, stepped one tick at a time, read from the loop itself.
    const session = startSession(demo);
    const expected: number[] = [];
    const actual: number[] = [];
    do {
      const tick = session.loop.tick;
      expected.push(session.loop.readyItems().filter((item) => item.task !== null).length);
      actual.push(counterBefore(trace, 'ready queue', 'tasks', (tick + 1) * TICK_US));
    } while (session.loop.step());
    assert.ok(expected.length > 10);
    assert.deepEqual(actual, expected);
  }
});

test('the all-items counter is the whole ready queue, callbacks included, minus the item that runs', () => {
  // A spy policy sees the full queue at each pick; the item it picks then leaves it.
  const seen: number[] = [];
  const spy: Policy = function random(ready, context) {
    seen.push(ready.length());
    return randomChoice(ready, context);
  };
  const session = startSession(randomDemo, { policy: spy });
  while (session.loop.step());
  const { trace } = run(randomDemo);
  const values = trace.traceEvents.filter((e) => e.ph === 'C' && e.name === 'ready queue, all items').map((e) => e.args!.items);
  assert.ok(seen.length > 10);
  assert.deepEqual(values, seen.map((n) => n - 1));
  // Under FIFO too: one sample per item run.
  const fifo = run(eventDemo);
  const samples = fifo.trace.traceEvents.filter((e) => e.name === 'ready queue, all items').length;
  assert.equal(samples, fifo.events.filter((e) => e.type === 'step-begin' || e.type === 'callback' || e.type === 'timer-fired').length);
});

test('on the wall clock, a pause between two batches is an empty gap of its length; order and tracks are kept', () => {
  const { events } = run(eventDemo);
  const lastTick = events.at(-1)!.tick;
  // Batches: ticks 1..5 from 1000 ms to 1000.5 ms, a 30 s pause, then the rest in 1 ms.
  const wallClock = [
    { tick: 0, ms: 1000 },
    { tick: 5, ms: 1000.5 },
    { tick: 5, ms: 31000.5 },
    { tick: lastTick, ms: 31001.5 },
  ];
  const trace = chromeTrace(events, { ...META, wallClock });
  assertValidShape(trace);
  const slices = slicesOf(trace);
  const before = slices.filter((s) => (s.args!.tick as number) <= 5);
  const after = slices.filter((s) => (s.args!.tick as number) > 5);
  const endBefore = Math.max(...before.map((s) => s.ts! + s.dur!));
  const startAfter = Math.min(...after.map((s) => s.ts!));
  assert.ok(endBefore <= 500 + 1, `ticks 1–5 end by 0.5 ms (${endBefore} µs)`);
  assert.ok(startAfter >= 30_000_500, `tick 6 starts after the pause (${startAfter} µs)`);
  // Slices still in tick order on every track, never overlapping.
  const sorted = [...slices].sort((a, b) => a.ts! - b.ts!);
  assert.deepEqual(sorted.map((s) => s.args!.tick), slices.map((s) => s.args!.tick).sort((a, b) => (a as number) - (b as number)));
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i - 1]!.ts! + sorted[i - 1]!.dur! < sorted[i]!.ts!);
  assert.throws(() => chromeTrace(events, { ...META, wallClock: [{ tick: 3, ms: 10 }, { tick: 4, ms: 9 }] }), RangeError);
  // A step back from tick 5 to 3 (a replay) rewinds the timeline: ticks 4 and 5 show their second pass.
  const oneTickBatches = [0, 1, 2, 3, 4, 5].map((tick) => ({ tick, ms: tick }));
  const replay = [{ tick: 3, ms: 100 }, { tick: 4, ms: 101 }, { tick: 5, ms: 102 }, { tick: lastTick, ms: 200 }];
  const rewound = chromeTrace(events, { ...META, wallClock: [...oneTickBatches, ...replay] });
  const at = (tick: number) => slicesOf(rewound).find((s) => s.args!.tick === tick)!.ts!;
  assert.ok(at(3) < 3_000 && at(4) > 100_000 && at(5) > 101_000, `${at(3)} ${at(4)} ${at(5)}`);
});

test('on the wall clock, the loop ends when its last tick ran, not when the dashboard quit minutes later', () => {
  const { events } = run(eventDemo);
  const lastTick = events.at(-1)!.tick;
  // The run reaches its last tick at 1 s; the speaker quits at 10 min (the dashboard samples again then).
  const wallClock = [
    { tick: 0, ms: 0 },
    { tick: lastTick, ms: 1000 },
    { tick: lastTick, ms: 600_000 },
  ];
  const trace = chromeTrace(events, { ...META, wallClock });
  const end = trace.traceEvents.find((e) => e.ph === 'i' && e.name.startsWith('loop end'))!;
  assert.ok(end.ts! >= 999_000 && end.ts! <= 1_001_000, `loop end at ${end.ts} µs, at the run's end (1 s)`);
});

test('a crowded tick (one step printing 1200 lines and spawning 600 tasks) keeps every event distinct and in order', () => {
  function* child(i: number) {
    return i;
  }
  function* crowd() {
    for (let i = 0; i < 1200; i++) print(i);
    return (yield* gather(...Array.from({ length: 600 }, (_, i) => child(i)))).length;
  }
  const demo = defineDemo({ name: 'crowd', title: { en: '', fr: '' }, narration: { en: '', fr: '' }, main: () => crowd() });
  const { events } = recordRun(demo);
  assert.ok(events.filter((e) => e.tick === 1).length > 2000, 'tick 1 holds more events than a µs has nanoseconds');
  const trace = chromeTrace(events, META);
  assertValidShape(trace);
  const slices = slicesOf(trace);
  assert.equal(slices.length, events.filter((e) => e.type === 'step-begin' || e.type === 'callback').length);
  // Each print and each spawn happens at its own instant, in log order.
  const prints = trace.traceEvents.filter((e) => e.ph === 'i' && e.cat === 'print');
  assert.deepEqual(prints.map((e) => e.args!.text), Array.from({ length: 1200 }, (_, i) => String(i)));
  for (let i = 1; i < prints.length; i++) assert.ok(prints[i - 1]!.ts! < prints[i]!.ts!, `prints ${i - 1} and ${i} share a time`);
  const counts = trace.traceEvents.filter((e) => e.ph === 'C' && e.name === 'ready queue');
  for (let i = 1; i < counts.length; i++) assert.ok(counts[i - 1]!.ts! < counts[i]!.ts!, `counter samples ${i - 1} and ${i} share a time`);
  // Everything stays in log order: slices by tick, and no two slices overlap anywhere.
  for (let i = 1; i < slices.length; i++) {
    assert.ok((slices[i - 1]!.args!.tick as number) < (slices[i]!.args!.tick as number));
    assert.ok(slices[i - 1]!.ts! + slices[i - 1]!.dur! < slices[i]!.ts!);
  }
});

test('an empty log gives a valid trace with the loop’s track only', () => {
  const trace = chromeTrace([], META);
  assertValidShape(trace);
  assert.deepEqual(trace.traceEvents.filter((e) => e.ph !== 'M'), []);
});
