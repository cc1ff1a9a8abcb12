// Twin of gather_list.py.
import { gather, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* child(i: number) {
  yield* sleep(0);
  return i * i;
}

function* main() {
  const results = yield* gather(Array.from({ length: 1000 }, (_, i) => child(i)));
  print(results.length, results.slice(0, 5), results[results.length - 1], results.reduce((a, b) => a + b, 0));
}

run(main());
