import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManagedRun, managerName, recordManaged } from '../../src/core/managed.js';
import { observing } from '../../src/core/observe.js';
import { print, random, SeededRandom, type EventOf, type LoopEvent, type LoopEventType } from '../../src/index.js';
import { lineOf, sourceOf } from '../helpers.js';

const source = sourceOf(import.meta.url);

class Awaitable {
  *[Symbol.iterator]() {
    yield; // managed: the Awaitable yields
  }
}

function* tum() {
  for (let i = 0; i < 3; i++) {
    yield* new Awaitable(); // managed: tum awaits
    print('Tum');
  }
  return 'tum done';
}

function* pak() {
  for (let i = 0; i < 3; i++) {
    yield* new Awaitable();
    print('Pak');
  }
}

function frenetic_coros_manager(...coros: Iterator<unknown>[]) {
  while (coros.length > 0) {
    const coro = random.choice(coros);
    if (coro.next().done) coros.splice(coros.indexOf(coro), 1); // managed: the manager sends
  }
}

function lastEnd(events: LoopEvent[]): [string, string | undefined] | null {
  const end = events.at(-1);
  return end?.type === 'loop-end' ? [end.outcome, end.error] : null;
}

function only<K extends LoopEventType>(events: LoopEvent[], type: K): EventOf<K>[] {
  return events.filter((e): e is EventOf<K> => e.type === type);
}

test('each next() from the manager is a tick of that coroutine: lanes, picks, drivers, prints, StopIteration', () => {
  const { events, run } = recordManaged(() => frenetic_coros_manager(tum(), pak()), { seed: 7, locations: true });
  assert.equal(run.finished, true);
  assert.deepEqual(run.outcome, { kind: 'returned', value: undefined });
  assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i));
  assert.equal(events[0]!.type, 'loop-start');
  assert.equal((events[0] as EventOf<'loop-start'>).policy, 'frenetic_coros_manager');
  assert.deepEqual(events.at(-1), { type: 'loop-end', outcome: 'returned', value: 'undefined', seq: events.length - 1, tick: 8, time: 0 });

  // Both coroutines meet the manager's random.choice before its first draw, in the list's order.
  assert.deepEqual(
    only(events, 'task-spawn').map((e) => [e.task, e.name, e.kind, e.tick]),
    [[1, 'tum', 'coroutine', 0], [2, 'pak', 'coroutine', 0]],
  );
  // The draws are random.choice's, as CPython draws them after random.seed(7); the pick names the drawn place.
  const replay = new SeededRandom(7);
  const alive = [1, 2];
  for (const pick of only(events, 'pick')) {
    assert.equal(pick.candidates, alive.length);
    assert.equal(pick.draw, replay.below(alive.length));
    assert.equal(pick.index, pick.draw);
    assert.equal(alive[pick.index], pick.task);
    const end = events.find((e) => e.type === 'step-end' && e.tick === pick.tick)!; // a pick is stamped with the tick it starts
    if (end.type === 'step-end' && end.outcome === 'returned') alive.splice(pick.index, 1);
  }
  // Every step names the manager's line, and its outcome reads as Python's.
  const begins = only(events, 'step-begin');
  assert.equal(begins.length, 8);
  for (const b of begins) assert.deepEqual([b.driver?.file, b.driver?.line, b.driver?.name], [source, lineOf(source, 'managed: the manager sends'), 'frenetic_coros_manager']);
  const ends = only(events, 'step-end');
  assert.deepEqual(ends.filter((e) => e.outcome === 'returned').map((e) => [e.task, e.value]).sort(), [[1, "'tum done'"], [2, 'undefined']]);
  const yielded = ends.find((e) => e.task === 1 && e.outcome === 'yielded')!;
  assert.deepEqual(yielded.chain?.map((f) => `${f.name}:${f.line}`), [`tum:${lineOf(source, 'managed: tum awaits')}`, `Awaitable:${lineOf(source, 'managed: the Awaitable yields')}`]);
  // Prints belong to the coroutine whose step wrote them.
  for (const p of only(events, 'print')) assert.equal(p.task, p.text === 'Tum' ? 1 : 2);
  // The queue keeps the manager's order: tum, the first, always goes back to the front.
  for (const s of only(events, 'task-scheduled')) if (s.task === 1) assert.equal(s.at, 0);
  assert.equal(observing(), false, 'the generator wrappers are gone after the run');
});

