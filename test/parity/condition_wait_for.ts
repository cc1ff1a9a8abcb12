// Twin of condition_wait_for.py.
import { Condition, asyncWith, createTask, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* main() {
  const cond = new Condition();
  const box: number[] = [];

  function* consumer() {
    yield* asyncWith(cond, function* () {
      const result = yield* cond.waitFor(() => box.length >= 3);
      print('consumer sees', box, pyRepr(result));
    });
  }

  const t = createTask(consumer());
  for (let i = 0; i < 4; i++) {
    yield* sleep(0);
    yield* asyncWith(cond, function* () {
      box.push(i);
      print('added', i);
      cond.notifyAll();
    });
  }
  yield* t;
}

run(main());
