// Twin of seed002_waiter_gather.py.
import { Waiter, gather, newEventLoop, print, setEventLoop, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* waitJob(waiter: Waiter) {
  print('start');
  yield* waiter; // wait for countUpTo to be finished
  print('finished');
}

function* countUpTo(waiter: Waiter, n: number) {
  for (let i = 0; i < n; i++) {
    print(i);
    yield* sleep(0);
  }
  waiter.done = true;
}

const loop = newEventLoop();
setEventLoop(loop);
const waiter = new Waiter();
print(pyRepr(loop.runUntilComplete(gather(waitJob(waiter), countUpTo(waiter, 10)))));
