// Twin of semaphore_limit.py.
import { Semaphore, gather, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* worker(sem: Semaphore, name: string, delay: number) {
  yield* sem.acquire();
  try {
    print(name, 'start');
    yield* sleep(delay);
    print(name, 'end');
  } finally {
    sem.release();
  }
  return name;
}

function* main() {
  const sem = new Semaphore(2);
  const names = yield* gather([2.0, 0.8, 1.8, 0.4, 1.2].map((d, i) => worker(sem, `w${i}`, d)));
  print(names, pyRepr(sem.locked()));
}

run(main());
