// Twin of as_completed_order.py.
import { TimeoutError, asCompleted, createTask, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* fetch(name: string, delay: number) {
  yield* sleep(delay);
  return name;
}

function* main() {
  let tasks = ([['slow', 0.15], ['fast', 0.05], ['mid', 0.1]] as const).map(([n, d]) => createTask(fetch(n, d)));
  for (const nextDone of asCompleted(tasks)) print('finished', yield* nextDone);
  tasks = ([['late', 1], ['soon', 0.05]] as const).map(([n, d]) => createTask(fetch(n, d)));
  try {
    for (const nextDone of asCompleted(tasks, { timeout: 0.1 })) print('finished', yield* nextDone);
  } catch (e) {
    if (e instanceof TimeoutError) print('TimeoutError');
  }
  for (const t of tasks) t.cancel();
}

run(main());
