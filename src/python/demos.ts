/**
 * The Python originals of the built-in demos: demos/python/NAME.py, the seeds' own code,
 * beside the TypeScript demo NAME it mirrors. A lookup beside the registry, not in it:
 * the registry loads TypeScript demos, these files are run by CPython.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** demos/python at the package root (this file runs as dist/src/python/demos.js). */
export const pythonDemoDir = resolve(here, '..', '..', '..', 'demos', 'python');

let names: readonly string[] | null = null;

/** Names of the demos that have a Python original, sorted. */
export function pythonDemoNames(): readonly string[] {
  if (names !== null) return names;
  try {
    names = readdirSync(pythonDemoDir)
      .filter((f) => f.endsWith('.py'))
      .map((f) => f.slice(0, -3))
      .sort();
  } catch {
    names = [];
  }
  return names;
}

/** The Python original of demo `name`, or null when it has none. */
export function pythonOriginal(name: string): string | null {
  const file = resolve(pythonDemoDir, `${name}.py`);
  return pythonDemoNames().includes(name) && existsSync(file) ? file : null;
}
