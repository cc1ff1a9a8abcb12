// Twin of queue_cancel_put.py.
import { CancelledError, Queue, createTask, gather, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* putter(q: Queue<string>, item: string) {
  try {
    yield* q.put(item);
    print('put', item);
  } catch (e) {
    if (e instanceof CancelledError) print('cancelled putting', item);
    throw e;
  }
}

function* main() {
  const q = new Queue<string>(1);
  q.putNowait('first');
  const a = createTask(putter(q, 'a'));
  const b = createTask(putter(q, 'b'));
  yield* sleep(0);
  a.cancel();
  print('got', q.getNowait());
  yield* gather(a, b, { returnExceptions: true });
  print('left', q.getNowait(), q.qsize());
}

run(main());
