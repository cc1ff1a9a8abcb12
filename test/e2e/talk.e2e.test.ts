/**
 * End to end, the talk kit through the real CLI in a tmux server of our own:
 * `--record` and `--export-trace` write files that parse, sized by the real terminal,
 * with the resize tmux made; a path that cannot be written fails before the screen.
 * Every wait polls a condition (the machine is shared); no sleep is an assertion.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseAsciicast, VIEWER_RESTORE } from '../../src/export/asciicast.js';
import type { TraceEvent } from '../../src/export/chrome-trace.js';
import { cli, headerOf, skip, TmuxServer, until as untilOn } from './tmux.js';

const server = new TmuxServer(`coroscope-talk-${process.pid}`);
const tmux = (...args: string[]) => server.run(...args);
const capture = () => server.safeCapture('talk', true);
const until = (what: string, probe: () => boolean) => untilOn(what, probe, capture);

test('--record and --export-trace from the real dashboard, ended by SIGTERM; a bad path exits 2 before the screen', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'coroscope-talk-e2e-'));
  const cast = join(dir, 'talk.cast');
  const trace = join(dir, 'run.json');
  const run = (flags: string) => `TERM=xterm-256color '${process.execPath}' '${cli}' tumpak --seed 7 ${flags}; echo "EXIT=$?"; sleep 600`;
  tmux('new-session', '-d', '-s', 'talk', '-x', '100', '-y', '30', run(`--record '${dir}/missing/talk.cast'`));
  try {
    await until('exit 2', () => /EXIT=2/.test(capture()));
    assert.match(capture(), new RegExp(`^coroscope: cannot record to ${dir}/missing/talk.cast: ENOENT: no such file or directory\\nEXIT=2`, 'm'));
    // The page's path too: exit 2 at once (no run left behind to keep the process alive).
    tmux('respawn-pane', '-k', '-t', 'talk', run(`--record '${cast}' --export-html '${dir}/missing/talk.html'`));
    await until('exit 2', () => /EXIT=2/.test(capture()));
    assert.match(capture(), new RegExp(`^coroscope: cannot write the page to ${dir}/missing/talk.html: ENOENT: no such file or directory\\nEXIT=2`, 'm'));

    tmux('respawn-pane', '-k', '-t', 'talk', run(`--speed 20 --record '${cast}' --export-trace '${trace}'`));
    await until('a few ticks', () => Number(/tick (\d+)/.exec(headerOf(capture()))?.[1] ?? 0) >= 4);
    tmux('resize-window', '-t', 'talk', '-x', '120', '-y', '35');
    await until('the 120-column layout', () => capture().split('\n').some((l) => l.startsWith('┌') && l.length === 120));
    // SIGTERM, the way out that is not a key: the recording must still be whole.
    process.kill(server.paneChild('talk'), 'SIGTERM');
    await until('exit 143', () => /EXIT=143/.test(capture()));
    assert.equal(server.terminalState('talk'), '0 1');
  } finally {
    server.kill();
  }

  const { header, events } = parseAsciicast(readFileSync(cast, 'utf8'));
  assert.deepEqual([header.width, header.height, header.env?.TERM], [100, 30, 'xterm-256color']);
  assert.match(String(header.title), /Tum|Pak/i);
  assert.ok(events.some((e) => e[1] === 'r' && e[2] === '120x35'), 'the resize is recorded');
  const output = events.filter((e) => e[1] === 'o' && e[2] !== VIEWER_RESTORE).map((e) => e[2]).join('');
  assert.ok(output.includes('\x1b[?1049h') && !output.includes('\x1b[?1049l'), 'recorded from the first frame, stopped before the teardown');
  const ticks = events.filter((e) => e[1] === 'm').map((e) => Number(/^tick (\d+)$/.exec(e[2])?.[1]));
  assert.ok(ticks.length >= 4 && ticks.every((t, i) => i === 0 || t > ticks[i - 1]!), `tick markers, increasing: ${ticks}`);

  const events2 = (JSON.parse(readFileSync(trace, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const names = events2.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => String(e.args!.name));
  assert.ok(names.length >= 3 && new Set(names).size === names.length, `one named track each: ${names}`);
  const slices = events2.filter((e) => e.ph === 'X');
  assert.ok(slices.length >= ticks[ticks.length - 1]!, 'a slice per tick run');
  rmSync(dir, { recursive: true, force: true });
});
