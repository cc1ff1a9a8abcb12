import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { audienceSource } from '../../src/tui/code-source.js';
import { TEACHING_ORDER } from '../../src/registry.js';
import { repoRoot } from '../helpers.js';

const demo = [
  "import { defineDemo, print, random } from 'coroscope';", // 1
  'import {', // 2
  '  sleep,', // 3
  "} from 'coroscope';", // 4
  '', // 5
  'class Awaitable {', // 6
  '  *[Symbol.iterator]() {', // 7
  '    yield;', // 8
  '  }', // 9
  '}', // 10
  '', // 11
  '// #region helpers the audience need not see', // 12
  'function helper() {}', // 13
  '// #endregion', // 14
  '', // 15
  'function* tum() {', // 16
  '  yield* new Awaitable();', // 17
  '}', // 18
  '', // 19
  'export default defineDemo({', // 20
  "  name: 'x',", // 21
  "  title: { en: 'a ) tricky ( title', fr: `with ${'{'} braces` },", // 22
  '  narration: {', // 23
  "    en: 'x', // a comment with )", // 24
  "    fr: 'y',", // 25
  '  },', // 26
  '  manager: () => {', // 27
  '    tum().next();', // 28
  '  },', // 29
  '  cues: [{ id: "c", when: () => true, narration: { en: "}", fr: "]" } }],', // 30
  '});', // 31
  '', // 32
].join('\n');

test('imports and defineDemo are folded away; the program and its entry point stay, with their line numbers', () => {
  const view = audienceSource(demo);
  assert.deepEqual(view.lines, [
    'class Awaitable {',
    '  *[Symbol.iterator]() {',
    '    yield;',
    '  }',
    '}',
    '',
    'function* tum() {',
    '  yield* new Awaitable();',
    '}',
    '',
    'manager: () => {',
    '  tum().next();',
    '},',
  ]);
  assert.deepEqual(view.lines.map((_, i) => view.lineOf(i)), [6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 27, 28, 29]);
  assert.equal(view.shownOf(8), 2, 'the yield of line 8 is the third shown line');
  assert.equal(view.shownOf(28), 11);
  for (const folded of [1, 2, 4, 5, 12, 13, 14, 15, 20, 22, 24, 30, 31, 32, 99]) assert.equal(view.shownOf(folded), null, `line ${folded}`);
  assert.throws(() => view.lineOf(13), RangeError);
});

test('a one-line entry point is shown dedented; a file without the convention is shown whole', () => {
  const one = audienceSource("import { x } from 'y';\nfunction* f() {}\nexport default defineDemo({\n  name: 'n',\n  main: () => f(),\n});\n");
  assert.deepEqual(one.lines, ['function* f() {}', 'main: () => f(),']);
  assert.deepEqual([one.lineOf(0), one.lineOf(1)], [2, 5]);
  const plain = 'function* g() {\n  yield;\n}\n';
  assert.deepEqual(audienceSource(plain).lines, ['function* g() {', '  yield;', '}']);
  assert.deepEqual(audienceSource('').lines, []);
});

test('every built-in demo: no defineDemo, narration or import on screen; every line shown is the file’s', () => {
  for (const name of TEACHING_ORDER) {
    const text = readFileSync(join(repoRoot, 'demos', `${name}.ts`), 'utf8');
    const file = text.split('\n');
    const view = audienceSource(text);
    assert.ok(view.lines.length > 3, name);
    const shown = view.lines.join('\n');
    assert.ok(!/defineDemo|narration|^import /m.test(shown), `${name} shows plumbing:\n${shown}`);
    assert.match(shown, /^(main|manager): /m, `${name} shows its entry point`);
    view.lines.forEach((line, i) => {
      assert.equal(file[view.lineOf(i) - 1]!.trim(), line.trim(), `${name}: shown line ${i} is line ${view.lineOf(i)}`);
      assert.equal(view.shownOf(view.lineOf(i)), i);
    });
  }
});

test('a demo written on one line (its main inside the defineDemo line) would fold away whole: it is shown as written', () => {
  const text = "import { defineDemo, sleep } from 'coroscope';\nexport default defineDemo({ name: 'boom', main: function* () { yield* sleep(0); throw new Error('kaboom'); } });\n";
  const shown = audienceSource(text);
  assert.deepEqual(shown.lines, text.trimEnd().split('\n'));
  assert.deepEqual([shown.lineOf(0), shown.lineOf(1)], [1, 2]);
  assert.equal(shown.shownOf(2), 1, 'the suspension line (2) is on screen to be marked');
});
