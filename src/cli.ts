/**
 * The command line: `coroscope [NAME | FILE] [flags]` (`npx coroscope …` in a project).
 *
 * No name: list the demos. A name or a file: open the dashboard, or with --trace /
 * --json run it headless and write the lane diagram / the event log to stdout.
 * Every user error is one line on stderr and exit code 2, never a stack trace.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { oneLine } from './core/errors.js';
import { safeLine, safeText } from './safe-text.js';
import { EXIT, EXIT_TABLE } from './exit-codes.js';
import type { LoopEvent } from './core/events.js';
import { POLICY_NAMES, type PolicyName } from './core/policies.js';
import type { Demo, Lang } from './demo.js';
import { recordRun, startSession } from './player/session.js';
import { pythonDemoNames } from './python/demos.js';
import { pythonInvocation, type PythonInvocation } from './python/invocation.js';
import type { SourceFactory } from './player/player.js';
import type { EventSource } from './sources/source.js';
import { builtinDemos, builtinNames, DemoError, loadBuiltin, loadDemo } from './registry.js';
import { THEME_NAMES, type DashboardOptions, type LoadedDemo, type ThemeName } from './tui/options.js';

/** Ticks per second the dashboard starts at. */
export const DEFAULT_SPEED = 5;
/** A headless run stops here, so a demo that never ends still prints something. */
export const DEFAULT_MAX_TICKS = 100_000;

/** --speed bounds: the dashboard's own range (its - and + keys), and 'max'. */
export const MIN_SPEED = 0.5;
export const MAX_SPEED = 1000;
/** --width bounds: a diagram narrower cannot hold its labels; wider is no terminal's. */
export const MIN_WIDTH = 30;
export const MAX_WIDTH = 10_000;

const USAGE = `Usage: coroscope [NAME | FILE.ts | FILE.js] [options]
       npx coroscope [NAME | FILE] [options]    (in a project that installed coroscope)

  (no name)              list the demos
  NAME                   open a built-in demo in the dashboard
  ./my-demo.ts           run your own demo file (export default defineDemo({...}))
  ./program.py           run a Python program under CPython, traced (with --trace or --json)

Options:
  --seed N               seed of the random policy (default: the demo's, else 1)
  --speed N|max          ticks per second in the dashboard, ${MIN_SPEED} to ${MAX_SPEED} (default ${DEFAULT_SPEED})
  --policy ${POLICY_NAMES.join('|')}  override the demo's scheduling policy
  --lang en|fr           language of titles and narration (default en)
  --theme ${THEME_NAMES.join('|')}  dashboard colours (default ${THEME_NAMES[0]})
  --cues                 pause at the demo's cue points and show their narration
  --paused               open the dashboard paused at tick 0 (space starts it)
  --record FILE.cast     record the dashboard session (asciicast v2)
  --export-trace FILE.json  write the run as a Chrome trace (Perfetto)
  --replay FILE.jsonl    play a recorded log (what --json writes) instead of running a demo
  --export-html FILE.html   with --record: also write one self-contained web page
                         playing the recording (asciinema player, no network; cues as chapters)
  --trace                no dashboard: print a text lane diagram and the output
  --json                 no dashboard: print the event log, one JSON event per line
  --width N              line width of the --trace diagram, ${MIN_WIDTH} to ${MAX_WIDTH} (default 100)
  --max-ticks N          stop a headless run after N ticks (default ${DEFAULT_MAX_TICKS})
  --python [PATH]        NAME --python: the demo's Python original ([py]); PATH: the interpreter
                         (default: $COROSCOPE_PYTHON, else python3; CPython 3.11 or newer)
  --real-clock           Python programs: real time instead of the virtual clock
  -h, --help             show this help
  -v, --version          show the version

Files (--record, --export-trace, --export-html) are written under a temporary name and
renamed when complete: an interrupted run never leaves a truncated file, and the
previous file stays until the new one is whole.

${EXIT_TABLE}`;

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
  paused: boolean;
  record?: string;
  exportTrace?: string;
  replay?: string;
  exportHtml?: string;
  trace: boolean;
  json: boolean;
  width: number;
  maxTicks: number;
  help: boolean;
  version: boolean;
}

