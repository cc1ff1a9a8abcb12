/**
 * After tsc, the one-file build (its loader, src/one-file.ts, says why it exists):
 * 1. bundle every compiled module of src/ into dist/one-file/coroscope.cjs with esbuild,
 *    each behind a lazy initializer, keyed by its path (`core/loop`);
 * 2. replace each bundled module's compiled file with a facade that loads its exports
 *    from the bundle, so that every import path reaches the one copy;
 * 3. warm: run a launch's code through the facades in a child process, and save the code
 *    V8 compiled for it as the bundle's code cache.
 *
 * tsc rewrites every compiled file, so this always starts from real modules (it refuses
 * facades). Without this step the compiled modules work as they are, only slower to load.
 */
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const compiled = join(root, 'dist', 'src');
const bundleFile = join(root, 'dist', 'one-file', 'coroscope.cjs');
/** Modules that stay themselves: the loader, and the module hooks (they run on the hooks' own thread). */
const NOT_BUNDLED = new Set(['one-file.js', 'ts-hooks.js']);
const FACADE_MARK = '// coroscope one-file facade';

/** A relative path as an import specifier and a bundle's text spell it, with `/`. */
const slashed = (from: string, to: string) => relative(from, to).split(sep).join('/');
/** `core/loop` for dist/src/core/loop.js: the key a facade loads its module by. */
const moduleName = (file: string) => slashed(compiled, file).replace(/\.js$/, '');

/** The compiled file of each module in src/ (a file left in dist/src by a module since removed is not one). */
function compiledModules(dir = join(root, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return compiledModules(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) return [];
    const file = join(compiled, relative(join(root, 'src'), path)).replace(/\.ts$/, '.js');
    return dirname(file) === compiled && NOT_BUNDLED.has(basename(file)) ? [] : [file];
  });
}

/** Each module's export names, read by esbuild without running anything. */
async function exportNames(files: string[]): Promise<Map<string, string[]>> {
  const result = await esbuild.build({ absWorkingDir: root, entryPoints: files, outbase: compiled, outdir: join(root, 'dist', 'one-file', 'exports'), bundle: false, format: 'esm', write: false, metafile: true, logLevel: 'error' });
  const names = new Map<string, string[]>();
  for (const output of Object.values(result.metafile.outputs)) {
    if (output.entryPoint !== undefined) names.set(join(root, output.entryPoint), output.exports);
  }
  return names;
}

/**
 * RxJS from its ES module build, which the bundler can prune to what src/rx.ts names
 * (Node's condition would pick the CommonJS build, which it cannot).
 */
const rxjsModules: esbuild.Plugin = {
  name: 'rxjs-modules',
  setup(build) {
    const esm = join(dirname(createRequire(join(root, 'package.json')).resolve('rxjs/package.json')), 'dist', 'esm', 'index.js');
    build.onResolve({ filter: /^rxjs$/ }, () => ({ path: esm }));
  },
};

/**
 * blessed in the bundle, as Node runs it:
 * - its files find their data (terminfo, fonts) beside them by `__dirname`, which in the
 *   bundle would be the bundle's folder: each reads its own folder, found where Node finds
 *   the package (a checkout's node_modules, or a project's);
 * - widget.js requires each widget as `'./widgets/' + name`, without the extension the
 *   bundler's table of that folder's files is keyed by.
 */
const blessedFiles: esbuild.Plugin = {
  name: 'blessed-files',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]blessed[\\/].*\.js$/ }, (args) => {
      const marker = `${sep}node_modules${sep}`;
      const inPackage = slashed(args.path.slice(0, args.path.lastIndexOf(marker) + marker.length), args.path);
      let text = readFileSync(args.path, 'utf8').replaceAll('__dirname', `__packageDir(${JSON.stringify(inPackage)})`);
      if (inPackage === 'blessed/lib/widget.js') {
        const widgets = "require('./widgets/' + file)";
        if (!text.includes(widgets)) throw new Error(`blessed's widget.js no longer says ${widgets}: see blessedFiles`);
        text = text.replace(widgets, "require('./widgets/' + file + '.js')");
      }
      return { contents: text, loader: 'js' };
    });
  },
};

/**
 * What a module's `import.meta.url` was, from wherever the bundle is installed: its
 * modules find the files beside them (the worker's script, the Python tracer, package.json).
 */
