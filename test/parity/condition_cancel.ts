// Twin of condition_cancel.py.
import { CancelledError, Condition, createTask, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* waiter(cond: Condition) {
  yield* cond.acquire();
  try {
    try {
      yield* cond.wait();
    } catch (e) {
      if (e instanceof CancelledError) print('cancelled, locked', pyRepr(cond.locked()));
      throw e;
    }
  } finally {
    cond.release();
  }
}

function* main() {
  const cond = new Condition();
  const t = createTask(waiter(cond));
  yield* sleep(0);
  yield* cond.acquire();
  t.cancel();
  yield* sleep(0);
  print('holder still has it', pyRepr(cond.locked()));
  cond.release();
  try {
    yield* t;
  } catch (e) {
    if (e instanceof CancelledError) print('task cancelled', pyRepr(t.cancelled()), 'locked', pyRepr(cond.locked()));
  }
}

run(main());
