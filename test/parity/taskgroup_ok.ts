// Twin of taskgroup_ok.py.
import { TaskGroup, asyncWith, print, run, sleep, type Task } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* job(name: string, delay: number) {
  yield* sleep(delay);
  print(name, 'done');
  return name;
}

function* main() {
  let a: Task<string> | null = null;
  let b: Task<string> | null = null;
  yield* asyncWith(new TaskGroup(), function* (tg) {
    a = tg.createTask(job('a', 0.1));
    b = tg.createTask(job('b', 0.05));
    print('block ends');
  });
  print('results', a!.result(), b!.result());
}

run(main());