/** Options that take a value: `--seed -1` must reach the validator, not read as an option. */
const VALUED = new Set(['--seed', '--speed', '--policy', '--lang', '--theme', '--record', '--export-trace', '--export-html', '--replay', '--width', '--max-ticks']);

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
        paused: { type: 'boolean' },
        record: { type: 'string' },
        'export-trace': { type: 'string' },
        replay: { type: 'string' },
        'export-html': { type: 'string' },
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
  const files = (['record', 'export-trace', 'export-html'] as const).filter((f) => values[f] !== undefined);
  for (let i = 0; i < files.length; i++) {
    for (let j = i + 1; j < files.length; j++) {
      if (resolve(values[files[i]!]!) === resolve(values[files[j]!]!)) throw new UsageError(`--${files[i]} and --${files[j]} name the same file (${values[files[i]!]}): give each its own`);
    }
  }
  if (values['export-html'] !== undefined && values.record === undefined) throw new UsageError('--export-html plays a recording: add --record FILE.cast');
  return {
    target: positionals[0],
    seed: values.seed === undefined ? undefined : integer('--seed', values.seed, 0),
    speed: values.speed === undefined ? DEFAULT_SPEED : speed(values.speed),
    policy: values.policy === undefined ? undefined : oneOf('--policy', values.policy, POLICY_NAMES),
    lang: values.lang === undefined ? 'en' : oneOf('--lang', values.lang, ['en', 'fr'] as const),
    theme: values.theme === undefined ? THEME_NAMES[0] : oneOf('--theme', values.theme, THEME_NAMES),
    cues: values.cues ?? false,
    paused: values.paused ?? false,
    record: fileName('--record', values.record),
    exportTrace: fileName('--export-trace', values['export-trace']),
    replay: fileName('--replay', values.replay),
    exportHtml: fileName('--export-html', values['export-html']),
    trace: values.trace ?? false,
    json: values.json ?? false,
    width: values.width === undefined ? 100 : integer('--width', values.width, MIN_WIDTH, MAX_WIDTH),
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

function integer(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max < Number.MAX_SAFE_INTEGER ? ` from ${min} to ${max}` : min > 0 ? ` of at least ${min}` : '';
    throw new UsageError(`${flag} expects a whole number${range}, not '${text}'`);
  }
  return value;
}

function speed(text: string): number {
  if (text === 'max') return Infinity;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < MIN_SPEED || value > MAX_SPEED) {
    throw new UsageError(`--speed expects ticks per second from ${MIN_SPEED} to ${MAX_SPEED}, or 'max', not '${text}'`);
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
  return safeText(rows.join('\n') + '\n' + legend);
}

interface Streams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** The dashboard's keys (process.stdin unless given). */
  stdin?: NodeJS.ReadableStream;
}

/**
 * A headless run's output (its modules loaded only for it: the dashboard never needs
 * them): the lane diagram (--trace) or the log (--json), then --export-trace. The exit
 * code: the trace's when it could not be written, else the run's (1 when it failed,
 * deadlocked or was stopped unfinished, said on stderr when `maxTicks` stopped it).
 */
async function writeHeadless(events: LoopEvent[], flags: Flags, demo: Demo, io: Streams, maxTicks?: number): Promise<number> {
  const [{ toJsonLines }, { ending, textTrace }] = await Promise.all([import('./export/jsonl.js'), import('./export/text-trace.js')]);
  if (flags.trace) io.stdout.write(textTrace(events, { width: flags.width, title: `${demo.name} — ${demo.title[flags.lang]}`, narration: demo.narration[flags.lang] }));
  else io.stdout.write(toJsonLines(events));
  if (flags.exportTrace !== undefined) {
    const { exportTraceHeadless } = await import('./export/long-write.js');
    const failed = await exportTraceHeadless(events, flags.exportTrace, demo.title[flags.lang], io.stderr);
    if (failed !== null) return failed;
  }
  const end = ending(events);
  if (maxTicks !== undefined && end.startsWith('unfinished')) io.stderr.write(`coroscope: ${demo.name} stopped after ${maxTicks} ticks (--max-ticks)\n`);
  return /^(failed|deadlock|unfinished)/.test(end) ? EXIT.demoFailed : EXIT.done;
}

