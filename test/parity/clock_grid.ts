// Twin of clock_grid.py.
import { gather, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* twoSteps() {
  yield* sleep(0.1);
  yield* sleep(0.7);
  print('two steps');
}

function* oneStep() {
  yield* sleep(0.8);
  print('one step');
}

function* main() {
  yield* gather(oneStep(), twoSteps());
}

run(main());
