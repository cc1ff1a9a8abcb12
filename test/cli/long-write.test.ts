/**
 * A long --export-trace write in a headless run (issue 12): a trace of many ticks takes
 * seconds, so it says so on stderr, and a signal meanwhile stops it cleanly: exit 128 + n,
 * one line saying so, the previous file whole, no temporary file left beside it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { defineDemo } from '../../src/demo.js';
import { toJsonLines } from '../../src/export/jsonl.js';
import { gather, sleep } from '../../src/index.js';
import { recordRun } from '../../src/player/session.js';
import { bin } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'coroscope-long-write-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function* spin() {
  for (;;) yield* sleep(0);
}

// A long run's log (100,000 ticks), played back: the trace is what takes time.
const log = join(dir, 'long.jsonl');
const demo = defineDemo({ name: 'spin', title: { en: 'spin', fr: 'spin' }, narration: { en: '', fr: '' }, main: () => gather(spin(), spin()) });
writeFileSync(log, toJsonLines(recordRun(demo, {}, 100_000).events));

for (const [signal, code, said] of [['SIGINT', 130, 'Ctrl-C'], ['SIGTERM', 143, 'SIGTERM']] as const) {
  test(`${signal} while a long trace is written (--replay … --json --export-trace): exit ${code}, one line, the previous file whole`, async () => {
    const folder = mkdtempSync(join(dir, 'out-'));
    const trace = join(folder, 'run.json');
    writeFileSync(trace, '{"rehearsal":true}');

    const child = spawn(process.execPath, [bin, '--replay', log, '--json', '--export-trace', trace], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let signalled = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      // Its progress line: the write is under way (and has been for ½ s).
      if (!signalled && stderr.includes('writing the trace')) {
        signalled = true;
        child.kill(signal);
      }
    });
    const exit = await new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
    assert.ok(signalled, `a progress line: ${stderr}`);
    assert.equal(exit, code, stderr);
    const lines = stderr.trimEnd().split('\n');
    assert.deepEqual(lines, [
      `coroscope: writing the trace to ${trace}… (Ctrl-C stops it; the previous file stays)`,
      `coroscope: ${said}: ${trace} was not written (a previous ${trace} is left as it was)`,
    ]);
    assert.equal(readFileSync(trace, 'utf8'), '{"rehearsal":true}');
    assert.deepEqual(readdirSync(folder), ['run.json'], 'no temporary file left');
  });
}

test('a trace that cannot be finished at the end of a headless run: exit 1 (as the exit-code table says), one line', async () => {
  const { exportTraceHeadless } = await import('../../src/export/long-write.js');
  const lines: string[] = [];
  const stderr = Object.assign(new (await import('node:stream')).Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }), { isTTY: false });
  const events = recordRun(demo, {}, 50).events;
  // Its folder is gone by the time the run ends (checked at the start, removed since).
  const code = await exportTraceHeadless(events, join(dir, 'gone', 'run.json'), 'spin', stderr);
  assert.equal(code, 1);
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /^coroscope: cannot write .*run\.json: ENOENT/);
});
