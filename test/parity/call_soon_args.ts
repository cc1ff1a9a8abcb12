// Twin of call_soon_args.py.
import { getRunningLoop, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function show(...args: unknown[]) {
  print('called with', ...args);
}

function* main() {
  const loop = getRunningLoop();
  loop.callSoon(show, 'a', 'b', 3);
  loop.callLater(0.05, show, 'later', 1, 2);
  loop.callSoon(show);
  yield* sleep(0.1);
}

run(main());
