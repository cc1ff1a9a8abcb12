// Twin of coroutine_reuse.py.
import { RuntimeError, createTask, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* work() {
  yield* sleep(0);
  return 'w';
}

function* main() {
  const coro = work();
  const task = createTask(coro);
  yield* sleep(0);
  try {
    yield* coro;
  } catch (e) {
    if (e instanceof RuntimeError) print('RuntimeError:', e);
  }
  print(yield* task);
  try {
    yield* coro;
  } catch (e) {
    if (e instanceof RuntimeError) print('RuntimeError:', e);
  }
}

run(main());
