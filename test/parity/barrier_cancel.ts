// Twin of barrier_cancel.py.
import { Barrier, createTask, gather, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* main() {
  const barrier = new Barrier(2);
  const t = createTask(barrier.wait());
  yield* sleep(0);
  print('waiting', barrier.nWaiting);
  t.cancel();
  yield* gather([t], { returnExceptions: true });
  print('after cancel', barrier.nWaiting, pyRepr(t.cancelled()), pyRepr(barrier.broken));
}

run(main());
