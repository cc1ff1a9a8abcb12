// Twin of gather_exception.py.
import { createTask, gather, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* turns(n: number) {
  for (let i = 0; i < n; i++) yield* sleep(0);
}

class ValueError extends Error {
  override name = 'ValueError';
}

function* fails(): Generator<unknown, never, unknown> {
  yield* turns(2);
  print('fails raises');
  throw new ValueError('boom');
}

function* sibling(name: string, delay: number) {
  yield* turns(delay);
  print(name, 'finished');
  return name;
}

function* main() {
  const s = createTask(sibling('slow', 6));
  try {
    yield* gather(sibling('fast', 0), fails(), s);
  } catch (error) {
    print('caught', (error as Error).message);
  }
  print('slow done?', pyRepr(s.done()));
  print('slow result', yield* s);
  const results = yield* gather(fails(), sibling('other', 4), { returnExceptions: true });
  print(results);
}

run(main());
