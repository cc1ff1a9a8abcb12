// Twin of create_task_reused_coroutine.py.
import { RuntimeError, createTask, print, run } from '../../src/index.js';

function* child() {
  return 1;
}

function* main() {
  const c = child();
  print(yield* c);
  const t = createTask(c);
  try {
    yield* t;
  } catch (e) {
    if (e instanceof RuntimeError) print('RuntimeError', e.message);
  }
  print(t.done() ? 'True' : 'False', (t.exception() as Error).name);
}

run(main());
