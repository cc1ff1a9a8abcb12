// Twin of cancel_gather.py.
import { CancelledError, createTask, gather, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* child(name: string) {
  try {
    yield* sleep(1);
  } finally {
    print(name, 'finally');
  }
}

function* main() {
  const g = gather(child('a'), child('b'));
  yield* sleep(0);
  print('cancel', pyRepr(g.cancel()));
  try {
    yield* g;
  } catch (error) {
    if (error instanceof CancelledError) print('gather awaiter cancelled');
  }
  const g2 = gather(child('c'), child('d'), { returnExceptions: true });
  yield* sleep(0);
  g2.cancel();
  try {
    yield* g2;
  } catch (error) {
    if (error instanceof CancelledError) print('cancelled even with return_exceptions', pyRepr(g2.cancelled()));
  }

  function* parent() {
    yield* gather(child('e'), child('f'));
  }
  const p = createTask(parent());
  yield* sleep(0);
  yield* sleep(0);
  p.cancel();
  try {
    yield* p;
  } catch (error) {
    if (error instanceof CancelledError) print('parent cancelled', pyRepr(p.cancelled()));
  }
}

run(main());
