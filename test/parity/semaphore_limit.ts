// Twin of semaphore_limit.py.
import { Semaphore, gather, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* worker(sem: Semaphore, name: string, turns: number) {
  yield* sem.acquire();
  try {
    print(name, 'start');
    for (let i = 0; i < turns; i++) yield* sleep(0);
    print(name, 'end');
  } finally {
    sem.release();
  }
  return name;
}

function* main() {
  const sem = new Semaphore(2);
  const names = yield* gather([5, 2, 4, 1, 3].map((t, i) => worker(sem, `w${i}`, t)));
  print(names, pyRepr(sem.locked()));
}

run(main());
