/**
 * Engine benchmark: task switches per second for N tasks each doing `yield* sleep(0)`,
 * beside the two references measured in the same process, interleaved round by round
 * so that machine drift hits every contender alike:
 *   - native: N async functions doing `await null` under Promise.all;
 *   - raw: N bare generators driven round-robin by a plain `for` loop (the ceiling).
 * coroscope runs with no subscriber, and with a subscriber receiving every event.
 * Each figure is the median of ROUNDS runs.
 */
import { gather, Loop, setEventLoop, sleep } from '../src/index.js';
import type { Row } from './report.js';

const ROUNDS = 7;

function* worker(switches: number) {
  for (let i = 0; i < switches; i++) yield* sleep(0);
}

function coroscope(tasks: number, switches: number, subscribe: boolean): number {
  const loop = new Loop();
  setEventLoop(loop);
  let events = 0;
  if (subscribe) loop.events$.subscribe(() => events++);
  const start = performance.now();
  loop.runUntilComplete(gather(...Array.from({ length: tasks }, () => worker(switches))));
  const ms = performance.now() - start;
  setEventLoop(null);
  if (subscribe && events < tasks * switches) throw new Error(`subscriber saw ${events} events for ${tasks * switches} switches`);
  return (tasks * switches) / (ms / 1000);
}

async function native(tasks: number, switches: number): Promise<number> {
  async function worker(n: number) {
    for (let i = 0; i < n; i++) await null;
  }
  const start = performance.now();
  await Promise.all(Array.from({ length: tasks }, () => worker(switches)));
  return (tasks * switches) / ((performance.now() - start) / 1000);
}

function raw(tasks: number, switches: number): number {
  function* worker(n: number) {
    for (let i = 0; i < n; i++) yield;
  }
  const generators = Array.from({ length: tasks }, () => worker(switches));
  const start = performance.now();
  let live = generators.length;
  while (live > 0) {
    for (const g of generators) if (g.next().done) live--;
  }
  return (tasks * switches) / ((performance.now() - start) / 1000);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function engineBench(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [tasks, switches] of [
    [2, 1_000_000],
    [1000, 2_000],
  ] as const) {
    const samples = { native: [] as number[], raw: [] as number[], quiet: [] as number[], listened: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      samples.native.push(await native(tasks, switches));
      samples.quiet.push(coroscope(tasks, switches, false));
      samples.raw.push(raw(tasks, switches));
      samples.listened.push(coroscope(tasks, switches, true));
    }
    const nativeRate = median(samples.native);
    const quiet = median(samples.quiet);
    const listened = median(samples.listened);
    const label = `${tasks} tasks`;
    rows.push(
      { name: `${label}: native async/await (await null)`, value: nativeRate / 1e6, unit: 'M switches/s' },
      { name: `${label}: raw generator round-robin`, value: median(samples.raw) / 1e6, unit: 'M switches/s' },
      { name: `${label}: coroscope, no subscriber`, value: quiet / 1e6, unit: 'M switches/s' },
      { name: `${label}: coroscope, subscriber on every event`, value: listened / 1e6, unit: 'M switches/s' },
      { name: `${label}: no subscriber ÷ native`, value: quiet / nativeRate, unit: '×', target: '≥ 1.0', ok: quiet / nativeRate >= 1 },
      { name: `${label}: subscriber ÷ native`, value: listened / nativeRate, unit: '×', target: '≥ 0.5', ok: listened / nativeRate >= 0.5 },
    );
  }
  rows.push(...memoryBench());
  return rows;
}

/** Bytes of heap per suspended task (10,000 tasks each stopped at a yield), against a native async function stopped at an await. */
function memoryBench(): Row[] {
  const count = 10_000;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return [{ name: 'memory per task (run node with --expose-gc)', value: NaN, unit: 'B' }];
  const holder = globalThis as { benchKeep?: unknown };
  // Median of three; what was built is pinned on a global so the collector cannot take it early.
  const measure = (build: () => unknown): number => {
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      gc();
      const before = process.memoryUsage().heapUsed;
      holder.benchKeep = build();
      gc();
      samples.push((process.memoryUsage().heapUsed - before) / count);
      holder.benchKeep = undefined;
    }
    return median(samples);
  };
  const ours = measure(() => {
    const loop = new Loop();
    const event = { done: false };
    function* waiting() {
      while (!event.done) yield;
    }
    const tasks = Array.from({ length: count }, () => loop.createTask(waiting()));
    loop.runItems(count); // every task has started and is suspended
    return [loop, tasks];
  });
  const theirs = measure(() => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function waiting() {
      await gate;
    }
    const pending = Array.from({ length: count }, waiting);
    return [pending, release];
  });
  return [
    { name: 'memory per suspended task: coroscope Task', value: ours, unit: 'B' },
    { name: 'memory per suspended task: native async function', value: theirs, unit: 'B' },
    { name: 'memory: coroscope ÷ native', value: ours / theirs, unit: '×', target: '≤ 4', ok: ours / theirs <= 4 },
  ];
}
