// Twin of lock_cancel.py.
import { CancelledError, Lock, createTask, gather, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* worker(lock: Lock, name: string) {
  try {
    yield* lock.acquire();
  } catch (error) {
    if (error instanceof CancelledError) print(name, 'cancelled while waiting');
    throw error;
  }
  print(name, 'has the lock');
  lock.release();
  return name;
}

function* main() {
  const lock = new Lock();
  yield* lock.acquire();
  const b = createTask(worker(lock, 'b'));
  const c = createTask(worker(lock, 'c'));
  yield* sleep(0);
  lock.release();
  b.cancel();
  const results = yield* gather(b, c, { returnExceptions: true });
  print(results);
  print('locked', pyRepr(lock.locked()));
}

run(main());
