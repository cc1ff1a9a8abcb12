// Twin of create_task_order.py.
import { createTask, print, run, sleep } from '../../src/index.js';

function* worker(name: string, steps: number) {
  for (let i = 0; i < steps; i++) {
    print(name, i);
    yield* sleep(0);
  }
  print(name, 'done');
}

function* main() {
  const a = createTask(worker('a', 2));
  const b = createTask(worker('b', 3));
  print('created');
  const c = createTask(worker('c', 1));
  yield* sleep(0);
  print('main after one yield');
  yield* a;
  print('a awaited');
  yield* b;
  yield* c;
  print('all done');
}

run(main());
