/**
 * The TypeScript side of a demo parity pair: run a built-in demo headless, as the CLI
 * does, printing its lines on stdout; then echo main's result the way the Python REPL
 * (and each twin) does: nothing for undefined, the value otherwise.
 *   node dist/test/parity/run-demo.js NAME
 */
import { formatRepr } from '../../src/index.js';
import { recordRun } from '../../src/player/session.js';
import { loadBuiltin } from '../../src/registry.js';

const name = process.argv[2]!;
const { demo } = await loadBuiltin(name);
const { session } = recordRun(demo, { write: (line) => process.stdout.write(line + '\n') });
const result = session.main.result();
if (result !== undefined) process.stdout.write(formatRepr(result) + '\n');
