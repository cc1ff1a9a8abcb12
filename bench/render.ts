/**
 * Dashboard benchmark (bench/run.ts calls renderBench):
 *   - milliseconds per frame at 120×40 and 200×60 with 4 and 32 lanes (a frame is
 *     everything renderNow does: layout check, chart data, painting every pane, the
 *     runtime lookups of suspension lines, and blessed writing the diff to the terminal);
 *   - CPU milliseconds per frame at 200×60 with 10,000 tasks (1,000 stepping and 9,000
 *     parked; all 10,000 stepping; 10,000 ending one by one on the line the code pane shows)
 *     and 1,000 all stepping, against 4 lanes in the same run;
 *   - CPU used while paused, over 10 s;
 *   - ticks per second reached at "max" while frames are drawn: with the run on the UI thread
 *     (inline source), and as the dashboard runs it, in its worker thread (ticks folded by
 *     the UI thread, frames per second, the UI thread's CPU per frame);
 *   - time from launching the real CLI (in a pseudo-terminal, via `script`) to its first frame,
 *     and its main thread's CPU by then, beside `node -e 0` launched the same way.
 * The dashboard runs in process on a fake terminal (a discarding stream with a TTY size).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Writable, PassThrough } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defineDemo, type Demo } from '../src/demo.js';
import { gather, sleep } from '../src/index.js';
import { inlineSources } from '../src/sources/inline.js';
import { workerSources } from '../src/sources/worker.js';
import { Dashboard } from '../src/tui/dashboard.js';
import { cpuNowMs, type Row } from './report.js';
import { spin, spinners } from './fixtures/spinners.js';

function* parked(): Generator<unknown, void, unknown> {
  yield* sleep(1e9);
}

/** Two turns, then done: a crowd of these ends lane by lane, all on the same line of this file. */
function* twoTurns(): Generator<unknown, void, unknown> {
  for (let turn = 0; turn < 2; turn++) yield* sleep(0);
}

function finishing(tasks: number): Demo {
  return defineDemo({
    name: `finishing-${tasks}`,
    title: { en: `${tasks} tasks finishing`, fr: `${tasks} tâches qui finissent` },
    narration: { en: '', fr: '' },
    main: () => gather(...Array.from({ length: tasks }, twoTurns)),
  });
}

/** `stepping` tasks yielding forever beside `idle` ones parked on a timer far away. */
function crowd(stepping: number, idle: number): Demo {
  return defineDemo({
    name: `crowd-${stepping}-${idle}`,
    title: { en: `${stepping} tasks stepping, ${idle} parked`, fr: `${stepping} tâches actives, ${idle} en attente` },
    narration: { en: '', fr: '' },
    main: () => gather(...Array.from({ length: idle }, () => parked()), ...Array.from({ length: stepping }, () => spin())),
  });
}

function fakeTerminal(cols: number, rows: number) {
  const output = new Writable({ write: (_chunk, _encoding, done) => done() }) as Writable & { columns: number; rows: number; isTTY: boolean };
  output.columns = cols;
  output.rows = rows;
  output.isTTY = true;
  const input = new PassThrough();
  return { input, output };
}

function open(demo: Demo, cols: number, rows: number, speed: number, paused: boolean): Dashboard {
  const { input, output } = fakeTerminal(cols, rows);
  const file = fileURLToPath(import.meta.url).replace(/\/dist\/bench\/render\.js$/, '/bench/render.ts');
  const current = { demo, sourceFile: file, ref: file };
  return new Dashboard({ current, playlist: [current], seed: 1, speed, lang: 'en', theme: 'dark', cues: false, input, output, source: inlineSources() }, { paused });
}

function frameMs(cols: number, rows: number, tasks: number): number {
  const dashboard = open(spinners(tasks), cols, rows, 10, true);
  try {
    dashboard.start();
    dashboard.player.seek(cols * 2);
    const samples: number[] = [];
    for (let i = 0; i < 160; i++) {
      dashboard.player.advance(7); // something new in every frame, as when running
      const start = performance.now();
      dashboard.renderNow();
      (dashboard.screen as any).program.flush(); // blessed sends the frame on the next tick: count it here
      if (i >= 20) samples.push(performance.now() - start); // after warm-up
    }
    samples.sort((a, b) => a - b);
    return samples[Math.floor(samples.length / 2)]!;
  } finally {
    dashboard.close(0);
  }
}

