// Twin of wait_for_cancelled.py.
import { CancelledError, createTask, print, run, sleep, waitFor } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* inner() {
  try {
    yield* sleep(1);
  } catch (e) {
    if (e instanceof CancelledError) print('inner cancelled');
    throw e;
  }
}

function* outer() {
  try {
    yield* waitFor(inner(), 0.5);
  } catch (e) {
    if (e instanceof CancelledError) print('outer cancelled');
    throw e;
  }
}

function* main() {
  const t = createTask(outer());
  yield* sleep(0.05);
  t.cancel();
  try {
    yield* t;
  } catch (e) {
    if (e instanceof CancelledError) print('main sees cancelled', pyRepr(t.cancelled()));
  }
}

run(main());
