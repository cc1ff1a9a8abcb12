// Twin of main_raises.py.
import { createTask, print, run, sleep } from '../../src/index.js';

class ValueError extends Error {
  override name = 'ValueError';
}

function* leftover() {
  try {
    yield* sleep(10);
  } finally {
    print('leftover finally');
  }
}

function* main(): Generator<unknown, never, unknown> {
  createTask(leftover());
  yield* sleep(0);
  print('main raises');
  throw new ValueError('main failed');
}

try {
  run(main());
} catch (error) {
  if (error instanceof ValueError) print('run raised', error.message);
}
