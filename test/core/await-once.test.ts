import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RuntimeError, createTask, run, sleep } from '../../src/index.js';

const GeneratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf((function* () {})())) as object;

function* quick() {
  return 'quick';
}

function messageOf(body: () => Generator<unknown, unknown, unknown>): string {
  try {
    run(body());
  } catch (error) {
    assert.ok(error instanceof RuntimeError, String(error));
    return error.message;
  }
  return 'no error';
}

test('a finished coroutine awaited again raises, as CPython: cannot reuse already awaited coroutine', () => {
  const message = messageOf(function* () {
    const c = quick();
    assert.equal(yield* c, 'quick');
    yield* c;
  });
  assert.equal(message, 'cannot reuse already awaited coroutine');
});

test('a coroutine another await is inside raises: coroutine is being awaited already', () => {
  const message = messageOf(function* () {
    const shared = (function* () {
      yield* sleep(1);
    })();
    createTask(
      (function* () {
        yield* shared;
      })(),
    );
    yield* sleep(0);
    yield* shared;
  });
  assert.equal(message, 'coroutine is being awaited already');
});

test("a task's coroutine awaited raises by its task's state", () => {
  assert.equal(
    messageOf(function* () {
      const c = (function* () {
        yield* sleep(1);
      })();
      createTask(c);
      yield* sleep(0);
      yield* c;
    }),
    'coroutine is being awaited already',
  );
  assert.equal(
    messageOf(function* () {
      const c = quick();
      yield* createTask(c);
      yield* c;
    }),
    'cannot reuse already awaited coroutine',
  );
});

test('the guard exists only while a loop runs: %GeneratorPrototype% is left as it was, and plain generators keep their semantics', () => {
  let during = false;
  run(
    (function* () {
      during = Object.prototype.hasOwnProperty.call(GeneratorPrototype, Symbol.iterator);
      yield* sleep(0);
    })(),
  );
  assert.equal(during, true);
  assert.equal(Object.prototype.hasOwnProperty.call(GeneratorPrototype, Symbol.iterator), false);
  // A run that fails removes it too.
  assert.throws(() =>
    run(
      (function* () {
        yield* sleep(0);
        throw new Error('boom');
      })(),
    ),
  );
  assert.equal(Object.prototype.hasOwnProperty.call(GeneratorPrototype, Symbol.iterator), false);
  // Outside a loop, an exhausted generator iterates as nothing, as JavaScript says.
  const g = (function* () {
    yield 1;
  })();
  assert.deepEqual(Array.from(g), [1]);
  assert.deepEqual(Array.from(g), []);
});
