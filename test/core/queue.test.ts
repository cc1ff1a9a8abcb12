import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { RingQueue } from '../../src/core/queue.js';

type Op = { push: number } | { shift: true } | { removeAt: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ push: fc.integer() }),
  fc.constant({ shift: true as const }),
  fc.record({ removeAt: fc.integer({ min: -1, max: 40 }) }),
);

test('behaves as an array under push, shift and removeAt, across growth and wrap-around', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
      const queue = new RingQueue<number>();
      const model: number[] = [];
      for (const o of ops) {
        if ('push' in o) {
          queue.push(o.push);
          model.push(o.push);
        } else if ('shift' in o) {
          assert.equal(queue.shift(), model.shift());
        } else {
          const expected = o.removeAt >= 0 && o.removeAt < model.length ? model.splice(o.removeAt, 1)[0] : undefined;
          assert.equal(queue.removeAt(o.removeAt), expected);
        }
        assert.equal(queue.length, model.length);
      }
      assert.deepEqual(queue.toArray(), model);
      model.forEach((v, i) => assert.equal(queue.at(i), v));
      assert.equal(queue.at(model.length), undefined);
      assert.equal(queue.at(-1), undefined);
    }),
  );
});

test('FIFO through several growths with the head in the middle of the buffer', () => {
  const queue = new RingQueue<number>();
  for (let i = 0; i < 10; i++) queue.push(i);
  for (let i = 0; i < 7; i++) queue.shift();
  for (let i = 10; i < 100; i++) queue.push(i);
  const out: number[] = [];
  while (queue.length > 0) out.push(queue.shift()!);
  assert.deepEqual(out, Array.from({ length: 93 }, (_, i) => i + 7));
  assert.equal(queue.shift(), undefined);
});

test('insertAt puts an item at its index, later ones moved back, across the ring\'s wrap', () => {
  const q = new RingQueue<number>();
  for (let i = 0; i < 14; i++) q.push(i);
  for (let i = 0; i < 10; i++) q.shift(); // head near the end of the buffer: inserts wrap
  q.insertAt(1, 99);
  q.insertAt(0, 98);
  q.insertAt(100, 97);
  assert.deepEqual(q.toArray(), [98, 10, 99, 11, 12, 13, 97]);
});
