/**
 * First frame of a user's `.ts` demo: a fresh `node` process loads the CLI's pieces, the
 * demo through the module hooks (sucrase), and draws the dashboard's first frame on an
 * in-memory terminal. Measured from the process's own start (performance.now() counts
 * from it), median of RUNS fresh processes. Target: under 700 ms.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Row } from './report.js';

const RUNS = 5;
const TARGET_MS = 700;

const DEMO = `import { defineDemo, gather, print, sleep } from 'coroscope';

interface Beat { word: string; delay: number }

function* beat({ word, delay }: Beat): Generator<unknown, string, unknown> {
  yield* sleep(delay);
  print(word);
  return word;
}

export default defineDemo({ name: 'mine', title: 'Mine', main: () => gather(beat({ word: 'a', delay: 1 }), beat({ word: 'b', delay: 2 })) });
`;

/** Run in the child: load the demo as the CLI does, draw one frame, print the time. */
async function child(file: string): Promise<void> {
  const { loadDemo } = await import('../src/registry.js');
  const { PassThrough } = await import('node:stream');
  // As the CLI does: the dashboard's modules load while the demo does.
  const [{ Dashboard }, current] = await Promise.all([import('../src/tui/dashboard.js'), loadDemo(file)]);
  const output = Object.assign(new PassThrough(), { columns: 120, rows: 40, isTTY: true });
  output.resume();
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  const dashboard = new Dashboard({ current, playlist: [current], seed: 1, speed: 5, lang: 'en', theme: 'dark', cues: false, input, output }, { paused: true });
  dashboard.start();
  const ms = performance.now();
  dashboard.close(0);
  process.stdout.write(`${ms}\n`);
  process.exit(0);
}

export async function userDemoBench(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'coroscope-bench-'));
  try {
    const file = join(dir, 'mine.ts');
    writeFileSync(file, DEMO);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), file], { encoding: 'utf8', env: { ...process.env, COROSCOPE_BENCH_CHILD: '1' } });
      times.push(Number(out.trim()));
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(RUNS / 2)]!;
    return [{ name: 'first frame of a user .ts demo (fresh process, median)', value: median, unit: 'ms', target: `< ${TARGET_MS}`, ok: median < TARGET_MS }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.COROSCOPE_BENCH_CHILD === '1') await child(process.argv[2]!);
