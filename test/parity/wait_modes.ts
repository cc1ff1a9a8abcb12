// Twin of wait_modes.py.
import { ALL_COMPLETED, Event, FIRST_COMPLETED, FIRST_EXCEPTION, ValueError, createTask, gather, print, run, sleep, wait, type Task } from '../../src/index.js';

function* job(name: string, gate: Event, fail = false) {
  yield* gate.wait();
  if (fail) throw new ValueError(name);
  return name;
}

function names(fs: Set<Task<string>>) {
  return [...fs].map((f) => f.name).sort();
}

function* opener(gates: Event[]) {
  for (const gate of gates) {
    yield* sleep(0);
    gate.set();
  }
}

function* main() {
  const spawn = (): [Event[], Task<string>[]] => {
    const gates = [new Event(), new Event(), new Event()];
    return [gates, [createTask(job('a', gates[0]!), 'a'), createTask(job('b', gates[1]!, true), 'b'), createTask(job('c', gates[2]!), 'c')]];
  };
  for (const mode of [FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED] as const) {
    const [gates, tasks] = spawn();
    const o = createTask(opener(gates));
    const [done, pending] = yield* wait(tasks, { returnWhen: mode });
    print(mode, names(done), names(pending));
    yield* gather([o, ...tasks], { returnExceptions: true });
  }
  const [gates, tasks] = spawn();
  const [done, pending] = yield* wait(tasks, { timeout: 0.01 });
  print('timeout', names(done), names(pending));
  yield* opener(gates);
  yield* gather(tasks, { returnExceptions: true });
  try {
    yield* wait([]);
  } catch (e) {
    if (e instanceof ValueError) print('ValueError:', e);
  }
}

run(main());
