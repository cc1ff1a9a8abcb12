// Twin of wait_modes.py.
import { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, ValueError, createTask, gather, print, run, sleep, wait, type Task } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

function* job(name: string, delay: number, fail = false) {
  yield* sleep(delay);
  if (fail) throw new ValueError(name);
  return name;
}

function names(fs: Set<Task<string>>) {
  return [...fs].map((f) => f.name).sort();
}

function* main() {
  const spawn = () => [createTask(job('a', 0.05), 'a'), createTask(job('b', 0.1, true), 'b'), createTask(job('c', 0.15), 'c')];
  for (const mode of [FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED] as const) {
    const tasks = spawn();
    const [done, pending] = yield* wait(tasks, { returnWhen: mode });
    print(mode, names(done as Set<Task<string>>), names(pending as Set<Task<string>>));
    yield* gather(tasks, { returnExceptions: true });
  }
  const tasks = spawn();
  const [done, pending] = yield* wait(tasks, { timeout: 0.075 });
  print('timeout', names(done as Set<Task<string>>), names(pending as Set<Task<string>>));
  yield* gather(tasks, { returnExceptions: true });
  try {
    yield* wait([]);
  } catch (e) {
    if (e instanceof ValueError) print('ValueError:', e);
  }
}

run(main());
