// Twin of bad_yield.py: a generator yielding a value is @types.coroutine yielding one.
import { RuntimeError, print, run } from '../../src/index.js';

function* bad(value: unknown) {
  yield value;
}

function* main() {
  for (const value of [42, 'text']) {
    try {
      yield* bad(value);
    } catch (error) {
      if (error instanceof RuntimeError) print('RuntimeError:', error.message);
    }
  }
  print('still running');
}

run(main());
