/**
 * The command line as a user meets it: listing, help, a user's own demo file in a
 * folder outside the repo (.ts and .js), headless outputs, and every error case —
 * one line on stderr, exit code 2, never a stack trace.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { EXIT_TABLE } from '../../src/exit-codes.js';
import { TEACHING_ORDER } from '../../src/registry.js';
import { cli, ending, hasStackTrace, printed, repoRoot, type CliResult } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'coroscope-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return `./${name}`;
}

/** A user error: exit code 2, the message on stderr as one line (plus the demo list where said), nothing on stdout. */
function assertUsageError(run: CliResult, message: RegExp, code = 2): void {
  assert.equal(run.code, code, `exit code; stderr: ${run.stderr}`);
  assert.equal(run.stdout, '');
  assert.match(run.stderr.split('\n')[0]!, /^coroscope: /);
  assert.match(run.stderr.split('\n')[0]!, message);
  assert.ok(!hasStackTrace(run.stderr), `no stack trace:\n${run.stderr}`);
}

const TS_HELPER = `import { print, sleep } from 'coroscope';

export interface Beat { word: string; delay: number }

export function* beat({ word, delay }: Beat): Generator<unknown, string, unknown> {
  yield* sleep(delay);
  print(word);
  return word;
}
`;

// Imports its helper as './beat.js', TypeScript's convention for ./beat.ts.
const TS_DEMO = `import { defineDemo, gather, type Demo } from 'coroscope';
import { beat } from './beat.js';

const demo: Demo = defineDemo({
  name: 'mine',
  title: { en: 'My own demo', fr: 'Ma démo à moi' },
  narration: { en: 'Two beats.', fr: 'Deux temps.' },
  main: () => gather(beat({ word: 'slow', delay: 2 }), beat({ word: 'fast', delay: 1 })),
});
export default demo;
`;

const JS_DEMO = `import { defineDemo, print, sleep } from 'coroscope';

function* greet(name) {
  print('hello', name);
  yield* sleep(1);
  print('bye', name);
  return 7;
}

export default defineDemo({
  name: 'greet',
  title: { en: 'Greet', fr: 'Saluer' },
  narration: { en: 'Hello, then bye.', fr: 'Bonjour, puis au revoir.' },
  main: () => greet('you'),
});
`;

test('no name: the demos with their one-line titles, in teaching order', () => {
  const run = cli([]);
  assert.equal(run.code, 0);
  const rows = run.stdout.split('\n').filter((l) => l.startsWith('  '));
  assert.deepEqual(rows.map((r) => r.trim().split(/\s+/)[0]), TEACHING_ORDER);
  assert.match(run.stdout, /^ {2}tumpak\s+Tum and Pak/m);
  assert.match(cli(['--lang', 'fr']).stdout, /^ {2}tumpak\s+Tum et Pak/m);
});

test('--help and --version', () => {
  const help = cli(['--help']);
  assert.equal(help.code, 0);
  for (const flag of ['--seed', '--speed', '--policy', '--lang', '--trace', '--json', '--theme', '--cues', '--record', '--export-trace', '--export-html']) {
    assert.ok(help.stdout.includes(flag), `help mentions ${flag}`);
  }
  // For installed users: the exit-code table, and no `npm run` (that is this repository's script).
  assert.ok(help.stdout.includes(EXIT_TABLE), 'the exit-code table');
  assert.doesNotMatch(help.stdout, /npm run/);
  const pkg = JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as { version: string };
  assert.deepEqual(cli(['--version']), { code: 0, stdout: `coroscope ${pkg.version}\n`, stderr: '' });
});

test('a user demo written in TypeScript, in a folder outside the repo, importing from coroscope', () => {
  file('beat.ts', TS_HELPER);
  const run = cli([file('mine.ts', TS_DEMO), '--trace'], dir);
  assert.equal(run.stderr, '');
  assert.equal(run.code, 0);
  assert.match(run.stdout, /^mine — My own demo/);
  assert.deepEqual(printed(run.stdout), ['fast', 'slow']);
  assert.equal(ending(run.stdout), "result: ['slow', 'fast']");
});

test('a user demo written in JavaScript, in a folder outside the repo, by absolute path too', () => {
  const relative = cli([file('greet.js', JS_DEMO), '--trace'], dir);
  assert.equal(relative.code, 0, relative.stderr);
  assert.deepEqual(printed(relative.stdout), ['hello you', 'bye you']);
  assert.equal(ending(relative.stdout), 'result: 7');
  const absolute = cli([join(dir, 'greet.js'), '--trace']);
  assert.equal(absolute.stdout, relative.stdout);
});

