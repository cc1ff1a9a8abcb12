// Twin of queue_cancel_get.py.
import { CancelledError, Queue, createTask, gather, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* getter(q: Queue<string>, name: string) {
  try {
    const item = yield* q.get();
    print(name, 'got', item);
  } catch (e) {
    if (e instanceof CancelledError) print(name, 'cancelled in get');
    throw e;
  }
}

function* main() {
  const q = new Queue<string>();
  const a = createTask(getter(q, 'a'));
  const b = createTask(getter(q, 'b'));
  yield* sleep(0);
  a.cancel();
  q.putNowait('x');
  yield* gather(a, b, { returnExceptions: true });
  print('a', pyRepr(a.cancelled()), 'b', pyRepr(b.cancelled()), 'left', q.qsize());
}

run(main());
