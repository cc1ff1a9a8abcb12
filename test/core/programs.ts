/**
 * Random programs for the property tests: trees of tasks doing bare yields, sleeps with
 * small delays, awaits of sub-coroutines, spawned tasks, gathers, Events set by another
 * task, Locks, the seeds' polling Waiter, and loop callbacks and timers (some cancelled).
 * Each program is data; `runBody` runs it on the loop and `expected` says what it returns.
 */
import fc from 'fast-check';
import { Event, Lock, Waiter, createTask, gather, getRunningLoop, sleep } from '../../src/index.js';

export type Stmt =
  | { t: 'yield' }
  | { t: 'sleep'; d: number }
  | { t: 'call'; body: Stmt[] }
  | { t: 'spawn'; body: Stmt[] }
  | { t: 'gather'; bodies: Stmt[][] }
  | { t: 'event'; waiters: number; setter: Stmt[] }
  | { t: 'lock'; bodies: Stmt[][] }
  | { t: 'waiter'; spins: number }
  | { t: 'soon'; cancel: boolean }
  | { t: 'timer'; d: number; cancel: boolean };

export const { body: bodyArb } = fc.letrec<{ body: Stmt[]; stmt: Stmt }>((tie) => ({
  body: fc.array(tie('stmt'), { maxLength: 4 }),
  stmt: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant({ t: 'yield' as const }),
    fc.record({ t: fc.constant('sleep' as const), d: fc.constantFrom(0, 0.001, 0.5, 1, 2) }),
    fc.record({ t: fc.constant('waiter' as const), spins: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ t: fc.constant('soon' as const), cancel: fc.boolean() }),
    fc.record({ t: fc.constant('timer' as const), d: fc.constantFrom(0, 0.5, 1), cancel: fc.boolean() }),
    fc.record({ t: fc.constant('call' as const), body: tie('body') }),
    fc.record({ t: fc.constant('spawn' as const), body: tie('body') }),
    fc.record({ t: fc.constant('gather' as const), bodies: fc.array(tie('body'), { maxLength: 3 }) }),
    fc.record({ t: fc.constant('event' as const), waiters: fc.integer({ min: 0, max: 3 }), setter: tie('body') }),
    fc.record({ t: fc.constant('lock' as const), bodies: fc.array(tie('body'), { minLength: 1, maxLength: 3 }) }),
  ) as fc.Arbitrary<Stmt>,
}));

/** What a program returns, from its structure alone. */
export function expected(body: Stmt[]): unknown[] {
  return body.map((s): unknown => {
    switch (s.t) {
      case 'yield':
        return 'y';
      case 'sleep':
        return `s${s.d}`;
      case 'waiter':
        return 'waited';
      case 'soon':
      case 'timer':
        return s.t;
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

export function* runBody(body: Stmt[]): Generator<unknown, unknown[], unknown> {
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
    case 'soon': {
      const handle = getRunningLoop().callSoon(function noop() {});
      if (s.cancel) handle.cancel();
      return 'soon';
    }
    case 'timer': {
      const handle = getRunningLoop().callLater(s.d, function alarm() {});
      // Cancelled after a turn: while still in the heap, or already due in the ready queue.
      yield;
      if (s.cancel) handle.cancel();
      return 'timer';
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

