/**
 * The hostile-demo suite, through the real CLI in a tmux server of our own: what a demo
 * author, a tired speaker or a shell pipeline can do to the room. For each case: the
 * terminal after exit (alternate screen off, cursor shown, `stty -g` as before), the exit
 * code from the table, one line on stderr from coroscope, and any --record /
 * --export-trace file valid — or, when the run could not finish it, the previous file intact.
 * The demo is test/fixtures/hostile.ts (HOSTILE selects its misbehaviour).
 * Every wait polls a condition (the machine is shared); no sleep is an assertion.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseAsciicast } from '../../src/export/asciicast.js';
import { cli, root, skip, TmuxServer, until as untilOn } from './tmux.js';

const demo = `${root}dist/test/fixtures/hostile.js`;
const dir = mkdtempSync(join(tmpdir(), 'coroscope-hostile-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let servers = 0;

interface Case {
  name: string;
  /** HOSTILE mode of the fixture. */
  mode?: string;
  flags?: string;
  /** Shell around the command: '' (a terminal), 'stdin' (< /dev/null), 'stdout' (| cat). */
  pipe?: 'stdin' | 'stdout';
  stderrOnTerminal?: boolean;
}

/** One run in its own tmux server: returns helpers to drive it and read what it left. */
function start(c: Case) {
  const server = new TmuxServer(`coroscope-hostile-${process.pid}-${++servers}`);
  const base = join(dir, `${servers}`);
  const node = `'${process.execPath}' '${cli}' '${demo}' --speed 5 ${c.flags ?? ''}`;
  const err = c.stderrOnTerminal ? '' : `2> '${base}.err'`;
  const command = c.pipe === 'stdin' ? `${node} < /dev/null ${err}` : c.pipe === 'stdout' ? `${node} ${err} | cat` : `${node} ${err}`;
  // The shell ignores SIGHUP (so it can write the exit code when the pane is closed); the
  // demo's process restores the default. stty -g before and after: the terminal's modes.
  const script = [
    'set -o pipefail',
    `stty -g > '${base}.stty-before'`,
    // stderr to a file, or (stderrOnTerminal) to the terminal itself, where a flood would land on the screen.
    `touch '${base}.err'`,
    `HOSTILE='${c.mode ?? ''}' TERM=xterm-256color ${command}`,
    `code=$?`,
    `stty -g > '${base}.stty-after' 2>/dev/null`,
    `echo $code > '${base}.code'`,
    `echo "EXIT=$code"`,
    'sleep 600',
  ].join('; ');
  server.run('new-session', '-d', '-s', 'h', '-x', '100', '-y', '30', `bash -c "trap '' HUP; ${script.replace(/["$]/g, '\\$&')}"`);
  const capture = () => server.safeCapture('h', true);
  const until = (what: string, probe: () => boolean) => untilOn(what, probe, capture);
  return {
    server,
    base,
    capture,
    until,
    /** The dashboard is up: its lanes pane is drawn. */
    up: () => until('the dashboard', () => /lanes · ticks/.test(capture())),
    exited: async () => {
      await until('the exit code', () => existsSync(`${base}.code`) && readFileSync(`${base}.code`, 'utf8').trim() !== '');
      return Number(readFileSync(`${base}.code`, 'utf8'));
    },
    stderr: () => readFileSync(`${base}.err`, 'utf8'),
    sttyUnchanged: () => readFileSync(`${base}.stty-before`, 'utf8') === readFileSync(`${base}.stty-after`, 'utf8'),
    child: () => server.paneChild('h'),
    /**
     * End whatever is left: the demo's process by its id (a stopped or spinning one would
     * outlive its tmux server, which cannot signal it away), then the server.
     */
    cleanup: () => {
      let serverPid = 0;
      try {
        serverPid = Number(server.run('display-message', '-p', '#{pid}').trim());
        const pid = server.paneChild('h');
        if (pid > 0) process.kill(pid, 'SIGKILL');
      } catch {
        // no pane or no process left: nothing to end
      }
      server.kill();
      // A server whose pane is still busy dying can outlive kill-server: end it by its id.
      if (serverPid > 0 && existsSync(`/proc/${serverPid}`)) {
        try {
          process.kill(serverPid, 'SIGTERM');
        } catch {
          // gone meanwhile
        }
      }
    },
  };
}

type Run = ReturnType<typeof start>;

