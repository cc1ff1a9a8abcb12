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

test('smallest(k, live) is the k smallest live entries in order, without removing any; retain and copy keep the order', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.boolean()), { maxLength: 80 }),
      fc.integer({ min: 0, max: 12 }),
      (specs, k) => {
        const heap = new TimerHeap<Entry>();
        const dead = new Set<number>();
        specs.forEach(([deadline, isDead], seq) => {
          heap.push({ deadline, seq });
          if (isDead) dead.add(seq);
        });
        const live = (e: Entry) => !dead.has(e.seq);
        const expected = specs
          .map(([deadline], seq) => ({ deadline, seq }))
          .filter(live)
          .sort((a, b) => a.deadline - b.deadline || a.seq - b.seq);
        assert.deepEqual(heap.smallest(k, live), expected.slice(0, k));
        assert.equal(heap.size, specs.length);
        const copy = heap.copy();
        heap.retain(live);
        assert.equal(heap.size, expected.length);
        assert.deepEqual(heap.smallest(Infinity, () => true), expected);
        // The copy is another heap: the retain did not touch it.
        assert.equal(copy.size, specs.length);
        copy.push({ deadline: -1, seq: 1000 });
        assert.equal(heap.peek()?.seq, expected[0]?.seq);
      },
    ),
  );
});