/** Median CPU time (user + system) of a frame, in ms: what a frame costs the UI thread, whatever else the machine runs. */
function frameCpuMs(demo: Demo, cols: number, rows: number, from = cols * 2): number {
  const dashboard = open(demo, cols, rows, 10, true);
  try {
    dashboard.start();
    dashboard.player.seek(from);
    const samples: number[] = [];
    for (let i = 0; i < 160; i++) {
      dashboard.player.advance(7);
      const before = cpuNowMs();
      dashboard.renderNow();
      (dashboard.screen as any).program.flush();
      const used = cpuNowMs() - before;
      if (i >= 20) samples.push(used);
    }
    samples.sort((a, b) => a - b);
    return samples[Math.floor(samples.length / 2)]!;
  } finally {
    dashboard.close(0);
  }
}

async function pausedCpu(seconds: number): Promise<number> {
  const dashboard = open(spinners(4), 120, 40, 1000, true);
  try {
    dashboard.start();
    dashboard.player.seek(500);
    dashboard.renderNow();
    await new Promise((r) => setTimeout(r, 200));
    const before = cpuNowMs();
    const start = performance.now();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    return ((cpuNowMs() - before) / (performance.now() - start)) * 100;
  } finally {
    dashboard.close(0);
  }
}

async function maxTicks(seconds: number): Promise<{ ticks: number; fps: number }> {
  const dashboard = open(spinners(4), 120, 40, Infinity, false);
  let frames = 0;
  dashboard.frames$.subscribe(() => frames++);
  try {
    dashboard.start();
    const start = performance.now();
    const from = dashboard.player.tick;
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const elapsed = (performance.now() - start) / 1000;
    return { ticks: (dashboard.player.tick - from) / elapsed, fps: frames / elapsed };
  } finally {
    dashboard.close(0);
  }
}

/**
 * What the dashboard really does at "max": the run in its worker thread (WorkerSource),
 * the UI thread folding the batches it sends and drawing frames. Ticks per second folded
 * by the UI thread, frames per second, and the UI thread's own CPU per frame (the
 * worker's CPU is not in it: read per thread from /proc).
 */
async function maxThroughWorker(seconds: number): Promise<{ ticks: number; fps: number; uiCpuPerFrameMs: number; uiCpuShare: number; workerCpuShare: number }> {
  process.env.COROSCOPE_BENCH_TASKS = '4'; // read by the fixture, in this thread and the worker's
  const file = fileURLToPath(new URL('./fixtures/spinners.js', import.meta.url));
  const demo = ((await import(pathToFileURL(file).href)) as { default: Demo }).default;
  const current = { demo, sourceFile: file, ref: file };
  const { input, output } = fakeTerminal(120, 40);
  const dashboard = new Dashboard({ current, playlist: [current], seed: 1, speed: Infinity, lang: 'en', theme: 'dark', cues: false, input, output, source: workerSources([current]) }, { paused: false });
  let frames = 0;
  dashboard.frames$.subscribe(() => frames++);
  try {
    dashboard.start();
    // Past the worker's start-up: measure the steady state.
    while (dashboard.player.tick < 1000) await new Promise((r) => setTimeout(r, 50));
    const from = dashboard.player.tick;
    const framesFrom = frames;
    const uiFrom = threadCpuMs(process.pid);
    const allFrom = cpuNowMs();
    const start = performance.now();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const elapsed = performance.now() - start;
    const ui = threadCpuMs(process.pid) - uiFrom;
    const all = cpuNowMs() - allFrom;
    const drawn = frames - framesFrom;
    return {
      ticks: (dashboard.player.tick - from) / (elapsed / 1000),
      fps: drawn / (elapsed / 1000),
      uiCpuPerFrameMs: ui / drawn,
      uiCpuShare: ui / elapsed,
      workerCpuShare: (all - ui) / elapsed,
    };
  } finally {
    dashboard.close(0);
    await dashboard.done;
  }
}

