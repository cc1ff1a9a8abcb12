import assert from 'node:assert/strict';
import { test } from 'node:test';
import { POLICY_NAMES, SeededRandom, RuntimeError, createTask, fifo, oneSend, policyByName, print, randomChoice, run, untilDone, type Policy } from '../../src/index.js';
import { captured, record } from '../helpers.js';

// The seeds' Tum/Pak: two coroutines printing after each bare yield.
function* beat(word: string, n: number) {
  for (let i = 0; i < n; i++) {
    yield;
    print(word);
  }
}
function* tumPak(n: number) {
  const a = createTask(beat('Tum', n));
  const b = createTask(beat('Pak', n));
  yield* a;
  yield* b;
}

function trace(policy: 'asyncio' | 'random' | Policy, seed: number, n = 10): string[] {
  const { loop, lines } = captured({ policy, seed });
  loop.runUntilComplete(tumPak(n));
  return lines;
}

test('asyncio policy alternates Tum and Pak strictly', () => {
  assert.deepEqual(trace('asyncio', 1, 3), ['Tum', 'Pak', 'Tum', 'Pak', 'Tum', 'Pak']);
});

test('random policy: same seed, same run; the words come out shuffled, ten of each', () => {
  const a = trace('random', 42);
  const b = trace('random', 42);
  assert.deepEqual(a, b);
  assert.equal(a.filter((w) => w === 'Tum').length, 10);
  assert.equal(a.filter((w) => w === 'Pak').length, 10);
  const runs = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => trace('random', seed).join(' '));
  assert.ok(new Set(runs).size > 1, 'different seeds give different interleavings');
  assert.ok(runs.some((r) => r !== trace('asyncio', 1).join(' ')), 'random is not FIFO');
});

test('random policy draws as random.choice over the ready queue and the pick events show the drawn index', () => {
  const { loop } = captured({ policy: 'random', seed: 7 });
  const events = record(loop);
  loop.runUntilComplete(tumPak(2));
  const picks = events.filter((e) => e.type === 'pick');
  assert.ok(picks.length > 0);
  const replay = new SeededRandom(7);
  for (const p of picks) {
    if (p.type !== 'pick') continue;
    assert.equal(p.draw, p.index);
    assert.equal(p.index, replay.below(p.candidates), 'the same draw as _randbelow(len(ready)) from random.seed(7)');
  }
});

test("oneSend is the seeds' coro_manager: one send, then stop", () => {
  function* two() {
    return 2;
  }
  function* four() {
    return (yield* two()) + (yield* two());
  }
  const { loop } = captured({ policy: oneSend });
  const fut = loop.start(four());
  while (loop.step());
  assert.equal(fut.result(), 4);

  // wont_terminate_here: one send reaches the bare yield and the manager stops there.
  function* wontTerminateHere() {
    yield;
    print('Terminated');
    return 42;
  }
  const second = captured({ policy: oneSend });
  const events = record(second.loop);
  const pending = second.loop.start(wontTerminateHere());
  while (second.loop.step());
  assert.equal(pending.done(), false);
  assert.deepEqual(second.lines, []);
  assert.equal(second.loop.finished, true);
  assert.deepEqual(events.at(-1), { type: 'loop-end', outcome: 'stopped', seq: events.length - 1, tick: 1, time: 0 });
});

test("untilDone is the seeds' frenetic_coro_manager: send until the coroutine returns", () => {
  function* wontTerminateHere() {
    yield;
    print('Terminated');
    return 42;
  }
  const { loop, lines } = captured({ policy: untilDone });
  assert.equal(loop.runUntilComplete(wontTerminateHere()), 42);
  assert.deepEqual(lines, ['Terminated']);
});

test('a policy written by a demo (LIFO) drives the loop, and its name is reported', () => {
  const lifo: Policy = function lifo(ready) {
    return ready.length() - 1;
  };
  const { loop } = captured({ policy: lifo });
  const events = record(loop);
  const order: number[] = [];
  loop.start(loop.createFuture('never settled'));
  for (let i = 0; i < 3; i++) loop.callSoon(() => order.push(i));
  while (loop.step());
  assert.deepEqual(order, [2, 1, 0]);
  assert.equal(loop.policyName, 'lifo');
  assert.deepEqual(events[0], { type: 'loop-start', seed: 1, policy: 'lifo', seq: 0, tick: 0, time: 0 });
});

test('a policy that picks outside the ready queue is a RuntimeError', () => {
  const { loop } = captured({ policy: () => 5 });
  loop.callSoon(() => undefined);
  assert.throws(() => loop.step(), RuntimeError);
});

test('the policy sees the ready queue: tasks by id and name, callbacks by label', () => {
  const seen: string[] = [];
  const spy: Policy = (ready) => {
    for (let i = 0; i < ready.length(); i++) seen.push(ready.get(i)!.label);
    return 0;
  };
  const { loop } = captured({ policy: spy });
  loop.createTask((function* () {})(), 'job');
  loop.callSoon(function tidy() {});
  loop.step();
  assert.deepEqual(seen, ['job', 'tidy']);
});

test('policyByName knows asyncio (the built-in FIFO path) and random', () => {
  assert.deepEqual(POLICY_NAMES, ['asyncio', 'random']);
  assert.equal(policyByName('asyncio'), null);
  assert.equal(policyByName('random'), randomChoice);
  assert.throws(() => policyByName('lifo'), TypeError);
  assert.throws(() => run((function* () {})(), { policy: 'nope' as 'random' }), /unknown policy 'nope'/);
  // fifo as a function gives the same order as the fast path.
  assert.deepEqual(trace(fifo, 1, 3), trace('asyncio', 1, 3));
});
