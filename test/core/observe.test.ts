import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastChain, observeGenerators, observing, releaseGenerators, resumeDepth, setTopLevelHook } from '../../src/core/observe.js';
import { sleep, type LoopEvent } from '../../src/index.js';
import { captured, lineOf, record, sourceOf } from '../helpers.js';

const source = sourceOf(import.meta.url);
const GeneratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf((function* () {})()));

class Awaitable {
  *[Symbol.iterator]() {
    yield; // chain: Awaitable's yield
  }
}

function* middle() {
  yield* new Awaitable(); // chain: middle awaits
  return 1;
}

function* outer() {
  yield* middle(); // chain: outer awaits
  yield;
}

function observed<T>(body: () => T): T {
  observeGenerators();
  try {
    return body();
  } finally {
    releaseGenerators();
  }
}

test('a yield through two yield* is seen at every level: the chain is outer → middle → the iterator', () => {
  observed(() => {
    const g = outer();
    g.next();
    const chain = lastChain(g);
    assert.equal(chain?.length, 3);
    assert.equal(chain![0], g);
    // The next step yields from outer itself: a one-frame chain.
    g.next();
    assert.equal(lastChain(g)?.length, 1);
    // Done: no chain.
    g.next();
    assert.equal(lastChain(g), null);
  });
});

test('a generator that drives another by hand, then yields, is a chain of its own (not a delegation)', () => {
  observed(() => {
    function* byHand() {
      const it = new Awaitable()[Symbol.iterator]();
      it.next(); // it yields: its result comes back to us, and we yield another
      yield 'mine';
    }
    const g = byHand();
    g.next();
    assert.deepEqual(lastChain(g)?.length, 1);
  });
});

test('installed on demand and removed when the last user releases; counted', () => {
  const next = GeneratorPrototype.next;
  assert.equal(observing(), false);
  observeGenerators();
  observeGenerators();
  assert.notEqual(GeneratorPrototype.next, next);
  releaseGenerators();
  assert.equal(observing(), true);
  releaseGenerators();
  assert.equal(GeneratorPrototype.next, next);
  assert.equal(observing(), false);
  releaseGenerators(); // one too many: harmless
  assert.equal(GeneratorPrototype.next, next);
});

test('the top-level hook sees resumptions made from plain code only, and errors keep the stack balanced', () => {
  observed(() => {
    const seen: string[] = [];
    setTopLevelHook((gen, method, _arg, resume) => {
      seen.push(method);
      assert.equal(resumeDepth(), 0);
      const r = resume();
      assert.equal(resumeDepth(), 0);
      return r;
    });
    try {
      const g = outer();
      g.next(); // outer → middle → Awaitable: one top-level resumption
      g.next();
      function* fails() {
        yield;
        throw new Error('boom');
      }
      const f = fails();
      f.next();
      assert.throws(() => f.next(), /boom/);
      assert.equal(resumeDepth(), 0);
      f.return(undefined);
    } finally {
      setTopLevelHook(null);
    }
    assert.deepEqual(seen, ['next', 'next', 'next', 'next', 'return']);
  });
});

test('with locations, each step-end carries the await chain, named, outermost first; where is its first frame', () => {
  const { loop } = captured({ locations: true });
  const events = record(loop);
  function* task() {
    yield* outer(); // chain: the task awaits
    yield* sleep(1); // chain: parked on sleep
  }
  loop.runUntilComplete(task());
  loop.close();
  const ends = events.filter((e): e is Extract<LoopEvent, { type: 'step-end' }> => e.type === 'step-end');
  const frames = (e: (typeof ends)[number]) => e.chain?.map((f) => `${f.name}:${f.line}`);
  assert.deepEqual(frames(ends[0]!), [
    `task:${lineOf(source, 'chain: the task awaits')}`,
    `outer:${lineOf(source, 'chain: outer awaits')}`,
    `middle:${lineOf(source, 'chain: middle awaits')}`,
    `Awaitable:${lineOf(source, "chain: Awaitable's yield")}`,
  ]);
  assert.equal(ends[0]!.chain![0]!.file, source);
  assert.deepEqual(ends[0]!.where && [ends[0]!.where.file, ends[0]!.where.line], [source, lineOf(source, 'chain: the task awaits')]);
  // The engine's own frames (sleep's timer future) are left out.
  assert.equal(ends[2]!.outcome, 'parked');
  assert.deepEqual(frames(ends[2]!), [`task:${lineOf(source, 'chain: parked on sleep')}`]);
  assert.equal(ends.at(-1)!.chain, undefined, 'a finished task has no chain');
  assert.equal(observing(), false, 'closing the loop removed the wrappers');
});

test('without locations the prototype is left alone and step-ends have no chain', () => {
  const next = GeneratorPrototype.next;
  const { loop } = captured();
  const events = record(loop);
  loop.runUntilComplete(outer());
  assert.equal(GeneratorPrototype.next, next);
  assert.ok(events.every((e) => e.type !== 'step-end' || e.chain === undefined));
});
