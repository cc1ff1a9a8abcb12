/**
 * End to end, a speaker's moves through a run: the real CLI in a tmux server of our own,
 * `--paused` (tick 0, nothing moves), `]` / `[` from cue to cue, Home / End, `g` to a
 * tick (and a typo), `b` to blank the screen and back. Every wait polls until a
 * condition holds or a generous timeout passes: no fixed sleep is an assertion.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli, headerOf, skip, TmuxServer, until as untilOn } from './tmux.js';

const server = new TmuxServer(`coroscope-cursor-${process.pid}`);
const tmux = (...args: string[]) => server.run(...args);
const capture = () => server.capture('cur');
const until = <T>(what: string, probe: () => T | undefined | false) => untilOn(what, probe, () => server.safeCapture('cur'));
const keys = (...k: string[]) => tmux('send-keys', '-t', 'cur', ...k);
const header = () => headerOf(capture());
const tickShown = () => Number(/tick +(\d+)/.exec(header())?.[1] ?? NaN);
const footer = () => capture().trimEnd().split('\n').at(-1) ?? '';

test('--paused, ] / [, Home / End, g and b in a real terminal', { skip }, async () => {
  const command = `TERM=xterm-256color '${process.execPath}' '${cli}' tumpak --seed 7 --paused; echo "EXIT=$?"; sleep 600`;
  tmux('new-session', '-d', '-s', 'cur', '-x', '100', '-y', '30', command);
  try {
    // --paused: tick 0, and nothing moves.
    // (Once the worker has delivered: the player looks a few ticks ahead, so a run this
    // short is known to its end, lanes included, while tick 0 shows.)
    await until('PAUSED at tick 0, the run known', () => /PAUSED/.test(header()) && /tick +0 \/ \d+/.test(header()) && /│ +pak /.test(capture()));
    const first = capture();
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(capture(), first, 'paused: the screen holds still');
    assert.match(first, /nothing printed yet/);
    const end = Number(/tick +0 \/ (\d+)/.exec(header())?.[1]);

    // ] plays on to the first cue and shows it; ] again to the last; [ back to the first.
    keys(']');
    await until('the first cue', () => /Watch the ready queue/.test(capture()));
    const cue1 = tickShown();
    assert.equal(cue1, 1);
    keys(']');
    await until('the last cue', () => /Ten Tum, ten Pak/.test(capture()));
    assert.equal(tickShown(), end);
    keys('[');
    await until('back at the first cue', () => /Watch the ready queue/.test(capture()) && tickShown() === cue1);

    // Home / End.
    keys('Home');
    await until('tick 0', () => tickShown() === 0);
    assert.ok(!/Watch the ready queue/.test(capture()), 'Home put the cue away');
    keys('End');
    await until(`tick ${end}`, () => tickShown() === end);

    // g: a tick number and Enter; a typo is a note in the footer, and nothing moves.
    keys('g');
    await until('the prompt', () => /go to tick:/.test(footer()));
    keys('5', 'Enter');
    await until('tick 5', () => tickShown() === 5);
    keys('g', 'x', 'Enter');
    await until('the note', () => /not a tick number: x/.test(footer()));
    assert.equal(tickShown(), 5);
    keys('g', '1', '2', 'Escape');
    await until('the prompt closed', () => !/go to tick/.test(footer()));
    assert.equal(tickShown(), 5, 'Esc cancelled');

    // b blanks the screen; any key brings it back without stepping.
    keys('b');
    await until('a blank screen', () => capture().trim() === '');
    keys('s');
    await until('the dashboard again', () => /lanes/.test(capture()));
    assert.equal(tickShown(), 5, 'the key that brought it back did not step');

    keys('q');
    await until('exit 0', () => /EXIT=0/.test(capture()));
    assert.equal(server.terminalState('cur'), '0 1');
  } finally {
    server.kill();
  }
});
