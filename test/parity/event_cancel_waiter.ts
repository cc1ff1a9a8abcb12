// Twin of event_cancel_waiter.py.
import { CancelledError, Event, createTask, gather, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* waiter(ev: Event, name: string) {
  try {
    yield* ev.wait();
    print(name, 'woke');
  } catch (e) {
    if (e instanceof CancelledError) print(name, 'cancelled');
    throw e;
  }
}

function* main() {
  const ev = new Event();
  const tasks = ['a', 'b', 'c'].map((n) => createTask(waiter(ev, n)));
  yield* sleep(0);
  tasks[1]!.cancel();
  yield* sleep(0);
  ev.set();
  yield* gather(tasks, { returnExceptions: true });
  print(pyRepr(tasks.map((t) => t.cancelled())));
}

run(main());
