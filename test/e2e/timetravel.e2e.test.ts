/**
 * End to end, the dashboard as a cursor over the recorded log, and a demo that can
 * never freeze the room: the real CLI in a tmux server of our own.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cli, headerOf, skip, TmuxServer, until as untilOn } from './tmux.js';

const server = new TmuxServer(`coroscope-travel-${process.pid}`);
const tmux = (...args: string[]) => server.run(...args);
const capture = () => server.capture('tt');
const until = <T>(what: string, probe: () => T | undefined | false) => untilOn(what, probe, () => server.safeCapture('tt'));
const tickShown = () => Number(/tick +(\d+)/.exec(headerOf(capture()))?.[1] ?? NaN);

/**
 * Milliseconds until `probe` holds, read as fast as tmux answers (not at `until`'s 100 ms
 * pace, which would be most of what is measured); fails after a few seconds.
 */
async function timeUntil(what: string, probe: () => boolean): Promise<number> {
  const start = performance.now();
  while (!probe()) {
    if (performance.now() - start > 5000) assert.fail(`timed out waiting for ${what}\n${server.safeCapture('tt')}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return performance.now() - start;
}

test('at max for 20 s, then paused: ← drops the tick by one at once, End goes back to the furthest tick, → from there runs on', { skip }, async () => {
  const spinners = fileURLToPath(new URL('../../bench/fixtures/spinners.js', import.meta.url));
  const command = `TERM=xterm-256color '${process.execPath}' '${cli}' '${spinners}' --speed max; echo "EXIT=$?"; sleep 600`;
  tmux('new-session', '-d', '-s', 'tt', '-x', '120', '-y', '36', command);
  try {
    await until('running at max', () => /speed +max/.test(headerOf(capture())) && tickShown() > 1000);
    await new Promise((r) => setTimeout(r, 20_000));
    tmux('send-keys', '-t', 'tt', 'Space');
    await until('PAUSED', () => /PAUSED/.test(headerOf(capture())));
    const paused = tickShown();
    assert.ok(paused > 100_000, `${paused} ticks in 20 s at max`);
    tmux('send-keys', '-t', 'tt', 'Left');
    const ms = await timeUntil(`tick ${paused - 1}`, () => tickShown() === paused - 1);
    assert.ok(ms < 300, `← took ${Math.round(ms)} ms to show tick ${paused - 1}`);
    tmux('send-keys', '-t', 'tt', 'Home');
    await until('tick 0', () => tickShown() === 0);
    tmux('send-keys', '-t', 'tt', 'End');
    await until(`tick ${paused} again`, () => tickShown() === paused);
    tmux('send-keys', '-t', 'tt', 'Right');
    await until(`tick ${paused + 1}`, () => tickShown() === paused + 1);
    tmux('send-keys', '-t', 'tt', 'Space');
    await until('running on past it', () => tickShown() > paused + 100);
    tmux('send-keys', '-t', 'tt', 'q');
    await until('exit 0', () => /EXIT=0/.test(capture()));
    assert.equal(server.terminalState('tt'), '0 1');
  } finally {
    server.kill();
  }
});

test('a task that never yields: the header says so, q quits within a second, the terminal is as it was', { skip }, async () => {
  const demo = fileURLToPath(new URL('./fixtures/never-yields.js', import.meta.url));
  const before = join(tmpdir(), `coroscope-stty-before-${process.pid}`);
  const after = join(tmpdir(), `coroscope-stty-after-${process.pid}`);
  const command = `stty -g > '${before}'; TERM=xterm-256color '${process.execPath}' '${cli}' '${demo}' --speed 20; echo "EXIT=$?"; stty -g > '${after}'; sleep 600`;
  tmux('new-session', '-d', '-s', 'tt', '-x', '100', '-y', '30', command);
  try {
    await until('the stall in the header', () => /not answering \(spinner was running\)/.test(headerOf(capture())));
    assert.match(capture(), /about to spin/, 'the ticks before the stall are on screen');
    const start = performance.now();
    tmux('send-keys', '-t', 'tt', 'q');
    await until('exit 0', () => /EXIT=0/.test(capture()));
    const ms = performance.now() - start;
    assert.ok(ms < 1000, `q took ${Math.round(ms)} ms`);
    assert.equal(server.terminalState('tt'), '0 1');
    await until('stty read after exit', () => readFileSync(after, 'utf8').length > 0);
    assert.equal(readFileSync(after, 'utf8'), readFileSync(before, 'utf8'));
  } finally {
    server.kill();
    rmSync(before, { force: true });
    rmSync(after, { force: true });
  }
});
