// Twin of complexwork_runner.py.
import { newEventLoop, print } from '../../src/index.js';

class ComplexWork {
  *[Symbol.iterator]() {
    print('Hello');
    yield;
    print('World');
  }
}

function* runner() {
  yield* new ComplexWork();
  return 'runner done';
}

const loop = newEventLoop();
print(loop.runUntilComplete(runner()));
