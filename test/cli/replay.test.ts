/**
 * Views are a fold of the log: for every built-in demo, the log `--json` writes, played
 * back with `--replay`, prints exactly the `--trace` the live run prints.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { builtinNames } from '../../src/registry.js';
import { cli, hasStackTrace } from './run-cli.js';

test('for every built-in demo, --replay of its --json log prints exactly its --trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coroscope-replay-'));
  try {
    for (const name of builtinNames()) {
      const json = cli([name, '--json', '--seed', '5']);
      const file = join(dir, `${name}.jsonl`);
      writeFileSync(file, json.stdout);
      const live = cli([name, '--trace', '--seed', '5']);
      const replayed = cli(['--replay', file, '--trace']);
      assert.equal(replayed.stderr, live.stderr, name);
      assert.equal(replayed.stdout, live.stdout, name);
      assert.equal(replayed.code, live.code, name);
      assert.equal(cli(['--replay', file, '--json']).stdout, json.stdout, `${name}: the log round-trips`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--replay with a bad file or a demo name beside it is one line and exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coroscope-replay-'));
  try {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"seq":0,"tick":0,"time":0,"type":"loop-start","seed":1,"policy":"asyncio"}\nnot json\n');
    for (const args of [['--replay', file, '--trace'], ['--replay', join(dir, 'none.jsonl'), '--trace'], ['--replay', dir, '--trace'], ['tumpak', '--replay', file]]) {
      const run = cli(args);
      assert.equal(run.code, 2, args.join(' '));
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
      assert.ok(!hasStackTrace(run.stderr));
    }
    assert.match(cli(['--replay', file, '--trace']).stderr, /bad\.jsonl:2: not a JSON event/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
