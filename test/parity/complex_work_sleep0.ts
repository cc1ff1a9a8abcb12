// Twin of complex_work_sleep0.py.
import { newEventLoop, print, run, sleep } from '../../src/index.js';

function* simplePrint(msg: string) {
  print(msg);
}

function* complexWork() {
  yield* simplePrint('Hello');
  yield* sleep(0);
  yield* simplePrint('World');
}

run(simplePrint('Hello'));
const loop = newEventLoop();
loop.runUntilComplete(simplePrint('Hello'));

for (const _ of complexWork());

const it = complexWork();
it.next();
print('-- one send');
if (it.next().done) print('StopIteration');

run(complexWork());
