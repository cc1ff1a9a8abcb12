import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTask, print, sleep, type LoopEvent } from '../../src/index.js';
import { captured, record } from '../helpers.js';

function* child() {
  yield* sleep(1);
  return 'c';
}
function* main() {
  print('hi');
  const t = createTask(child());
  return yield* t;
}

/** The fields these expectations check; fields added to the schema later are left out. */
const FIELDS = ['seed', 'policy', 'task', 'name', 'coro', 'parent', 'reason', 'throwing', 'outcome', 'on', 'value', 'error', 'text', 'timer', 'deadline', 'label', 'from', 'to', 'by', 'waker', 'future', 'handle', 'actor', 'skipped'];

/** The events without seq/tick/time, as `type {detail}`, for readable expectations. */
function brief(events: LoopEvent[]): string[] {
  return events.map((e) => {
    const record = e as unknown as Record<string, unknown>;
    const detail = Object.fromEntries(Object.keys(record).filter((k) => FIELDS.includes(k)).map((k) => [k, record[k]]));
    return `${e.type} ${JSON.stringify(detail)}`;
  });
}

test('a small program emits exactly the events the log documents (core/events.ts), in order', () => {
  const { loop } = captured();
  const events = record(loop);
  loop.runUntilComplete(main());
  assert.deepEqual(brief(events), [
    'loop-start {"seed":1,"policy":"asyncio"}',
    'task-spawn {"task":1,"name":"Task-1","coro":null,"parent":null}',
    'task-scheduled {"task":1,"reason":"spawn"}',
    'step-begin {"task":1,"throwing":null}',
    'print {"task":1,"text":"hi"}',
    'task-spawn {"task":2,"name":"Task-2","coro":null,"parent":1}',
    'task-scheduled {"task":2,"reason":"spawn"}',
    'step-end {"task":1,"outcome":"parked","on":"Task-2","future":1}',
    'step-begin {"task":2,"throwing":null}',
    'timer-set {"timer":2,"deadline":1,"label":"sleep(1) timer","task":2}',
    'step-end {"task":2,"outcome":"parked","on":"sleep(1)","future":3}',
    'clock-advance {"from":0,"to":1}',
    'timer-due {"timer":2}',
    'timer-fired {"timer":2,"label":"sleep(1) timer"}',
    'task-scheduled {"task":2,"reason":"wake","by":"sleep(1)","future":3}',
    'wake {"task":2,"by":"sleep(1)","waker":2}',
    'step-begin {"task":2,"throwing":null}',
    'task-scheduled {"task":1,"reason":"wake","by":"Task-2","future":1}',
    'step-end {"task":2,"outcome":"returned","value":"\'c\'"}',
    'wake {"task":1,"by":"Task-2","waker":2}',
    'step-begin {"task":1,"throwing":null}',
    'callback-queued {"handle":4,"label":"main done → stop the loop","actor":1}',
    'step-end {"task":1,"outcome":"returned","value":"\'c\'"}',
    'callback {"label":"main done → stop the loop","handle":4}',
    'loop-end {"outcome":"returned","value":"\'c\'"}',
  ]);
  // Every event carries seq (no gaps), the tick it happened in, and the virtual time.
  assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i));
  assert.deepEqual(events.map((e) => e.tick), [0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6]);
  assert.equal(events.find((e) => e.type === 'timer-fired')!.time, 1);
});

test('the same program gives the same log, byte for byte', () => {
  const logs = [1, 2].map(() => {
    const { loop } = captured();
    const events = record(loop);
    loop.runUntilComplete(main());
    return JSON.stringify(events);
  });
  assert.equal(logs[0], logs[1]);
});

test('no events are built while nobody subscribes: a late subscriber sees seq start at 0', () => {
  const { loop } = captured();
  loop.start(main());
  loop.step();
  loop.step();
  const events = record(loop);
  while (loop.step());
  assert.ok(events.length > 0);
  assert.equal(events[0]!.seq, 0);
  assert.equal(events[0]!.type, 'clock-advance');
  assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i));
});

test('after the last subscriber leaves, events stop; two subscribers see the same events', () => {
  const { loop } = captured();
  const a: LoopEvent[] = [];
  const b: LoopEvent[] = [];
  const subA = loop.events$.subscribe((e) => a.push(e));
  const subB = loop.events$.subscribe((e) => b.push(e));
  loop.start(main());
  loop.step();
  subA.unsubscribe();
  loop.step();
  subB.unsubscribe();
  const seen = b.length;
  while (loop.step());
  assert.equal(b.length, seen);
  assert.deepEqual(a, b.slice(0, a.length));
  assert.ok(b.length > a.length);
});

test('print is attributed to the running task, and to no task from a callback', () => {
  const { loop, lines } = captured();
  const events = record(loop);
  function* talker() {
    print('from task', 1);
    yield;
  }
  loop.callSoon(() => print('from callback'));
  const t = loop.createTask(talker());
  loop.runUntilComplete(t);
  const prints = events.filter((e) => e.type === 'print');
  assert.deepEqual(
    prints.map((e) => [e.type === 'print' && e.task, e.type === 'print' && e.text]),
    [
      [null, 'from callback'],
      [t.id, 'from task 1'],
    ],
  );
  assert.deepEqual(lines, ['from callback', 'from task 1']);
});

test('cancellation, bad yields and errors are reported as step outcomes', () => {
  const { loop } = captured();
  const events = record(loop);
  function* victim() {
    yield* sleep(5);
  }
  function* bad(): Generator<unknown, void, unknown> {
    try {
      yield 'oops';
    } catch {
      throw new TypeError('after bad yield');
    }
  }
  function* top() {
    const v = createTask(victim());
    const b = createTask(bad());
    yield;
    v.cancel();
    try {
      yield* b;
    } catch {
      // expected
    }
    try {
      yield* v;
    } catch {
      // expected
    }
  }
  loop.runUntilComplete(top());
  const outcomes = events.flatMap((e) => (e.type === 'step-end' ? [`${e.task}:${e.outcome}${e.error ? ` ${e.error}` : ''}${e.value ? ` ${e.value}` : ''}`] : []));
  assert.deepEqual(outcomes, [
    '1:yielded',
    '2:parked',
    "3:bad-yield 'oops'",
    '1:parked',
    '3:threw TypeError: after bad yield',
    '2:cancelled CancelledError',
    // v is already cancelled when main awaits it: no second park.
    '1:returned undefined',
  ]);
  assert.ok(events.some((e) => e.type === 'cancel-requested' && e.task === 2 && e.by === 1));
  assert.ok(events.some((e) => e.type === 'cancelled' && e.task === 2));
});

test('loop-end says how the run ended: threw, deadlock', () => {
  const threw = captured();
  const e1 = record(threw.loop);
  assert.throws(() =>
    threw.loop.runUntilComplete(
      (function* (): Generator<unknown, never, unknown> {
        throw new RangeError('r');
      })(),
    ),
  );
  assert.deepEqual(e1.at(-1)!.type === 'loop-end' && e1.at(-1), { type: 'loop-end', outcome: 'threw', error: 'RangeError: r', seq: e1.length - 1, tick: 2, time: 0 });

  const stuck = captured();
  const e2 = record(stuck.loop);
  assert.throws(() => stuck.loop.runUntilComplete(stuck.loop.createFuture()), /deadlock/);
  assert.deepEqual(
    e2.slice(-2).map((e) => e.type === 'loop-idle' ? `idle ${e.reason}` : e.type === 'loop-end' ? `end ${e.outcome}` : e.type),
    ['idle deadlock', 'end deadlock'],
  );
});
