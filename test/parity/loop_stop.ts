// Twin of loop_stop.py.
import { RuntimeError, createTask, getRunningLoop, print, run, sleep } from '../../src/index.js';

function* other() {
  try {
    yield* sleep(10);
  } finally {
    print('other finally');
  }
}

function* main() {
  createTask(other());
  yield* sleep(0);
  getRunningLoop().stop();
  try {
    yield* sleep(0);
    print('main after stop');
    yield* sleep(0);
    print('main never');
  } finally {
    print('main finally');
  }
}

try {
  run(main());
} catch (error) {
  if (error instanceof RuntimeError) print('RuntimeError', error.message);
}
