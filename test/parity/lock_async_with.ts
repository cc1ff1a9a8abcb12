// Twin of lock_async_with.py.
import { Lock, Semaphore, ValueError, asyncWith, print, run } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* main() {
  const lock = new Lock();
  try {
    yield* asyncWith(lock, function* () {
      print('inside, locked', pyRepr(lock.locked()));
      throw new ValueError('oops');
    });
  } catch (e) {
    if (e instanceof ValueError) print('raised', e, 'locked', pyRepr(lock.locked()));
  }
  const sem = new Semaphore(1);
  yield* asyncWith(sem, function* () {
    print('sem locked', pyRepr(sem.locked()));
  });
  print('sem locked', pyRepr(sem.locked()));
}

run(main());
