/**
 * One contender of the engine benchmark, alone in a fresh process so that no other
 * contender's JIT feedback or garbage bends its figure:
 *   node dist/bench/engine-worker.js KIND TASKS SWITCHES
 * prints {"rate": switches per second} (median of REPEATS runs after a warm-up), or
 *   node --expose-gc --single-threaded-gc dist/bench/engine-worker.js memory-KIND COUNT
 * prints {"bytes": heap bytes per suspended task}.
 * KIND: native (async/await, `await null`), raw (bare generators, round-robin),
 * fifo (a minimal FIFO scheduler of generators doing the same `yield* sleep(0)`, its
 * sleep(0) a generator that yields once), quiet (coroscope, no subscriber), listened
 * (coroscope, a subscriber on every event). Rates are per second of this process's CPU
 * time (the machines are shared: wall time measures the neighbours too).
 */
import { gather, Loop, setEventLoop, sleep } from '../src/index.js';
import { cpuNowMs } from './report.js';

const REPEATS = 3;

function* worker(switches: number) {
  for (let i = 0; i < switches; i++) yield* sleep(0);
}

function coroscope(tasks: number, switches: number, listened: boolean): number {
  const loop = new Loop();
  setEventLoop(loop);
  let events = 0;
  if (listened) loop.events$.subscribe(() => events++);
  const start = cpuNowMs();
  loop.runUntilComplete(gather(...Array.from({ length: tasks }, () => worker(switches))));
  const ms = cpuNowMs() - start;
  setEventLoop(null);
  if (listened && events < tasks * switches) throw new Error(`subscriber saw ${events} events for ${tasks * switches} switches`);
  return (tasks * switches) / (ms / 1000);
}

async function native(tasks: number, switches: number): Promise<number> {
  async function worker(n: number) {
    for (let i = 0; i < n; i++) await null;
  }
  const start = cpuNowMs();
  await Promise.all(Array.from({ length: tasks }, () => worker(switches)));
  return (tasks * switches) / ((cpuNowMs() - start) / 1000);
}

function raw(tasks: number, switches: number): number {
  function* worker(n: number) {
    for (let i = 0; i < n; i++) yield;
  }
  const generators = Array.from({ length: tasks }, () => worker(switches));
  const start = cpuNowMs();
  let live = generators.length;
  while (live > 0) {
    for (const g of generators) if (g.next().done) live--;
  }
  return (tasks * switches) / ((cpuNowMs() - start) / 1000);
}

/** The least a FIFO scheduler of generator tasks can do for the same program: the reference the engine is held to (≥ 0.8×). */
function fifo(tasks: number, switches: number): number {
  function* sleep0() {
    yield;
  }
  function* worker(n: number) {
    for (let i = 0; i < n; i++) yield* sleep0();
  }
  let queue: Generator[] = Array.from({ length: tasks }, () => worker(switches));
  let head = 0;
  const start = cpuNowMs();
  while (head < queue.length) {
    const g = queue[head++]!;
    if (!g.next().done) queue.push(g);
    if (head > 65_536) {
      queue = queue.slice(head);
      head = 0;
    }
  }
  return (tasks * switches) / ((cpuNowMs() - start) / 1000);
}

async function rate(kind: string, tasks: number, switches: number): Promise<number> {
  switch (kind) {
    case 'native':
      return native(tasks, switches);
    case 'raw':
      return raw(tasks, switches);
    case 'fifo':
      return fifo(tasks, switches);
    case 'quiet':
      return coroscope(tasks, switches, false);
    case 'listened':
      return coroscope(tasks, switches, true);
  }
  throw new Error(`unknown contender ${kind}`);
}

/** Heap bytes per suspended task: coroscope Tasks each stopped at a yield, or async functions each stopped at an await. */
function memory(kind: string, count: number): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc');
  gc();
  const before = process.memoryUsage().heapUsed;
  let kept: unknown;
  if (kind === 'memory-coroscope') {
    const loop = new Loop();
    const gate = { open: false };
    function* waiting() {
      while (!gate.open) yield;
    }
    const tasks = Array.from({ length: count }, () => loop.createTask(waiting()));
    loop.runItems(count); // every task has started and is suspended
    kept = [loop, tasks];
  } else {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function waiting() {
      await gate;
    }
    kept = [Array.from({ length: count }, waiting), release];
  }
  gc();
  const bytes = (process.memoryUsage().heapUsed - before) / count;
  if (kept === undefined) throw new Error('unreachable');
  return bytes;
}

const [kind, a, b] = process.argv.slice(2);
if (kind!.startsWith('memory-')) {
  process.stdout.write(JSON.stringify({ bytes: memory(kind!, Number(a)) }) + '\n');
} else {
  const tasks = Number(a);
  const switches = Number(b);
  await rate(kind!, tasks, Math.ceil(switches / 10)); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < REPEATS; i++) samples.push(await rate(kind!, tasks, switches));
  samples.sort((x, y) => x - y);
  process.stdout.write(JSON.stringify({ rate: samples[REPEATS >> 1] }) + '\n');
}
