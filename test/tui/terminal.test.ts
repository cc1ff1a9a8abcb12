/**
 * blessed's quirks handled in src/tui/terminal.ts, where they need a process of their own.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { childEnv, repoRoot } from '../helpers.js';

/**
 * Make a screen in a fresh process (blessed reads its environment once, at load), with
 * `env` over the test's own; its stdout is `report`, a JavaScript expression of `screen`.
 */
function screenInChild(report: string, env: Record<string, string>) {
  const terminal = pathToFileURL(join(repoRoot, 'dist', 'src', 'tui', 'terminal.js')).href;
  const script = `
    const { PassThrough } = await import('node:stream');
    const { createScreen, restoreTerminal } = await import(${JSON.stringify(terminal)});
    const output = Object.assign(new PassThrough(), { columns: 80, rows: 24, isTTY: true });
    output.resume();
    const screen = createScreen({ input: new PassThrough(), output });
    process.stdout.write(${report});
    restoreTerminal(screen);
  `;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...childEnv, ...env } });
}

test('inside tmux the screen is made without running `tmux -V` (its version comes from TERM_PROGRAM_VERSION)', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'coroscope-tmux-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // A `tmux` first on PATH that says when it is asked.
  const asked = join(dir, 'asked');
  writeFileSync(join(dir, 'tmux'), `#!/bin/sh\ntouch '${asked}'\necho 'tmux 1.0'\n`);
  chmodSync(join(dir, 'tmux'), 0o755);
  const run = (env: Record<string, string>) =>
    screenInChild('String(screen.program.tmuxVersion)', { PATH: `${dir}:${childEnv.PATH ?? process.env.PATH}`, TMUX: '/tmp/tmux-0/default,1,0', ...env });

  const told = run({ TERM_PROGRAM: 'tmux', TERM_PROGRAM_VERSION: '3.3a' });
  assert.equal(told.status, 0, told.stderr);
  assert.equal(told.stdout, '3.3', 'the version tmux put in the environment');
  assert.equal(existsSync(asked), false, 'no tmux -V process before the first frame');

  // An older tmux that does not say: blessed asks it, as before.
  const older = run({ TERM_PROGRAM: '', TERM_PROGRAM_VERSION: '' });
  assert.equal(older.stdout, '1', older.stderr);
  assert.equal(existsSync(asked), true);
});

test("the screen reads blessed's own xterm-256color description, never the system's (which blessed fails to parse on ncurses 6)", (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'coroscope-terminfo-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // A system description blessed cannot parse, first where it looks ($TERMINFO/x/xterm-256color).
  mkdirSync(join(dir, 'x'));
  writeFileSync(join(dir, 'x', 'xterm-256color'), Buffer.from([0x1e, 0x02, 0xff, 0xff, 0, 0]));
  const run = screenInChild('JSON.stringify({ error: screen.tput.error?.message ?? null, colors: screen.tput.colors, cup: typeof screen.tput.cup })', { TERMINFO: dir, TMUX: '' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), { error: null, colors: 256, cup: 'function' });
});
