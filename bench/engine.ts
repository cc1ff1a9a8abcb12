/**
 * Engine benchmark: task switches per second for N tasks each doing `yield* sleep(0)`,
 * beside two references measured in the same run:
 *   - native: N async functions doing `await null` under Promise.all;
 *   - raw: N bare generators driven round-robin by a plain `for` loop (the ceiling);
 *   - fifo: a minimal FIFO scheduler of generators doing the same `yield* sleep(0)`.
 * Rates are per second of CPU time of the contender's process.
 * coroscope runs with no subscriber, and with a subscriber receiving every event.
 * Each contender runs in a fresh process (bench/engine-worker.ts), ROUNDS times,
 * interleaved round by round so machine drift hits all alike; figures are medians.
 * Memory: heap bytes per suspended task, against a native async function at an await.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Row } from './report.js';

const ROUNDS = 5;
const WORKER = fileURLToPath(new URL('./engine-worker.js', import.meta.url));
const CONTENDERS = ['native', 'quiet', 'raw', 'fifo', 'listened'] as const;

function worker(flags: string[], args: (string | number)[]): Record<string, number> {
  const out = execFileSync(process.execPath, [...flags, WORKER, ...args.map(String)], { encoding: 'utf8' });
  return JSON.parse(out) as Record<string, number>;
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
    const samples = Object.fromEntries(CONTENDERS.map((c) => [c, [] as number[]])) as Record<(typeof CONTENDERS)[number], number[]>;
    for (let round = 0; round < ROUNDS; round++) {
      for (const contender of CONTENDERS) samples[contender].push(worker([], [contender, tasks, switches]).rate!);
    }
    const nativeRate = median(samples.native);
    const fifoRate = median(samples.fifo);
    const quiet = median(samples.quiet);
    const listened = median(samples.listened);
    const label = `${tasks} tasks`;
    rows.push(
      { name: `${label}: native async/await (await null)`, value: nativeRate / 1e6, unit: 'M switches/s' },
      { name: `${label}: raw generator round-robin`, value: median(samples.raw) / 1e6, unit: 'M switches/s' },
      { name: `${label}: minimal FIFO of generators, yield* sleep(0)`, value: fifoRate / 1e6, unit: 'M switches/s' },
      { name: `${label}: coroscope, no subscriber`, value: quiet / 1e6, unit: 'M switches/s' },
      { name: `${label}: coroscope, subscriber on every event`, value: listened / 1e6, unit: 'M switches/s' },
      { name: `${label}: no subscriber ÷ native`, value: quiet / nativeRate, unit: '×', target: '≥ 1.0', ok: quiet / nativeRate >= 1 },
      { name: `${label}: no subscriber ÷ minimal FIFO`, value: quiet / fifoRate, unit: '×', target: '≥ 0.8', ok: quiet / fifoRate >= 0.8 },
      { name: `${label}: subscriber ÷ native`, value: listened / nativeRate, unit: '×', target: '≥ 0.5', ok: listened / nativeRate >= 0.5 },
    );
  }
  rows.push(...memoryBench());
  return rows;
}

/** Single-threaded GC, so that sweeping is over when gc() returns and heapUsed is exact. */
function memoryBench(): Row[] {
  const count = 20_000;
  const flags = ['--expose-gc', '--single-threaded-gc'];
  const ours = median([0, 1, 2].map(() => worker(flags, ['memory-coroscope', count]).bytes!));
  const theirs = median([0, 1, 2].map(() => worker(flags, ['memory-native', count]).bytes!));
  return [
    { name: 'memory per suspended task: coroscope Task', value: ours, unit: 'B' },
    { name: 'memory per suspended task: native async function', value: theirs, unit: 'B' },
    { name: 'memory: coroscope ÷ native', value: ours / theirs, unit: '×', target: '≤ 4', ok: ours / theirs <= 4 },
  ];
}
