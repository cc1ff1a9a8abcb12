// Twin of lock_contention.py (`async with lock` is acquire, then release in finally).
import { Lock, createTask, gather, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* worker(lock: Lock, name: string) {
  print(name, 'wants the lock');
  yield* lock.acquire();
  try {
    print(name, 'has the lock');
    yield* sleep(0.01);
    print(name, 'releases');
  } finally {
    lock.release();
  }
}

function* main() {
  const lock = new Lock();
  yield* lock.acquire();
  print('main holds', pyRepr(lock.locked()));
  const tasks = ['a', 'b', 'c'].map((n) => createTask(worker(lock, n)));
  yield* sleep(0);
  print('main releases');
  lock.release();
  yield* gather(...tasks);
  print('locked at the end', pyRepr(lock.locked()));
  try {
    lock.release();
  } catch (error) {
    print((error as Error).name, (error as Error).message);
  }
}

run(main());
