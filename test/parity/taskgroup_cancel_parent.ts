// Twin of taskgroup_cancel_parent.py.
import { CancelledError, TaskGroup, asyncWith, createTask, gather, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* child(name: string) {
  try {
    yield* sleep(1);
  } catch (e) {
    if (e instanceof CancelledError) print(name, 'cancelled');
    throw e;
  }
}

function* parent() {
  yield* asyncWith(new TaskGroup(), function* (tg) {
    tg.createTask(child('only'));
  });
  print('not reached');
}

function* main() {
  const t = createTask(parent());
  yield* sleep(0.05);
  t.cancel();
  yield* gather([t], { returnExceptions: true });
  print('parent cancelled', pyRepr(t.cancelled()));
}

run(main());
