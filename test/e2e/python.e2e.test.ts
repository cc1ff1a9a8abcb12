/**
 * End to end, Python on stage: the seed's own code under CPython in the dashboard, the
 * cursor over its log, and `y` to the TypeScript demo at the same tick.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { cli, headerOf, skip as noTmux, TmuxServer, until as untilOn } from './tmux.js';

function hasPython(): boolean {
  try {
    const version = execFileSync(process.env.COROSCOPE_PYTHON ?? 'python3', ['-c', 'import sys; print(sys.version_info >= (3, 11))'], { encoding: 'utf8' });
    return version.trim() === 'True';
  } catch {
    return false;
  }
}

const skip = noTmux ? true : hasPython() ? false : 'no CPython 3.11 or newer as python3';
const server = new TmuxServer(`coroscope-python-${process.pid}`);
const tmux = (...args: string[]) => server.run(...args);
const capture = () => server.capture('py');
const until = <T>(what: string, probe: () => T | undefined | false) => untilOn(what, probe, () => server.safeCapture('py'));
const tickShown = () => Number(/tick +(\d+)/.exec(headerOf(capture()))?.[1] ?? NaN);

test('tumpak --python --seed 7: the Python code with its marks, step, step back, y to TypeScript at the same tick, q', { skip }, async () => {
  const command = `TERM=xterm-256color '${process.execPath}' '${cli}' tumpak --python --seed 7 --speed 2; echo "EXIT=$?"; sleep 600`;
  tmux('new-session', '-d', '-s', 'py', '-x', '120', '-y', '36', command);
  try {
    await until('Python running', () => /code · tumpak\.py/.test(capture()) && tickShown() >= 3);
    tmux('send-keys', '-t', 'py', 'Space');
    await until('PAUSED', () => /PAUSED/.test(headerOf(capture())));
    const screen = capture();
    // The slide's code, as written, with the await chain marked down to the yield in __await__, and the manager's send.
    assert.match(screen, /def frenetic_coros_manager\(\*coros\):/);
    assert.match(screen, /▶+ +yield ◀/);
    assert.match(screen, /await Awaitable\(\) ◀ (tum|pak)/);
    assert.match(screen, /coro\.send\(None\) ◀ loop/);
    const tick = tickShown();
    tmux('send-keys', '-t', 'py', 's');
    await until(`tick ${tick + 1}`, () => tickShown() === tick + 1);
    tmux('send-keys', '-t', 'py', 'Left');
    await until(`tick ${tick} again`, () => tickShown() === tick);
    const output = (text: string) => [...text.matchAll(/ (Tum|Pak) +│/g)].map((m) => m[1]).join(' ');
    const pythonSays = output(capture());
    tmux('send-keys', '-t', 'py', 'y');
    await until('the TypeScript demo', () => /code · tumpak\.ts/.test(capture()) && tickShown() === tick);
    assert.equal(output(capture()), pythonSays, 'the same beat at the same tick');
    tmux('send-keys', '-t', 'py', 'q');
    await until('exit 0', () => /EXIT=0/.test(capture()));
    assert.equal(server.terminalState('py'), '0 1');
  } finally {
    server.kill();
  }
});
