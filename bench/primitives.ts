/**
 * Synchronization primitives at scale, beside CPython measured in the same run:
 * Event.set() waking 100 k waiters, a Lock with 100 k contenders, and gather over 1 M
 * children (CPython's asyncio gathers 1 M; a spread of arguments stops near 120 k).
 * Each figure is the median of ROUNDS fresh processes per side (one for the 1 M gather:
 * CPython takes over ten seconds there).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Row } from './report.js';

const ROUNDS = 3;
const WORKER = fileURLToPath(new URL('./primitives-worker.js', import.meta.url));

const PYTHON = `
import asyncio, sys, time
kind, n = sys.argv[1], int(sys.argv[2])
seconds = 0.0
async def event_bench():
    global seconds
    event = asyncio.Event()
    tasks = [asyncio.create_task(event.wait()) for _ in range(n)]
    await asyncio.sleep(0)
    start = time.perf_counter()
    event.set()
    await asyncio.gather(*tasks)
    seconds = time.perf_counter() - start
async def lock_bench():
    global seconds
    lock = asyncio.Lock()
    async def contender():
        async with lock:
            await asyncio.sleep(0)
    start = time.perf_counter()
    await asyncio.gather(*(contender() for _ in range(n)))
    seconds = time.perf_counter() - start
async def gather_bench():
    global seconds
    async def child(i):
        await asyncio.sleep(0)
        return i
    start = time.perf_counter()
    results = await asyncio.gather(*(child(i) for i in range(n)))
    seconds = time.perf_counter() - start
    assert len(results) == n
asyncio.run({'event': event_bench, 'lock': lock_bench, 'gather': gather_bench}[kind]())
print(seconds)
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function ours(kind: string, n: number): number {
  const out = execFileSync(process.execPath, ['--max-old-space-size=4096', WORKER, kind, String(n)], { encoding: 'utf8' });
  return (JSON.parse(out) as { seconds: number }).seconds;
}

function cpython(kind: string, n: number): number | null {
  try {
    return Number(execFileSync('python3', ['-c', PYTHON, kind, String(n)], { encoding: 'utf8', env: { ...process.env, PYTHONHASHSEED: '0' } }).trim());
  } catch {
    return null;
  }
}

export async function primitivesBench(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [kind, n, what] of [
    ['event', 100_000, 'Event.set() waking 100 k waiters'],
    ['lock', 100_000, 'Lock with 100 k contenders'],
    ['gather', 1_000_000, 'gather of 1 M children'],
  ] as const) {
    const mine: number[] = [];
    const theirs: number[] = [];
    for (let round = 0; round < (kind === 'gather' ? 1 : ROUNDS); round++) {
      mine.push(ours(kind, n));
      const t = cpython(kind, n);
      if (t !== null) theirs.push(t);
    }
    const a = median(mine);
    rows.push({ name: `${what}: coroscope`, value: a * 1000, unit: 'ms' });
    if (theirs.length > 0) {
      const b = median(theirs);
      rows.push({ name: `${what}: CPython asyncio`, value: b * 1000, unit: 'ms' });
      rows.push({ name: `${what}: coroscope ÷ CPython time`, value: a / b, unit: '×', target: '≤ 1.0', ok: a / b <= 1 });
    } else {
      rows.push({ name: `${what}: CPython asyncio (python3 not found)`, value: NaN, unit: 'ms' });
    }
  }
  return rows;
}
