/**
 * What several test files need: a loop whose printed lines are captured, an event
 * recorder, Python's repr for parity twins, and paths back to the sources.
 * Tests run compiled from dist/test/…; the repo root is found from this file's place.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Loop, type LoopEvent, type LoopOptions } from '../src/index.js';
import { resetTaskNames } from '../src/core/internal.js';

/** The repository root (this file runs as dist/test/helpers.js). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The environment for child processes: without NODE_TEST_CONTEXT, which would make a child of `node --test` talk TAP. */
export const childEnv: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_TEST_CONTEXT'));

let pythonPath: string | null = null;

/**
 * The interpreter `python3` runs, resolved once: a version manager's shim (pyenv) costs
 * ~0.1 s per launch, which the parity twins would pay dozens of times.
 */
export function python3(): string {
  pythonPath ??= execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8', env: childEnv }).trim();
  return pythonPath;
}

/** The TypeScript source of a compiled test file, given its `import.meta.url`. */
export function sourceOf(metaUrl: string): string {
  const compiled = fileURLToPath(metaUrl);
  const relative = compiled.slice(resolve(repoRoot, 'dist').length + 1);
  return resolve(repoRoot, relative.replace(/\.js$/, '.ts'));
}

/** The 1-based line of the only line of `file` that ends with the comment `// marker`. */
export function lineOf(file: string, marker: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const found = lines.flatMap((line, i) => (line.trimEnd().endsWith(`// ${marker}`) ? [i + 1] : []));
  if (found.length !== 1) throw new Error(`marker ${marker} found ${found.length} times in ${file}`);
  return found[0]!;
}

/** A loop whose `print` lines land in `lines` instead of stdout: a program run of its own (Task-1 first). */
export function captured(options: LoopOptions = {}): { loop: Loop; lines: string[] } {
  resetTaskNames();
  const lines: string[] = [];
  const loop = new Loop({ write: (line) => lines.push(line), ...options });
  return { loop, lines };
}

/** Every event the loop emits from now on. */
export function record(loop: Loop): LoopEvent[] {
  const events: LoopEvent[] = [];
  loop.events$.subscribe((event) => events.push(event));
  return events;
}

/**
 * Python's repr of a JavaScript value, for parity twins that print what Python prints:
 * undefined/null → None, booleans → True/False, strings quoted, arrays as lists, errors
 * as `Name('message')`. Explicit, so a twin says what it maps.
 */
export function pyRepr(value: unknown): string {
  if (value === undefined || value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (value instanceof Error) return `${value.name}(${value.message ? pyRepr(value.message) : ''})`;
  return String(value);
}
