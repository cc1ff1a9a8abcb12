/**
 * The TypeScript side of a demo parity pair: run a built-in demo headless, as the CLI
 * does, printing its lines on stdout; then echo main's (or the manager's) result the way
 * the Python REPL (and each twin) does: nothing for undefined, the value otherwise.
 *   node dist/test/parity/run-demo.js NAME [SEED]
 */
import { formatRepr } from '../../src/index.js';
import { recordRun } from '../../src/player/session.js';
import { loadBuiltin } from '../../src/registry.js';

const name = process.argv[2]!;
const { demo } = await loadBuiltin(name);
const seed = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const { session } = recordRun(demo, { seed, write: (line) => process.stdout.write(line + '\n') });
// A manager demo's result is what its manager returned.
const outcome = session.managed?.outcome ?? undefined;
if (outcome?.kind === 'threw') throw outcome.error;
const result = outcome === undefined ? session.main.result() : outcome.kind === 'returned' ? outcome.value : undefined;
if (result !== undefined) process.stdout.write(formatRepr(result) + '\n');