/** What every case checks after the exit. */
function assertRoomIntact(run: Run, expected: { code: number; code2?: number; stderr: RegExp }, code: number): void {
  assert.equal(code, expected.code, `exit code; stderr: ${run.stderr().slice(-500)}`);
  assert.equal(run.server.terminalState('h'), '0 1', 'alternate screen off, cursor shown');
  assert.ok(run.sttyUnchanged(), 'stty -g unchanged');
  const ours = run.stderr().split('\n').filter((l) => l.startsWith('coroscope: '));
  assert.equal(ours.length, 1, `one line from coroscope on stderr: ${JSON.stringify(ours)}`);
  assert.match(ours[0]!, expected.stderr);
  assert.doesNotMatch(run.stderr(), /\n\s+at /, 'no stack trace');
  // Nothing the demo printed acted on the terminal: no answer to ESC[6n typed at the prompt, no title.
  assert.doesNotMatch(run.capture(), /\d+;\d+R/, 'no cursor-position report injected');
  assert.doesNotMatch(run.server.run('display-message', '-p', '-t', 'h', '#{pane_title}'), /pwned/);
}

function validFiles(cast: string, trace: string): void {
  parseAsciicast(readFileSync(cast, 'utf8'));
  const parsed = JSON.parse(readFileSync(trace, 'utf8')) as { traceEvents: unknown[] };
  assert.ok(Array.isArray(parsed.traceEvents));
}

