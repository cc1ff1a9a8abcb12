// Twin of gather_duplicates.py.
import { Future, createTask, gather, getRunningLoop, print, run, sleep } from '../../src/index.js';

function* once(name: string) {
  print('running', name);
  yield* sleep(0);
  return name;
}

function* waitFor(fut: Future<number>, name: string) {
  print(name, 'waits');
  const value = yield* fut;
  print(name, 'got', value);
}

function* main() {
  const c = once('c');
  const t = createTask(once('t'));
  print(yield* gather(c, t, c, t));
  const fut = getRunningLoop().createFuture<number>();
  const waiters = ['x', 'y', 'z'].map((n) => createTask(waitFor(fut, n)));
  yield* sleep(0);
  fut.setResult(7);
  print('result set');
  yield* gather(...waiters);
}

run(main());
