/**
 * The package as a user gets it: a script in another folder, with this checkout linked
 * as node_modules/coroscope, imports the public API by name under plain Node.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { childEnv, repoRoot } from './helpers.js';

let dir = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'coroscope-package-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(repoRoot, join(dir, 'node_modules', 'coroscope'), 'dir');
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function runScript(name: string, source: string): string {
  writeFileSync(join(dir, name), source);
  return execFileSync(process.execPath, [name], { cwd: dir, env: childEnv, encoding: 'utf8' });
}

test("import { run, gather, sleep, print } from 'coroscope' works from plain Node ESM", () => {
  const out = runScript(
    'main.mjs',
    `import { run, gather, sleep, print } from 'coroscope';

function* worker(name, delay) {
  yield* sleep(delay);
  print(name, 'done');
  return name;
}

function* main() {
  return yield* gather(worker('a', 2), worker('b', 1));
}

print(run(main()));
`,
  );
  assert.deepEqual(out.split('\n'), ['b done', 'a done', "['a', 'b']", '']);
});

test('the package is ESM, its entry points exist, and the asyncio names are exported', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    name: string;
    type: string;
    exports: { '.': { types: string; default: string } };
  };
  assert.equal(pkg.name, 'coroscope');
  assert.equal(pkg.type, 'module');
  assert.ok(existsSync(join(repoRoot, pkg.exports['.'].default)), 'the built entry point exists');
  assert.ok(existsSync(join(repoRoot, pkg.exports['.'].types)), 'its type declarations exist');
  const out = runScript(
    'names.mjs',
    `import * as coroscope from 'coroscope';
console.log(['run', 'createTask', 'gather', 'sleep', 'print', 'Waiter', 'Event', 'Lock', 'Loop', 'Task', 'Future', 'CancelledError']
  .filter((name) => typeof coroscope[name] !== 'function').join(',') || 'all exported');
`,
  );
  assert.equal(out.trim(), 'all exported');
});

test("a user's strict TypeScript type-checks against the package's types, which refuse the engine's internals", { timeout: 180_000 }, () => {
  // The package's own .d.ts are checked too (skipLibCheck off), with node's types as a user has them.
  mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules', '@types', 'node'), join(dir, 'node_modules', '@types', 'node'), 'dir');
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, skipLibCheck: false, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true },
      files: ['user.ts'],
    }),
  );
  writeFileSync(
    join(dir, 'user.ts'),
    `import { run, createTask, sleep, getRunningLoop, type Task, type Future, type Loop } from 'coroscope';

function* child(): Generator<unknown, string, unknown> {
  yield* sleep(1);
  return 'c';
}

function* main(): Generator<unknown, string, unknown> {
  const t: Task<string> = createTask(child());
  const loop: Loop = getRunningLoop();
  const f: Future<number> = loop.createFuture<number>();
  f.setResult(1);
  // Each line below must be a type error: if one type-checks, tsc reports an unused directive.
  // @ts-expect-error engine-only
  t.finishWith('forged');
  // @ts-expect-error engine-only
  t.failWith(new Error('forged'));
  // @ts-expect-error engine-only
  void t.waitingOn;
  // @ts-expect-error engine-only
  void t.pendingError;
  // @ts-expect-error engine-only
  t.markCancelled();
  // @ts-expect-error engine-only
  void loop.current;
  // @ts-expect-error engine-only
  void loop.actor;
  // @ts-expect-error engine-only
  loop.scheduleDoneCallback(f, () => {});
  // @ts-expect-error engine-only
  void f.state;
  const wider: Task<unknown> = t;
  return String(yield* wider) + String(yield* f);
}

console.log(run(main()));
`,
  );
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', dir], { cwd: dir, env: childEnv, encoding: 'utf8' });
  assert.equal(result.status, 0, `tsc on a user's strict file failed:\n${result.stdout}${result.stderr}`);
});
