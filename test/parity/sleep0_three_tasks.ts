// Twin of sleep0_three_tasks.py.
import { gather, print, run, sleep } from '../../src/index.js';

function* spinner(name: string, rounds: number) {
  for (let i = 0; i < rounds; i++) {
    print(name, i);
    yield* sleep(0);
  }
  print(name, 'ends');
  return rounds;
}

function* main() {
  print(yield* gather(spinner('a', 3), spinner('b', 1), spinner('c', 2)));
}

run(main());
