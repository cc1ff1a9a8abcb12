#!/usr/bin/env node
// The command line lives in src/cli.ts, compiled to dist/ on install. Started by any name
// (npx coroscope, a symlink, node bin/coroscope.js): it calls main() itself.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/src/cli.js', import.meta.url);
let main;
try {
  ({ main } = await import(cli.href));
} catch (error) {
  const why = existsSync(cli) ? String(error?.message ?? error).split('\n')[0] : 'it is not built yet; run npm install first';
  process.stderr.write(`coroscope: cannot start: ${why}\n`);
  process.exit(2);
}
process.exitCode = await main(process.argv.slice(2));
