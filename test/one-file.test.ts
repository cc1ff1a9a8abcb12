/**
 * The one-file build: every module of src/ runs from one bundle, compiled from V8's code
 * cache, and the cache is used only for the code it was made from.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';
import { childEnv, repoRoot } from './helpers.js';

const dist = join(repoRoot, 'dist');

/** Run an ES module script in a fresh node; its stdout. */
function fresh(script: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: childEnv, encoding: 'utf8' });
}

function sourceModules(dir = join(repoRoot, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceModules(path);
    return entry.name.endsWith('.ts') ? [relative(join(repoRoot, 'src'), path).replace(/\.ts$/, '')] : [];
  });
}

test('every module of src/ but the loader and the module hooks is a facade onto the one bundle', async () => {
  const modules = sourceModules();
  assert.ok(modules.length > 50, `found ${modules.length} modules`);
  for (const name of modules) {
    const compiled = readFileSync(join(dist, 'src', `${name}.js`), 'utf8');
    const facade = compiled.startsWith('// coroscope one-file facade');
    assert.equal(facade, name !== 'one-file' && name !== 'ts-hooks', `${name}.js ${facade ? 'is' : 'is not'} a facade`);
  }
  // Each import path reaches the same copy.
  const viaEntry = await import('../src/index.js');
  const viaCore = await import('../src/core/loop.js');
  const viaInternal = await import('../src/core/internal.js');
  assert.equal(viaEntry.Loop, viaCore.Loop);
  assert.equal(viaInternal.loopKernel, viaCore.loopKernel);
  assert.equal(typeof viaInternal.loopKernel, 'object');
});

test('classes keep their own names in the one-file build (labels and reprs print them)', async () => {
  const api = (await import('../src/index.js')) as Record<string, unknown>;
  const classes = Object.entries(api).filter(([name, value]) => typeof value === 'function' && /^[A-Z]/.test(name));
  assert.ok(classes.length > 20, `found ${classes.length} classes`);
  for (const [name, value] of classes) assert.equal((value as { name: string }).name, name);
  // A subclass's futures are labelled by its constructor's name, as asyncio's reprs are.
  const { LifoQueue, PriorityQueue, BoundedSemaphore } = api as Record<string, new (...args: unknown[]) => object>;
  assert.deepEqual([new LifoQueue!(), new PriorityQueue!(), new BoundedSemaphore!(1)].map((o) => o.constructor.name), ['LifoQueue', 'PriorityQueue', 'BoundedSemaphore']);
});

test("a fresh process compiles the bundle and the launch's packages from the code cache", () => {
  const out = fresh(`
    const oneFile = await import(${JSON.stringify(join(dist, 'src', 'one-file.js'))});
    await import(${JSON.stringify(join(dist, 'src', 'tui', 'blessed.js'))});
    process.stdout.write(JSON.stringify({ from: oneFile.compiledFrom(), packages: oneFile.packagesFromCache() }));
  `);
  const { from, packages } = JSON.parse(out) as { from: string; packages: string[] };
  assert.equal(from, 'cache');
  for (const file of ['blessed/lib/widgets/screen.js', 'blessed/lib/program.js']) {
    assert.ok(packages.some((p) => p.endsWith(join('node_modules', file))), `${file} compiled from the cache: ${packages.join(', ')}`);
  }
});

test('a code cache made for another build is not used, and the program runs the same', (t) => {
  const copy = join(dist, `copy-one-file-${process.pid}`);
  t.after(() => rmSync(copy, { recursive: true, force: true }));
  for (const part of ['src', 'one-file']) cpSync(join(dist, part), join(copy, part), { recursive: true });
  const cacheFile = join(copy, 'one-file', 'coroscope.cjs.cache');
  const cache = readFileSync(cacheFile);
  const idEnd = cache.indexOf(10);
  cache.fill('0', 0, idEnd); // another build's id, same length
  writeFileSync(cacheFile, cache);
  const out = fresh(`
    const { run, sleep, print } = await import(${JSON.stringify(join(copy, 'src', 'index.js'))});
    const oneFile = await import(${JSON.stringify(join(copy, 'src', 'one-file.js'))});
    print(run((function* () { yield* sleep(1); return 'slept'; })()), oneFile.compiledFrom());
  `);
  assert.equal(out, 'slept source: no cache for this build\n');
});

test("a package file's cached code is used only while the file's text is the one it was compiled from", (t) => {
  // V8 checks a cache against its source's length only: same length, other text.
  const recorded = 'module.exports = 1;';
  const dir = mkdtempSync(join(tmpdir(), 'coroscope-one-file-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const part of ['src/one-file.js', 'one-file/coroscope.cjs']) cpSync(join(dist, part), join(dir, 'dist', part));
  mkdirSync(join(dir, 'node_modules', 'fake'), { recursive: true });
  const bundle = readFileSync(join(dir, 'dist', 'one-file', 'coroscope.cjs'), 'utf8');
  const buildId = /\/\/# build (\S+)\s*$/.exec(bundle)![1]!;
  const data = new vm.Script((Module as unknown as { wrap(code: string): string }).wrap(recorded)).createCachedData();
  const index = { bundle: 0, packages: [['fake/index.js', recorded.length, data.length]] };
  writeFileSync(join(dir, 'dist', 'one-file', 'coroscope.cjs.cache'), Buffer.concat([Buffer.from(`${buildId}\n${JSON.stringify(index)}\n`), Buffer.from(recorded), data]));
  const load = () =>
    JSON.parse(
      fresh(`
        const oneFile = await import(${JSON.stringify(join(dir, 'dist', 'src', 'one-file.js'))});
        const { createRequire } = await import('node:module');
        const value = createRequire(${JSON.stringify(join(dir, 'x.js'))})('fake');
        process.stdout.write(JSON.stringify({ value, cached: oneFile.packagesFromCache().length }));
      `),
    ) as { value: number; cached: number };
  writeFileSync(join(dir, 'node_modules', 'fake', 'index.js'), recorded);
  assert.deepEqual(load(), { value: 1, cached: 1 }, 'the text it was compiled from: its cached code');
  writeFileSync(join(dir, 'node_modules', 'fake', 'index.js'), 'module.exports = 2;');
  assert.deepEqual(load(), { value: 2, cached: 0 }, 'another text: compiled from that text');
});
