import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancelledError, RuntimeError, createTask, run, sleep } from '../../src/index.js';

const GeneratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf((function* () {})())) as object;
const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as object;
const inherited = (IteratorPrototype as Record<symbol, unknown>)[Symbol.iterator];
/** Whether each hook is in force: generators answer [Symbol.iterator] with another function than the one they inherit; iterators have a throw(). */
const hooked = () => [(GeneratorPrototype as Record<symbol, unknown>)[Symbol.iterator] !== inherited, Object.prototype.hasOwnProperty.call(IteratorPrototype, 'throw')];

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

test('the hooks are in force only while a loop runs: after it the prototypes behave as they did, and plain iterators keep their semantics', () => {
  let during: boolean[] = [];
  run(
    (function* () {
      during = hooked();
      yield* sleep(0);
    })(),
  );
  assert.deepEqual(during, [true, true]);
  assert.deepEqual(hooked(), [false, false]);
  // A run that fails removes it too.
  assert.throws(() =>
    run(
      (function* () {
        yield* sleep(0);
        throw new Error('boom');
      })(),
    ),
  );
  assert.deepEqual(hooked(), [false, false]);
  assert.equal(typeof ([].values() as { throw?: unknown }).throw, 'undefined');
  // Outside a loop, an exhausted generator iterates as nothing, as JavaScript says.
  const g = (function* () {
    yield 1;
  })();
  assert.deepEqual(Array.from(g), [1]);
  assert.deepEqual(Array.from(g), []);
});

test('a task cancelled inside an await on a built-in iterator (no throw) sees CancelledError there, as CPython', () => {
  const seen: string[] = [];
  run(
    (function* () {
      const t = createTask(
        (function* () {
          try {
            yield* { [Symbol.iterator]: () => [undefined, undefined, undefined].values() };
          } catch (error) {
            seen.push(error instanceof CancelledError ? 'CancelledError' : String(error));
            throw error;
          }
        })(),
      );
      yield* sleep(0);
      t.cancel();
      try {
        yield* t;
      } catch (error) {
        seen.push(`awaiter: ${error instanceof CancelledError ? 'CancelledError' : String(error)}`, `cancelled: ${t.cancelled()}`);
      }
    })(),
  );
  assert.deepEqual(seen, ['CancelledError', 'awaiter: CancelledError', 'cancelled: true']);
});

test('a hand-written iterator without throw: its finally runs, the task ends cancelled, and stderr says why its catch saw a TypeError', () => {
  const written: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
  const seen: string[] = [];
  try {
    run(
      (function* () {
        const t = createTask(
          (function* forever() {
            try {
              yield* { [Symbol.iterator]: () => ({ next: () => ({ done: false, value: undefined }) }) };
            } finally {
              seen.push('finally');
            }
          })(),
        );
        yield* sleep(0);
        t.cancel();
        yield* sleep(0);
        seen.push(`cancelled: ${t.cancelled()}`);
      })(),
    );
  } finally {
    process.stderr.write = write;
  }
  assert.deepEqual(seen, ['finally', 'cancelled: true']);
  assert.equal(written.length, 1);
  assert.match(written[0]!, /^Task-\d+: CancelledError could not be raised at its await: the iterator it awaits has no throw\(\) method/);
});
