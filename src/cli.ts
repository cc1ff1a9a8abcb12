/**
 * The command line: `coroscope [NAME | FILE] [flags]` (also `npm run demo …`).
 *
 * No name: list the demos. A name or a file: open the dashboard, or with --trace /
 * --json run it headless and write the lane diagram / the event log to stdout.
 * Every user error is one line on stderr and exit code 2, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { oneLine } from './core/errors.js';
import type { LoopEvent } from './core/events.js';
import { POLICY_NAMES, type PolicyName } from './core/policies.js';
import type { Lang } from './demo.js';
import { toJsonLines } from './export/jsonl.js';
import { ending, textTrace } from './export/text-trace.js';
import { recordRun, startSession } from './player/session.js';
import { pythonDemoNames, pythonInvocation, runPython } from './python/cli.js';
import { builtinDemos, DemoError, loadDemo } from './registry.js';
import { THEME_NAMES, type DashboardOptions, type LoadedDemo, type ThemeName } from './tui/options.js';

/** Ticks per second the dashboard starts at. */
export const DEFAULT_SPEED = 5;
/** A headless run stops here, so a demo that never ends still prints something. */
export const DEFAULT_MAX_TICKS = 100_000;

const USAGE = `Usage: coroscope [NAME | FILE.ts | FILE.js] [options]
       npm run demo [NAME] -- [options]

  (no name)              list the demos
  NAME                   open a built-in demo in the dashboard
  ./my-demo.ts           run your own demo file (export default defineDemo({...}))
  ./program.py           run a Python program under CPython, traced (with --trace or --json)

Options:
  --seed N               seed of the random policy (default: the demo's, else 1)
  --speed N|max          ticks per second in the dashboard (default ${DEFAULT_SPEED})
  --policy ${POLICY_NAMES.join('|')}  override the demo's scheduling policy
  --lang en|fr           language of titles and narration (default en)
  --theme ${THEME_NAMES.join('|')}  dashboard colours (default ${THEME_NAMES[0]})
  --cues                 pause at the demo's cue points and show their narration
  --record FILE.cast     record the dashboard session (asciicast v2)
  --export-trace FILE.json  write the run as a Chrome trace (Perfetto)
  --trace                no dashboard: print a text lane diagram and the output
  --json                 no dashboard: print the event log, one JSON event per line
  --width N              line width of the --trace diagram (default 100)
  --max-ticks N          stop a headless run after N ticks (default ${DEFAULT_MAX_TICKS})
  --python [PATH]        NAME --python: the demo's Python original ([py]); PATH: the interpreter
                         (default: $COROSCOPE_PYTHON, else python3; CPython 3.11 or newer)
  --real-clock           Python programs: real time instead of the virtual clock
  -h, --help             show this help
  -v, --version          show the version
`;

/** A user error: printed as one line, exit code 2. */
class UsageError extends Error {}

interface Flags {
  target?: string;
  seed?: number;
  speed: number;
  policy?: PolicyName;
  lang: Lang;
  theme: ThemeName;
  cues: boolean;
  record?: string;
  exportTrace?: string;
  trace: boolean;
  json: boolean;
  width: number;
  maxTicks: number;
  help: boolean;
  version: boolean;
}

/** Options that take a value: `--seed -1` must reach the validator, not read as an option. */
const VALUED = new Set(['--seed', '--speed', '--policy', '--lang', '--theme', '--record', '--export-trace', '--width', '--max-ticks']);

export function parseFlags(argv: string[]): Flags {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (VALUED.has(argv[i]!) && next !== undefined && /^-\d/.test(next)) args.push(`${argv[i]}=${argv[++i]}`);
    else args.push(argv[i]!);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        seed: { type: 'string' },
        speed: { type: 'string' },
        policy: { type: 'string' },
        lang: { type: 'string' },
        theme: { type: 'string' },
        cues: { type: 'boolean' },
        record: { type: 'string' },
        'export-trace': { type: 'string' },
        trace: { type: 'boolean' },
        json: { type: 'boolean' },
        width: { type: 'string' },
        'max-ticks': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(parseArgsMessage(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`one demo at a time (got ${positionals.map((p) => `'${p}'`).join(', ')})`);
  if (values.trace && values.json) throw new UsageError('--trace and --json are two outputs: choose one');
  return {
    target: positionals[0],
    seed: values.seed === undefined ? undefined : integer('--seed', values.seed, 0),
    speed: values.speed === undefined ? DEFAULT_SPEED : speed(values.speed),
    policy: values.policy === undefined ? undefined : oneOf('--policy', values.policy, POLICY_NAMES),
    lang: values.lang === undefined ? 'en' : oneOf('--lang', values.lang, ['en', 'fr'] as const),
    theme: values.theme === undefined ? THEME_NAMES[0] : oneOf('--theme', values.theme, THEME_NAMES),
    cues: values.cues ?? false,
    record: fileName('--record', values.record),
    exportTrace: fileName('--export-trace', values['export-trace']),
    trace: values.trace ?? false,
    json: values.json ?? false,
    width: values.width === undefined ? 100 : integer('--width', values.width, 30),
    maxTicks: values['max-ticks'] === undefined ? DEFAULT_MAX_TICKS : integer('--max-ticks', values['max-ticks'], 1),
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

function parseArgsMessage(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^'\s]*)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option ?? message} (see --help)`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return option !== undefined && /argument missing/.test(message) ? `${option} needs a value` : message.split('\n')[0]!;
  }
  return message.split('\n')[0]!;
}

function integer(flag: string, text: string, min: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`${flag} expects a whole number${min > 0 ? ` of at least ${min}` : ''}, not '${text}'`);
  }
  return value;
}

