/**
 * The process shell around the dashboard: what the process, the terminal and the demo's
 * own writes can do while the screen owns the terminal. The dashboard itself
 * (dashboard.ts) knows nothing of the process.
 *
 * Invariants:
 * - Every way out ends in one exit code from the table (exit-codes.ts): q → 0 (1 when the
 *   demo failed), Ctrl-C → 130, SIGTERM/SIGINT/SIGHUP/SIGQUIT → 128 + n, a crash → 1, a
 *   file or terminal problem at setup → 2. The terminal is restored before anything is
 *   written to it, and then each message is one sanitised line on stderr.
 * - Ctrl-Z and SIGTSTP suspend with the terminal restored (alternate screen off, cursor on,
 *   cooked mode); SIGCONT re-enters raw mode and the alternate screen and redraws.
 * - A terminal that goes away (EIO on write or read, SIGHUP) ends the run as SIGHUP would,
 *   without another write to it.
 * - What the demo writes to stdout or stderr (console.log…) never lands on the screen: it
 *   is held, bounded (HELD_BYTES per stream: the first bytes kept, the rest counted), and
 *   written out once the terminal is restored.
 */
import { Writable } from 'node:stream';
import { oneLine } from '../core/errors.js';
import { CueError } from '../demo.js';
import { EXIT, signalExit } from '../exit-codes.js';
import { STOPPING_SIGNALS } from '../export/long-write.js';
import { safeLine, safeText } from '../safe-text.js';
import { Dashboard } from './dashboard.js';
import type { DashboardOptions } from './options.js';
import { isDumbTerminal } from './terminal.js';

/** A file given on the command line cannot be written: said in one line, exit code 2. */
export class SetupError extends Error {}

/** Bytes of a demo's stdout / stderr kept while the dashboard runs (each stream). */
export const HELD_BYTES = 64 * 1024;


/**
 * What the CLI calls: show the dashboard until the user quits; resolve with the exit code
 * (see the file's invariants). The terminal is restored before this resolves, and the
 * recording and trace are on disk.
 */
