// Twin of wait_for_timeout.py.
import { CancelledError, TimeoutError, createTask, print, run, sleep, waitFor } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* slow(name: string, delay: number) {
  try {
    yield* sleep(delay);
    print(name, 'finished');
    return name;
  } catch (e) {
    if (e instanceof CancelledError) print(name, 'cancelled');
    throw e;
  }
}

function* main() {
  print(yield* waitFor(slow('fast', 0.05), 0.2));
  const task = createTask(slow('slow', 1));
  try {
    yield* waitFor(task, 0.1);
  } catch (e) {
    if (e instanceof TimeoutError) print('TimeoutError', pyRepr(task.cancelled()));
  }
  try {
    yield* waitFor(slow('zero', 0.05), 0);
  } catch (e) {
    if (e instanceof TimeoutError) print('TimeoutError at once');
  }
  print(yield* waitFor(slow('none', 0.05), null));
}

run(main());
