/**
 * Parity with CPython: every test/parity/NAME.py runs under python3 and its TypeScript
 * twin (compiled to dist/test/parity/NAME.js) under node; their stdout must be the same,
 * line by line, and both must exit alike (0, or both failing).
 *
 * Normalisation: none. Each twin prints exactly what the Python prints; where a value's
 * spelling differs between the languages (None, True, a list of them) the twin maps it
 * explicitly with pyRepr from test/helpers.ts. Only stdout is compared: stderr carries
 * CPython's warnings ("Task was destroyed but it is pending!") and tracebacks.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { childEnv, python3, repoRoot } from '../helpers.js';

const run = promisify(execFile);
const sourceDir = join(repoRoot, 'test', 'parity');
const compiledDir = join(repoRoot, 'dist', 'test', 'parity');
const names = readdirSync(sourceDir)
  .filter((f) => f.endsWith('.py'))
  .map((f) => f.slice(0, -3))
  .sort();

async function output(command: string, args: string[]): Promise<{ lines: string[]; code: number; stderr: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: sourceDir, env: childEnv, timeout: 20_000 });
    return { lines: stdout.split('\n').slice(0, -1), code: 0, stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number | string };
    if (e.stdout === undefined) throw error;
    return { lines: e.stdout.split('\n').slice(0, -1), code: typeof e.code === 'number' ? e.code : 1, stderr: e.stderr ?? '' };
  }
}

// A few pairs at a time: the twins with real (short) sleeps stay exact on a loaded machine.
describe('the TypeScript twins print what CPython prints', { concurrency: 4 }, () => {
  it('there are at least 15 pairs', () => {
    assert.ok(names.length >= 15, `expected at least 15 Python twins in ${sourceDir}, found ${names.length}`);
  });
  for (const name of names) {
    it(name, async () => {
      const twin = join(compiledDir, `${name}.js`);
      assert.ok(existsSync(join(sourceDir, `${name}.ts`)), `test/parity/${name}.py has no TypeScript twin test/parity/${name}.ts`);
      assert.ok(existsSync(twin), `${twin} is missing: build with npx tsc -p .`);
      const [python, node] = await Promise.all([output(python3(), [`${name}.py`]), output(process.execPath, [twin])]);
      assert.ok(python.lines.length > 0, `python3 ${name}.py printed nothing (exit ${python.code}): ${python.stderr}`);
      assert.deepEqual(
        node.lines,
        python.lines,
        `stdout of node dist/test/parity/${name}.js (actual) differs from python3 test/parity/${name}.py (expected)` +
          (node.stderr ? `\nnode stderr:\n${node.stderr}` : ''),
      );
      assert.equal(node.code === 0, python.code === 0, `exit codes differ: node ${node.code}, python3 ${python.code}\n${node.stderr}${python.stderr}`);
    });
  }
});
