import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LoopEvent } from '../../src/core/events.js';
import { History } from '../../src/player/history.js';
import { View } from '../../src/player/view.js';

/** A batch of `n` print events per tick for ticks from..to. */
function batch(from: number, to: number, seq: { n: number }, perTick = 2): LoopEvent[] {
  const out: LoopEvent[] = [];
  for (let tick = from; tick <= to; tick++) {
    for (let k = 0; k < perTick; k++) out.push({ type: 'print', task: null, text: `t${tick}.${k}`, seq: seq.n++, tick, time: 0 });
  }
  return out;
}

function ticksOf(history: History, from: number, to: number): string[] {
  const seen: string[] = [];
  history.forEach(from, to, (e) => void seen.push(e.type === 'print' ? e.text : e.type));
  return seen;
}

test('forEach visits exactly the events of ticks in (from, to], across batches, and stops when asked', () => {
  const history = new History();
  const seq = { n: 0 };
  history.append(batch(0, 3, seq));
  history.append(batch(4, 4, seq));
  history.append(batch(5, 9, seq));
  history.reached(9);
  assert.deepEqual(ticksOf(history, 2, 5), ['t3.0', 't3.1', 't4.0', 't4.1', 't5.0', 't5.1']);
  assert.deepEqual(ticksOf(history, -1, 0), ['t0.0', 't0.1']);
  const stopped: string[] = [];
  history.forEach(-1, 9, (e) => {
    stopped.push((e as { text: string }).text);
    return stopped.length === 3;
  });
  assert.deepEqual(stopped, ['t0.0', 't0.1', 't1.0']);
});

test('the budget keeps the head and the newest batches; the ticks between are a gap the history says it does not hold', () => {
  const history = new History({ budgetBytes: 20_000, headBytes: 4_000, cacheEvents: 50 });
  const seq = { n: 0 };
  for (let tick = 0; tick < 400; tick += 10) history.append(batch(tick, tick + 9, seq));
  history.reached(399);
  assert.ok(history.bytes <= 20_000 + 4_000, `${history.bytes} bytes held`);
  const head = history.heldFromStart;
  assert.ok(head > 0 && head < 399, `head up to ${head}`);
  assert.ok(history.holds(-1, head));
  assert.ok(!history.holds(-1, 399), 'the middle was dropped');
  assert.ok(history.holds(history.windowStart, 399));
  // What is held reads back exactly, parsed again from text where the cache let go.
  const tail = ticksOf(history, 398, 399);
  assert.deepEqual(tail, ['t399.0', 't399.1']);
  assert.equal(ticksOf(history, -1, 1).length, 4);
  assert.throws(() => history.forEach(-1, 399, () => {}), /no longer held/);
});

test('startFor picks the newest usable checkpoint, else scratch, else null inside the gap', () => {
  const history = new History({ budgetBytes: 20_000, headBytes: 4_000, cacheEvents: 50, maxCheckpoints: 8 });
  const seq = { n: 0 };
  history.append(batch(0, 9, seq));
  history.addCheckpoint(5, new View());
  assert.equal((history.startFor(7) as { tick: number }).tick, 5);
  assert.equal(history.startFor(3), 'scratch');
  for (let tick = 10; tick < 400; tick += 10) {
    history.append(batch(tick, tick + 9, seq));
    history.addCheckpoint(tick + 9, new View());
  }
  history.reached(399);
  assert.ok(history.checkpointCount <= 8);
  const inHead = history.startFor(history.heldFromStart);
  assert.ok(inHead === 'scratch' || (inHead !== null && inHead.tick <= history.heldFromStart), 'the head rebuilds from its start or a checkpoint in it');
  const start = history.startFor(399);
  assert.ok(start !== null && start !== 'scratch' && start.tick >= history.windowStart);
  assert.equal(history.startFor(history.windowStart - 1), null, 'inside the gap: a re-run is needed');
});