const moduleUrls: esbuild.Plugin = {
  name: 'module-urls',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(compiled + sep)) return undefined;
      const fromBundle = slashed(dirname(bundleFile), args.path);
      const text = readFileSync(args.path, 'utf8').replaceAll('import.meta.url', `__moduleUrl(${JSON.stringify(fromBundle)})`);
      return { contents: text, loader: 'js' };
    });
  },
};

async function bundle(files: string[]): Promise<void> {
  const table = files.map((file) => `  ${JSON.stringify(moduleName(file))}: () => require(${JSON.stringify(`./${slashed(compiled, file)}`)}),`);
  const result = await esbuild.build({
    stdin: { contents: `module.exports = {\n${table.join('\n')}\n};\n`, resolveDir: compiled, sourcefile: 'one-file-table.cjs', loader: 'js' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // Classes and functions keep their names (errors print them, task names come from them).
    keepNames: true,
    // A smaller script reads and deserializes faster (~5 ms at launch).
    minifyWhitespace: true,
    banner: {
      js: [
        'var __moduleUrl = (path) => require("node:url").pathToFileURL(require("node:path").join(__dirname, path)).href;',
        'var __packageDir = (file) => require("node:path").dirname(require.resolve(file));',
      ].join('\n'),
    },
    plugins: [moduleUrls, rxjsModules, blessedFiles],
    // blessed's terminal widget requires these only when one is made (coroscope makes none).
    external: ['term.js', 'pty.js'],
    write: false,
    outfile: bundleFile,
    logLevel: 'warning',
  });
  // The one `import()` left is of a user's demo by its URL (all others were bundled).
  const text = withoutRedundantNames(result.outputFiles[0]!.text).replace(/(?<![\w$.])import\(/g, '__import(');
  const id = createHash('sha256').update(text).digest('hex').slice(0, 32);
  mkdirSync(dirname(bundleFile), { recursive: true });
  writeFileSync(bundleFile, `${text}//# build ${id}\n`);
}

/**
 * keepNames gives every class a `static { __name(this, "X") }` block, which redefines the
 * constructor's `name` and costs the scheduler ~18 % of its switches per second (a class
 * whose constructor was changed so is slower to construct from). A class expression
 * assigned to a variable of its own name gets that name from JavaScript itself: its
 * block goes. Classes that esbuild named otherwise (`X = class _X`, a renamed `X2`) keep it.
 */
function withoutRedundantNames(text: string): string {
  return text.replace(/(?<![\w$.])([A-Za-z_$][\w$]*)=class((?: extends [^{}]*)?)\{static\{__name\(this,"\1"\)\}/g, '$1=class$2{');
}

function writeFacade(file: string, names: string[]): void {
  const loader = slashed(dirname(file), join(compiled, 'one-file.js'));
  const values = names.filter((name) => name !== 'default');
  const lines = [
    `${FACADE_MARK}: src/${moduleName(file)}.ts runs from the one-file build (see src/one-file.ts).`,
    `import { load } from ${JSON.stringify(loader.startsWith('.') ? loader : `./${loader}`)};`,
    `const m = load(${JSON.stringify(moduleName(file))});`,
    ...(values.length > 0 ? [`export const { ${values.join(', ')} } = m;`] : []),
    ...(names.includes('default') ? ['export default m.default;'] : []),
  ];
  writeFileSync(file, `${lines.join('\n')}\n`);
  rmSync(`${file}.map`, { force: true }); // it described the module, not its facade
}

async function main(): Promise<void> {
  const files = compiledModules();
  const facades = files.filter((file) => readFileSync(file, 'utf8').startsWith(FACADE_MARK));
  if (facades.length > 0) throw new Error(`${relative(root, facades[0]!)} is a facade already: compile first (npm run build runs tsc, then this)`);
  const names = await exportNames(files);
  rmSync(`${bundleFile}.cache`, { force: true });
  await bundle(files);
  for (const file of files) writeFacade(file, names.get(file) ?? []);
  const warm = spawnSync(process.execPath, [fileURLToPath(new URL('./warm-one-file.js', import.meta.url))], { stdio: 'inherit' });
  if (warm.status !== 0) throw new Error(`warming the code cache failed (exit ${warm.status ?? warm.signal})`);
}

main().catch((error: unknown) => {
  process.stderr.write(`build-one-file: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
