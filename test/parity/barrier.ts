// Twin of barrier.py.
import { Barrier, gather, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* party(barrier: Barrier, name: string, delay: number) {
  for (let rnd = 0; rnd < 2; rnd++) {
    yield* sleep(delay);
    print(name, 'arrives, waiting', barrier.nWaiting);
    const index = yield* barrier.wait();
    print(name, 'passes round', rnd, 'index', index);
  }
}

function* main() {
  const barrier = new Barrier(3);
  yield* gather(party(barrier, 'a', 0.05), party(barrier, 'b', 0.1), party(barrier, 'c', 0.15));
  print('parties', barrier.parties, 'broken', pyRepr(barrier.broken));
}

run(main());
