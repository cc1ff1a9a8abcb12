// Twin of seed001_waiter_sleep.py: the seed's sleep(1), in virtual seconds.
import { Waiter, gather, newEventLoop, print, setEventLoop, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

const waiter = new Waiter();

function* coro1() {
  print('start');
  yield* waiter;
  print('finished');
}

function* coro2() {
  for (let i = 0; i < 10; i++) {
    print(i);
    yield* sleep(1);
  }
  waiter.done = true;
}

const loop = newEventLoop();
setEventLoop(loop);
print(pyRepr(loop.runUntilComplete(gather(coro1(), coro2()))));
