// Twin of return_values.py.
import { createTask, gather, print, run, sleep } from '../../src/index.js';

function* square(x: number) {
  yield* sleep(0);
  return x * x;
}

function* total(n: number) {
  let s = 0;
  for (let i = 0; i < n; i++) s += yield* square(i);
  return s;
}

function* main() {
  const t = createTask(total(4));
  const values = yield* gather(square(3), t, total(2));
  print(values);
  print((yield* t) + 1);
  return values.reduce((a, b) => a + b, 0);
}

print(run(main()));