test('--json: one event per line, seq without gaps, the same for the same seed', () => {
  const run = cli(['tumpak', '--json', '--seed', '5']);
  assert.equal(run.code, 0);
  const events = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { seq: number; type: string; tick: number });
  assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i));
  assert.equal(events.filter((e) => e.type === 'loop-start').length, 1);
  assert.equal(events[0]!.type, 'loop-start', 'the log opens with loop-start, before main spawns anything');
  // Every suspended step end names its line in the .ts the author wrote, read from the runtime.
  const tumpakLines = readFileSync(resolve(repoRoot, 'demos', 'tumpak.ts'), 'utf8').split('\n');
  const suspended = events.filter((e) => e.type === 'step-end' && ((e as { outcome?: string }).outcome === 'yielded' || (e as { outcome?: string }).outcome === 'parked'));
  assert.ok(suspended.length >= 20);
  for (const e of suspended as unknown as { where?: { file: string; line: number } }[]) {
    assert.match(e.where?.file ?? '', /\/demos\/tumpak\.ts$/);
    // Exactly a line that yields (a bare yield or a yield*), not merely a positive number.
    assert.match(tumpakLines[e.where!.line - 1] ?? '', /\byield\b/, `line ${e.where!.line}`);
  }
  assert.equal(events.at(-1)!.type, 'loop-end');
  assert.equal(cli(['tumpak', '--json', '--seed', '5']).stdout, run.stdout);
});

test('--policy overrides the demo’s policy; --seed changes only what is random', () => {
  // gather runs on asyncio's FIFO; under 'random' the seed decides whether Hello or World comes first.
  const fifo = cli(['gather', '--trace']);
  assert.match(fifo.stdout, /policy asyncio · seed 1/);
  assert.deepEqual(printed(fifo.stdout).slice(0, 2), ['Hello', 'World']);
  assert.deepEqual(printed(cli(['gather', '--trace', '--seed', '9']).stdout), printed(fifo.stdout));
  const random = (seed: string) => cli(['gather', '--trace', '--policy', 'random', '--seed', seed]).stdout;
  assert.match(random('4'), /policy random · seed 4/);
  assert.deepEqual(printed(random('4')).slice(0, 2), ['World', 'Hello'], 'random.seed(4): _randbelow picks World’s task first');
  assert.deepEqual(printed(random('1')).slice(0, 2), ['Hello', 'World']);
});

test('--export-trace with a headless run writes a Chrome trace', () => {
  const out = join(dir, 'tumpak.json');
  const run = cli(['tumpak', '--trace', '--export-trace', out]);
  assert.equal(run.code, 0, run.stderr);
  const trace = JSON.parse(readFileSync(out, 'utf8')) as { traceEvents: { ph: string; name: string; args?: { name?: string } }[] };
  const tracks = trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => e.args?.name);
  assert.ok(tracks.includes('tum') && tracks.includes('pak'), `tracks: ${tracks}`);
});

test('a demo that fails at run time: the trace shows it, exit code 1', () => {
  const run = cli([file('fails.js', `import { defineDemo, sleep } from 'coroscope';
function* broken() { yield* sleep(0); throw new Error('oops'); }
export default defineDemo({ name: 'fails', title: { en: 'f', fr: 'f' }, narration: { en: '', fr: '' }, main: () => broken() });
`), '--trace'], dir);
  assert.equal(run.code, 1);
  assert.match(ending(run.stdout), /^failed: .*oops/);
  assert.match(run.stdout, /^broken\s+│█✗/m);
});

test('a demo that never ends stops at --max-ticks, says so, exit code 1', () => {
  const run = cli([file('forever.js', `import { defineDemo } from 'coroscope';
function* spin() { for (;;) yield; }
export default defineDemo({ name: 'forever', title: { en: 'f', fr: 'f' }, narration: { en: '', fr: '' }, main: () => spin() });
`), '--trace', '--max-ticks', '50'], dir);
  assert.equal(run.code, 1);
  assert.equal(ending(run.stdout), 'unfinished after 50 ticks');
  assert.match(run.stderr, /^coroscope: forever stopped after 50 ticks/);
});

