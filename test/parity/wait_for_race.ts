// Twin of wait_for_race.py.
import { TimeoutError, print, run, sleep, waitFor } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* work(delay: number) {
  yield* sleep(delay);
  print('work done at its deadline');
  return 'result';
}

function* main() {
  try {
    print(yield* waitFor(work(0.1), 0.1));
  } catch (e) {
    if (e instanceof TimeoutError) print('TimeoutError');
  }
  try {
    print(yield* waitFor(work(0.05), 0.1));
  } catch (e) {
    if (e instanceof TimeoutError) print('TimeoutError');
  }
}

run(main());
