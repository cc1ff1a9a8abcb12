// Twin of complexwork_loop.py: [Symbol.iterator] is __await__.
import { newEventLoop, print } from '../../src/index.js';

class ComplexWork {
  *[Symbol.iterator]() {
    print('Hello');
    yield;
    print('World');
  }
}

const loop = newEventLoop();
loop.runUntilComplete(new ComplexWork());

const it = new ComplexWork()[Symbol.iterator]();
it.next();
if (it.next().done) print('StopIteration');
