// Twin of queue_basic.py.
import { Queue, QueueEmpty, QueueFull, ValueError, print, run } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* main() {
  const q = new Queue<string>(2);
  print(q.maxsize, q.qsize(), pyRepr(q.empty()), pyRepr(q.full()));
  q.putNowait('a');
  q.putNowait('b');
  print(q.qsize(), pyRepr(q.empty()), pyRepr(q.full()));
  try {
    q.putNowait('c');
  } catch (e) {
    if (e instanceof QueueFull) print('QueueFull');
  }
  print(q.getNowait(), q.getNowait());
  try {
    q.getNowait();
  } catch (e) {
    if (e instanceof QueueEmpty) print('QueueEmpty');
  }
  q.taskDone();
  q.taskDone();
  try {
    q.taskDone();
  } catch (e) {
    if (e instanceof ValueError) print('ValueError', e);
  }
  yield* q.join();
  print('joined');
}

run(main());
