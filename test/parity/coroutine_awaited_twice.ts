// Twin of coroutine_awaited_twice.py.
import { RuntimeError, createTask, print, run, sleep } from '../../src/index.js';

function* child(n: number) {
  yield* sleep(n);
  return 'child done';
}

function* quick() {
  return 'quick';
}

function* main() {
  const c = quick();
  print('first', yield* c);
  try {
    yield* c;
  } catch (e) {
    if (e instanceof RuntimeError) print('second:', e.message);
  }
  const s = child(0.1);
  const t = createTask(s);
  yield* sleep(0);
  try {
    yield* s;
  } catch (e) {
    if (e instanceof RuntimeError) print('while its task runs:', e.message);
  }
  print('task', yield* t);
  try {
    yield* s;
  } catch (e) {
    if (e instanceof RuntimeError) print('after its task:', e.message);
  }
  const shared = child(0.1);
  function* awaiter() {
    return yield* shared;
  }
  const a = createTask(awaiter());
  yield* sleep(0);
  try {
    yield* shared;
  } catch (e) {
    if (e instanceof RuntimeError) print('while another await is inside:', e.message);
  }
  print('awaiter', yield* a);
  const u = createTask(child(0));
  yield* u;
  try {
    yield* u;
    print('a task awaited twice is fine:', u.result());
  } catch (e) {
    if (e instanceof RuntimeError) print(e.message);
  }
}

run(main());
