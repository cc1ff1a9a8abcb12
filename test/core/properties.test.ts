/**
 * Property tests over random programs: trees of tasks doing bare yields, sleeps with
 * small delays, awaits of sub-coroutines, spawned tasks, gathers, Events set by another
 * task, Locks and the seeds' polling Waiter. Each program is data; an interpreter runs it
 * on the loop and a pure function says what it must return.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Event, Lock, Loop, Waiter, createTask, gather, sleep, type LoopEvent, type PolicyName } from '../../src/index.js';

type Stmt =
  | { t: 'yield' }
  | { t: 'sleep'; d: number }
  | { t: 'call'; body: Stmt[] }
  | { t: 'spawn'; body: Stmt[] }
  | { t: 'gather'; bodies: Stmt[][] }
  | { t: 'event'; waiters: number; setter: Stmt[] }
  | { t: 'lock'; bodies: Stmt[][] }
  | { t: 'waiter'; spins: number };

const { body: bodyArb } = fc.letrec<{ body: Stmt[]; stmt: Stmt }>((tie) => ({
  body: fc.array(tie('stmt'), { maxLength: 4 }),
  stmt: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant({ t: 'yield' as const }),
    fc.record({ t: fc.constant('sleep' as const), d: fc.constantFrom(0, 0.001, 0.5, 1, 2) }),
    fc.record({ t: fc.constant('waiter' as const), spins: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ t: fc.constant('call' as const), body: tie('body') }),
    fc.record({ t: fc.constant('spawn' as const), body: tie('body') }),
    fc.record({ t: fc.constant('gather' as const), bodies: fc.array(tie('body'), { maxLength: 3 }) }),
    fc.record({ t: fc.constant('event' as const), waiters: fc.integer({ min: 0, max: 3 }), setter: tie('body') }),
    fc.record({ t: fc.constant('lock' as const), bodies: fc.array(tie('body'), { minLength: 1, maxLength: 3 }) }),
  ) as fc.Arbitrary<Stmt>,
}));

/** What a program returns, from its structure alone. */
function expected(body: Stmt[]): unknown[] {
  return body.map((s): unknown => {
    switch (s.t) {
      case 'yield':
        return 'y';
      case 'sleep':
        return `s${s.d}`;
      case 'waiter':
        return 'waited';
      case 'call':
      case 'spawn':
        return expected(s.body);
      case 'gather':
      case 'lock':
        return s.bodies.map(expected);
      case 'event':
        return [expected(s.setter), ...Array.from({ length: s.waiters }, (_, i) => `w${i}`)];
    }
  });
}

function* runBody(body: Stmt[]): Generator<unknown, unknown[], unknown> {
  const out: unknown[] = [];
  for (const s of body) out.push(yield* runStmt(s));
  return out;
}

function* runStmt(s: Stmt): Generator<unknown, unknown, unknown> {
  switch (s.t) {
    case 'yield':
      yield;
      return 'y';
    case 'sleep':
      return yield* sleep(s.d, `s${s.d}`);
    case 'waiter': {
      const waiter = new Waiter();
      const setter = createTask(
        (function* () {
          for (let i = 0; i < s.spins; i++) yield;
          waiter.done = true;
        })(),
      );
      yield* waiter;
      yield* setter;
      return 'waited';
    }
    case 'call':
      return yield* runBody(s.body);
    case 'spawn': {
      const task = createTask(runBody(s.body));
      yield;
      return yield* task;
    }
    case 'gather':
      return yield* gather(...s.bodies.map(runBody));
    case 'event': {
      const event = new Event();
      const setterBody = s.setter;
      let isSet = false;
      function* waiter(i: number) {
        yield* event.wait();
        if (!isSet) throw new Error('woke before set()');
        return `w${i}`;
      }
      function* setter() {
        const result = yield* runBody(setterBody);
        isSet = true;
        event.set();
        return result;
      }
      const waiters = Array.from({ length: s.waiters }, (_, i) => createTask(waiter(i)));
      return yield* gather(setter(), ...waiters);
    }
    case 'lock': {
      const lock = new Lock();
      let holders = 0;
      function* worker(body: Stmt[]) {
        yield* lock.acquire();
        try {
          if (++holders !== 1) throw new Error('two holders of one lock');
          return yield* runBody(body);
        } finally {
          holders--;
          lock.release();
        }
      }
      return yield* gather(...s.bodies.map(worker));
    }
  }
}

const BUDGET = 2_000_000;

/** Run a program on a fresh loop; the budget turns a hang into a failure. */
function execute(program: Stmt[], policy: PolicyName, seed: number) {
  const loop = new Loop({ policy, seed, write: () => {} });
  const events: LoopEvent[] = [];
  loop.events$.subscribe((e) => events.push(e));
  const main = loop.start(runBody(program), { cleanup: true });
  const ran = loop.runItems(BUDGET);
  return { loop, main, events, ran };
}

const policyArb = fc.constantFrom<PolicyName>('asyncio', 'random');
const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });

test('every random program terminates with the result its structure says, leaving no task behind', () => {
  fc.assert(
    fc.property(bodyArb, policyArb, seedArb, (program, policy, seed) => {
      const { loop, main, ran } = execute(program, policy, seed);
      assert.ok(ran < BUDGET, 'ran out of budget: the program did not terminate');
      assert.equal(loop.finished, true);
      assert.deepEqual(main.result(), expected(program));
      assert.equal(loop.live.size, 0);
    }),
    { numRuns: 150 },
  );
});

test('the same program, seed and policy give the same event log', () => {
  fc.assert(
    fc.property(bodyArb, policyArb, seedArb, (program, policy, seed) => {
      const first = execute(program, policy, seed);
      const second = execute(program, policy, seed);
      assert.equal(JSON.stringify(second.events), JSON.stringify(first.events));
      // seq has no gaps; ticks and virtual time never go back.
      first.events.forEach((e, i) => {
        assert.equal(e.seq, i);
        if (i > 0) {
          assert.ok(e.tick >= first.events[i - 1]!.tick);
          assert.ok(e.time >= first.events[i - 1]!.time);
        }
      });
    }),
    { numRuns: 80 },
  );
});

test('the event log tells each task spawn, step and settlement consistently', () => {
  fc.assert(
    fc.property(bodyArb, policyArb, seedArb, (program, policy, seed) => {
      const { events } = execute(program, policy, seed);
      const spawned = new Set<number>();
      const ended = new Set<number>();
      let running: number | null = null;
      for (const e of events) {
        if (e.type === 'task-spawn') spawned.add(e.task);
        if (e.type === 'step-begin') {
          assert.equal(running, null, 'steps never nest');
          assert.ok(spawned.has(e.task) && !ended.has(e.task), `step of task ${e.task} outside its life`);
          running = e.task;
        }
        if (e.type === 'step-end') {
          assert.equal(e.task, running);
          running = null;
          if (e.outcome === 'returned' || e.outcome === 'threw' || e.outcome === 'cancelled') ended.add(e.task);
        }
      }
      assert.deepEqual([...ended].sort(), [...spawned].sort(), 'every spawned task settled');
    }),
    { numRuns: 60 },
  );
});
