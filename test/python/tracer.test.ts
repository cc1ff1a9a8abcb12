/**
 * The CPython tracer and PythonSource, under every CPython found (3.11, 3.12, 3.13; a
 * missing one is skipped with a message):
 * - every Python demo prints, traced, what plain `python3 file.py` prints;
 * - the log is the same byte for byte across two runs, and well formed (complete-log contract);
 * - every TypeScript demo with a Python original gives, event for event, the original's
 *   traced log (type, tick, task name, outcome and printed text). Together with the first
 *   point this proves the demo prints what CPython prints for the seed's own code; where
 *   the original is not the same program (the seed runs it several ways), a twin written
 *   for the comparison (test/parity/demos) stands in;
 * - pull: a demand of N ticks delivers exactly the events stamped ≤ N, then waits.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { taskDisplayName, type LoopEvent } from '../../src/core/events.js';
import { toJsonLines } from '../../src/export/jsonl.js';
import { recordRun } from '../../src/player/session.js';
import { pythonDemoDir } from '../../src/python/demos.js';
import { loadBuiltin } from '../../src/registry.js';
import { PythonSource } from '../../src/sources/python.js';
import { childEnv, repoRoot } from '../helpers.js';
import { findPython, logProblems, traced, VERSIONS } from './helpers.js';

const run = promisify(execFile);
const demos = readdirSync(pythonDemoDir)
  .filter((f) => f.endsWith('.py'))
  .map((f) => f.slice(0, -3))
  .sort();
const twinDir = join(repoRoot, 'test', 'parity', 'demos');

/**
 * Plain CPython's stdout for a demo. Sleeps are real there: delays are divided by 100 in
 * a copy (what is printed does not depend on them; the traced run keeps the virtual seconds).
 */
