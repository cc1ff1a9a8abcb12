// Twin of task_cancelling.py.
import { CancelledError, createTask, currentTask, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* stubborn() {
  try {
    yield* sleep(1);
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    const task = currentTask()!;
    print('cancelling', task.cancelling());
    print('uncancel ->', task.uncancel());
  }
  yield* sleep(0);
  return 'survived';
}

function* main() {
  const t = createTask(stubborn());
  yield* sleep(0);
  print(pyRepr(t.cancel()), pyRepr(t.cancel()));
  print('requests', t.cancelling());
  print(yield* t);
  print('after', t.cancelling(), pyRepr(t.cancelled()));
}

run(main());
