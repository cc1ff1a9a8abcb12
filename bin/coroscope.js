#!/usr/bin/env node
// The command line lives in src/cli.ts (compiled on install).
import('../dist/src/cli.js').catch((error) => {
  process.stderr.write(`coroscope: cannot start (${error?.message ?? error}); run npm install first\n`);
  process.exit(2);
});
