/**
 * The command line for Python programs: `coroscope file.py --json | --trace | --export-trace F`
 * and `coroscope NAME --python …` (the built-in demo's Python original). The script runs
 * under CPython with the tracer (PythonSource); its log goes through the same exporters
 * as a TypeScript demo's. Flags shared with TypeScript demos are parsed by the CLI's own
 * parser; this module only takes out its two: `--python [PATH]` and `--real-clock`.
 */
import { basename } from 'node:path';
import { oneLine } from '../core/errors.js';
import type { LoopEvent } from '../core/events.js';
import { toJsonLines } from '../export/jsonl.js';
import { ending, textTrace } from '../export/text-trace.js';
import { collect, PythonSource } from '../sources/python.js';
import { SourceError } from '../sources/source.js';
import { pythonDemoNames, pythonOriginal } from './demos.js';

export { pythonInvocation, type PythonInvocation } from './invocation.js';
import type { PythonInvocation } from './invocation.js';

/** What this module needs from the CLI's parser. */
export interface SharedFlags {
  target?: string;
  seed?: number;
  trace: boolean;
  json: boolean;
  exportTrace?: string;
  width: number;
  maxTicks: number;
  help: boolean;
  version: boolean;
}

interface Streams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Run a Python program headless; resolves with the exit code (2: a user error, one line). */
export async function runPython(invocation: PythonInvocation, io: Streams, parseFlags: (argv: string[]) => SharedFlags): Promise<number> {
  const fail = (message: string): number => {
    io.stderr.write(`coroscope: ${message}\n`);
    return 2;
  };
  let flags: SharedFlags;
  try {
    flags = parseFlags(invocation.rest);
  } catch (error) {
    return fail(oneLine(error));
  }
  if (flags.target === undefined) return fail('--python needs a demo name or a .py file (coroscope tumpak --python --trace)');
  let script = flags.target;
  if (!script.endsWith('.py')) {
    const original = pythonOriginal(script);
    if (original === null) return fail(`demo '${script}' has no Python original (those with one: ${pythonDemoNames().join(', ')})`);
    script = original;
  }
  if (!flags.trace && !flags.json) {
    return fail('the dashboard does not play Python programs yet: use --trace (text lane diagram) or --json (event log)');
  }
  const source = new PythonSource({ script, python: invocation.python, seed: flags.seed ?? 1, realClock: invocation.realClock });
  // What the script writes past sys.stdout (os.write, a subprocess) goes where CPython puts it, as it comes.
  const passed = source.console$.subscribe(({ line }) => io.stdout.write(`${line}\n`));
  let events: LoopEvent[];
  try {
    const run = await collect(source, flags.maxTicks);
    events = run.events;
    // Its last lines may still be in the pipe: wait for the process to close it (not for ever).
    if (run.finished) await Promise.race([source.closed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  } catch (error) {
    return fail(error instanceof SourceError ? error.message : oneLine(error));
  } finally {
    source.dispose();
    passed.unsubscribe();
  }
  const start = events.find((e) => e.type === 'loop-start');
  const version = start?.type === 'loop-start' ? start.source?.version : undefined;
  const title = `${basename(script)} — Python ${version ?? ''}`.trimEnd();
  io.stdout.write(flags.trace ? textTrace(events, { width: flags.width, title }) : toJsonLines(events));
  if (flags.exportTrace !== undefined) {
    const { exportTraceHeadless } = await import('../export/long-write.js');
    const failed = await exportTraceHeadless(events, flags.exportTrace, title, io.stderr);
    if (failed !== null) return failed;
  }
  const end = ending(events);
  if (end.startsWith('unfinished')) io.stderr.write(`coroscope: ${basename(script)} stopped after ${flags.maxTicks} ticks (--max-ticks)\n`);
  return /^(failed|deadlock|unfinished)/.test(end) ? 1 : 0;
}

export { pythonDemoNames } from './demos.js';
