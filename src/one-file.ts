/**
 * The one-file build's loader. `npm run build` (tools/build-one-file.ts) bundles the
 * modules of src/ into one script, dist/one-file/coroscope.cjs, and turns each module's
 * compiled file into a facade that takes its exports from here. Node 20 loads an ES module
 * graph file by file (resolve, read, compile, link: ~1 ms a file, ~90 files by the first
 * frame) and keeps no compiled code between runs; one script compiled from V8's code cache
 * does the same work in a fraction of that: the launch to the first frame is mostly this.
 *
 * Invariants:
 * - One copy per thread: the bundle runs once, and every facade (any module of src/ but
 *   this loader and the module hooks) reads its module's exports from that run. Classes,
 *   `#private` members and module state are the same whichever path a module was imported by.
 * - A bundled module runs when it is first loaded, after the modules it imports, as an ES
 *   module does (esbuild wraps each in a lazy initializer): loading the bundle runs nothing.
 * - The code cache is used only with the bundle it was made from: the cache file starts
 *   with the build id the bundle's last line carries. V8 itself rejects a cache from another
 *   V8 version or other flags; the bundle is then compiled from source, only slower.
 * - The packages' CommonJS files the launch loads (blessed, RxJS's bundle) are compiled from
 *   the same cache, by Node's own loader otherwise: each is still one module instance, found
 *   and run by Node (`require('blessed')` anywhere gets the same one). A file's cached code
 *   is used only while its text is the one it was compiled from (V8 checks only the length).
 * - The bundle cannot use `import()` (V8 loses a script's import callback when its code
 *   comes from the cache): it is handed the native one (`__import`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/** The bundle and its cache, beside the compiled src/ folder. */
export const ONE_FILE = fileURLToPath(new URL('../one-file/coroscope.cjs', import.meta.url));
export const CODE_CACHE = `${ONE_FILE}.cache`;
/** The bundle's last line: `//# build <id>`. */
export const BUILD_ID_LINE = /\/\/# build (\S+)\s*$/;

type ModuleTable = Record<string, () => Record<string, unknown>>;

/** The cache file: the build id, a line of JSON saying how the rest splits, then the parts. */
interface CacheIndex {
  bundle: number;
  /** Each package file: its path in node_modules (packagePath), its text's bytes, its code's bytes. */
  packages: [file: string, source: number, data: number][];
}

