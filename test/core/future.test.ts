import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancelledError, Future, InvalidStateError } from '../../src/index.js';
import { captured } from '../helpers.js';
import { futureKernel } from '../../src/core/internal.js';

test('a pending future has no result yet', () => {
  const { loop } = captured();
  const fut = new Future<number>(loop);
  assert.equal(fut.done(), false);
  assert.throws(() => fut.result(), InvalidStateError);
  assert.throws(() => fut.exception(), InvalidStateError);
});

test('a future settles once: a second setResult, setException or cancel fails', () => {
  const { loop } = captured();
  const fut = new Future<number>(loop);
  fut.setResult(1);
  assert.equal(fut.result(), 1);
  assert.equal(fut.exception(), undefined);
  assert.throws(() => fut.setResult(2), InvalidStateError);
  assert.throws(() => fut.setException(new Error('x')), InvalidStateError);
  assert.equal(fut.cancel(), false);
  assert.equal(fut.result(), 1);
  assert.equal(fut.cancelled(), false);
});

test('an error is kept and rethrown by result(), even a thrown non-Error', () => {
  const { loop } = captured();
  const fut = new Future(loop);
  const error = new TypeError('bad');
  fut.setException(error);
  assert.equal(fut.hasFailed(), true);
  assert.equal(fut.exception(), error);
  assert.throws(() => fut.result(), (e) => e === error);
  const odd = new Future(loop);
  odd.setException(undefined);
  assert.equal(odd.hasFailed(), true);
  assert.throws(() => odd.result(), (e) => e === undefined);
});

test('cancel: cancelled, never settled; result() throws CancelledError with the message', () => {
  const { loop } = captured();
  const fut = new Future(loop);
  assert.equal(fut.cancel('because'), true);
  assert.equal(fut.cancelled(), true);
  assert.equal(fut.done(), true);
  assert.equal(fut.hasFailed(), false);
  assert.throws(() => fut.result(), (e) => e instanceof CancelledError && e.message === 'because');
  assert.throws(() => fut.setResult(1), InvalidStateError);
});

test('done-callbacks go through the ready queue, never inline, in the order they were added', () => {
  const { loop } = captured();
  const fut = new Future<string>(loop);
  const calls: string[] = [];
  fut.addDoneCallback((f) => calls.push(`first ${f.result()}`));
  fut.addDoneCallback(() => calls.push('second'));
  fut.setResult('x');
  assert.equal(calls.length, 0);
  // Added after settling: scheduled at once, behind the others.
  fut.addDoneCallback(() => calls.push('late'));
  while (loop.step());
  assert.deepEqual(calls, ['first x', 'second', 'late']);
});

test('removeDoneCallback removes every registration of that callback', () => {
  const { loop } = captured();
  const fut = new Future(loop);
  const calls: string[] = [];
  const cb = () => calls.push('cb');
  fut.addDoneCallback(cb);
  fut.addDoneCallback(() => calls.push('other'));
  fut.addDoneCallback(cb);
  assert.equal(fut.removeDoneCallback(cb), 2);
  fut.setResult(undefined);
  while (loop.step());
  assert.deepEqual(calls, ['other']);
});

test('yield* on a settled future returns without yielding; on a pending one it yields the future itself', () => {
  const { loop } = captured();
  const done = new Future<number>(loop);
  done.setResult(7);
  const it = done[Symbol.iterator]();
  assert.deepEqual(it.next(), { value: 7, done: true });

  const pending = new Future<number>(loop);
  const it2 = pending[Symbol.iterator]();
  const first = it2.next();
  assert.equal(first.value, pending);
  assert.equal(futureKernel.blocking(pending), true);
  // Resumed while still pending: the await protocol was bypassed.
  assert.throws(() => it2.next(), /await wasn't used with future/);
});

test('a task parked on a future wakes with its result, or its error thrown in', () => {
  const { loop } = captured();
  const ok = new Future<number>(loop, 'ok');
  const bad = new Future<number>(loop, 'bad');
  function* main() {
    const a = yield* ok;
    try {
      yield* bad;
    } catch (error) {
      return [a, (error as Error).message];
    }
  }
  loop.callLater(1, () => ok.setResult(1));
  loop.callLater(2, () => bad.setException(new Error('nope')));
  assert.deepEqual(loop.runUntilComplete(main()), [1, 'nope']);
});

test('settledBy names the task whose code settled the future (null for a timer)', () => {
  const { loop } = captured();
  const byTask = new Future(loop);
  const byTimer = new Future(loop);
  loop.callLater(1, () => byTimer.setResult(undefined));
  const t = loop.createTask(
    (function* () {
      byTask.setResult(undefined);
      yield* byTimer;
    })(),
  );
  loop.runUntilComplete(t);
  assert.equal(futureKernel.settledBy(byTask), t.id);
  assert.equal(futureKernel.settledBy(byTimer), null);
});
