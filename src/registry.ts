/**
 * Where demos come from: the built-in ones (compiled to dist/demos/*.js, listed in
 * teaching order) and a user's own file (`./my-demo.ts` or `.js`), loaded by path.
 * Errors come out as DemoError with a one-line message the CLI prints as it is.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { register } from 'node:module';
import { basename, dirname, extname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { oneLine } from './core/errors.js';
import { readSourceMap } from './core/where.js';
import { POLICY_NAMES, type PolicyName } from './core/policies.js';
import type { Demo } from './demo.js';
import type { LoadedDemo } from './tui/options.js';

/** The order a talk walks through them; demos not listed here come after, by name. */
export const TEACHING_ORDER = [
  'tumpak',
  'awaitables',
  'hello',
  'manual',
  'coroutines',
  'four',
  'frenetic',
  'waiter',
  'waiter-sleep',
  'gather',
  'mutex',
  'event',
  'pong',
  'queue',
  'semaphore',
  'timeout',
  'taskgroup',
  'as-completed',
];

export class DemoError extends Error {
  constructor(
    message: string,
    /** 'unknown': no built-in demo by that name (the CLI lists them). */
    readonly kind: 'unknown' | 'missing' | 'load' | 'invalid',
  ) {
    super(message);
    this.name = 'DemoError';
  }
}

const here = dirname(fileURLToPath(import.meta.url));
/** dist/demos, beside dist/src where this file runs. */
export const builtinDir = resolve(here, '..', 'demos');

let names: readonly string[] | null = null;

/** Names of the built-in demos, in teaching order (the directory is read once: it ships with the package). */
export function builtinNames(): readonly string[] {
  if (names !== null) return names;
  let files: string[];
  try {
    files = readdirSync(builtinDir).filter((f) => f.endsWith('.js'));
  } catch {
    files = [];
  }
  const rank = (n: string) => {
    const i = TEACHING_ORDER.indexOf(n);
    return i < 0 ? TEACHING_ORDER.length : i;
  };
  names = files.map((f) => f.slice(0, -3)).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return names;
}

/** Every built-in demo, loaded (in parallel), in teaching order. */
export function builtinDemos(): Promise<LoadedDemo[]> {
  return Promise.all(builtinNames().map(loadBuiltin));
}

/** A path on the command line, as opposed to a demo name. */
export function looksLikePath(arg: string): boolean {
  return arg.includes('/') || arg.includes('\\') || /\.(m?[jt]s)$/.test(arg);
}

/** A built-in demo by name, or a user's demo file by path. */
export async function loadDemo(arg: string, cwd = process.cwd()): Promise<LoadedDemo> {
  return looksLikePath(arg) ? loadFile(resolve(cwd, arg), arg) : loadBuiltin(arg);
}

export async function loadBuiltin(name: string): Promise<LoadedDemo> {
  if (!builtinNames().includes(name)) throw new DemoError(`unknown demo '${name}'`, 'unknown');
  const file = resolve(builtinDir, `${name}.js`);
  const demo = await importDemo(file, name);
  return { demo, sourceFile: sourceOf(file), ref: name };
}

async function loadFile(file: string, shown: string): Promise<LoadedDemo> {
  if (!existsSync(file)) throw new DemoError(`no such demo file: ${shown}`, 'missing');
  if (statSync(file).isDirectory()) throw new DemoError(`${shown} is a folder: a demo is one .ts or .js file`, 'invalid');
  if (!statSync(file).isFile()) throw new DemoError(`${shown} is not a file: a demo is one .ts or .js file`, 'invalid');
  const ext = extname(file);
  if (!['.ts', '.mts', '.js', '.mjs'].includes(ext)) {
    throw new DemoError(`cannot load ${shown}: a demo file ends in .ts or .js`, 'invalid');
  }
  registerHooks();
  const demo = await importDemo(file, shown);
  // A compiled demo shows (and marks) the .ts it was compiled from, as its suspension lines name it.
  return { demo, sourceFile: sourceOf(file), ref: file };
}

async function importDemo(file: string, shown: string): Promise<Demo> {
  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(file).href);
  } catch (error) {
    throw new DemoError(`cannot load ${shown}: ${oneLine(error)}`, 'load');
  }
  return checkDemo(module.default, shown, basename(file).replace(/\.[^.]+$/, ''));
}

/** A demo as the dashboard expects it; lenient with a user's missing title or narration. */
function checkDemo(value: unknown, shown: string, fallbackName: string): Demo {
  const demo = value as Partial<Demo> | undefined;
  if (typeof demo !== 'object' || demo === null || (typeof demo.main !== 'function') === (typeof demo.manager !== 'function')) {
    throw new DemoError(`${shown} does not default-export a demo: export default defineDemo({ name, title, narration, main }) (or manager instead of main)`, 'invalid');
  }
  const wrong = wrongSetting(demo);
  if (wrong !== null) throw new DemoError(`${shown}: ${wrong}`, 'invalid');
  const text = (t: unknown, fallback: string) =>
    typeof t === 'string' ? { en: t, fr: t } : typeof t === 'object' && t !== null ? { en: String((t as any).en ?? (t as any).fr ?? fallback), fr: String((t as any).fr ?? (t as any).en ?? fallback) } : { en: fallback, fr: fallback };
  const name = typeof demo.name === 'string' && demo.name !== '' ? demo.name : fallbackName;
  return { ...demo, name, title: text(demo.title, name), narration: text(demo.narration, '') } as Demo;
}

/**
 * What is wrong with a demo's run settings, or null: checked when the file loads, so a bad
 * demo file is one line and exit 2 (as a bad --seed is), not a run failing to start.
 */
function wrongSetting(demo: Partial<Demo>): string | null {
  const { seed, policy, passCost, cues } = demo;
  const shown = (v: unknown) => (typeof v === 'string' ? `'${v}'` : String(v));
  if (seed !== undefined && !(Number.isSafeInteger(seed) && seed >= 0)) return `seed must be a whole number, not ${shown(seed)}`;
  if (policy !== undefined && typeof policy !== 'function' && !POLICY_NAMES.includes(policy as PolicyName)) {
    return `policy must be ${POLICY_NAMES.join(', ')} or a function, not ${shown(policy)}`;
  }
  if (passCost !== undefined && !(typeof passCost === 'number' && Number.isFinite(passCost) && passCost >= 0)) {
    return `passCost must be a number of seconds of at least 0, not ${shown(passCost)}`;
  }
  if (cues !== undefined) {
    const form = 'cues must be a list of { id, when, narration }';
    if (!Array.isArray(cues)) return `${form}, not ${shown(cues)}`;
    const bad = cues.findIndex((c) => typeof c !== 'object' || c === null || typeof c.when !== 'function');
    if (bad >= 0) return `${form}: cue ${bad + 1} has no when function`;
  }
  return null;
}

/** The .ts file a compiled demo came from, read from its source map (beside it or inline); the .js itself without one. */
export function sourceOf(jsFile: string): string {
  const source = readSourceMap(jsFile)?.sources[0];
  if (source !== undefined && source.startsWith('file:')) {
    const file = fileURLToPath(source);
    if (existsSync(file)) return file;
  }
  // no map: the compiled file is what there is to show
  return jsFile;
}

let hooksRegistered = false;

/** Module hooks (ts-hooks.ts): `.ts` through sucrase, ESM `.js` in a CommonJS project, and 'coroscope' to this package from anywhere. */
function registerHooks(): void {
  if (hooksRegistered) return;
  hooksRegistered = true;
  register('./ts-hooks.js', import.meta.url, { data: { coroscope: pathToFileURL(resolve(here, 'index.js')).href } });
}
