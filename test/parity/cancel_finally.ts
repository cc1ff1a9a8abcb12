// Twin of cancel_finally.py.
import { CancelledError, createTask, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* worker() {
  try {
    for (let i = 0; i < 100; i++) {
      print('working', i);
      yield* sleep(0);
    }
  } finally {
    print('worker finally');
  }
}

function* sleeper() {
  try {
    yield* sleep(10);
  } catch (error) {
    if (error instanceof CancelledError) print('sleeper cancelled');
    throw error;
  } finally {
    print('sleeper finally');
  }
}

function* main() {
  const w = createTask(worker());
  const s = createTask(sleeper());
  yield* sleep(0);
  yield* sleep(0);
  print('cancel worker', pyRepr(w.cancel()));
  print('cancel sleeper', pyRepr(s.cancel()));
  print('cancel again', pyRepr(w.cancel()));
  for (const t of [w, s]) {
    try {
      yield* t;
    } catch (error) {
      if (error instanceof CancelledError) print('awaiter sees CancelledError');
    }
  }
  print('cancelled?', pyRepr(w.cancelled()), pyRepr(s.cancelled()));
  print('cancel a done task', pyRepr(w.cancel()));
}

run(main());