/** CPU milliseconds a thread of a process has used (Linux: /proc; 10 ms resolution), NaN elsewhere. */
function threadCpuMs(pid: number, tid = pid): number {
  try {
    const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
/** USER_HZ: the unit of /proc's CPU times (100 on Linux). */
const CLOCK_TICKS = 100;

/** The node process under a `script` pseudo-terminal (script → sh → node). */
function nodeUnder(pid: number): number | null {
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift()!;
    try {
      if (readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'node') return p;
      queue.push(...readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

/**
 * Run `command` in a pseudo-terminal (via `script`) until `marker` shows on it (or it
 * exits, with marker null): milliseconds from the spawn, and the CPU its node's main
 * thread had used by then.
 */
function inTerminal(command: string, marker: string | null): Promise<{ ms: number; mainCpuMs: number }> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn('script', ['-qfec', `stty cols 120 rows 40; ${command}`, '/dev/null'], { stdio: ['pipe', 'pipe', 'ignore'] });
    let seen = '';
    let done = false;
    let node: number | null = null;
    let measured: { ms: number; mainCpuMs: number } | null = null;
    // The figure is taken at the marker; the promise settles only once the process is gone,
    // so the next launch (or the reference) does not share the CPU with this one's exit.
    const finish = (ms: number, cpu: number) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      measured = { ms, mainCpuMs: cpu };
      child.stdin.write('q');
      setTimeout(() => child.kill('SIGTERM'), 2000).unref();
    };
    const timer = setTimeout(() => finish(NaN, NaN), 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      node ??= nodeUnder(child.pid!);
      seen += chunk.toString('utf8');
      if (marker !== null && seen.includes(marker)) finish(performance.now() - start, node === null ? NaN : threadCpuMs(node));
    });
    child.on('error', () => {
      finish(NaN, NaN);
      resolve(measured!);
    });
    child.on('exit', () => {
      finish(marker === null ? performance.now() - start : NaN, NaN);
      resolve(measured!);
    });
  });
}

function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[sorted.length >> 1]!;
}

/**
 * Launch the real CLI in a pseudo-terminal, LAUNCHES times: the median milliseconds until
 * the lanes are on screen, and the median CPU its main thread used by then; beside it, in
 * the same run and terminal, `node -e 0` (the reference: what any Node program costs to
 * start on this machine, now).
 */
async function firstFrame(env = ''): Promise<{ ms: number; mainCpuMs: number; nodeMs: number }> {
  const cli = fileURLToPath(new URL('../../bin/coroscope.js', import.meta.url));
  const launches: { ms: number; mainCpuMs: number }[] = [];
  const bare: number[] = [];
  for (let i = 0; i < LAUNCHES; i++) {
    launches.push(await inTerminal(`${env} TERM=xterm-256color '${process.execPath}' '${cli}' tumpak`, ' lanes '));
    bare.push((await inTerminal(`${env} '${process.execPath}' -e 0`, null)).ms);
  }
  return { ms: median(launches.map((l) => l.ms)), mainCpuMs: median(launches.map((l) => l.mainCpuMs)), nodeMs: median(bare) };
}
const LAUNCHES = 7;

/**
 * The dashboard's own share of a launch, in a fresh process that has already loaded the
 * core (as the CLI has): import the dashboard, build it, draw the first frame. Its events
 * come from a log recorded before the clock starts, as the CLI's come from the worker: the
 * run's own cost is not the dashboard's.
 */
function dashboardShareMs(): Promise<number> {
  const dist = fileURLToPath(new URL('../', import.meta.url));
  const script = `
    await import(${JSON.stringify(dist + 'src/index.js')});
    const { spinners } = await import(${JSON.stringify(dist + 'bench/fixtures/spinners.js')});
    const { recordRun } = await import(${JSON.stringify(dist + 'src/player/session.js')});
    const { ReplaySource } = await import(${JSON.stringify(dist + 'src/sources/replay.js')});
    const events = recordRun(spinners(2), { seed: 1 }, 200, { close: true }).events;
    const start = performance.now();
    const { Dashboard } = await import(${JSON.stringify(dist + 'src/tui/dashboard.js')});
    const { PassThrough, Writable } = await import('node:stream');
    const output = Object.assign(new Writable({ write: (c, e, done) => done() }), { columns: 120, rows: 40, isTTY: true });
    const demo = spinners(2);
    const current = { demo, sourceFile: ${JSON.stringify(fileURLToPath(import.meta.url))}, ref: 'x' };
    const d = new Dashboard({ current, playlist: [], seed: 1, speed: 5, lang: 'en', theme: 'dark', cues: false, input: new PassThrough(), output, source: () => new ReplaySource(events) }, { paused: true });
    d.start();
    process.stdout.write(String(performance.now() - start));
    d.close(0);
  `;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', () => resolve(Number.parseFloat(out)));
  });
}

/**
 * CPU per frame with many tasks, against 4 lanes in the same run: the panes read what
 * they show, so a frame with 10,000 tasks should cost about what a few lanes' does.
 */
