// Twin of nested_gathers.py.
import { gather, print, run, sleep } from '../../src/index.js';

function* leaf(name: string, turns: number) {
  for (let i = 0; i < turns; i++) yield* sleep(0);
  print('leaf', name);
  return name;
}

function* branch(name: string, ...delays: number[]) {
  const results = yield* gather(...delays.map((d, i) => leaf(`${name}${i}`, d)));
  print('branch', name, results);
  return results;
}

function* main() {
  const results = yield* gather(branch('x', 7, 1), branch('y', 3), leaf('z', 0));
  print(results);
}

run(main());
