// Twin of cancel_message.py.
import { CancelledError, createTask, formatRepr, gather, print, run, sleep } from '../../src/index.js';

function* sleeper() {
  yield* sleep(1);
}

function* catcher() {
  try {
    yield* sleep(1);
  } catch (error) {
    if (error instanceof CancelledError) print('inside', formatRepr(error));
    throw error;
  }
}

function* main() {
  for (const message of [undefined, 'stop now']) {
    const t = createTask(catcher());
    yield* sleep(0);
    t.cancel(message);
    try {
      yield* t;
    } catch (error) {
      if (error instanceof CancelledError) print('awaiter', formatRepr(error));
    }
    try {
      yield* t; // the escaped error went to the first awaiter; this one gets a fresh one
    } catch (error) {
      if (error instanceof CancelledError) print('second awaiter', formatRepr(error));
    }
  }
  const a = createTask(sleeper());
  const b = createTask(sleeper());
  yield* sleep(0);
  a.cancel();
  b.cancel('bye');
  print(yield* gather(a, b, { returnExceptions: true }));
}

run(main());