const code = readFileSync(ONE_FILE, 'utf8');
const buildId = BUILD_ID_LINE.exec(code)?.[1] ?? '';
const cached = readCache();
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __import) {${code}\n})`, {
  filename: ONE_FILE,
  ...(cached === null ? {} : { cachedData: cached.bundle }),
});
const bundle = { exports: {} as ModuleTable };
script.runInThisContext()(bundle.exports, createRequire(ONE_FILE), bundle, ONE_FILE, dirname(ONE_FILE), (specifier: string) => import(specifier));

/** The module src/NAME.ts's exports (its initializer runs the first time). */
export function load(name: string): Record<string, unknown> {
  const initialize = bundle.exports[name];
  if (initialize === undefined) throw new Error(`the one-file build has no module ${name}: rebuild (npm run build)`);
  return initialize();
}

/** How this thread's bundle was compiled: from its code cache, or from source (and why). */
export function compiledFrom(): 'cache' | 'source: no cache for this build' | 'source: cache rejected by V8' {
  if (cached === null) return 'source: no cache for this build';
  return script.cachedDataRejected === true ? 'source: cache rejected by V8' : 'cache';
}

// ---- The packages' CommonJS files ----

/** The package files this thread has compiled from the cache so far. */
export function packagesFromCache(): readonly string[] {
  return packagesCompiledFromCache;
}

interface NodeModule {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}
const NodeModuleClass = Module as unknown as {
  prototype: NodeModule;
  wrap(content: string): string;
  _resolveFilename(request: string, parent: NodeModule, isMain: boolean, options?: unknown): string;
  _cache: unknown;
  _extensions: unknown;
};
const nodeCompile = NodeModuleClass.prototype._compile;
/** Package files compiled through here, by path: their text and script (what writeCodeCache saves). */
const packageScripts = new Map<string, { source: string; script: vm.Script }>();
let recording = false;
/** The package files whose code came from the cache (for the tests and the curious). */
const packagesCompiledFromCache: string[] = [];

if (cached !== null && cached.packages.size > 0) NodeModuleClass.prototype._compile = compilePackageFile;

/** From now on, compile every package file through the cache (the build's warm-up, before it loads anything). */
export function recordPackages(): void {
  recording = true;
  NodeModuleClass.prototype._compile = compilePackageFile;
}

/** What Node's `Module.prototype._compile` does, with the compiled code from the cache. */
function compilePackageFile(this: NodeModule, content: string, filename: string): unknown {
  const key = packagePath(filename);
  const known = key === null ? undefined : cached?.packages.get(key);
  // Compared as bytes: encoding the text is ~4× faster than decoding the recorded copy.
  const usable = known !== undefined && known.source.equals(Buffer.from(content, 'utf8'));
  if (!usable && !(recording && key !== null)) return nodeCompile.call(this, content, filename);
  const packageScript = new vm.Script(NodeModuleClass.wrap(content), { filename, ...(usable ? { cachedData: known.data } : {}) });
  if (recording) packageScripts.set(filename, { source: content, script: packageScript });
  if (usable && packageScript.cachedDataRejected !== true) packagesCompiledFromCache.push(filename);
  const module = this;
  const require = Object.assign((id: string) => module.require(id), {
    resolve: (request: string, options?: unknown) => NodeModuleClass._resolveFilename(request, module, false, options),
    cache: NodeModuleClass._cache,
    extensions: NodeModuleClass._extensions,
  });
  return (packageScript.runInThisContext() as (...args: unknown[]) => unknown).call(module.exports, module.exports, require, module, filename, dirname(filename));
}

/**
 * `blessed/lib/program.js` for …/node_modules/blessed/lib/program.js: a package file's path
 * in whatever node_modules holds it (a checkout's own, or a project's that installed coroscope).
 */
function packagePath(filename: string): string | null {
  const marker = `${sep}node_modules${sep}`;
  const at = filename.lastIndexOf(marker);
  return at < 0 ? null : filename.slice(at + marker.length).split(sep).join('/');
}

// ---- The cache file ----

/** Save the code V8 has compiled for the bundle and the recorded package files so far (the build warms them first). */
export function writeCodeCache(): number {
  const parts: Buffer[] = [script.createCachedData()];
  const index: CacheIndex = { bundle: parts[0]!.length, packages: [] };
  for (const [file, { source, script: packageScript }] of packageScripts) {
    const text = Buffer.from(source, 'utf8');
    const data = packageScript.createCachedData();
    parts.push(text, data);
    index.packages.push([packagePath(file)!, text.length, data.length]);
  }
  const head = Buffer.from(`${buildId}\n${JSON.stringify(index)}\n`, 'utf8');
  writeFileSync(CODE_CACHE, Buffer.concat([head, ...parts]));
  return parts.reduce((sum, part) => sum + part.length, 0);
}

function readCache(): { bundle: Buffer; packages: Map<string, { source: Buffer; data: Buffer }> } | null {
  let file: Buffer;
  try {
    file = readFileSync(CODE_CACHE);
  } catch {
    return null;
  }
  const idEnd = file.indexOf(10);
  const indexEnd = file.indexOf(10, idEnd + 1);
  if (buildId === '' || idEnd < 0 || indexEnd < 0 || file.toString('latin1', 0, idEnd) !== buildId) return null;
  try {
    const index = JSON.parse(file.toString('utf8', idEnd + 1, indexEnd)) as CacheIndex;
    let at = indexEnd + 1;
    const take = (bytes: number) => file.subarray(at, (at += bytes));
    const bundleData = take(index.bundle);
    const packages = new Map<string, { source: Buffer; data: Buffer }>();
    for (const [path, source, data] of index.packages) packages.set(path, { source: take(source), data: take(data) });
    return { bundle: bundleData, packages };
  } catch {
    return null; // a damaged cache is no cache
  }
}
