// Twin of four.py: gen.next() is coro.send(None), { done: true, value } is StopIteration.value.
import { print, run } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* two() {
  return 2;
}

function* four() {
  return (yield* two()) + (yield* two());
}

function coroManager<T>(coro: Generator<unknown, T>): T | undefined {
  const step = coro.next();
  return step.done ? step.value : undefined;
}

function frenticCoroManager<T>(coro: Generator<unknown, T>): T {
  for (;;) {
    const step = coro.next();
    if (step.done) return step.value;
  }
}

class Awaitable {
  *[Symbol.iterator]() {
    yield;
  }
}

function* wontTerminateHere() {
  yield* new Awaitable();
  print('Terminated');
  return 42;
}

const step = four().next();
if (step.done) print('StopIteration', step.value);
print(coroManager(four()));
print(pyRepr(coroManager(wontTerminateHere())));
print(frenticCoroManager(wontTerminateHere()));
print(run(four()));
print(run(wontTerminateHere()));
