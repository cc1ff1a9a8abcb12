// Twin of bounded_semaphore.py.
import { BoundedSemaphore, Semaphore, ValueError, print, run } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* main() {
  const sem = new BoundedSemaphore(2);
  yield* sem.acquire();
  sem.release();
  try {
    sem.release();
  } catch (e) {
    if (e instanceof ValueError) print('ValueError:', e);
  }
  try {
    new Semaphore(-1);
  } catch (e) {
    if (e instanceof ValueError) print('ValueError:', e);
  }
  print(pyRepr(sem.locked()));
}

run(main());
