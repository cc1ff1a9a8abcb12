// Twin of semaphore_cancel.py.
import { CancelledError, Semaphore, createTask, gather, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* waiter(sem: Semaphore, name: string) {
  try {
    yield* sem.acquire();
  } catch (e) {
    if (e instanceof CancelledError) print(name, 'cancelled');
    throw e;
  }
  print(name, 'acquired');
  sem.release();
}

function* main() {
  const sem = new Semaphore(1);
  yield* sem.acquire();
  const a = createTask(waiter(sem, 'a'));
  const b = createTask(waiter(sem, 'b'));
  const c = createTask(waiter(sem, 'c'));
  yield* sleep(0);
  a.cancel();
  sem.release();
  b.cancel();
  yield* gather(a, b, c, { returnExceptions: true });
  print('locked', pyRepr(sem.locked()));
}

run(main());
