// Twin of callbacks_vs_steps.py.
import { createTask, getRunningLoop, print, run, sleep } from '../../src/index.js';

function callback(name: number) {
  print('callback', name);
}

function* task(name: string) {
  print('task', name, 'step 1');
  yield* sleep(0);
  print('task', name, 'step 2');
}

function* main() {
  const loop = getRunningLoop();
  loop.callSoon(callback, 1);
  const t = createTask(task('t'));
  loop.callSoon(callback, 2);
  const fut = loop.createFuture<string>();
  fut.addDoneCallback((f) => print('done callback', f.result()));
  loop.callSoon((value: string) => fut.setResult(value), 'x');
  print('main yields');
  yield* sleep(0);
  print('main back');
  loop.callSoon(callback, 3);
  yield* t;
  print('main end');
}

run(main());
