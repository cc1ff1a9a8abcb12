import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gather, Loop, print, run, setEventLoop, sleep, Waiter } from '../../src/index.js';

test('the seed Waiter example prints start, 0..9, finished and returns [undefined, undefined]', () => {
  const lines: string[] = [];
  const loop = new Loop({ write: (line) => lines.push(line) });
  setEventLoop(loop);
  const waiter = new Waiter();
  function* waitJob(w: Waiter) {
    print('start');
    yield* w;
    print('finished');
  }
  function* countUpTo(w: Waiter, n: number) {
    for (let i = 0; i < n; i++) {
      print(i);
      yield* sleep(0);
    }
    w.done = true;
  }
  const result = loop.runUntilComplete(gather(waitJob(waiter), countUpTo(waiter, 10)));
  assert.deepEqual(lines, ['start', ...Array.from({ length: 10 }, (_, i) => String(i)), 'finished']);
  assert.deepEqual(result, [undefined, undefined]);
});

test('run returns the value carried by the end of iteration', () => {
  function* two() {
    return 2;
  }
  function* four() {
    return (yield* two()) + (yield* two());
  }
  assert.equal(run(four()), 4);
});
