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
 * - The packages a launch runs (blessed and blessed-contrib's gauge, RxJS) are in the bundle
 *   too: one copy each, shared by whatever requires them from inside it.
 * - The bundle cannot use `import()` (V8 loses a script's import callback when its code
 *   comes from the cache): it is handed the native one (`__import`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/** The bundle and its cache, beside the compiled src/ folder. */
const ONE_FILE = fileURLToPath(new URL('../one-file/coroscope.cjs', import.meta.url));
const CODE_CACHE = `${ONE_FILE}.cache`;
/** The bundle's last line: `//# build <id>`. */
const BUILD_ID_LINE = /\/\/# build (\S+)\s*$/;

type ModuleTable = Record<string, () => Record<string, unknown>>;

const code = readFileSync(ONE_FILE, 'utf8');
const buildId = BUILD_ID_LINE.exec(code)?.[1] ?? '';
const cached = readCache();
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __import) {${code}\n})`, {
  filename: ONE_FILE,
  ...(cached === null ? {} : { cachedData: cached }),
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

/** Save the code V8 has compiled for the bundle so far (the build warms it first), headed by its build id. */
export function writeCodeCache(): number {
  const data = script.createCachedData();
  writeFileSync(CODE_CACHE, Buffer.concat([Buffer.from(`${buildId}\n`, 'latin1'), data]));
  return data.length;
}

/** The cached code, if the cache file is this build's. */
function readCache(): Buffer | null {
  let file: Buffer;
  try {
    file = readFileSync(CODE_CACHE);
  } catch {
    return null;
  }
  const idEnd = file.indexOf(10);
  if (buildId === '' || idEnd < 0 || file.toString('latin1', 0, idEnd) !== buildId) return null;
  return file.subarray(idEnd + 1);
}
