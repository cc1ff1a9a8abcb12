/**
 * The process shell around the dashboard: signals, uncaught exceptions, stderr held while
 * the screen owns the terminal, and the exit code. The dashboard itself (dashboard.ts)
 * knows nothing of the process.
 */
import { oneLine } from '../core/errors.js';
import { Dashboard } from './dashboard.js';
import type { DashboardOptions } from './options.js';

/** A file given on the command line cannot be written: said in one line, exit code 2. */
export class SetupError extends Error {}

/**
 * What the CLI calls: show the dashboard until the user quits; resolve with the exit
 * code (0 on q / Ctrl-C, 130 on SIGINT, 143 on SIGTERM, 1 when the dashboard crashed or
 * the recording / trace could not be completed, 2 when stdout is not a terminal or a
 * --record / --export-trace file cannot be written). The terminal is restored before
 * this resolves, and the recording and trace are on disk.
 */
export function runDashboard(options: DashboardOptions): Promise<number> {
  const output = (options.output ?? process.stdout) as NodeJS.WriteStream;
  if (!output.isTTY) {
    process.stderr.write('coroscope: the dashboard needs a terminal; for a file or a pipe use the headless outputs (see --help: --trace, --json)\n');
    return Promise.resolve(2);
  }
  return new Promise<number>((resolveCode) => {
    let dashboard: Dashboard | null = null;
    const signals: [NodeJS.Signals, number][] = [
      ['SIGTERM', 143],
      ['SIGINT', 130],
      ['SIGHUP', 129],
    ];
    // Close on the next turn: blessed's own handler runs after ours in the same emit, and
    // would exit(0) if it found no other listener left (closing removes them).
    const handlers = signals.map(([signal, code]) => [signal, () => void setImmediate(() => dashboard?.close(code))] as const);
    const onCrash = (error: unknown) => (dashboard === null ? finish(1, error) : dashboard.close(1, error));
    const stderr = holdStderr(output);
    const finish = (code: number, error?: unknown, problems: string[] = [], notes: string[] = []) => {
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
      process.removeListener('uncaughtException', onCrash);
      stderr.release();
      if (error instanceof SetupError) process.stderr.write(`coroscope: ${error.message}\n`);
      else if (error !== undefined) process.stderr.write(`coroscope: the dashboard crashed: ${oneLine(error)}\n`);
      for (const line of [...problems, ...notes]) process.stderr.write(`coroscope: ${line}\n`);
      // A recording or a trace that was asked for and not written fails the command.
      resolveCode(error instanceof SetupError ? 2 : code === 0 && problems.length > 0 ? 1 : code);
    };
    for (const [signal, handler] of handlers) process.on(signal, handler);
    process.on('uncaughtException', onCrash);
    try {
      // With options.recordFile the dashboard's screen writes through the recorder.
      dashboard = new Dashboard(options, { onClose: finish });
      dashboard.start();
    } catch (error) {
      if (dashboard !== null) dashboard.close(1, error);
      else finish(1, error);
    }
  });
}

/**
 * While the dashboard owns the terminal, what the process writes to stderr (an
 * "Exception in callback" from the loop, a Node warning) would land in the middle of
 * the screen: hold it, and write it out once the terminal is restored.
 */
export function holdStderr(output: NodeJS.WriteStream): { release(): void } {
  const stderr = process.stderr;
  if (!stderr.isTTY || output !== process.stdout) return { release() {} };
  const held: (string | Uint8Array)[] = [];
  const write = stderr.write;
  stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    held.push(chunk);
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  }) as typeof stderr.write;
  return {
    release() {
      if (stderr.write === write) return;
      stderr.write = write;
      for (const chunk of held) stderr.write(chunk);
    },
  };
}
