/**
 * Long file writes (a trace of a long run takes seconds), after the screen is given back
 * or in a headless run: one progress line on stderr, and the signals that stop them.
 *
 * Invariants: nothing is shown for a write shorter than SHOW_AFTER_MS; on a terminal the
 * line is redrawn in place (at most every REDRAW_MS) and erased at the end, so what stays
 * is the outcome's one line (it is cut to the terminal's width: a wrapped line would not
 * be erased whole); elsewhere (a pipe, a log file) it is written once. A write
 * error on the stream (the terminal gone) silences it, never fails the write.
 */
import { oneLine } from '../core/errors.js';
import type { LoopEvent } from '../core/events.js';
import { EXIT, signalExit } from '../exit-codes.js';
import { safeLine } from '../safe-text.js';

export const SHOW_AFTER_MS = 500;
const REDRAW_MS = 100;

export class ProgressLine {
  private readonly start: number;
  private shownAt = -Infinity;
  private shown = false;
  private silent = false;
  private readonly onError = () => (this.silent = true);

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean },
    /** What is being done: `writing the trace to run.json`. */
    private readonly what: string,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.start = clock();
    stream.on('error', this.onError);
  }

  update(fraction: number): void {
    const now = this.clock();
    if (this.silent || now - this.start < SHOW_AFTER_MS) return;
    const text = `coroscope: ${safeLine(this.what)}…`;
    if (!this.stream.isTTY) {
      if (!this.shown) this.write(`${text} (Ctrl-C stops it; the previous file stays)\n`);
    } else if (now - this.shownAt >= REDRAW_MS) {
      // One row, never wrapped: erasing it must erase all of it.
      const line = `${text} ${Math.min(99, Math.floor(fraction * 100))}% (Ctrl-C stops it)`;
      const columns = (this.stream as { columns?: number }).columns ?? 80;
      this.write(`\r\x1b[K${line.length < columns ? line : line.slice(0, Math.max(0, columns - 2)) + '…'}`);
      this.shownAt = now;
    }
    this.shown = true;
  }

  /** The write is over (done, failed or stopped): erase the line on a terminal. */
  end(): void {
    if (this.shown && this.stream.isTTY) this.write('\r\x1b[K');
    this.stream.removeListener('error', this.onError);
    this.silent = true;
  }

  private write(text: string): void {
    if (this.silent) return;
    try {
      this.stream.write(text);
    } catch {
      this.silent = true;
    }
  }
}

/** The signals that stop a write: the ones that end coroscope (exit-codes.ts). */
export const STOPPING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;

/** Why a write stopped: a signal (the abort reason of stoppableBySignals). */
export class Stopped extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`stopped by ${signal}`);
  }
}

/**
 * Run `work` with these signals caught: the first one aborts its signal (reason: Stopped)
 * instead of killing the process at once, so the work can clean up (a temporary file) and
 * the caller can say what happened and exit 128 + n.
 */
export async function stoppableBySignals<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const handlers = STOPPING_SIGNALS.map((name) => [name, () => controller.abort(new Stopped(name))] as const);
  for (const [name, handler] of handlers) process.on(name, handler);
  try {
    return await work(controller.signal);
  } finally {
    for (const [name, handler] of handlers) process.removeListener(name, handler);
  }
}

/** The line said when a signal stopped the write of `file`. */
export function stoppedLine(file: string, signal: NodeJS.Signals): string {
  return `${signal === 'SIGINT' ? 'Ctrl-C' : signal}: ${file} was not written (a previous ${file} is left as it was)`;
}

/**
 * --export-trace of a headless run (--trace, --json, a replay, a Python program): written
 * in slices with a progress line on `stderr`, stopped by a signal. Null when written;
 * else the exit code, its one line said: 128 + n for a signal, 1 for a file that could
 * not be finished.
 */
export async function exportTraceHeadless(events: readonly LoopEvent[], file: string, title: string, stderr: NodeJS.WritableStream & { isTTY?: boolean }): Promise<number | null> {
  const { writeChromeTraceInSlices } = await import('./chrome-trace.js');
  const progress = new ProgressLine(stderr, `writing the trace to ${file}`);
  let failure: string;
  let code: number;
  try {
    await stoppableBySignals((signal) => writeChromeTraceInSlices(events, file, { title }, { signal, onProgress: (f) => progress.update(f) }));
    return null;
  } catch (error) {
    if (error instanceof Stopped) {
      failure = stoppedLine(file, error.signal);
      code = signalExit(error.signal);
    } else {
      // The path was checked before the run (a bad one is exit 2 there): this is a file that could not be finished.
      failure = `cannot write ${file}: ${oneLine(error)}`;
      code = EXIT.demoFailed;
    }
  } finally {
    progress.end();
  }
  stderr.write(`coroscope: ${safeLine(failure)}\n`);
  return code;
}