export function runDashboard(options: DashboardOptions): Promise<number> {
  const output = (options.output ?? process.stdout) as NodeJS.WriteStream;
  const input = (options.input ?? process.stdin) as NodeJS.ReadStream;
  const refuse = (why: string) => {
    process.stderr.write(`coroscope: ${why}; for a file or a pipe use the headless outputs (see --help: --trace, --json)\n`);
    return Promise.resolve(EXIT.badInput);
  };
  if (!output.isTTY) return refuse('the dashboard needs a terminal on stdout');
  if (!input.isTTY) return refuse('the dashboard reads its keys from a terminal, and stdin is not one');
  if (isDumbTerminal()) return refuse('TERM=dumb cannot place the cursor, and the dashboard needs to');
  return new Promise<number>((resolveCode) => {
    let dashboard: Dashboard | null = null;
    let ctrlC = false;
    let hungUp = false;
    let suspended: (() => void) | null = null;
    // Close on the next turn: blessed's own handler runs after ours in the same emit, and
    // would exit(0) if it found no other listener left (closing removes them).
    const close = (code: number) => void setImmediate(() => dashboard?.close(code));
    const handlers = STOPPING_SIGNALS.map(
      (signal) =>
        [
          signal,
          () => {
            if (signal === 'SIGHUP') hungUp = true; // the terminal is gone (or going): no more writes to it after the close
            // Closed already: the trace is being written, and the signal stops that.
            if (dashboard?.closed) dashboard.stopWriting(signal);
            else close(signalExit(signal));
          },
        ] as const,
    );
    const hangUp = () => {
      if (hungUp) return;
      hungUp = true;
      close(signalExit('SIGHUP'));
    };
    const onCrash = (error: unknown) => {
      if (isTerminalGone(error)) return hangUp();
      if (dashboard === null) finish(EXIT.demoFailed, error);
      else dashboard.close(EXIT.demoFailed, error);
    };
    const suspend = () => {
      if (suspended !== null || dashboard === null || dashboard.closed) return;
      const program = (dashboard.screen as any).program;
      // blessed buffers writes until the next tick (which a stopped process never gets), and
      // pause() then mutes the output: send what is pending, and pause's own writes, now.
      program.flush();
      const useBuffer = program.useBuffer;
      program.useBuffer = false;
      suspended = program.pause(); // normal screen, cursor shown, cooked mode, input paused
      program.useBuffer = useBuffer;
      process.removeListener('SIGTSTP', suspend);
      process.kill(process.pid, 'SIGSTOP'); // stop for real: the shell's job control takes over
    };
    const resume = () => {
      if (suspended === null || dashboard === null) return;
      const again = suspended;
      suspended = null;
      process.on('SIGTSTP', suspend);
      again(); // raw mode, alternate screen, input resumed
      (dashboard.screen as any).alloc(); // the terminal's content is unknown: redraw every cell
      dashboard.renderNow();
    };
    const onGone = (error: unknown) => (isTerminalGone(error) ? hangUp() : onCrash(error));
    const demoOut = holdStdout(output);
    const stderr = holdStderr(output);
    const finish = (code: number, error?: unknown, problems: string[] = [], notes: string[] = []) => {
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
      process.removeListener('uncaughtException', onCrash);
      // The same bug can surface once more after the close (RxJS rethrows a subscriber's
      // error on a timer): the exit code and its one line are already decided. A listener
      // of ours also keeps blessed's own (it prints the raw stack and exits) from acting.
      process.on('uncaughtException', ignoreLateError);
      process.removeListener('SIGTSTP', suspend);
      process.removeListener('SIGCONT', resume);
      output.removeListener('error', onGone);
      input.removeListener('error', onGone);
      if (hungUp) {
        // Nobody is left to read: later writes must not raise EIO again. And end by the
        // signal itself once the files are written: a normal exit would reset the closed
        // terminal's modes, which fails (EIO) and aborts Node (a native assertion).
        process.stdout.on('error', () => {});
        process.stderr.on('error', () => {});
        setImmediate(() => {
          process.removeAllListeners('SIGHUP');
          process.kill(process.pid, 'SIGHUP');
        });
      }
      demoOut.release();
      stderr.release();
      const say = (line: string) => process.stderr.write(`coroscope: ${safeLine(line)}\n`);
      if (error instanceof SetupError) say(error.message);
      else if (error instanceof CueError) say(`demo ${options.current.demo.name} failed: ${error.message}`);
      else if (error !== undefined) say(`the dashboard crashed: ${oneLine(error)}`);
      for (const line of [...problems, ...notes]) say(line);
      const end = dashboard?.player.view.end;
      // The source itself failing (a policy that throws, a crash in the demo's thread, Python dying) fails the demo too.
      const broke = dashboard?.player.source.failure ?? null;
      const demoFailed = end?.outcome === 'threw' || end?.outcome === 'deadlock' || broke !== null;
      if (code === EXIT.done && demoFailed) {
        const name = options.current.demo.name;
        say(broke !== null ? `demo ${name} broke: ${broke}` : end!.outcome === 'deadlock' ? `demo ${name} ended in a deadlock` : `demo ${name} failed: ${end!.error ?? 'an error'}`);
      }
      // A recording or a trace that was asked for and not written fails the command.
      let exit = code;
      if (error instanceof SetupError) exit = EXIT.badInput;
      else if (code === EXIT.done && ctrlC) exit = signalExit('SIGINT');
      else if (code === EXIT.done && (demoFailed || problems.length > 0)) exit = EXIT.demoFailed;
      resolveCode(exit);
    };
    for (const [signal, handler] of handlers) process.on(signal, handler);
    process.on('uncaughtException', onCrash);
    process.on('SIGTSTP', suspend);
    process.on('SIGCONT', resume);
    output.on('error', onGone);
    input.on('error', onGone);
    try {
      // With options.recordFile the dashboard's screen writes through the recorder.
      // Once the terminal is restored, what the demo wrote comes out, then a long trace write's progress line.
      const onRestored = () => {
        demoOut.release();
        stderr.release();
      };
      dashboard = new Dashboard({ ...options, output: demoOut.terminal, passConsole: true }, {
        onClose: finish,
        onRestored,
        // Read at the close: no progress line for a terminal that is gone.
        get progress() {
          return hungUp ? undefined : process.stderr;
        },
      });
      // Ctrl-C is a key in raw mode: it quits like q, and the exit code says Ctrl-C (130).
      // (blessed emits 'keypress' before the key's own handlers.)
      dashboard.screen.on('keypress', (_ch: unknown, key: { full?: string } | undefined) => {
        if (key?.full === 'C-c') ctrlC = true;
      });
      // Ctrl-Z is a key in raw mode too: suspend as the terminal would.
      dashboard.screen.key(['C-z'], () => suspend());
      dashboard.start();
    } catch (error) {
      if (dashboard !== null) dashboard.close(EXIT.demoFailed, error);
      else finish(EXIT.demoFailed, error);
    }
  });
}

