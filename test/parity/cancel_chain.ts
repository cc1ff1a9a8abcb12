// Twin of cancel_chain.py.
import { CancelledError, Task, createTask, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* inner() {
  try {
    yield* sleep(1);
  } finally {
    print('inner finally');
  }
}

function* middle(t: Task<void>) {
  try {
    yield* t;
  } finally {
    print('middle finally');
  }
}

function* main() {
  const i = createTask(inner());
  const m = createTask(middle(i));
  yield* sleep(0);
  print('cancel middle', pyRepr(m.cancel()));
  try {
    yield* m;
  } catch (error) {
    if (error instanceof CancelledError) print('middle cancelled', pyRepr(m.cancelled()), 'inner cancelled', pyRepr(i.cancelled()));
  }
}

run(main());
