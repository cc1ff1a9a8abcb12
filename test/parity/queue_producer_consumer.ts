// Twin of queue_producer_consumer.py.
import { Queue, createTask, gather, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* producer(q: Queue<number>) {
  for (let i = 0; i < 6; i++) {
    yield* q.put(i);
    print('put', i, 'size', q.qsize());
  }
  print('producer done');
}

function* consumer(q: Queue<number>, name: string) {
  for (;;) {
    const item = yield* q.get();
    print(name, 'got', item);
    yield* sleep(0);
    q.taskDone();
  }
}

function* main() {
  const q = new Queue<number>(2);
  const consumers = ['c1', 'c2'].map((n) => createTask(consumer(q, n)));
  yield* producer(q);
  yield* q.join();
  print('all processed');
  for (const c of consumers) c.cancel();
  yield* gather(consumers, { returnExceptions: true });
  print('consumers', pyRepr(consumers.map((c) => c.cancelled())));
}

run(main());
