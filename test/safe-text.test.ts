/**
 * One sanitiser for every text that reaches a terminal (safe-text.ts), and each place that
 * text leaves from: the --trace and --json outputs, the dashboard's cells and window title,
 * a recording's title and markers, error lines. The hostile demo fixture is the input.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { safeJson, safeLine, safeText } from '../src/safe-text.js';
import { cellText, colorSupport, createScreen, restoreTerminal, stripColors } from '../src/tui/terminal.js';
import { AsciicastRecorder } from '../src/export/asciicast.js';
import { cli, repoRoot } from './cli/run-cli.js';
import { NASTY } from './fixtures/hostile.js';

/** What a terminal acts on: ESC, the other C0 controls but newline, DEL, C1. */
const ACTIVE = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;
const hostile = join(repoRoot, 'dist', 'test', 'fixtures', 'hostile.js');

test('safeText: controls become visible stand-ins; letters, double-width text and newlines stay', () => {
  assert.equal(safeText('a\x1b[2Jb'), 'a␛[2Jb');
  assert.equal(safeText('\x9b31m\x7f'), '\ufffd31m\u2421');
  assert.equal(safeText('café 日本\nnext\tcol'), 'café 日本\nnext\tcol');
  assert.equal(safeLine('one\ntwo\r\x07'), 'one two ␇');
  assert.doesNotMatch(safeText(NASTY), ACTIVE);
  assert.equal(safeText(safeText(NASTY)), safeText(NASTY), 'idempotent');
  assert.equal(JSON.parse(safeJson(JSON.stringify('\x9bx\x7f'))), '\x9bx\x7f', 'safeJson keeps the value');
  assert.doesNotMatch(safeJson(JSON.stringify(NASTY)), ACTIVE);
});

test('cellText: one cell per unit, double-width text kept with its blank right half, controls shown not obeyed', () => {
  assert.equal(cellText('日本'), '日 本 ');
  assert.equal(cellText('café'), 'café');
  assert.equal(cellText('a\x9bb'), 'a\ufffdb');
  assert.doesNotMatch(cellText(NASTY), ACTIVE);
});

test('--trace and --json of a hostile demo: no control reaches stdout, names like café and 日本 kept', () => {
  const trace = cli([hostile, '--trace']);
  assert.equal(trace.code, 0, trace.stderr);
  assert.doesNotMatch(trace.stdout, ACTIVE);
  assert.match(trace.stdout, /␛\[2J␛\]0;pwned␇/);
  assert.match(trace.stdout, /^café /m, 'lane café');
  assert.match(trace.stdout, /^日本/m, 'lane 日本');
  assert.match(trace.stdout, /日本語 done/);
  const json = cli([hostile, '--json']);
  assert.equal(json.code, 0, json.stderr);
  assert.doesNotMatch(json.stdout, ACTIVE);
  const spawns = json.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.type === 'task-spawn');
  assert.deepEqual(spawns.map((e) => e.coro).slice(-2), ['café', '日本']);
  assert.ok(json.stdout.includes('\\u009b'), 'C1 escaped, value kept');
});

test('a failing hostile demo: its error line on stderr is inert', () => {
  const run = cli([hostile, '--trace'], repoRoot, { HOSTILE: 'policy' });
  assert.equal(run.code, 1);
  assert.doesNotMatch(run.stderr, ACTIVE);
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
});

test('the window title and a recording title and markers are inert', async () => {
  const output = Object.assign(new PassThrough(), { columns: 80, rows: 24, isTTY: true });
  let written = '';
  output.on('data', (c: Buffer) => (written += c.toString()));
  const screen = createScreen({ input: new PassThrough(), output, title: `coroscope: ${NASTY}` });
  screen.title = `next ${NASTY}`;
  restoreTerminal(screen);
  const titles = [...written.matchAll(/\x1b\]0;([^\x07]*)\x07/g)].map((m) => m[1]!);
  assert.ok(titles.length >= 2, 'both titles sent');
  for (const title of titles) assert.doesNotMatch(title, ACTIVE);

  const dir = mkdtempSync(join(tmpdir(), 'coroscope-test-'));
  try {
    const file = join(dir, 'x.cast');
    const term = Object.assign(new PassThrough(), { columns: 80, rows: 24 });
    term.resume();
    const recorder = new AsciicastRecorder(term, file, { title: NASTY });
    recorder.marker(`cue: ${NASTY}`);
    await recorder.close();
    assert.doesNotMatch(readFileSync(file, 'utf8'), ACTIVE);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('colours: NO_COLOR strips them, 8-colour terminals are recognised, 256 otherwise', () => {
  assert.equal(colorSupport({ NO_COLOR: '1', TERM: 'xterm-256color' }), 'none');
  assert.equal(colorSupport({ NO_COLOR: '', TERM: 'xterm-256color' }), 256);
  for (const term of ['linux', 'screen', 'dumb', 'vt100']) assert.equal(colorSupport({ TERM: term }), 8, term);
  assert.equal(colorSupport({ TERM: 'screen-256color' }), 256);
  assert.equal(stripColors('\x1b[1;38;5;204;48;5;17mX\x1b[m\x1b[31mY\x1b[0m'), '\x1b[1mX\x1b[mY\x1b[0m');
});