export function manyTasksBench(): Row[] {
  const rows: Row[] = [];
  const reference = frameCpuMs(spinners(4), 200, 60);
  rows.push({ name: 'frame CPU 200×60, 4 lanes (reference)', value: reference, unit: 'ms' });
  for (const [name, demo] of [
    ['10,000 tasks, 1,000 stepping', crowd(1_000, 9_000)],
    ['10,000 tasks, all stepping', crowd(10_000, 0)],
    ['1,000 tasks, all stepping', crowd(1_000, 0)],
  ] as const) {
    const ms = frameCpuMs(demo, 200, 60);
    rows.push({ name: `frame CPU 200×60, ${name}`, value: ms, unit: 'ms', target: '< 5', ok: ms < 5 });
    rows.push({ name: `  ratio to the reference`, value: ms / reference, unit: '×' });
  }
  // Past the first turns, lanes end every frame: the code pane's line of thousands changes each time.
  const ms = frameCpuMs(finishing(10_000), 200, 60, 12_000);
  rows.push({ name: 'frame CPU 200×60, 10,000 tasks on the code shown, ending', value: ms, unit: 'ms', target: '< 5', ok: ms < 5 });
  rows.push({ name: `  ratio to the reference`, value: ms / reference, unit: '×' });
  return rows;
}

export async function renderBench(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [cols, height] of [
    [120, 40],
    [200, 60],
  ] as const) {
    for (const lanes of [4, 32]) {
      const ms = frameMs(cols, height, lanes);
      const strict = cols === 200 && lanes === 32;
      rows.push({ name: `frame ${cols}×${height}, ${lanes} lanes`, value: ms, unit: 'ms', ...(strict ? { target: '< 5', ok: ms < 5 } : {}) });
    }
  }
  rows.push(...manyTasksBench());
  const max = await maxTicks(3);
  rows.push({ name: 'ticks/s at max while rendering (inline source, UI thread)', value: max.ticks, unit: 'ticks/s', target: '≥ 1,000,000', ok: max.ticks >= 1_000_000 });
  rows.push({ name: 'frames/s at max (inline source)', value: max.fps, unit: 'fps' });
  const worker = await maxThroughWorker(5);
  rows.push({ name: 'ticks/s at max through the worker (as the dashboard runs)', value: worker.ticks, unit: 'ticks/s' });
  rows.push({ name: '  frames/s', value: worker.fps, unit: 'fps' });
  rows.push({ name: '  UI thread CPU per frame (folding and drawing)', value: worker.uiCpuPerFrameMs, unit: 'ms' });
  rows.push({ name: '  UI thread CPU', value: worker.uiCpuShare * 100, unit: '% of a core' });
  rows.push({ name: '  worker (and Node\'s own threads) CPU', value: worker.workerCpuShare * 100, unit: '% of a core' });
  const cpu = await pausedCpu(10);
  rows.push({ name: 'CPU while paused (10 s)', value: cpu, unit: '%', target: '< 1 (≈0)', ok: cpu < 1 });
  rows.push(...(await launchBench()));
  return rows;
}

/** Launch to the first frame, beside bare Node launched the same way. */
export async function launchBench(): Promise<Row[]> {
  const rows: Row[] = [];
  const first = await firstFrame();
  rows.push({ name: `launch to first frame (real CLI, median of ${LAUNCHES})`, value: first.ms, unit: 'ms', target: '< 300', ok: first.ms < 300 });
  rows.push({ name: '  its main thread\'s CPU by then', value: first.mainCpuMs, unit: 'ms' });
  rows.push({ name: '  reference: node -e 0 in the same terminal', value: first.nodeMs, unit: 'ms' });
  rows.push({ name: '  launch / reference', value: first.ms / first.nodeMs, unit: '×' });
  rows.push({ name: '  launch − reference (coroscope\'s own share)', value: first.ms - first.nodeMs, unit: 'ms' });
  rows.push({ name: '  of which the dashboard (import, build, draw)', value: await dashboardShareMs(), unit: 'ms' });
  // Node reads and parses the file NODE_EXTRA_CA_CERTS names before any script runs (~25 ms
  // for a system bundle); CI and sandboxes set it, a speaker's laptop seldom does.
  if (process.env.NODE_EXTRA_CA_CERTS) {
    const clean = await firstFrame('env -u NODE_EXTRA_CA_CERTS');
    rows.push({ name: 'launch to first frame without NODE_EXTRA_CA_CERTS (set here)', value: clean.ms, unit: 'ms', target: '< 300', ok: clean.ms < 300 });
    rows.push({ name: '  reference: node -e 0 without it', value: clean.nodeMs, unit: 'ms' });
  }
  return rows;
}

// Run alone: node dist/bench/render.js [launch]
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { printRows } = await import('./report.js');
  if (process.argv[2] === 'launch') printRows('Dashboard: launch', await launchBench());
  else printRows('Dashboard: frames, CPU and throughput', await renderBench());
}
