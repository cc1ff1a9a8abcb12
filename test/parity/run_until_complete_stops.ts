// Twin of run_until_complete_stops.py.
import { getRunningLoop, newEventLoop, print, sleep } from '../../src/index.js';

function* spin() {
  for (let i = 0; ; i++) {
    print('spin', i);
    yield* sleep(0);
  }
}

function* main() {
  getRunningLoop().createTask(spin());
  yield* sleep(0);
  print('main done');
}

const loop = newEventLoop();
loop.runUntilComplete(main());
print('-- again');
loop.runUntilComplete(sleep(0));
