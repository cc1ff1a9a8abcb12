/**
 * End to end: the real CLI (`coroscope tumpak`) in a tmux server of our own, driven by
 * send-keys and read back with capture-pane. Every wait polls until a condition holds
 * or a generous timeout passes: no fixed sleep is an assertion (the machine is shared).
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { cli, headerOf, skip, TmuxServer, until as untilOn } from './tmux.js';

/** A tmux server of our own per test: a server being killed can still hold the previous name. */
let server = new TmuxServer('');
let servers = 0;
function newServer(): void {
  server = new TmuxServer(`coroscope-e2e-${process.pid}-${++servers}`);
}

const tmux = (...args: string[]) => server.run(...args);
const capture = () => server.capture('e2e');
const until = <T>(what: string, probe: () => T | undefined | false) => untilOn(what, probe, () => server.safeCapture('e2e'));

function header(): string {
  return headerOf(capture());
}

function tickShown(): number {
  const m = /tick (\d+)/.exec(header());
  assert.ok(m, `no tick in the header: ${header()}`);
  return Number(m[1]);
}

test('the dashboard in tmux: lanes and output, pause, step, step back, speed, resize, quit', { skip }, async () => {
  const command = `TERM=xterm-256color '${process.execPath}' '${cli}' tumpak --seed 42 --speed 1; echo "EXIT=$?"; sleep 600`;
  newServer();
  tmux('new-session', '-d', '-s', 'e2e', '-x', '100', '-y', '30', command);
  try {
    // Lanes and output appear.
    await until('the lanes and a first print', () => {
      const screen = capture();
      return /lanes · ticks/.test(screen) && /│[▶ ] tum /.test(screen) && /│[▶ ] pak /.test(screen) && /\d+ (tum|pak) +(Tum|Pak)/.test(screen);
    });
    // tumpak runs the seed's own frenetic_coros_manager (a managed run), not the random policy.
    assert.match(header(), /frenetic_coros_manager │ seed 42 │ speed 1\/s │ RUNNING/);
    assert.match(capture(), /┌─ code · tumpak.ts ─+┐/, 'borders are box-drawing characters');

    // Space pauses: two captures a second apart are identical.
    tmux('send-keys', '-t', 'e2e', 'Space');
    await until('PAUSED', () => /PAUSED/.test(header()));
    const paused = capture();
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(capture(), paused);

    // A step advances exactly one tick; a step back returns to the same screen.
    const tick = tickShown();
    tmux('send-keys', '-t', 'e2e', 's');
    await until(`tick ${tick + 1}`, () => tickShown() === tick + 1);
    tmux('send-keys', '-t', 'e2e', 'Left');
    await until(`tick ${tick} again`, () => tickShown() === tick);
    await until('the same screen as before the step', () => capture() === paused);

    // + changes the speed shown.
    tmux('send-keys', '-t', 'e2e', '+');
    await until('speed 2/s', () => /speed 2\/s/.test(header()));

    // Resize re-lays out everything.
    tmux('resize-window', '-t', 'e2e', '-x', '140', '-y', '40');
    await until('a 140-column layout', () => {
      const lines = capture().split('\n');
      const lanes = lines.findIndex((l) => /^┌─ lanes · ticks[^┐]*┐$/.test(l));
      return lanes > 0 && lines[lanes]!.length === 140 && /q quit/.test(lines[39] ?? '');
    });

    // q exits 0 and the terminal is restored: no alternate screen, cursor visible.
    tmux('send-keys', '-t', 'e2e', 'q');
    await until('exit 0', () => /EXIT=0/.test(capture()));
    assert.equal(server.terminalState('e2e'), '0 1');
  } finally {
    server.kill();
  }
});

