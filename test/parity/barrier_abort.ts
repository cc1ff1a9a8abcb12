// Twin of barrier_abort.py.
import { Barrier, BrokenBarrierError, createTask, gather, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* party(barrier: Barrier, name: string) {
  try {
    yield* barrier.wait();
    print(name, 'passed');
  } catch (e) {
    if (e instanceof BrokenBarrierError) print(name, 'BrokenBarrierError:', e);
    else throw e;
  }
}

function* main() {
  const barrier = new Barrier(3);
  const tasks = ['a', 'b'].map((n) => createTask(party(barrier, n)));
  yield* sleep(0);
  yield* barrier.abort();
  yield* gather(tasks);
  yield* party(barrier, 'late');
  print('broken', pyRepr(barrier.broken));
}

run(main());
