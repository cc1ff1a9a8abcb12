import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TimerHeap } from '../../src/core/heap.js';

interface Entry {
  deadline: number;
  seq: number;
}

test('pops in (deadline, seq) order whatever the push order', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 60 }), (deadlines) => {
      const heap = new TimerHeap<Entry>();
      const entries = deadlines.map((deadline, seq) => ({ deadline, seq }));
      for (const e of entries) heap.push(e);
      assert.equal(heap.size, entries.length);
      const popped: Entry[] = [];
      while (heap.size > 0) popped.push(heap.pop()!);
      const expected = [...entries].sort((a, b) => a.deadline - b.deadline || a.seq - b.seq);
      assert.deepEqual(popped, expected);
    }),
  );
});

test('interleaved pushes and pops always pop the smallest entry present', () => {
  fc.assert(
    fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }), { maxLength: 80 }), (ops) => {
      const heap = new TimerHeap<Entry>();
      const model: Entry[] = [];
      let seq = 0;
      for (const op of ops) {
        if (op === undefined) {
          model.sort((a, b) => a.deadline - b.deadline || a.seq - b.seq);
          assert.deepEqual(heap.peek(), model[0]);
          assert.deepEqual(heap.pop(), model.shift());
        } else {
          const e = { deadline: op, seq: seq++ };
          heap.push(e);
          model.push(e);
        }
        assert.equal(heap.size, model.length);
      }
    }),
  );
});

test('an empty heap peeks and pops undefined', () => {
  const heap = new TimerHeap<Entry>();
  assert.equal(heap.peek(), undefined);
  assert.equal(heap.pop(), undefined);
  assert.deepEqual(heap.values(), []);
});
