/**
 * LoopState, the fold of the log that views read instead of the live Loop: at every tick
 * of random programs it must equal the loop's own scheduler state (ready queue with its
 * labels, parked tasks and what they wait on, pending timers, time), under both policies.
 * Then one unit test per event kind.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Event, Loop, createTask, gather, labelled, sleep, type LoopEvent, type PolicyName, type Task } from '../../src/index.js';
import { LoopState, PICK_SNAPSHOT, type TimerView } from '../../src/player/loop-state.js';
import { resetTaskNames, taskKernel } from '../../src/core/internal.js';
import { bodyArb, runBody } from './programs.js';

/** What the live loop holds, in the fold's terms. */
function live(loop: Loop) {
  const ready = [];
  for (let i = 0; i < loop.readyQueue.length(); i++) {
    const item = loop.readyQueue.get(i)!;
    ready.push({ task: item.task, label: item.label });
  }
  const parked = [...loop.live]
    .filter((t: Task<any>) => taskKernel.waitingOn(t) !== null && taskKernel.wokenBy(t) === null)
    .map((t) => ({ task: t.id, label: taskKernel.waitingOn(t)!.label }))
    .sort((a, b) => a.task - b.task);
  return { ready, parked, timers: loop.pendingTimers(), earliest: loop.pendingTimers(2), time: loop.time() };
}

function folded(state: LoopState) {
  const ready = [];
  for (let i = 0; i < state.readyCount; i++) {
    const item = state.readyAt(i)!;
    ready.push({ task: item.task, label: item.label });
  }
  const parked = [...state.parked()]
    .map(({ task, label }) => ({ task, label }))
    .sort((a, b) => a.task - b.task);
  const timers = state.earliestTimers().map(({ deadline, label }) => ({ deadline, label }));
  const earliest = state.earliestTimers(2).map(({ deadline, label }) => ({ deadline, label }));
  return { ready, parked, timers, earliest, time: state.time };
}

const policyArb = fc.constantFrom<PolicyName>('asyncio', 'random');
const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });

test('at every tick of random programs, the fold of the log equals the live loop (both policies)', () => {
  fc.assert(
    fc.property(bodyArb, policyArb, seedArb, (program, policy, seed) => {
      const loop = new Loop({ policy, seed, write: () => {} });
      const state = new LoopState();
      let checkpoint: LoopState | null = null;
      const tail: LoopEvent[] = [];
      loop.events$.subscribe((e) => {
        state.apply(e);
        if (checkpoint !== null) tail.push(e);
      });
      loop.start(runBody(program), { cleanup: true });
      loop.prepare();
      assert.deepEqual(folded(state), live(loop), 'before the first tick');
      let ticks = 0;
      while (loop.runItems(1) === 1) {
        loop.prepare();
        ticks++;
        assert.deepEqual(folded(state), live(loop), `at tick ${loop.tick}`);
        if (ticks === 5) checkpoint = state.clone();
        assert.ok(ticks < 100_000, 'the program terminates');
      }
      assert.equal(loop.finished, true);
      // A clone is independent: replaying the events since it was taken lands on the same state.
      if (checkpoint !== null) {
        for (const e of tail) checkpoint.apply(e);
        assert.deepEqual(folded(checkpoint), folded(state));
      }
    }),
    { numRuns: 150 },
  );
});

/** Record a small program's fold, tick by tick. */
function fold(main: () => Generator<unknown, unknown, unknown>, options: { policy?: PolicyName; seed?: number } = {}) {
  resetTaskNames(); // a program run of its own: Task-1 first
  const loop = new Loop({ ...options, write: () => {} });
  const state = new LoopState();
  const events: LoopEvent[] = [];
  loop.events$.subscribe((e) => {
    events.push(e);
    state.apply(e);
  });
  loop.start(main);
  return { loop, state, events };
}

test('task-scheduled and step-begin: a spawn joins the back of the queue and leaves it when it runs', () => {
  const { loop, state } = fold(function* () {
    createTask(sleep(0));
    yield;
  });
  loop.prepare();
  assert.deepEqual(state.readyAt(0), { task: 1, handle: null, label: 'Task-1' });
  loop.runItems(1);
  assert.deepEqual([0, 1].map((i) => state.readyAt(i)?.task), [2, 1]);
  loop.runItems(1);
  assert.deepEqual([0, 1].map((i) => state.readyAt(i)?.task), [1, 2]);
});