test('the gate is asked before each tick, and stops the run where it returns false', () => {
  const asked: number[] = [];
  const lines: string[] = [];
  function* forever() {
    while (true) {
      yield;
      print('again');
    }
  }
  const run = new ManagedRun(
    () => {
      const f = forever();
      while (true) f.next(); // a manager that never ends
    },
    { gate: (tick) => (asked.push(tick), tick <= 4), write: (line) => lines.push(line) },
  );
  const events: LoopEvent[] = [];
  run.events$.subscribe((e) => events.push(e));
  assert.deepEqual(run.run(), { kind: 'stopped' });
  assert.deepEqual(asked, [1, 2, 3, 4, 5]);
  assert.equal(run.tick, 4);
  assert.deepEqual(lines, ['again', 'again', 'again']);
  assert.deepEqual(events.at(-1)!.type === 'loop-end' && events.at(-1), { type: 'loop-end', outcome: 'stopped', seq: events.length - 1, tick: 4, time: 0 });
  assert.throws(() => run.run(), /runs once/);
});

test('sending into a finished coroutine raises, as CPython does (no silent spin)', () => {
  const { events, run } = recordManaged(() => {
    const t = tum();
    while (true) t.next();
  });
  assert.equal(run.tick, 4);
  assert.deepEqual(lastEnd(events), ['threw', 'RuntimeError: cannot reuse already awaited coroutine']);
});

test('an error escaping a coroutine fails its lane and reaches the manager; one escaping the manager ends the run', () => {
  function* boom() {
    yield;
    throw new Error('boom');
  }
  const { events, run } = recordManaged(() => {
    const b = boom();
    b.next();
    try {
      b.next();
    } catch (error) {
      print('caught', (error as Error).message);
    }
    throw new TypeError('manager fails');
  });
  const ends = only(events, 'step-end').map((e) => [e.outcome, e.error ?? null]);
  assert.deepEqual(ends, [['yielded', null], ['threw', 'Error: boom']]);
  assert.deepEqual(only(events, 'print').map((p) => [p.task, p.text]), [[null, 'caught boom']]);
  assert.equal(run.outcome?.kind, 'threw');
  assert.deepEqual(lastEnd(events), ['threw', 'TypeError: manager fails']);
});

test('return() is Python’s close(): a GeneratorExit step; throw() says what it throws', () => {
  function* guarded() {
    try {
      yield;
      yield;
    } finally {
      print('cleanup');
    }
  }
  const { events } = recordManaged(() => {
    const g = guarded();
    g.next();
    g.return(undefined);
    const h = guarded();
    h.next();
    try {
      h.throw(new RangeError('stop'));
    } catch {
      // expected: the coroutine does not catch it
    }
  });
  assert.deepEqual(only(events, 'step-begin').map((e) => e.throwing), [null, 'GeneratorExit', null, 'RangeError: stop']);
  assert.deepEqual(only(events, 'step-end').map((e) => e.outcome), ['yielded', 'cancelled', 'yielded', 'threw']);
  assert.deepEqual(only(events, 'print').map((p) => [p.task, p.text]), [[1, 'cleanup'], [2, 'cleanup']]);
});

test('resumptions inside a coroutine’s step are part of that step, not ticks of their own', () => {
  function* inner() {
    yield;
    return 2;
  }
  function* outer() {
    const it = inner();
    it.next(); // by hand, inside outer's step
    it.next();
    yield;
  }
  const { events } = recordManaged(() => {
    const o = outer();
    o.next();
  });
  assert.deepEqual(only(events, 'task-spawn').map((e) => e.name), ['outer']);
  assert.equal(only(events, 'step-begin').length, 1);
});

test('managerName: the plain function the demo’s manager calls', () => {
  assert.equal(managerName(() => frenetic_coros_manager(tum(), pak())), 'frenetic_coros_manager');
  assert.equal(managerName(() => print(frenetic_coros_manager())), 'frenetic_coros_manager');
  assert.equal(managerName(function by_hand() {}), 'by_hand');
  assert.equal(managerName(() => 1), 'manager');
});
