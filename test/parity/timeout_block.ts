// Twin of timeout_block.py.
import { CancelledError, TimeoutError, asyncWith, currentTask, getRunningLoop, print, run, sleep, timeout, timeoutAt } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* main() {
  let cm = timeout(0.2);
  try {
    yield* asyncWith(cm, function* () {
      try {
        yield* sleep(1);
      } catch (e) {
        if (e instanceof CancelledError) print('block cancelled');
        throw e;
      }
    });
  } catch (e) {
    if (e instanceof TimeoutError) print('TimeoutError, expired', pyRepr(cm.expired()));
  }
  cm = timeout(0.2);
  yield* asyncWith(cm, function* () {
    yield* sleep(0.05);
  });
  print('in time, expired', pyRepr(cm.expired()));
  const loop = getRunningLoop();
  try {
    yield* asyncWith(timeoutAt(loop.time() + 0.05), function* (cm) {
      cm.reschedule(loop.time() + 0.2);
      yield* sleep(0.1);
      print('rescheduled: still running');
      yield* sleep(1);
    });
  } catch (e) {
    if (e instanceof TimeoutError) print('TimeoutError after reschedule');
  }
  print('cancelling', currentTask()!.cancelling());
}

run(main());
