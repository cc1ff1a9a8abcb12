/**
 * Property tests over random programs: trees of tasks doing bare yields, sleeps with
 * small delays, awaits of sub-coroutines, spawned tasks, gathers, Events set by another
 * task, Locks and the seeds' polling Waiter. Each program is data; an interpreter runs it
 * on the loop and a pure function says what it must return.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Loop, type LoopEvent, type PolicyName } from '../../src/index.js';
import { resetTaskNames } from '../../src/core/internal.js';
import { bodyArb, expected, runBody, type Stmt } from './programs.js';

const BUDGET = 2_000_000;

/** Run a program on a fresh loop; the budget turns a hang into a failure. */
function execute(program: Stmt[], policy: PolicyName, seed: number) {
  resetTaskNames(); // a program run of its own, as in a fresh process
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
