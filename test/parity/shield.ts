// Twin of shield.py.
import { CancelledError, createTask, gather, print, run, shield, sleep, type Task } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* precious() {
  yield* sleep(0.1);
  print('precious finished');
  return 'kept';
}

function* waiter(task: Task<string>) {
  try {
    return yield* shield(task);
  } catch (e) {
    if (e instanceof CancelledError) print('waiter cancelled');
    throw e;
  }
}

function* main() {
  const task = createTask(precious());
  const w = createTask(waiter(task));
  yield* sleep(0.05);
  w.cancel();
  yield* gather([w], { returnExceptions: true });
  print('task cancelled?', pyRepr(task.cancelled()));
  print(yield* task);
}

run(main());