test('callback-queued and callback: a call_soon is queued with its handle id and label; a cancelled one still takes its tick, skipped', () => {
  const { loop, state, events } = fold(function* () {
    loop.callSoon(function first() {});
    loop.callSoon(function second() {}).cancel();
    yield;
  });
  loop.runItems(1);
  assert.deepEqual([0, 1].map((i) => state.readyAt(i)?.label), ['first', 'second']);
  const queued = events.filter((e) => e.type === 'callback-queued');
  assert.deepEqual(queued.map((e) => e.type === 'callback-queued' && e.label), ['first', 'second']);
  assert.ok(events.some((e) => e.type === 'handle-cancelled'));
  loop.runItems(2);
  const ran = events.filter((e) => e.type === 'callback');
  assert.deepEqual(
    ran.map((e) => e.type === 'callback' && [e.label, e.skipped ?? false]),
    [
      ['first', false],
      ['second', true],
    ],
  );
  assert.equal(state.readyCount, 1);
});

test('timer-set, timer-due, timer-fired, handle-cancelled: timers leave the heap when due or cancelled', () => {
  const { loop, state, events } = fold(function* () {
    loop.callLater(2, labelled('late', () => {}));
    loop.callLater(1, labelled('early', () => {}));
    loop.callLater(1.5, labelled('never', () => {})).cancel();
    yield* sleep(3);
  });
  loop.runItems(1);
  assert.deepEqual(state.earliestTimers().map((t) => t.label), ['early', 'late', 'sleep(3) timer']);
  assert.deepEqual(state.earliestTimers(1).map((t) => t.label), ['early']);
  assert.equal(state.timerCount, 3);
  loop.prepare();
  // Nothing ready: the clock jumps to 1 and the timer moves to the ready queue.
  assert.equal(state.time, 1);
  assert.deepEqual(state.readyAt(0)?.label, 'early');
  assert.ok(events.some((e) => e.type === 'timer-due'));
  loop.runItems(1);
  assert.equal(state.readyCount, 0);
  assert.equal(state.timerCount, 2);
});

test('step-end parked and future-label: a parked task shows its future as relabelled (gather k/n)', () => {
  const { loop, state } = fold(function* () {
    yield* gather(sleep(1), sleep(2));
  });
  loop.runItems(3);
  loop.prepare();
  assert.deepEqual([...state.parked()].find((p) => p.task === 1)?.label, 'gather 0/2');
  while ([...state.parked()].find((p) => p.task === 1)?.label === 'gather 0/2') {
    loop.runItems(1);
    loop.prepare();
  }
  assert.deepEqual([...state.parked()].find((p) => p.task === 1)?.label, 'gather 1/2');
  assert.equal(typeof [...state.parked()][0]!.future, 'number');
});

test('a wake-up in the queue is labelled with what woke it: wake Task-2 (Event.wait)', () => {
  const event = new Event();
  const { loop, state } = fold(function* () {
    createTask(event.wait());
    yield;
    event.set();
    yield;
  });
  loop.runItems(3);
  const labels = Array.from({ length: state.readyCount }, (_, i) => state.readyAt(i)!.label);
  assert.ok(labels.includes('wake Task-2 (Event.wait)'), labels.join(', '));
});

test('pick: stamped with the tick it picks, and the queue it chose from is kept', () => {
  const { loop, state, events } = fold(
    function* () {
      for (let i = 0; i < 3; i++) createTask(sleep(0));
      yield;
    },
    { policy: 'random', seed: 7 },
  );
  loop.runItems(2);
  const picks = events.filter((e) => e.type === 'pick');
  const begins = events.filter((e) => e.type === 'step-begin');
  assert.deepEqual(picks.map((e) => e.tick), begins.map((e) => e.tick));
  const last = state.lastPick()!;
  assert.equal(last.queue.length, Math.min(last.candidates, PICK_SNAPSHOT));
  assert.equal(last.tick, loop.tick);
});

test('prepare() is idempotent and emits the between-items work at the current tick', () => {
  const { loop, events } = fold(function* () {
    yield* sleep(1);
  });
  loop.runItems(1);
  loop.prepare();
  const count = events.length;
  loop.prepare();
  assert.equal(events.length, count);
  assert.ok(events.some((e) => e.type === 'clock-advance' && e.tick === loop.tick));
  assert.ok(events.some((e) => e.type === 'timer-due' && e.tick === loop.tick));
});

