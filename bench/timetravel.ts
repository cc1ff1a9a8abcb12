/**
 * Time travel and staying power (the dashboard plays a log): how long a step back takes
 * after a long run, and whether memory stays flat at "max". CPU time, not wall time,
 * for the latencies (these machines are shared); RSS from a child process of its own.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Player } from '../src/player/player.js';
import { inlineSources } from '../src/sources/inline.js';
import { cpuNowMs, type Row } from './report.js';
import { spinners } from './fixtures/spinners.js';

function cpuMs(fn: () => void): number {
  const before = cpuNowMs();
  fn();
  return cpuNowMs() - before;
}

/** Run a player to `ticks` ticks (inline engine, the default history), then time steps back: the median CPU ms of a few. */
export function stepBackMs(ticks: number): { ms: number; held: number; checkpoints: number } {
  const player = new Player(spinners(2), { seed: 1, speed: 10, paused: true, source: inlineSources({ locations: false }) });
  try {
    for (let at = 0; at < ticks; at += 1 << 20) player.advance(Math.min(1 << 20, ticks - at));
    const samples: number[] = [];
    for (let i = 0; i < 9; i++) {
      // Back one, then forward again past the checkpoint: each step back rebuilds from one.
      samples.push(cpuMs(() => player.stepBack()));
      if (i % 3 === 2) player.end();
    }
    samples.sort((a, b) => a - b);
    return { ms: samples[4]!, held: player.history.bytes, checkpoints: player.history.checkpointCount };
  } finally {
    player.dispose();
  }
}

/**
 * RSS of a dashboard player at "max" with `tasks` spinning tasks in a worker for
 * `seconds` (in a child process of its own): its growth after the first quarter. `trace`:
 * recording the run for --export-trace too (a TraceRecord fed as the dashboard feeds it).
 */
export function soak(tasks: number, seconds: number, trace = false): Promise<{ growthMb: number; rssMb: number; ticks: number }> {
  const script = `
    const { Player } = await import(${JSON.stringify(fileURLToPath(new URL('../src/player/player.js', import.meta.url)))});
    const { TraceRecord } = await import(${JSON.stringify(fileURLToPath(new URL('../src/tui/trace-export.js', import.meta.url)))});
    const record = ${trace} ? new TraceRecord() : null;
    const { WorkerSource } = await import(${JSON.stringify(fileURLToPath(new URL('../src/sources/worker.js', import.meta.url)))});
    const { loadDemo } = await import(${JSON.stringify(fileURLToPath(new URL('../src/registry.js', import.meta.url)))});
    const file = ${JSON.stringify(fileURLToPath(new URL('./fixtures/spinners.js', import.meta.url)))};
    const { demo } = await loadDemo(file);
    const player = new Player(demo, { seed: 1, speed: Infinity, source: (d, seed) => new WorkerSource({ demo: file, seed }), onEvents: record === null ? undefined : (events) => (events === null ? record.reset() : record.append(events)) });
    player.changes$.subscribe(() => { player.view.lanes.length; });
    player.start();
    const samples = [];
    const every = ${seconds * 1000} / 40;
    const timer = setInterval(() => samples.push(process.memoryUsage().rss), every);
    setTimeout(() => {
      clearInterval(timer);
      // The trend, not the swing: RSS breathes by 100 MB with the collector (the worker's heap
      // is in it); what must not happen is the second half sitting higher than the first.
      const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const q = Math.floor(samples.length / 4);
      const growth = median(samples.slice(3 * q)) - median(samples.slice(q, 2 * q));
      process.stdout.write(JSON.stringify({ growthMb: growth / 1e6, rssMb: Math.max(...samples) / 1e6, ticks: player.tick }));
      player.dispose();
      process.exit(0);
    }, ${seconds * 1000});
  `;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, COROSCOPE_BENCH_TASKS: String(tasks) } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', () => {
      try {
        resolve(JSON.parse(out));
      } catch {
        resolve({ growthMb: NaN, rssMb: NaN, ticks: NaN });
      }
    });
  });
}

export async function timeTravelBench(): Promise<Row[]> {
  const rows: Row[] = [];
  const long = process.env.COROSCOPE_BENCH_LONG === '1';
  for (const ticks of long ? [1e6, 1e7, 1e8] : [1e6, 1e7]) {
    const back = stepBackMs(ticks);
    rows.push({ name: `← after ${ticks.toExponential(0)} ticks (CPU)`, value: back.ms, unit: 'ms', target: '< 100', ok: back.ms < 100 });
    rows.push({ name: `  history held, checkpoints`, value: back.held / 1e6, unit: `MB, ${back.checkpoints} checkpoints` });
  }
  const seconds = Number(process.env.COROSCOPE_BENCH_SOAK_S ?? 20);
  for (const tasks of [2, 32, 1000]) {
    const s = await soak(tasks, seconds);
    rows.push({ name: `RSS growth at max, ${tasks} tasks, ${seconds} s`, value: s.growthMb, unit: `MB, last quarter's median over the second's (peak RSS ${Math.round(s.rssMb)} MB, ${s.ticks} ticks)`, target: '< 50', ok: s.growthMb < 50 });
  }
  // --export-trace adds its record of the run from tick 0: capped (TRACE_MAX_BYTES), so flat too once full.
  const s = await soak(2, seconds, true);
  rows.push({ name: `RSS growth at max, 2 tasks, ${seconds} s, --export-trace`, value: s.growthMb, unit: `MB, as above (peak RSS ${Math.round(s.rssMb)} MB, ${s.ticks} ticks)`, target: '< 50', ok: s.growthMb < 50 });
  return rows;
}

// Run alone: node dist/bench/timetravel.js
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { printRows } = await import('./report.js');
  printRows('Time travel and memory', await timeTravelBench());
}