function speed(text: string): number {
  if (text === 'max') return Infinity;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new UsageError(`--speed expects ticks per second (a number above 0) or 'max', not '${text}'`);
  }
  return value;
}

function oneOf<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) throw new UsageError(`${flag} expects ${choices.join(', ')}, not '${text}'`);
  return text as T;
}

function fileName(flag: string, text: string | undefined): string | undefined {
  if (text !== undefined && text.trim() === '') throw new UsageError(`${flag} needs a file name`);
  return text;
}

function version(): string {
  const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

function listing(demos: LoadedDemo[], lang: Lang): string {
  const width = Math.max(...demos.map((d) => d.demo.name.length), 4);
  const py = new Set(pythonDemoNames());
  const rows = demos.map(({ demo }) => `  ${demo.name.padEnd(width)}  ${demo.title[lang]}${py.has(demo.name) ? '  [py]' : ''}`);
  const legend = demos.some(({ demo }) => py.has(demo.name)) ? '[py]: the seeds\' Python original too (coroscope NAME --python --trace)\n' : '';
  return rows.join('\n') + '\n' + legend;
}

interface Streams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
}

/** Run the command line; resolves with the exit code. */
export async function main(argv: string[], io: Streams = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const fail = (message: string, extra = ''): number => {
    io.stderr.write(`coroscope: ${message}\n${extra}`);
    return 2;
  };
  try {
    // A .py target or --python: CPython with the tracer (src/python), same flags otherwise.
    const python = argv.includes('-h') || argv.includes('--help') ? null : pythonInvocation(argv);
    if (python !== null) return await runPython(python, io, parseFlags);
    const flags = parseFlags(argv);
    if (flags.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    if (flags.version) {
      io.stdout.write(`coroscope ${version()}\n`);
      return 0;
    }
    // The built-in demos are loaded only where all of them are needed: the listing and the dashboard's playlist.
    if (flags.target === undefined) {
      io.stdout.write(`Demos (coroscope NAME, or npm run demo NAME):\n${listing(await builtinDemos(), flags.lang)}`);
      return 0;
    }
    let current: LoadedDemo;
    try {
      current = await loadDemo(flags.target);
    } catch (error) {
      if (error instanceof DemoError && error.kind === 'unknown') return fail(error.message, `Demos:\n${listing(await builtinDemos(), flags.lang)}`);
      throw error;
    }
    const { demo } = current;
    const seed = flags.seed ?? demo.seed ?? 1;
    const policy = flags.policy ?? demo.policy ?? 'asyncio';

    // main() throwing at once is the demo's bug: say so before anything takes the screen.
    try {
      startSession(demo, { seed, policy }).loop.close();
    } catch (error) {
      return fail(`demo ${demo.name} failed to start: ${oneLine(error)}`);
    }

    if (flags.trace || flags.json) {
      let events: LoopEvent[];
      try {
        // Headless logs are the product: every step end carries its suspension line (~50 µs a step).
        events = recordRun(demo, { seed, policy, locations: true }, flags.maxTicks).events;
      } catch (error) {
        // Task errors are in the log; what escapes the loop is a policy's or the engine's.
        return fail(`demo ${demo.name} broke the loop: ${oneLine(error)}`);
      }
      if (flags.trace) {
        io.stdout.write(textTrace(events, { width: flags.width, title: `${demo.name} — ${demo.title[flags.lang]}`, narration: demo.narration[flags.lang] }));
      } else {
        io.stdout.write(toJsonLines(events));
      }
      if (flags.exportTrace !== undefined) await exportTrace(events, flags.exportTrace, demo.title[flags.lang]);
      const end = ending(events);
      if (end.startsWith('unfinished')) io.stderr.write(`coroscope: ${demo.name} stopped after ${flags.maxTicks} ticks (--max-ticks)\n`);
      return /^(failed|deadlock|unfinished)/.test(end) ? 1 : 0;
    }

    if (!io.stdout.isTTY) {
      return fail('stdout is not a terminal: the dashboard needs one; use --trace (text lane diagram) or --json (event log) for headless output');
    }
    // The same tsc run builds the dashboard: loaded only now, alongside the playlist, as --trace never needs it.
    const [dashboard, builtins] = await Promise.all([import('./tui/dashboard.js'), builtinDemos()]);
    const options: DashboardOptions = {
      current,
      playlist: builtins.some((d) => d.sourceFile === current.sourceFile) ? builtins : [current, ...builtins],
      seed,
      speed: flags.speed,
      policy: flags.policy,
      lang: flags.lang,
      theme: flags.theme,
      cues: flags.cues,
      recordFile: flags.record,
      exportTraceFile: flags.exportTrace,
    };
    return await dashboard.runDashboard(options);
  } catch (error) {
    if (error instanceof UsageError || error instanceof DemoError) return fail(error.message);
    return fail(oneLine(error));
  }
}

async function exportTrace(events: LoopEvent[], file: string, title: string): Promise<void> {
  const { writeChromeTrace } = await import('./export/chrome-trace.js');
  try {
    // Seed and policy come from the log's loop-start, as the loop itself reported them.
    writeChromeTrace(events, file, { title });
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${oneLine(error)}`);
  }
}

// Run when executed (bin/coroscope.js imports this file), not when a test imports it.
const invoked = process.argv[1] !== undefined && /(^|[\\/])(coroscope(\.js)?|cli\.js)$/.test(process.argv[1]);
if (invoked) process.exitCode = await main(process.argv.slice(2));