/** Run the command line; resolves with the exit code. */
export async function main(argv: string[], io: Streams = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  /** One line on stderr; exit 2 (bad input) unless said otherwise (see EXIT_CODES). */
  const fail = (message: string, extra = '', code: number = EXIT.badInput): number => {
    io.stderr.write(`coroscope: ${safeLine(message)}\n${safeText(extra)}`);
    return code;
  };
  try {
    // A .py target or --python: CPython with the tracer (src/python), same flags otherwise.
    const python = argv.includes('-h') || argv.includes('--help') ? null : pythonInvocation(argv);
    if (python !== null) {
      const pyFlags = parseFlags(python.rest);
      if (!pyFlags.trace && !pyFlags.json) return await pythonDashboard(python, pyFlags, io);
      const { runPython } = await import('./python/cli.js');
      return await runPython(python, io, parseFlags);
    }
    const flags = parseFlags(argv);
    if (flags.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    if (flags.version) {
      io.stdout.write(`coroscope ${version()}\n`);
      return 0;
    }
    if (flags.replay !== undefined) return await replay(flags, io);
    // The built-in demos are loaded only where all of them are needed: the listing and the dashboard's playlist.
    if (flags.target === undefined) {
      io.stdout.write(`Demos (coroscope NAME; coroscope --help for the options):\n${listing(await builtinDemos(), flags.lang)}`);
      return 0;
    }
    // The dashboard's modules (blessed, RxJS, the sources) load while the demo file does (a
    // user .ts goes through the module hooks' own thread), all at once so that no file read
    // waits for another's: the first frame comes sooner.
    const early = flags.trace || flags.json ? null : dashboardModules();
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
      return fail(`demo ${demo.name} failed to start: ${oneLine(error)}`, '', EXIT.demoFailed);
    }

    if (flags.trace || flags.json) {
      let events: LoopEvent[];
      try {
        // Headless logs are the product: every step end carries its suspension line (~50 µs a step).
        events = recordRun(demo, { seed, policy, locations: true }, flags.maxTicks).events;
      } catch (error) {
        // Task errors are in the log; what escapes the loop is a policy's or the engine's.
        return fail(`demo ${demo.name} broke the loop: ${oneLine(error)}`, '', EXIT.demoFailed);
      }
      return await writeHeadless(events, flags, demo, io, flags.maxTicks);
    }

    if (!io.stdout.isTTY) {
      return fail('stdout is not a terminal: the dashboard needs one; use --trace (text lane diagram) or --json (event log) for headless output');
    }
    if (flags.exportHtml !== undefined) {
      const { checkWritable } = await import('./export/atomic.js');
      try {
        // Before the screen is taken, like --record and --export-trace; and before the run's
        // worker starts, which would keep the process alive past this return.
        checkWritable(flags.exportHtml);
      } catch (error) {
        return fail(`cannot write the page to ${flags.exportHtml}: ${oneLine(error)}`);
      }
    }
    const modules = early ?? dashboardModules();
    // The run's worker boots while the screen's modules finish loading (it is the slower of the two).
    const { WorkerSource, workerSources } = await modules.worker;
    const first = { demo, seed, source: new WorkerSource({ demo: current.ref, seed, policy: flags.policy }) };
    const [dashboard, twin] = await Promise.all([modules.shell, modules.twin]);
    // The playlist (n / p) starts as this demo alone and fills, in place, once the built-in
    // demos are loaded: after the first frame, which does not need them.
    const playlist: LoadedDemo[] = [current];
    const options = dashboardOptions(flags, current, seed, io, { playlist, policy: flags.policy });
    // The other demos' runs are found by name (workerSources): the built-in ones need no entry here.
    options.source = workerSources([current], flags.policy, first);
    options.twin = twin;
    let code: number;
    try {
      const running = dashboard.runDashboard(options); // the first frame is drawn when this returns
      void builtinDemos().then(
        (builtins) => playlist.splice(0, playlist.length, ...(builtins.some((d) => d.sourceFile === current.sourceFile) ? builtins : [current, ...builtins])),
        () => {}, // n / p stay on this demo
      );
      code = await running;
    } finally {
      first.source.dispose(); // when the dashboard never took it (a file it could not open)
    }
    if (flags.exportHtml === undefined || code === EXIT.badInput) return code;
    // The page is made from the recording as written, once it is complete.
    try {
      const { writeRecordingHtml } = await import('./export/html.js');
      writeRecordingHtml(flags.record!, flags.exportHtml, { title: demo.title[flags.lang] ?? demo.name });
      return code;
    } catch (error) {
      io.stderr.write(`coroscope: ${safeLine(`cannot write the page ${flags.exportHtml}: ${oneLine(error)}`)}\n`);
      return code === EXIT.done ? EXIT.demoFailed : code;
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof DemoError) return fail(error.message);
    return fail(oneLine(error));
  }
}