test('escapes, OSC and C1 in prints, titles and names: shown, never obeyed; q exits 0', { skip }, async () => {
  const run = start({ name: 'escapes' });
  try {
    await run.up();
    await run.until('the run done, its hostile print shown as text', () => /DONE/.test(run.capture()) && /hello ␛\[2J/.test(run.capture()));
    run.server.run('send-keys', '-t', 'h', 'q');
    const code = await run.exited();
    assert.equal(code, 0);
    assert.equal(run.server.terminalState('h'), '0 1');
    assert.ok(run.sttyUnchanged());
    assert.equal(run.stderr(), '');
    assert.doesNotMatch(run.capture(), /\d+;\d+R/);
  } finally {
    run.cleanup();
  }
});

test('a flood on stdout (console.log) never reaches the screen; it is held, bounded, and said', { skip }, async () => {
  const run = start({ name: 'stdout', mode: 'stdout' });
  try {
    await run.up();
    await run.until('the run done', () => /DONE/.test(run.capture()));
    assert.doesNotMatch(run.capture(), /flood \d+/, 'nothing of it on the dashboard');
    run.server.run('send-keys', '-t', 'h', 'q');
    const code = await run.exited();
    assertRoomIntact(run, { code: 0, stderr: /more bytes the demo wrote to stdout while the dashboard ran were dropped/ }, code);
  } finally {
    run.cleanup();
  }
});

test('a flood on stderr (console.error) to the terminal: held off the screen, bounded, written after, inert', { skip }, async () => {
  const run = start({ name: 'stderr', mode: 'stderr', stderrOnTerminal: true });
  try {
    await run.up();
    await run.until('the run done', () => /DONE/.test(run.capture()));
    assert.doesNotMatch(run.capture(), /flood \d+/, 'nothing of it on the dashboard');
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${run.child()}/status`, 'utf8'))![1]);
    assert.ok(rss < 400 * 1024, `memory bounded after 20 MB of stderr: ${rss} kB`);
    run.server.run('send-keys', '-t', 'h', 'q');
    const code = await run.exited();
    assert.equal(code, 0);
    assert.equal(run.server.terminalState('h'), '0 1');
    assert.ok(run.sttyUnchanged());
    await run.until('the note on what was dropped', () => /coroscope: \d+ more bytes the demo wrote to stderr while the dashboard ran were dropped/.test(run.capture()));
  } finally {
    run.cleanup();
  }
});

for (const mode of ['policy', 'cue'] as const) {
  test(`a ${mode} that throws: the terminal restored, one line, exit 1`, { skip }, async () => {
    const run = start({ name: mode, mode, flags: '--cues' });
    try {
      if (mode === 'policy') {
        // The policy runs in the demo's thread: its failure is shown, the ticks before it stay to be looked at, q leaves.
        await run.until('the failure in the header', () => /the demo broke: the loop broke: policy/.test(run.capture()));
        run.server.run('send-keys', '-t', 'h', 'q');
      }
      const code = await run.exited();
      assertRoomIntact(run, { code: 1, stderr: new RegExp(`${mode} ␛\\[2J`) }, code);
    } finally {
      run.cleanup();
    }
  });
}

test('a demo that fails: the dashboard stays for the audience, q exits 1 with one line', { skip }, async () => {
  const run = start({ name: 'fail', mode: 'fail', flags: '--speed max' });
  try {
    await run.up();
    await run.until('the failure on screen', () => /boom/.test(run.capture()));
    run.server.run('send-keys', '-t', 'h', 'q');
    const code = await run.exited();
    assertRoomIntact(run, { code: 1, stderr: /failed: Error: boom ␛\[2J/ }, code);
  } finally {
    run.cleanup();
  }
});

for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130], ['SIGHUP', 129], ['SIGQUIT', 131]] as const) {
  test(`${signal}: exit ${code}, the terminal restored, --record and --export-trace whole`, { skip }, async () => {
    const cast = join(dir, `${signal}.cast`);
    const trace = join(dir, `${signal}.json`);
    const run = start({ name: signal, mode: 'slow', flags: `--record '${cast}' --export-trace '${trace}'` });
    try {
      await run.up();
      process.kill(run.child(), signal);
      const exit = await run.exited();
      assert.equal(exit, code, run.stderr());
      assert.equal(run.server.terminalState('h'), '0 1');
      assert.ok(run.sttyUnchanged(), 'stty -g unchanged');
      assert.ok(!/coroscope: .*crash/.test(run.stderr()), run.stderr());
      validFiles(cast, trace);
    } finally {
      run.cleanup();
    }
  });
}

test('SIGKILL mid-run: the previous recording and trace are intact (never truncated at start)', { skip }, async () => {
  const cast = join(dir, 'kill.cast');
  const trace = join(dir, 'kill.json');
  writeFileSync(cast, 'the rehearsal\n');
  writeFileSync(trace, '{"rehearsal":true}');
  const run = start({ name: 'kill', mode: 'slow', flags: `--record '${cast}' --export-trace '${trace}'` });
  try {
    await run.up();
    process.kill(run.child(), 'SIGKILL');
    await run.exited();
    assert.equal(readFileSync(cast, 'utf8'), 'the rehearsal\n');
    assert.equal(readFileSync(trace, 'utf8'), '{"rehearsal":true}');
  } finally {
    run.cleanup();
  }
});

test('SIGTSTP gives the terminal back; SIGCONT re-enters the dashboard in raw mode; q then exits 0', { skip }, async () => {
  const run = start({ name: 'tstp', mode: 'slow' });
  try {
    await run.up();
    const pid = run.child();
    process.kill(pid, 'SIGTSTP');
    await run.until('the terminal given back while suspended', () => run.server.terminalState('h') === '0 1');
    process.kill(pid, 'SIGCONT');
    await run.until('the alternate screen again', () => run.server.terminalState('h').startsWith('1'));
    await run.up();
    // Raw mode again: a single key, no Enter, is read.
    run.server.run('send-keys', '-t', 'h', 'q');
    const code = await run.exited();
    assert.equal(code, 0, run.stderr());
    assert.equal(run.server.terminalState('h'), '0 1');
    assert.ok(run.sttyUnchanged());
  } finally {
    run.cleanup();
  }
});

test('the pane closed under it: it ends as SIGHUP (129), writes its trace, no crash', { skip }, async () => {
  const trace = join(dir, 'closed.json');
  const run = start({ name: 'closed', mode: 'slow', flags: `--export-trace '${trace}'` });
  try {
    await run.up();
    const pid = run.child();
    run.server.run('kill-pane', '-t', 'h');
    await untilOn('the process gone', () => !existsSync(`/proc/${pid}`), () => '(pane closed)');
    await untilOn('the exit code', () => existsSync(`${run.base}.code`) && readFileSync(`${run.base}.code`, 'utf8').trim() !== '', () => '(pane closed)');
    assert.equal(Number(readFileSync(`${run.base}.code`, 'utf8')), 129, run.stderr());
    assert.doesNotMatch(run.stderr(), /Assertion|EIO|Unhandled 'error'/, run.stderr());
    JSON.parse(readFileSync(trace, 'utf8'));
  } finally {
    run.cleanup();
  }
});

for (const pipe of ['stdin', 'stdout'] as const) {
  test(`${pipe} not a terminal: one line, exit 2, the terminal untouched`, { skip }, async () => {
    const run = start({ name: pipe, pipe });
    try {
      const code = await run.exited();
      assertRoomIntact(run, { code: 2, stderr: pipe === 'stdin' ? /stdin is not one/ : /stdout is not a terminal/ }, code);
    } finally {
      run.cleanup();
    }
  });
}

test('a task that never yields: q still quits', { skip }, async () => {
  const run = start({ name: 'spin', mode: 'spin' });
  let pid = 0;
  try {
    await run.up();
    pid = run.child();
    run.server.run('send-keys', '-t', 'h', 'q');
    const code = await run.exited();
    assert.equal(code, 0);
    assert.equal(run.server.terminalState('h'), '0 1');
  } finally {
    // If it did not quit, end it for good (it has gone when q worked: nothing to kill then).
    try {
      if (pid !== 0) process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    run.cleanup();
  }
});
