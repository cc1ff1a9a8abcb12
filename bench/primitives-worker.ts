/**
 * One measurement of bench/primitives.ts in a fresh process, printed as JSON seconds:
 *   node dist/bench/primitives-worker.js event|lock|gather N
 * event: N tasks parked in Event.wait(), then set() until all have woken.
 * lock: N tasks contending for one Lock (acquire, release), from start to the last release.
 * gather: one gather([...]) of N children that each do a sleep(0).
 */
import { Event, Lock, createTask, gather, run, sleep } from '../src/index.js';

const [kind, n] = [process.argv[2]!, Number(process.argv[3])];
let seconds = 0;

function* eventBench() {
  const event = new Event();
  const tasks = Array.from({ length: n }, () => createTask(event.wait()));
  yield* sleep(0);
  const start = performance.now();
  event.set();
  yield* gather(tasks);
  seconds = (performance.now() - start) / 1000;
}

function* lockBench() {
  const lock = new Lock();
  function* contender() {
    yield* lock.acquire();
    try {
      yield* sleep(0);
    } finally {
      lock.release();
    }
  }
  const start = performance.now();
  yield* gather(Array.from({ length: n }, contender));
  seconds = (performance.now() - start) / 1000;
}

function* gatherBench() {
  function* child(i: number) {
    yield* sleep(0);
    return i;
  }
  const start = performance.now();
  const results = yield* gather(Array.from({ length: n }, (_, i) => child(i)));
  seconds = (performance.now() - start) / 1000;
  if (results.length !== n) throw new Error('gather lost children');
}

run(kind === 'event' ? eventBench() : kind === 'lock' ? lockBench() : gatherBench(), { write: () => {} });
process.stdout.write(JSON.stringify({ seconds }) + '\n');
