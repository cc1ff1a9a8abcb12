/**
 * A user's own demo, as .ts and as .js (ESM in a "type": "commonjs" folder, what
 * `npm init -y` makes), with blank lines, an interface and type aliases above the
 * generators: every suspension line reported — in --json, in the Chrome trace and in the
 * code pane's marks — is exactly the line of the `yield` the author wrote.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadDemo } from '../../src/registry.js';
import { openDashboard } from '../tui/fixtures/screen.js';
import { cli, repoRoot } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'coroscope-user-demo-'));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'talk', version: '1.0.0', type: 'commonjs' }));

const TS = `import { defineDemo, gather, print, sleep } from 'coroscope';


/** A beat: a word, after a delay. */
interface Beat {
  word: string;

  delay: number;
}

type Word = string;
type Pair<T> = [T, T];

function* ping(n: number): Generator<unknown, Word, unknown> {

  for (let i = 0; i < n; i++) {
    print('ping', i);
    yield* sleep(0); // yield:ping
  }
  return 'ping';
}

function* beat({ word, delay }: Beat): Generator<unknown, Word, unknown> {
  const pair: Pair<number> = [delay, delay];

  yield* sleep(pair[0]); // yield:beat
  print(word);
  yield; // yield:bare
  return word;
}

export default defineDemo({
  name: 'lines',
  title: 'Exact lines',
  main: () => gather(ping(3), beat({ word: 'slow', delay: 1 } as Beat)),
});
`;

/** The same program in plain JavaScript: the types gone, the lines where they were. */
const JS = TS.replace(/^(interface Beat \{[^}]*\}|type .*;)$/gm, (m) => m.replace(/[^\n]/g, ''))
  .replace(/\): Generator<unknown, Word, unknown>/g, ')')
  .replace(/\(n: number\)/, '(n)')
  .replace(/: Beat\)/, ')')
  .replace(/: Pair<number>/, '')
  .replace(/ as Beat/, '');

/** Line numbers of the `// yield:NAME` comments. */
function marked(source: string): Map<string, number> {
  const lines = new Map<string, number>();
  source.split('\n').forEach((line, i) => {
    const m = /\/\/ yield:(\w+)$/.exec(line);
    if (m) lines.set(m[1]!, i + 1);
  });
  return lines;
}

for (const [ext, source] of [['ts', TS], ['js', JS]] as const) {
  const file = join(dir, `lines.${ext}`);
  writeFileSync(file, source);
  const expected = new Set(marked(source).values());

  test(`.${ext}: --json and --export-trace name the exact line of each yield`, () => {
    assert.deepEqual([...expected].sort((a, b) => a - b), [18, 26, 28], 'the .js twin keeps the .ts lines');
    const trace = join(dir, `lines-${ext}.json`);
    const run = cli([file, '--json', '--export-trace', trace], dir);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
    const events = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const lines = events.filter((e) => e.type === 'step-end' && e.where?.file === file).map((e) => e.where.line as number);
    assert.ok(lines.length >= 5, `suspensions: ${lines}`);
    assert.deepEqual(new Set(lines), expected, `${lines}`);
    const where = (JSON.parse(readFileSync(trace, 'utf8')).traceEvents as { args?: { where?: string } }[])
      .flatMap((e) => (e.args?.where?.startsWith(file) ? [Number(e.args.where.slice(file.length + 1))] : []));
    assert.deepEqual(new Set(where), expected, `${where}`);
  });

  test(`.${ext}: the code pane marks the exact line of each yield`, async () => {
    const loaded = await loadDemo(file);
    const { dashboard } = openDashboard(loaded, 100, 40);
    try {
      const seen = new Set<number>();
      for (let i = 0; i < 12 && !dashboard.player.finished; i++) {
        dashboard.player.stepForward();
        for (const at of dashboard.player.suspensions().values()) if (at.file === file) seen.add(at.line);
      }
      // A task not started yet stands at its function's first line; once started, at a yield.
      const starts = new Set(source.split('\n').flatMap((l, i) => (l.startsWith('function*') ? [i + 1] : [])));
      assert.deepEqual(new Set([...seen].filter((l) => !starts.has(l))), expected, `${[...seen]}`);
    } finally {
      dashboard.close(0);
    }
  });
}

test('a demo compiled by tsc --inlineSourceMap, run as .js: --json and the code pane name the .ts lines', async () => {
  // tsc drops the interface and type aliases (the .js lines move up) and appends the map as a data: URL.
  const src = join(dir, 'src');
  const out = join(dir, 'out');
  mkdirSync(src, { recursive: true });
  const ts = join(src, 'lines.ts');
  writeFileSync(ts, TS);
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  // 'coroscope' is not installed in the folder, so tsc reports it (and emits all the same).
  spawnSync(process.execPath, [tsc, '--inlineSourceMap', '--target', 'es2022', '--module', 'esnext', '--rootDir', src, '--outDir', out, ts], { encoding: 'utf8' });
  const js = join(out, 'lines.js');
  assert.ok(existsSync(js), 'tsc wrote the .js');
  const compiled = readFileSync(js, 'utf8');
  assert.match(compiled, /\/\/# sourceMappingURL=data:application\/json;base64,/);
  assert.notDeepEqual([...marked(compiled).values()], [18, 26, 28], 'the compiled lines differ from the source lines');

  const run = cli([js, '--json'], dir);
  assert.equal(run.stderr, '');
  assert.equal(run.code, 0);
  const events = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const located = events.filter((e) => e.type === 'step-end' && e.where !== undefined);
  assert.ok(located.length >= 5);
  assert.deepEqual(new Set(located.map((e) => e.where.file)), new Set([ts]));
  assert.deepEqual(new Set(located.map((e) => e.where.line)), new Set([18, 26, 28]));

  // The code pane shows the .ts the map names.
  assert.equal((await loadDemo(js)).sourceFile, ts);
});

test('a demo file whose seed, policy, passCost or cues are not what defineDemo takes: one line naming the field, exit 2 (bad input), before any run', () => {
  const cases: [string, RegExp][] = [
    [`seed: -5.5`, /bad\.ts: seed must be a whole number, not -5\.5$/],
    [`policy: 'lifo'`, /bad\.ts: policy must be asyncio, random or a function, not 'lifo'$/],
    [`passCost: -1`, /bad\.ts: passCost must be a number of seconds of at least 0, not -1$/],
    [`cues: [{ id: 'x', narration: { en: '', fr: '' } }]`, /bad\.ts: cues must be a list of \{ id, when, narration \}: cue 1 has no when function$/],
  ];
  for (const [field, message] of cases) {
    const file = join(dir, 'bad.ts');
    writeFileSync(file, `import { defineDemo } from 'coroscope';\nexport default defineDemo({ name: 'bad', ${field}, *main() {} } as any);\n`);
    const run = cli([file, '--trace'], dir);
    assert.equal(run.code, 2, `${field}: ${run.stderr}`);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr.trim(), message);
  }
});
