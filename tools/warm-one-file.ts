/**
 * Run by build-one-file.ts once the facades are written: the code a launch runs (the
 * command line, a built-in demo, the dashboard's first frames on a terminal, its worker
 * source, q), through the one-file build, then save what V8 compiled as its code cache.
 * The cache holds only the functions that ran: the rest compile on first use, as without it.
 */
import { PassThrough, Writable } from 'node:stream';
import { main } from '../src/cli.js';
import { writeCodeCache } from '../src/one-file.js';

// The warm-up's terminal is the one below, whatever this build runs in (CI may say TERM=dumb,
// or nothing): the screen reads TERM when it is made.
process.env.TERM = 'xterm-256color';

const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/** A terminal in memory: 120×40, keys typed into `input`, what is drawn kept in `written`. */
function terminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 120, rows: 40 });
  const drawn = { text: '' };
  output.on('data', (chunk: Buffer) => (drawn.text += chunk.toString('utf8')));
  return { input, output, drawn };
}

async function warm(): Promise<void> {
  const term = terminal();
  const running = main(['tumpak'], { stdout: term.output, stderr: sink(), stdin: term.input });
  for (let i = 0; i < 500 && !term.drawn.text.includes(' lanes '); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  term.input.write('q');
  const code = await running;
  if (code !== 0) throw new Error(`the dashboard exited ${code}`);
  if (!term.drawn.text.includes(' lanes ')) throw new Error('the dashboard drew no frame');
}

try {
  await warm();
  const bytes = writeCodeCache();
  process.stdout.write(`one-file build: code cache of ${Math.round(bytes / 1024)} KB\n`);
} catch (error) {
  process.stderr.write(`warm-one-file: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
// Whatever the run left behind (a worker winding down), the build goes on.
process.exit();
