/**
 * The command line with Python programs, and the failures a user meets: a syntax error,
 * a Python too old or missing, a script that never yields (killed by dispose()), a step
 * that blocks.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Player } from '../../src/player/player.js';
import { PythonSource } from '../../src/sources/python.js';
import type { SourceProgress } from '../../src/sources/source.js';
import { cli, repoRoot } from '../cli/run-cli.js';
import { findPython } from './helpers.js';

const fixtures = join(repoRoot, 'test', 'python', 'fixtures');
const python = findPython('3.11') ?? findPython('3.12') ?? findPython('3.13');

test('coroscope NAME --python --json plays demos/python/NAME.py', (t) => {
  if (python === null) return t.skip('no CPython 3.11+ installed');
  const run = cli(['hello', '--python', '--json', '--python', python]);
  assert.equal(run.code, 0, run.stderr);
  const events = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(events[0].source.language, 'python');
  assert.ok(events[0].source.file.endsWith(join('demos', 'python', 'hello.py')));
  assert.deepEqual(events.filter((e) => e.type === 'print').map((e) => e.text), ['Hello', 'World']);
});

test('coroscope file.py --trace draws the lanes of a Python program', (t) => {
  if (python === null) return t.skip('no CPython 3.11+ installed');
  const run = cli([join('demos', 'python', 'gather.py'), '--trace', '--python', python]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^square Task-4 +│/m);
  assert.match(run.stdout, /\[1, 4, 9\]/);
});

test('the listing marks the demos that have a Python original', () => {
  const run = cli([]);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /^ {2}tumpak +Tum and Pak.*  \[py\]$/m);
  assert.match(run.stdout, /^ {2}gather +gather.*  \[py\]$/m);
});

test('a demo without a Python original: one line, exit 2', () => {
  const run = cli(['no-such-demo', '--python', '--json']);
  assert.equal(run.code, 2);
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, /has no Python original/);
});

test('a syntax error: one line with file:line, exit 2', (t) => {
  if (python === null) return t.skip('no CPython 3.11+ installed');
  const run = cli([join(fixtures, 'syntax_error.py'), '--json', '--python', python]);
  assert.equal(run.code, 2);
  assert.equal(run.stdout, '');
  const lines = run.stderr.trim().split('\n');
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0]!, /syntax_error\.py:2: SyntaxError: /);
});

test('Python 3.10 is too old: one line, exit 2', (t) => {
  const old = findPython('3.10');
  if (old === null) return t.skip('python 3.10 not installed');
  const run = cli([join(repoRoot, 'demos', 'python', 'hello.py'), '--json', '--python', old]);
  assert.equal(run.code, 2);
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, /Python 3\.11 or newer is needed/);
});

test('a missing interpreter: one line, exit 2', () => {
  const run = cli([join(repoRoot, 'demos', 'python', 'hello.py'), '--json', '--python', '/nonexistent/python3']);
  assert.equal(run.code, 2);
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, /\/nonexistent\/python3 not found/);
});

test('a script that never yields is killed by dispose()', async (t) => {
  if (python === null) return t.skip('no CPython 3.11+ installed');
  const source = new PythonSource({ script: join(fixtures, 'spin.py'), python, stallAfterMs: 0 });
  const first = await new Promise<string>((resolve) => source.events$.subscribe((batch) => resolve(batch[0]!.type)));
  assert.equal(first, 'loop-start');
  source.demand(10);
  source.dispose();
  await source.closed; // the process is gone: the test would hang here otherwise
  source.dispose(); // twice is safe
});

test('a step that blocks between two prints: not answering meanwhile reports the last whole tick, and the player shows both prints at that tick', async (t) => {
  if (python === null) return t.skip('no CPython 3.11+ installed');
  const script = join(fixtures, 'slow_step.py');
  const progress: SourceProgress[] = [];
  let made = 0;
  const demo = { name: 'slow_step', title: { en: '', fr: '' }, narration: { en: '', fr: '' }, main: () => [] };
  const player = new Player(demo, {
    seed: 1,
    speed: Infinity,
    source: () => {
      made++;
      const source = new PythonSource({ script, python, stallAfterMs: 100 });
      source.progress$.subscribe((p) => progress.push(p));
      return source;
    },
  });
  t.after(() => player.dispose());
  player.start();
  await new Promise<void>((resolve) => {
    const done = player.changes$.subscribe(() => {
      if (player.state === 'done') {
        done.unsubscribe();
        resolve();
      }
    });
  });
  assert.equal(made, 1);
  const stalled = progress.filter((p) => p.state === 'stalled');
  assert.ok(stalled.length > 0, 'the blocked step showed as not answering');
  const printTick = player.view.output.find((line) => line.text === 'before')?.tick;
  assert.ok(printTick !== undefined && printTick > 0);
  assert.ok(stalled.every((p) => p.tick < printTick), `not answering in tick ${printTick}, whose "after" was still to come: ${JSON.stringify(stalled)}`);
  player.seek(printTick);
  assert.deepEqual(
    player.view.output.filter((line) => line.tick === printTick).map((line) => line.text),
    ['before', 'after'],
    'the tick is shown whole',
  );
});

test("what a script writes past sys.stdout (os.write, a subprocess) reaches stdout, as under CPython; its prints stay print events", (t) => {
  if (python === null) return t.skip('no CPython 3.11+ installed');
  const run = cli([join(fixtures, 'raw_writes.py'), '--trace', '--python', python]);
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.split('\n');
  assert.deepEqual(lines.slice(0, 3), ['raw write', 'from a subprocess', 'no newline at the end']);
  assert.match(run.stdout, /^ {2}\d+ +main +printed$/m, 'the print is the trace’s');
});

test('a Python source keeps the console lines written before anyone subscribed', async (t) => {
  if (python === null) return t.skip('no CPython 3.11+ installed');
  const source = new PythonSource({ script: join(fixtures, 'raw_writes.py'), python });
  source.demand(Infinity);
  await source.closed; // every line was written before this subscription
  const lines: string[] = [];
  source.console$.subscribe(({ stream, line }) => lines.push(`${stream}: ${line}`));
  source.dispose();
  assert.deepEqual(lines, ['stdout: raw write', 'stdout: from a subprocess', 'stdout: no newline at the end']);
});