/**
 * `--replay FILE`: a recorded log instead of a run. The headless outputs are the same
 * pure functions of the log; the dashboard plays it from a ReplaySource. The demo that
 * made it (named in its loop-start) gives the title, cues and code when it is built in.
 */
async function replay(flags: Flags, io: Streams): Promise<number> {
  if (flags.target !== undefined) throw new UsageError(`--replay plays a log: give no demo name (got '${flags.target}')`);
  const { readLog, ReplaySource } = await import('./sources/replay.js');
  const { SourceError } = await import('./sources/source.js');
  let events: LoopEvent[];
  try {
    events = readLog(flags.replay!);
  } catch (error) {
    if (error instanceof SourceError) throw new UsageError(error.message);
    throw error;
  }
  const start = events[0]!;
  const info = start.type === 'loop-start' ? start.source : undefined;
  let current: LoadedDemo;
  if (info?.demo !== undefined && builtinNames().includes(info.demo)) current = await loadBuiltin(info.demo);
  else {
    const name = info?.demo ?? basename(flags.replay!).replace(/\.[^.]+$/, '');
    const demo: Demo = { name, title: { en: name, fr: name }, narration: { en: '', fr: '' }, main: () => [] };
    current = { demo, sourceFile: info?.file ?? flags.replay!, ref: flags.replay! };
  }
  const { demo } = current;
  if (flags.trace || flags.json) return await writeHeadless(events, flags, demo, io);
  if (!io.stdout.isTTY) {
    return failLine(io, 'stdout is not a terminal: the dashboard needs one; use --trace (text lane diagram) or --json (event log) for headless output');
  }
  const dashboard = await import('./tui/dashboard.js');
  return await dashboard.runDashboard(dashboardOptions(flags, current, start.type === 'loop-start' ? start.seed : 1, io, { source: () => new ReplaySource(events) }));
}

/** The dashboard's options from the command line's flags, for a demo, a recorded log or a Python program. */
function dashboardOptions(flags: Flags, current: LoadedDemo, seed: number, io: Streams, rest: Partial<DashboardOptions> = {}): DashboardOptions {
  return {
    current,
    input: io.stdin ?? process.stdin,
    output: io.stdout,
    playlist: [current],
    seed,
    speed: flags.speed,
    lang: flags.lang,
    theme: flags.theme,
    cues: flags.cues,
    paused: flags.paused,
    recordFile: flags.record,
    exportTraceFile: flags.exportTrace,
    ...rest,
  };
}

/**
 * A Python program in the dashboard: `coroscope file.py`, or `coroscope NAME --python` (a
 * built-in demo's Python original, with the demo's title and cues). CPython starts before
 * the screen is taken: a missing or old interpreter, or a syntax error, is one line and
 * exit 2, and the run's first ticks are there when the first frame is drawn.
 */
