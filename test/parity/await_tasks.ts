// Twin of await_tasks.py.
import { createTask, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* quick() {
  print('quick runs');
  return 'q';
}

function* slow() {
  print('slow starts');
  yield* sleep(0.02);
  print('slow ends');
  return 's';
}

function* main() {
  const q = createTask(quick());
  const s = createTask(slow());
  yield* sleep(0);
  print('quick done?', pyRepr(q.done()));
  print('got', yield* q);
  print('slow done?', pyRepr(s.done()));
  print('got', yield* s);
  print('awaiting again', yield* s);
}

run(main());
