/**
 * The README's "Your own demo" steps, verbatim, in a fresh project: `npm pack` this
 * package, `npm init -y` a folder, install the tarball, write the README's my-demo.ts and
 * my-demo.js exactly as printed there, run them with `npx coroscope` (headless: --trace).
 * Also: the bin through a symlink of another name, the LICENSE, an honest `engines`.
 * npm installs the dependencies from its cache when it has them (--prefer-offline).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { childEnv, repoRoot } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'coroscope-fresh-'));
const project = join(dir, 'my-talk');
after(() => rmSync(dir, { recursive: true, force: true }));

/** The fenced block of the README that starts with `// NAME`. */
function readmeBlock(name: string): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```(?:ts|js)\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.startsWith(`// ${name}`));
  assert.ok(block, `the README shows ${name}`);
  return block;
}

function sh(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, env: { ...childEnv, NO_COLOR: '1', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

before(() => {
  const tarball = sh('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', dir], repoRoot).trim().split('\n').pop()!;
  execFileSync('mkdir', [project]);
  sh('npm', ['init', '-y'], project);
  sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, tarball)], project);
}, { timeout: 300_000 });

for (const name of ['my-demo.ts', 'my-demo.js']) {
  test(`the README's ${name} runs with npx coroscope in a fresh npm init -y project`, () => {
    writeFileSync(join(project, name), readmeBlock(name));
    const run = spawnSync('npx', ['coroscope', `./${name}`, '--trace'], { cwd: project, env: { ...childEnv, NO_COLOR: '1' }, encoding: 'utf8' });
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^ping — Two pings take turns/);
    assert.match(run.stdout, /ping 0[\s\S]*ping 2/);
  });
}

test('the installed package: LICENSE, engines ≥ 20.6 (module.register), --help for installed users, the bin through a symlink of another name', () => {
  const installed = join(project, 'node_modules', 'coroscope');
  assert.match(readFileSync(join(installed, 'LICENSE'), 'utf8'), /^MIT License/);
  const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { license: string; engines: { node: string } };
  assert.equal(pkg.license, 'MIT');
  assert.equal(pkg.engines.node, '>=20.6');
  const help = sh('npx', ['coroscope', '--help'], project);
  assert.match(help, /npx coroscope/);
  assert.doesNotMatch(help, /npm run/);
  const link = join(dir, 'scope');
  symlinkSync(join(installed, 'bin', 'coroscope.js'), link);
  assert.ok(existsSync(link));
  assert.equal(sh(link, ['--version'], project), `coroscope ${JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version}\n`);
});
