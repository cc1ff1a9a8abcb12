// Twin of misuse_errors.py.
import { RuntimeError, allTasks, createTask, currentTask, getRunningLoop, print, run } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

try {
  currentTask();
} catch (e) {
  if (e instanceof RuntimeError) print('RuntimeError:', e);
}

function* main() {
  const fut = getRunningLoop().createFuture();
  try {
    createTask(fut as never);
  } catch (e) {
    if (e instanceof TypeError) print('TypeError');
  }
  print(allTasks().size);
}

run(main());
