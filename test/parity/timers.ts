// Twin of timers.py.
import { gather, getRunningLoop, print, run, sleep } from '../../src/index.js';

function* after(delay: number, name: string) {
  yield* sleep(delay);
  print(name);
  return name;
}

function* main() {
  const results = yield* gather(after(0.03, 'c'), after(0.01, 'a1'), after(0.02, 'b'), after(0.01, 'a2'), after(0, 'zero'));
  print(results);
  const loop = getRunningLoop();
  loop.callLater(0.02, print, 'callback 0.02');
  loop.callLater(0.01, print, 'callback 0.01');
  const h = loop.callLater(0.015, print, 'cancelled callback');
  h.cancel();
  yield* sleep(0.03);
  print('end');
}

run(main());