test('unknown demo: one line, then the list of demos, exit code 2', () => {
  const run = cli(['tumpack']);
  assertUsageError(run, /unknown demo 'tumpack'/);
  for (const name of TEACHING_ORDER) assert.match(run.stderr, new RegExp(`^  ${name} `, 'm'));
});

test('bad flag values: one line each, exit code 2', () => {
  const cases: [string[], RegExp][] = [
    [['tumpak', '--seed', 'abc'], /--seed expects a whole number, not 'abc'/],
    [['tumpak', '--seed', '-1'], /--seed expects a whole number, not '-1'/],
    [['tumpak', '--seed', '1.5'], /--seed expects a whole number/],
    [['tumpak', '--speed', '0'], /--speed expects ticks per second .* or 'max', not '0'/],
    [['tumpak', '--speed', 'fast'], /--speed expects .* not 'fast'/],
    [['tumpak', '--policy', 'lifo'], /--policy expects asyncio, random, not 'lifo'/],
    [['tumpak', '--lang', 'de'], /--lang expects en, fr, not 'de'/],
    [['tumpak', '--theme', 'pink'], /--theme expects dark, light, contrast, not 'pink'/],
    [['tumpak', '--width', '5', '--trace'], /--width expects a whole number from 30 to 10000, not '5'/],
    [['tumpak', '--width', '99999999999', '--trace'], /--width expects a whole number from 30 to 10000, not '99999999999'/],
    [['tumpak', '--speed', '0.0000001'], /--speed expects ticks per second from 0.5 to 1000, or 'max', not '0.0000001'/],
    [['tumpak', '--speed', '1e9'], /--speed expects ticks per second from 0.5 to 1000/],
    [['tumpak', '--record', 'x.cast', '--export-trace', './x.cast'], /^coroscope: --record and --export-trace name the same file \(x\.cast\): give each its own$/],
    [['tumpak', '--export-html', 'x.html'], /--export-html plays a recording: add --record FILE\.cast/],
    [['./demos'], /\.\/demos is a folder: a demo is one \.ts or \.js file/],
    [['tumpak', '--bogus'], /unknown option --bogus/],
    [['tumpak', '--seed'], /--seed needs a value/],
    [['tumpak', '--record'], /--record needs a value/],
    [['tumpak', '--trace', '--json'], /choose one/],
    [['tumpak', 'waiter'], /one demo at a time/],
  ];
  for (const [args, message] of cases) assertUsageError(cli(args), message);
});

test('demo files that are missing, throw while loading, do not parse, export no demo, or whose main throws', () => {
  const cases: [string, RegExp][] = [
    ['./missing.ts', /no such demo file: \.\/missing\.ts/],
    [file('throws.js', 'throw new Error("boom at load");\n'), /cannot load \.\/throws\.js: boom at load/],
    [file('bad.ts', "import { defineDemo } from 'coroscope';\nconst x: number = ;\n"), /cannot load \.\/bad\.ts: .*bad\.ts:2:19: Unexpected token$/],
    [file('badimport.js', "import { nothing } from './nowhere.js';\n"), /cannot load \.\/badimport\.js: .*nowhere\.js/],
    [file('nodefault.js', 'export const x = 1;\n'), /nodefault\.js does not default-export a demo/],
    [file('mainthrows.js', 'export default { name: "m", main: () => { throw new TypeError("main is broken"); } };\n'), /demo m failed to start: TypeError: main is broken/],
    [file('notes.txt', 'hello'), /a demo file ends in \.ts or \.js/],
  ];
  for (const [target, message] of cases) {
    // The exit-code table: a demo that cannot be loaded is bad input (2); one that loads and fails, the demo failing (1).
    const code = target.includes('mainthrows') ? 1 : 2;
    assertUsageError(cli([target, '--trace'], dir), message, code);
    assertUsageError(cli([target], dir), message, code);
  }
});

test('a policy that picks nothing sensible: one line naming the demo, exit code 1 (the demo failed)', () => {
  const target = file('badpolicy.js', `export default { name: 'bp', policy: function nonsense() { return 99; }, main: function* () { yield; } };\n`);
  assertUsageError(cli([target, '--trace'], dir), /demo bp broke the loop: .*the policy 'nonsense' picked 99, not an index/, 1);
});

test('stdout not a terminal and no --trace or --json: point at them, exit code 2', () => {
  const run = cli(['tumpak']);
  assertUsageError(run, /not a terminal.*--trace.*--json/);
});
