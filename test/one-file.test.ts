/**
 * The one-file build: every module of src/ runs from one bundle, compiled from V8's code
 * cache, and the cache is used only for the code it was made from.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
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
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [relative(join(repoRoot, 'src'), path).replace(/\.ts$/, '')] : [];
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

test('a fresh process compiles the bundle from the code cache, and blessed and its gauge come from the bundle', () => {
  const out = fresh(`
    const oneFile = await import(${JSON.stringify(join(dist, 'src', 'one-file.js'))});
    const { gaugeLoaded } = await import(${JSON.stringify(join(dist, 'src', 'tui', 'screen-layout.js'))});
    const { openDashboard } = await import(${JSON.stringify(join(dist, 'test', 'tui', 'fixtures', 'screen.js'))});
    const { tumpakLoaded } = await import(${JSON.stringify(join(dist, 'test', 'tui', 'fixtures', 'tumpak.js'))});
    const { dashboard } = openDashboard(tumpakLoaded, 100, 30);
    dashboard.start();
    dashboard.player.advance(100);
    dashboard.renderNow();
    await gaugeLoaded();
    const gauge = dashboard.screenLayout.gauge !== null;
    dashboard.close(0);
    const { createRequire } = await import('node:module');
    const fromNode = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('node_modules'));
    process.stdout.write(JSON.stringify({ from: oneFile.compiledFrom(), gauge, fromNode }));
  `);
  const { from, gauge, fromNode } = JSON.parse(out) as { from: string; gauge: boolean; fromNode: string[] };
  assert.equal(from, 'cache');
  assert.ok(gauge, 'the gauge was made');
  // One copy of blessed: the gauge's require('blessed') and ours are the bundle's, none Node's.
  assert.deepEqual(fromNode, []);
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