test('Ctrl-C and SIGTERM restore the terminal too', { skip }, async () => {
  const command = `TERM=xterm-256color '${process.execPath}' '${cli}' tumpak --speed 1; echo "EXIT=$?"; sleep 600`;
  const started = () => until('the dashboard', () => /lanes · ticks/.test(capture()) && /RUNNING/.test(header()));
  newServer();
  tmux('new-session', '-d', '-s', 'e2e', '-x', '100', '-y', '30', command);
  try {
    await started();
    tmux('send-keys', '-t', 'e2e', 'C-c');
    await until('exit 130 after Ctrl-C (the exit-code table: 128 + SIGINT)', () => /EXIT=130/.test(capture()));
    assert.equal(server.terminalState('e2e'), '0 1');

    tmux('respawn-pane', '-k', '-t', 'e2e', command);
    await started();
    // The shell tmux started runs node as its child: signal that process, by its id.
    process.kill(server.paneChild('e2e'), 'SIGTERM');
    await until('exit 143 after SIGTERM', () => /EXIT=143/.test(capture()));
    assert.equal(server.terminalState('e2e'), '0 1');
    assert.ok(!/coroscope: /.test(capture()), 'no error printed');
  } finally {
    server.kill();
  }
});

test('a failing task shows in its lane; stderr from the loop waits until the terminal is back', { skip }, async () => {
  const demo = fileURLToPath(new URL('./fixtures/noisy.js', import.meta.url));
  const command = `TERM=xterm-256color '${process.execPath}' '${cli}' '${demo}' --speed 50; echo "EXIT=$?"; sleep 600`;
  newServer();
  tmux('new-session', '-d', '-s', 'e2e', '-x', '100', '-y', '30', command);
  try {
    const screen = await until('the run to end', () => {
      const text = capture();
      return /DONE/.test(headerOf(text)) ? text : undefined;
    });
    assert.match(screen, /│[▶ ] noisy +failed .*✗ Error: task boom/);
    assert.match(screen, /still here/);
    assert.ok(!screen.includes('Exception in callback'), 'nothing written over the screen');
    tmux('send-keys', '-t', 'e2e', 'q');
    const after = await until('exit 0', () => {
      const text = capture();
      return /EXIT=0/.test(text) ? text : undefined;
    });
    assert.match(after, /Exception in callback bad callback: Error: callback boom\n(.*\n)*EXIT=0/);
  } finally {
    server.kill();
  }
});

test('on stage at 100×30: --seed and --speed as given survive n / p; keys behind the help do nothing', { skip }, async () => {
  const command = `TERM=xterm-256color '${process.execPath}' '${cli}' tumpak --seed 7 --speed 7; echo "EXIT=$?"; sleep 600`;
  newServer();
  tmux('new-session', '-d', '-s', 'e2e', '-x', '100', '-y', '30', command);
  try {
    await until('the dashboard', () => /lanes · ticks/.test(capture()) && /RUNNING/.test(header()));
    assert.match(header(), /Tum and Pak: the frenetic manager picks a coroutine at random/, 'the whole title');
    assert.match(header(), /seed 7 │ speed 7\/s │ RUNNING/);
    tmux('send-keys', '-t', 'e2e', 'n');
    await until('the next demo', () => !/Tum and Pak/.test(header()));
    assert.match(header(), /seed 7 /);
    tmux('send-keys', '-t', 'e2e', 'p');
    await until('tumpak again', () => /Tum and Pak/.test(header()));
    assert.match(header(), /seed 7 /);
    tmux('send-keys', '-t', 'e2e', 'Space');
    await until('PAUSED', () => /PAUSED/.test(header()));
    const tick = tickShown();
    tmux('send-keys', '-t', 'e2e', '?');
    await until('the help', () => /\? or Esc closes this help/.test(capture()));
    tmux('send-keys', '-t', 'e2e', 's');
    tmux('send-keys', '-t', 'e2e', 'Escape');
    await until('the help closed', () => !/closes this help/.test(capture()));
    assert.equal(tickShown(), tick, 's behind the help did not step');
    tmux('send-keys', '-t', 'e2e', 'q');
    await until('exit 0', () => /EXIT=0/.test(capture()));
  } finally {
    server.kill();
  }
});
