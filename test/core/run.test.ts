import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancelledError, createTask, getEventLoop, getRunningLoop, print, run, sleep } from '../../src/index.js';

/** run() with print captured. */
function runCaptured<T>(main: Generator<unknown, T, unknown>): { result: T; lines: string[] } {
  const lines: string[] = [];
  const result = run(main, { write: (line) => lines.push(line) });
  return { result, lines };
}

test('run returns main\'s result and prints through the loop', () => {
  function* main() {
    print('Hello');
    yield* sleep(1);
    print('World');
    return 42;
  }
  assert.deepEqual(runCaptured(main()), { result: 42, lines: ['Hello', 'World'] });
});

test('run rethrows main\'s error', () => {
  function* main(): Generator<unknown, never, unknown> {
    yield;
    throw new SyntaxError('nope');
  }
  assert.throws(() => run(main(), { write: () => {} }), SyntaxError);
});

test('run cancels the tasks main left pending and lets their finally blocks run, as asyncio.run', () => {
  function* leftover(name: string) {
    try {
      yield* sleep(100);
      print(`${name} never`);
    } finally {
      print(`${name} finally`);
    }
  }
  function* stubborn() {
    try {
      yield* sleep(100);
    } catch (error) {
      assert.ok(error instanceof CancelledError);
      // Cleanup may itself await: run waits for it.
      yield* sleep(1);
      print('stubborn cleaned up');
      return 'ignored';
    }
  }
  function* main() {
    createTask(leftover('a'));
    createTask(stubborn());
    createTask(leftover('b'));
    yield;
    print('main returns');
    return 'main';
  }
  const { result, lines } = runCaptured(main());
  assert.equal(result, 'main');
  assert.deepEqual(lines, ['main returns', 'a finally', 'b finally', 'stubborn cleaned up']);
});

test('run cleans up leftovers after main fails too, then rethrows', () => {
  const lines: string[] = [];
  function* leftover() {
    try {
      yield* sleep(10);
    } finally {
      print('cleaned');
    }
  }
  function* main(): Generator<unknown, never, unknown> {
    createTask(leftover());
    yield;
    throw new Error('main failed');
  }
  assert.throws(() => run(main(), { write: (l) => lines.push(l) }), /main failed/);
  assert.deepEqual(lines, ['cleaned']);
});

test('run closes its loop and cannot be nested', () => {
  function* inner() {}
  function* main() {
    assert.throws(() => run(inner()), /cannot be called from a running event loop/);
    return getEventLoop();
  }
  const loop = run(main(), { write: () => {} });
  assert.equal(loop.closed, true);
  assert.notEqual(getEventLoop(), loop);
});

test('run accepts an awaitable object, as run_until_complete does with __await__', () => {
  class ComplexWork {
    *[Symbol.iterator]() {
      print('Hello');
      yield;
      print('World');
    }
  }
  assert.deepEqual(runCaptured(new ComplexWork()[Symbol.iterator]() as Generator<unknown, void, unknown>).lines, ['Hello', 'World']);
});

test('createTask outside a running loop is an error', () => {
  assert.throws(() => createTask(sleep(0)), /no running event loop/);
});

test('loop.stop() before main settles: leftovers and main are cleaned up, then run reports the stop', () => {
  const lines: string[] = [];
  function* other() {
    try {
      yield* sleep(10);
    } finally {
      print('other finally');
    }
  }
  function* main() {
    createTask(other());
    yield;
    getRunningLoop().stop();
    try {
      yield;
      print('main after stop');
    } finally {
      print('main finally');
    }
  }
  assert.throws(() => run(main(), { write: (l) => lines.push(l) }), { name: 'RuntimeError', message: 'Event loop stopped before Future completed.' });
  assert.deepEqual(lines, ['main finally', 'other finally']);
});
