// Twin of timers.py.
import { gather, getRunningLoop, print, run, sleep } from '../../src/index.js';

function* after(delay: number, name: string) {
  yield* sleep(delay);
  print(name);
  return name;
}

function* main() {
  const results = yield* gather(after(0.3, 'c'), after(0.1, 'a1'), after(0.2, 'b'), after(0.1, 'a2'), after(0, 'zero'));
  print(results);
  const loop = getRunningLoop();
  loop.callLater(0.2, print, 'callback 0.2');
  loop.callLater(0.1, print, 'callback 0.1');
  const h = loop.callLater(0.15, print, 'cancelled callback');
  h.cancel();
  yield* sleep(0.3);
  print('end');
}

run(main());
