// Twin of taskgroup_fail.py.
import { CancelledError, ExceptionGroup, ValueError, asyncWith, currentTask, print, run, sleep, TaskGroup } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* ok(delay: number) {
  try {
    yield* sleep(delay);
    print('ok finished');
  } catch (e) {
    if (e instanceof CancelledError) print('ok cancelled');
    throw e;
  }
}

function* bad(delay: number) {
  yield* sleep(delay);
  throw new ValueError('bad failed');
}

function* main() {
  try {
    yield* asyncWith(new TaskGroup(), function* (tg) {
      tg.createTask(ok(1));
      tg.createTask(bad(0.05));
      try {
        yield* sleep(1);
      } catch (e) {
        if (e instanceof CancelledError) print('block cancelled');
        throw e;
      }
    });
  } catch (e) {
    if (e instanceof ExceptionGroup) print('caught', e, pyRepr(e.exceptions.map((x) => (x as Error).message)));
  }
  print('cancelling', currentTask()!.cancelling());
}

run(main());