test('timers: the earliest few equal a sort of the pending ones through sets, cancels and dues, and a clone restores them', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.record({ set: fc.integer({ min: 0, max: 50 }) }), fc.record({ cancel: fc.nat(400) }), fc.record({ due: fc.constant(true) })), { minLength: 60, maxLength: 400 }),
      fc.integer({ min: 1, max: 6 }),
      (ops, k) => {
        const state = new LoopState();
        const pending = new Map<number, number>();
        let timer = 0;
        let tick = 0;
        const events: LoopEvent[] = [];
        const apply = (body: Record<string, unknown>) => {
          const e = { seq: events.length, tick: tick++, time: 0, ...body } as LoopEvent;
          events.push(e);
          state.apply(e);
        };
        const expected = (n: number) =>
          [...pending]
            .sort(([a, da], [b, db]) => da - db || a - b)
            .slice(0, n)
            .map(([id, deadline]) => ({ timer: id, deadline, label: `t${id}` }));
        let checkpoint: { state: LoopState; at: number; timers: TimerView[] } | null = null;
        for (const op of ops) {
          if ('set' in op) {
            timer++;
            pending.set(timer, op.set);
            apply({ type: 'timer-set', timer, deadline: op.set, label: `t${timer}`, task: null });
          } else if ('cancel' in op) {
            const id = (op.cancel % (timer + 1)) + 1; // sometimes one never set, or gone already
            pending.delete(id);
            apply({ type: 'handle-cancelled', handle: id });
          } else {
            // The loop moves the earliest to the ready queue.
            const first = expected(1)[0];
            if (first === undefined) continue;
            pending.delete(first.timer);
            apply({ type: 'timer-due', timer: first.timer });
          }
          // Cloned before a read: the timers set since the last one come along too.
          if (checkpoint === null && events.length === 20) checkpoint = { state: state.clone(), at: events.length, timers: expected(Infinity) };
          // Not read after every event: a read may follow many sets and cancels.
          if (events.length % 3 === 0) assert.deepEqual(state.earliestTimers(k), expected(k));
          assert.equal(state.timerCount, pending.size);
        }
        assert.deepEqual(state.earliestTimers(), expected(Infinity));
        if (checkpoint !== null) {
          // The events folded since did not move the clone; folding them lands where the original is.
          assert.deepEqual(checkpoint.state.earliestTimers(), checkpoint.timers);
          for (const e of events.slice(checkpoint.at)) checkpoint.state.apply(e);
          assert.deepEqual(checkpoint.state.earliestTimers(), state.earliestTimers());
        }
      },
    ),
    { numRuns: 200 },
  );
});

test('timers: when cancelled ones outnumber the pending, the heap and the timers set since a read shed them and keep every pending one', () => {
  const state = new LoopState();
  let seq = 0;
  const apply = (body: Record<string, unknown>) => state.apply({ seq, tick: seq++, time: 0, ...body } as LoopEvent);
  for (let timer = 1; timer <= 300; timer++) apply({ type: 'timer-set', timer, deadline: 1000 - timer, label: `t${timer}`, task: null });
  assert.equal(state.earliestTimers(1)[0]!.timer, 300);
  // Cancel all but every sixth, latest deadlines first: none of them is at the top when cancelled.
  for (let timer = 1; timer <= 300; timer++) if (timer % 6 !== 0) apply({ type: 'handle-cancelled', handle: timer });
  for (let timer = 601; timer <= 605; timer++) apply({ type: 'timer-set', timer, deadline: 1, label: `t${timer}`, task: null });
  // Timers set and cancelled again and again between two reads.
  for (let timer = 301; timer <= 600; timer++) {
    apply({ type: 'timer-set', timer, deadline: 2000, label: `t${timer}`, task: null });
    apply({ type: 'handle-cancelled', handle: timer });
  }
  const pending = [601, 602, 603, 604, 605, ...Array.from({ length: 50 }, (_, i) => 300 - 6 * i)];
  assert.equal(state.timerCount, 55);
  assert.deepEqual(state.earliestTimers(3).map((t) => t.timer), pending.slice(0, 3));
  assert.deepEqual(state.earliestTimers().map((t) => t.timer), pending);
});
