/**
 * The process shell (shell.ts): its exit codes from the table and its one-line messages,
 * each through runDashboard in a child process (it installs process-wide handlers).
 * Signals and a real terminal are in test/e2e/hostile.e2e.test.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { EXIT_TABLE } from '../../src/exit-codes.js';
import { childEnv } from '../helpers.js';

const script = fileURLToPath(new URL('./fixtures/shell-run.js', import.meta.url));

function run(spec: object) {
  const child = spawnSync(process.execPath, [script], { encoding: 'utf8', env: { ...childEnv, SHELL_FIXTURE: JSON.stringify(spec) } });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

test('q after the demo finished: exit 0, nothing on stderr', () => {
  const r = run({ fail: false, key: 'q' });
  assert.deepEqual([r.status, JSON.parse(r.stdout)], [0, { code: 0, sawEnd: true }], r.stderr);
  assert.equal(r.stderr, '');
});

test('q after the demo failed: exit 1 and one line saying so', () => {
  const r = run({ fail: true, key: 'q' });
  assert.deepEqual(JSON.parse(r.stdout), { code: 1, sawEnd: true }, r.stderr);
  assert.equal(r.stderr, 'coroscope: demo shell-fixture failed: Error: boom-fixture\n');
});

test('a cue that throws (even null): exit 1 and one line blaming the demo\'s cue, not the dashboard', () => {
  const r = run({ fail: false, key: 'q', cueThrows: true });
  assert.equal(JSON.parse(r.stdout).code, 1, r.stderr);
  assert.equal(r.stderr, 'coroscope: demo shell-fixture failed: its cue bad raised: null (thrown, not an Error)\n');
});

test('Ctrl-C quits with 130, as the shell reports an interrupted command', () => {
  const r = run({ fail: false, key: '\x03' });
  assert.equal(JSON.parse(r.stdout).code, 130, r.stderr);
});

test('stdin not a terminal: one line, exit 2, no dashboard', () => {
  const r = run({ fail: false, key: 'q', stdinTTY: false });
  assert.deepEqual(JSON.parse(r.stdout), { code: 2, sawEnd: false });
  assert.match(r.stderr, /^coroscope: the dashboard reads its keys from a terminal, and stdin is not one; .*--trace, --json\)\n$/);
});

test('the exit-code table names 0, 1, 2 and 128+n', () => {
  assert.match(EXIT_TABLE, /^ {2}0 +done$/m);
  assert.match(EXIT_TABLE, /^ {2}1 +the demo failed/m);
  assert.match(EXIT_TABLE, /^ {2}2 +bad input/m);
  assert.match(EXIT_TABLE, /^ {2}128\+n +ended by signal n/m);
});
