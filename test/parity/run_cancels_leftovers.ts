// Twin of run_cancels_leftovers.py.
import { CancelledError, createTask, print, run, sleep } from '../../src/index.js';

function* leftover(name: string, cleanupDelay: number) {
  try {
    print(name, 'starts');
    yield* sleep(10);
    print(name, 'never');
  } catch (error) {
    if (error instanceof CancelledError) {
      yield* sleep(cleanupDelay);
      print(name, 'cleaned up');
    }
    throw error;
  } finally {
    print(name, 'finally');
  }
}

function* main() {
  createTask(leftover('a', 0.02));
  createTask(leftover('b', 0.01));
  yield* sleep(0);
  print('main returns');
  return 'main result';
}

print(run(main()));