const plainCache = new Map<string, string[]>();
async function plainStdout(python: string, name: string, scratch: string): Promise<string[]> {
  const key = `${python} ${name}`;
  if (plainCache.has(key)) return plainCache.get(key)!;
  const source = readFileSync(join(pythonDemoDir, `${name}.py`), 'utf8')
    .replace(/asyncio\.sleep\((delay|\d+)\)/g, 'asyncio.sleep($1 / 100)')
    .replace(/call_later\((delay|0\.5)/g, 'call_later($1 / 100');
  const file = join(scratch, `${name}.py`);
  writeFileSync(file, source);
  // seeded as the tracer seeds it: random.seed(seed) just before the script runs as __main__
  const seeded = `import random, runpy, sys; sys.argv = [${JSON.stringify(file)}]; random.seed(3); runpy.run_path(${JSON.stringify(file)}, run_name='__main__')`;
  const { stdout } = await run(python, ['-c', seeded], { cwd: scratch, env: { ...childEnv, PYTHONHASHSEED: '0' }, timeout: 60_000 });
  const lines = stdout.split('\n').slice(0, -1);
  plainCache.set(key, lines);
  return lines;
}

const printed = (events: readonly LoopEvent[]) => events.flatMap((e) => (e.type === 'print' && e.stream !== 'stderr' ? [e.text] : []));

/** What parity compares: type, tick, task name, outcome, printed text (locations and internal names aside). */
const COMPARED = new Set(['task-spawn', 'task-scheduled', 'step-begin', 'step-end', 'print', 'wake', 'timer-set', 'timer-fired', 'callback', 'clock-advance', 'loop-end', 'cancel-requested', 'cancelled']);

function comparable(events: readonly LoopEvent[], rename: Record<string, string> = {}): string[] {
  const names = new Map<number, string>();
  const out: string[] = [];
  for (const e of events) {
    if (e.type === 'task-spawn') names.set(e.task, taskDisplayName(e.name, e.coro));
    if (!COMPARED.has(e.type)) continue;
    const task = 'task' in e && e.task !== null ? names.get(e.task) ?? `#${e.task}` : '';
    const outcome = 'outcome' in e ? e.outcome : '';
    const text = e.type === 'print' ? e.text.replace(/\bundefined\b/g, 'None').replace(/\btrue\b/g, 'True').replace(/\bfalse\b/g, 'False') : '';
    out.push(`${e.tick} ${e.type} ${rename[task] ?? task} ${outcome} ${text}`.trimEnd());
  }
  return out;
}

/**
 * How the Python side differs from its TypeScript demo by construction, not by behaviour.
 * - manager demos (four, frenetic, manual) are not compared: see the skip below.
 * - awaitables, coroutines: the seed's original runs its code several ways in a row (a
 *   loop, asyncio.run, by hand), the demo once: the twin (test/parity/demos) is compared.
 * - awaitables: the demo names its second task 'AsyncTask (yield)'; the twin's class is AsyncTaskYield.
 * - waiter, waiter-sleep: the originals print the loop's result at module level (run-demo.ts prints it outside the log).
 */
const TWIN_NOTES: Record<string, { twin?: true; rename?: Record<string, string>; trailingPrint?: boolean }> = {
  awaitables: { twin: true, rename: { 'AsyncTask (yield)': 'AsyncTaskYield' } },
  coroutines: { twin: true },
  waiter: { trailingPrint: true },
  'waiter-sleep': { trailingPrint: true },
};

for (const version of VERSIONS) {
  const python = findPython(version);
  describe(`CPython ${version}`, { concurrency: 2 }, () => {
    if (python === null) {
      it(`python ${version}`, (t) => t.skip(`python ${version} not installed`));
      return;
    }
    const scratch = mkdtempSync(join(tmpdir(), 'coroscope-py-'));
    process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

    for (const name of demos) {
      it(`demo ${name}: prints what plain python prints, the same log twice, well formed`, async () => {
        const script = join(pythonDemoDir, `${name}.py`);
        const [first, second, plain] = await Promise.all([traced({ script, python, seed: 3 }), traced({ script, python, seed: 3 }), plainStdout(python, name, scratch)]);
        assert.deepEqual(printed(first), plain, `traced prints of demos/python/${name}.py differ from python's stdout`);
        assert.equal(toJsonLines(second), toJsonLines(first), 'two runs with the same seed gave different logs');
        assert.deepEqual(logProblems(first), []);
        const start = first[0];
        assert.ok(start?.type === 'loop-start' && start.source?.language === 'python' && start.source.version?.startsWith(version));
        if (name === 'gather') {
          // the future main parks on is renamed as its children are counted
          const labels = first.flatMap((e) => (e.type === 'future-label' ? [e.label] : []));
          assert.deepEqual(labels, ['gather 1/2', 'gather 2/2', 'gather 1/3', 'gather 2/3', 'gather 3/3']);
        }
      });
    }

    for (const name of demos) {
      const note = TWIN_NOTES[name] ?? {};
      const script = note.twin ? join(twinDir, `${name}.py`) : join(pythonDemoDir, `${name}.py`);
      it(`demo ${name}: the TypeScript demo's log, event for event (${note.twin ? 'twin' : 'original'})`, async (t) => {
        const { demo } = await loadBuiltin(name);
        // A hand-driven coroutine ends in StopIteration in Python and in `{ done: true }` in
        // JavaScript, and the managers print what they get: their text is checked against the seed in test/demos.
        if (demo.manager !== undefined) return t.skip('a manager demo: the languages end a hand-driven coroutine differently');
        const ts = recordRun(demo, { seed: demo.seed ?? 1, policy: demo.policy ?? 'asyncio', locations: true }).events;
        let py = await traced({ script, python });
        if (note.trailingPrint) {
          // the module-level print after the loop (the TypeScript runner echoes the result outside the log)
          const last = py.map((e) => e.type).lastIndexOf('print');
          assert.ok(last >= 0 && (py[last] as { task: number | null }).task === null);
          py = py.filter((_, i) => i !== last);
        }
        assert.deepEqual(comparable(py), comparable(ts, note.rename));
      });
    }

    it('loop-start says what drives the program (asyncio, or the manager function that sends into the coroutines; "manager" for the module itself), and a pick says what random.choice drew, as the TypeScript demo says them', async () => {
      const policy = (events: readonly LoopEvent[]) => (events[0]?.type === 'loop-start' ? events[0].policy : null);
      const draws = (events: readonly LoopEvent[]) => events.flatMap((e) => (e.type === 'pick' ? [e.draw] : []));
      const [tumpak, four, manual, gather] = await Promise.all(['tumpak', 'four', 'manual', 'gather'].map((name) => traced({ script: join(pythonDemoDir, `${name}.py`), python, seed: 7 })));
      const ts = recordRun((await loadBuiltin('tumpak')).demo, { seed: 7 }).events;
      assert.equal(policy(tumpak), 'frenetic_coros_manager');
      assert.equal(policy(tumpak), policy(ts));
      assert.ok(draws(tumpak).length > 0 && draws(tumpak).every((d) => d === 0 || d === 1), `${draws(tumpak)}`);
      assert.deepEqual(draws(tumpak), draws(ts));
      assert.equal(policy(four), 'coro_manager');
      assert.equal(policy(manual), 'manager'); // next() from the module's own code
      assert.equal(policy(gather), 'asyncio');
      for (const events of [tumpak, four, manual, gather]) {
        assert.equal(events.filter((e) => e.type === 'loop-start').length, 1);
        assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i), 'seq in order, loop-start first');
      }
    });

    it('pull: a demand of N ticks delivers every event stamped ≤ N, then waits for more', async () => {
      const script = join(pythonDemoDir, 'gather.py');
      const whole = await traced({ script, python });
      const source = new PythonSource({ script, python });
      const got: LoopEvent[] = [];
      source.events$.subscribe((batch) => got.push(...batch));
      const waiting = (tick: number) =>
        new Promise<void>((resolve) => {
          const sub = source.progress$.subscribe((p) => {
            if (p.state === 'idle' && p.tick === tick) {
              queueMicrotask(() => sub.unsubscribe());
              resolve();
            }
          });
        });
      try {
        source.demand(3);
        await waiting(3);
        assert.deepEqual(got, whole.filter((e) => e.tick <= 3));
        source.demand(9);
        await waiting(9);
        assert.deepEqual(got, whole.filter((e) => e.tick <= 9));
      } finally {
        source.dispose();
        await source.closed;
      }
    });

    it('a script that raises: a failed lane and loop-end threw with the last line', async () => {
      const events = await traced({ script: join(repoRoot, 'test', 'python', 'fixtures', 'raises.py'), python });
      const end = events[events.length - 1]!;
      assert.deepEqual(end.type === 'loop-end' && [end.outcome, end.error], ['threw', 'ValueError: boom']);
      assert.ok(events.some((e) => e.type === 'step-end' && e.outcome === 'threw' && e.error === 'ValueError: boom'));
      assert.deepEqual(logProblems(events), []);
    });

    it("a thread's prints: no task's (the loop lane's), every line, and the log stays one sequence", async () => {
      const events = await traced({ script: join(repoRoot, 'test', 'python', 'fixtures', 'thread_prints.py'), python });
      const prints = events.filter((e) => e.type === 'print');
      const fromThread = prints.filter((e) => e.type === 'print' && e.text.startsWith('thread '));
      assert.deepEqual(fromThread.map((e) => e.type === 'print' && e.text), Array.from({ length: 300 }, (_, i) => `thread ${i}`));
      assert.ok(fromThread.every((e) => e.type === 'print' && e.task === null), 'the thread is not the main task');
      const main = prints.find((e) => e.type === 'print' && e.text === 'task before');
      assert.ok(main?.type === 'print' && main.task !== null, 'the task’s own print is its');
      assert.deepEqual(printed(events), ['task before', ...fromThread.map((e) => e.type === 'print' && e.text), 'task after']);
      assert.deepEqual(logProblems(events), []);
    });

    it('a sleep that never ends (math.inf): parked for good, a deadlock at the last finite time, as the TypeScript loop ends it', async () => {
      const events = await traced({ script: join(repoRoot, 'test', 'python', 'fixtures', 'sleeps_forever.py'), python });
      const end = events[events.length - 1]!;
      assert.deepEqual(end.type === 'loop-end' && end.outcome, 'deadlock');
      assert.deepEqual(printed(events), ['before']);
      assert.equal(end.time, 1);
      assert.ok(!events.some((e) => e.type === 'timer-set' && !Number.isFinite(e.deadline)), 'no timer the log cannot carry');
      assert.deepEqual(logProblems(events), []);
    });

    it('bytes written to sys.stdout.buffer are printed lines, decoded as UTF-8 (a split character whole, bad bytes as �)', async () => {
      const events = await traced({ script: join(repoRoot, 'test', 'python', 'fixtures', 'binary_stdout.py'), python });
      assert.deepEqual(printed(events), ['café ok', '\ufffd\ufffd raw', 'end']);
      const end = events[events.length - 1]!;
      assert.deepEqual(end.type === 'loop-end' && end.outcome, 'returned');
    });

    it('cancel events, stderr prints, a partial line finished later', async () => {
      const events = await traced({ script: join(repoRoot, 'test', 'python', 'fixtures', 'stderr_and_cancel.py'), python });
      assert.ok(events.some((e) => e.type === 'cancel-requested'));
      assert.ok(events.some((e) => e.type === 'step-end' && e.outcome === 'cancelled'));
      assert.ok(events.some((e) => e.type === 'print' && e.stream === 'stderr' && e.text === 'sleeper cleans up'));
      assert.deepEqual(printed(events), ['cancelled!']);
      assert.deepEqual(logProblems(events), []);
    });

    it('hand-driven coroutines: lanes of kind coroutine, the manager as driver, StopIteration.value as the result', async () => {
      const events = await traced({ script: join(pythonDemoDir, 'four.py'), python });
      const spawns = events.filter((e) => e.type === 'task-spawn');
      assert.deepEqual(
        spawns.map((e) => e.type === 'task-spawn' && [e.name, e.kind]),
        [['tum', 'coroutine'], ['four', 'coroutine'], ['four', 'coroutine'], ['wont_terminate_here', 'coroutine']],
      );
      const ends = events.filter((e) => e.type === 'step-end').map((e) => e.type === 'step-end' && [e.outcome, e.value ?? e.error ?? null]);
      assert.deepEqual(ends, [['returned', 'None'], ['returned', '4'], ['returned', '4'], ['yielded', null], ['cancelled', 'GeneratorExit']]);
      const begin = events.find((e) => e.type === 'step-begin' && e.task === 4);
      assert.ok(begin?.type === 'step-begin' && begin.driver?.file.endsWith('four.py'));
      const parked = events.find((e) => e.type === 'step-end' && e.outcome === 'yielded');
      // the whole await chain: wont_terminate_here's await, down to the yield in Awaitable.__await__
      assert.ok(parked?.type === 'step-end' && parked.chain?.length === 2 && parked.chain[1]!.line === parked.where?.line);
    });

    it('tumpak: random.choice picks a lane, the same beat for the same seed', async () => {
      const script = join(pythonDemoDir, 'tumpak.py');
      const [a, b] = await Promise.all([traced({ script, python, seed: 7 }), traced({ script, python, seed: 8 })]);
      assert.equal(printed(a).length, 20);
      assert.ok(a.some((e) => e.type === 'pick'));
      const plain = await run(python, ['-c', `import random, runpy, sys; random.seed(7); runpy.run_path(${JSON.stringify(script)}, run_name='__main__')`], { env: childEnv });
      assert.deepEqual(printed(a), plain.stdout.split('\n').slice(0, -1));
      assert.notDeepEqual(printed(a), printed(b));
    });
  });
}