async function pythonDashboard(python: PythonInvocation, flags: Flags, io: Streams): Promise<number> {
  const { pythonDemoNames: withPython, pythonOriginal } = await import('./python/demos.js');
  if (flags.target === undefined) throw new UsageError('--python needs a demo name or a .py file (coroscope tumpak --python)');
  let script: string;
  let demo: Demo;
  let twin: LoadedDemo | undefined;
  if (flags.target.endsWith('.py')) {
    script = resolve(flags.target);
    if (!existsSync(script) || statSync(script).isDirectory()) throw new UsageError(`no such Python file: ${flags.target}`);
    const name = basename(script).replace(/\.py$/, '');
    demo = { name, title: { en: basename(script), fr: basename(script) }, narration: { en: '', fr: '' }, main: () => [] };
  } else {
    const original = pythonOriginal(flags.target);
    if (original === null) throw new UsageError(`demo '${flags.target}' has no Python original (those with one: ${withPython().join(', ')})`);
    script = original;
    twin = await loadBuiltin(flags.target);
    demo = twin.demo;
  }
  if (!io.stdout.isTTY) {
    return failLine(io, 'stdout is not a terminal: the dashboard needs one; use --trace (text lane diagram) or --json (event log) for headless output');
  }
  const seed = flags.seed ?? demo.seed ?? 1;
  const { PythonSource } = await import('./sources/python.js');
  const start = (s: number) => new PythonSource({ script, python: python.python, seed: s, realClock: python.realClock });
  let first: InstanceType<typeof PythonSource> | null = start(seed);
  const failure = await pythonStarted(first);
  if (failure !== null) {
    first.dispose();
    return failLine(io, failure);
  }
  const current: LoadedDemo = { demo, sourceFile: script, ref: script };
  const [dashboard, { WorkerSource }] = await Promise.all([import('./tui/shell.js'), import('./sources/worker.js')]);
  // `y`: the TypeScript demo the Python original was written from, run in a worker.
  const tsTwin = twin === undefined ? null : { file: twin.sourceFile, source: ((_demo, s) => new WorkerSource({ demo: twin.ref, seed: s, policy: flags.policy })) as SourceFactory };
  try {
    return await dashboard.runDashboard(
      dashboardOptions(flags, current, seed, io, {
        source: (_demo, s) => {
          const source = first !== null && s === seed ? first : start(s);
          first = null;
          return source;
        },
        twin: tsTwin === null ? undefined : (d) => (d === demo ? tsTwin : null),
      }),
    );
  } finally {
    first?.dispose();
  }
}

/** What a run's dashboard needs beyond the demo, loading: its shell, the worker source, the Python twins. */
function dashboardModules() {
  const modules = { shell: import('./tui/shell.js'), worker: import('./sources/worker.js'), twin: pythonTwins() };
  for (const loading of Object.values(modules)) loading.catch(() => {}); // a failure is reported where it is awaited
  return modules;
}

/** For `y` in a TypeScript demo's dashboard: each built-in demo's Python original, run under CPython. */
async function pythonTwins(): Promise<DashboardOptions['twin']> {
  const [{ pythonOriginal }, { PythonSource }] = await Promise.all([import('./python/demos.js'), import('./sources/python.js')]);
  return (demo) => {
    const script = builtinNames().includes(demo.name) ? pythonOriginal(demo.name) : null;
    if (script === null) return null;
    return { file: script, source: (_demo, seed) => new PythonSource({ script, seed }) };
  };
}

/** Wait until the Python source has run its tick 0 (null) or failed (its one-line reason). */
async function pythonStarted(source: EventSource): Promise<string | null> {
  const { filter, firstValueFrom, lastValueFrom } = await import('./rx.js');
  const progress = await firstValueFrom(source.progress$.pipe(filter((p) => p.state !== 'working')));
  if (progress.state !== 'failed') return null;
  try {
    await lastValueFrom(source.events$, { defaultValue: null });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return 'Python stopped before its first tick';
}

function failLine(io: Streams, message: string): number {
  io.stderr.write(`coroscope: ${message}\n`);
  return 2;
}

