// Twin of event.py.
import { Event, createTask, gather, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* waiter(event: Event, name: string) {
  print(name, 'waits');
  yield* event.wait();
  print(name, 'woke');
  return name;
}

function* main() {
  const event = new Event();
  const tasks = ['a', 'b', 'c'].map((n) => createTask(waiter(event, n)));
  yield* sleep(0);
  print('setting');
  event.set();
  print('set');
  print(yield* gather(...tasks));
  print(pyRepr(yield* event.wait()));
  event.clear();
  const late = createTask(waiter(event, 'late'));
  yield* sleep(0);
  yield* sleep(0);
  print('late done?', pyRepr(late.done()));
  event.set();
  yield* late;
}

run(main());