function ignoreLateError(): void {}

/** EIO / EPIPE / a destroyed stream: the terminal is gone (the pane closed, the ssh link dropped). */
function isTerminalGone(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'EIO' || code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ENXIO';
}

/** A bounded hold of what is written to a stream: the first HELD_BYTES, then only a count. */
class Held {
  private readonly chunks: (string | Uint8Array)[] = [];
  private bytes = 0;
  dropped = 0;

  add(chunk: string | Uint8Array): void {
    const size = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (this.bytes + size <= HELD_BYTES) {
      this.chunks.push(chunk);
      this.bytes += size;
    } else this.dropped += size;
  }

  /** Write the held bytes out (made safe: they go to a terminal) and say what was dropped. */
  flush(write: (chunk: string | Uint8Array) => unknown, what: string): void {
    const decoder = new TextDecoder();
    for (const chunk of this.chunks) write(safeText(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })));
    this.chunks.length = 0;
    if (this.dropped > 0) process.stderr.write(`coroscope: ${this.dropped} more bytes the demo wrote to ${what} while the dashboard ran were dropped\n`);
  }
}

/** Replace a stream's write with a bounded hold; returns the way back. */
function hold(stream: NodeJS.WriteStream, held: Held): () => void {
  const write = stream.write;
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    held.add(chunk);
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  }) as typeof stream.write;
  return () => {
    stream.write = write;
  };
}

/**
 * While the dashboard owns the terminal, what the process writes to stderr (an
 * "Exception in callback" from the loop, a Node warning, a demo's console.error) would
 * land in the middle of the screen: hold it (bounded), and write it out once the
 * terminal is restored.
 */
export function holdStderr(output: NodeJS.WriteStream): { release(): void } {
  const stderr = process.stderr;
  if (!stderr.isTTY || output !== process.stdout) return { release() {} };
  const held = new Held();
  const restore = hold(stderr, held);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      restore();
      held.flush((chunk) => stderr.write(chunk), 'stderr');
    },
  };
}

/**
 * The same for stdout (a demo's console.log), which is also the screen's own terminal:
 * the screen gets `terminal`, a stream that writes with stdout's real write, while
 * process.stdout.write itself holds. Other outputs (tests' streams) pass through as given.
 */
function holdStdout(output: NodeJS.WriteStream): { terminal: NodeJS.WriteStream; release(): void } {
  if (output !== process.stdout) return { terminal: output, release() {} };
  const write = output.write.bind(output);
  const terminal = new TerminalOut(output, write);
  const held = new Held();
  const restore = hold(output, held);
  let released = false;
  return {
    terminal: terminal as unknown as NodeJS.WriteStream,
    release() {
      if (released) return;
      released = true;
      restore();
      terminal.detach();
      held.flush((chunk) => output.write(chunk), 'stdout');
    },
  };
}

/** A stand-in for the terminal's stdout: its size, TTY-ness and resizes, and its real write. */
class TerminalOut extends Writable {
  private readonly onResize = () => this.emit('resize');

  constructor(
    private readonly tty: NodeJS.WriteStream,
    private readonly realWrite: (chunk: string | Uint8Array, callback?: (error?: Error | null) => void) => boolean,
  ) {
    super({ decodeStrings: false });
    tty.on('resize', this.onResize);
  }

  get columns(): number {
    return this.tty.columns;
  }
  get rows(): number {
    return this.tty.rows;
  }
  get isTTY(): boolean {
    return this.tty.isTTY;
  }

  detach(): void {
    this.tty.removeListener('resize', this.onResize);
  }

  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    // Synchronous on a TTY: the frame is on the terminal when write returns.
    try {
      this.realWrite(chunk);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }
}
