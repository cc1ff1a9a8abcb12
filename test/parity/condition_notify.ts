// Twin of condition_notify.py.
import { Condition, RuntimeError, asyncWith, createTask, gather, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* waiter(cond: Condition, name: string) {
  yield* cond.acquire();
  try {
    print(name, 'waits');
    yield* cond.wait();
    print(name, 'woke, locked', pyRepr(cond.locked()));
  } finally {
    cond.release();
  }
}

function* main() {
  const cond = new Condition();
  const tasks = ['a', 'b', 'c'].map((n) => createTask(waiter(cond, n)));
  yield* sleep(0);
  yield* asyncWith(cond, function* () {
    cond.notify(1);
    print('notified one');
  });
  yield* sleep(0);
  yield* asyncWith(cond, function* () {
    cond.notifyAll();
    print('notified all');
  });
  yield* gather(tasks);
  try {
    cond.notify();
  } catch (e) {
    if (e instanceof RuntimeError) print('RuntimeError:', e);
  }
}

run(main());
