/**
 * A Python program as an event source: CPython runs the script under the tracer shipped
 * in the package (src/python/tracer.py), which writes coroscope's LoopEvents as JSON lines
 * on a channel of its own.
 *
 * The child's file descriptors:
 *   0 /dev/null (the dashboard owns the terminal), 1 and 2 pipes (the script's own output
 *   is captured by the tracer as print events; what reaches them is the tracer's one-line
 *   errors or a C extension writing to the fd), 3 the events channel (child → us),
 *   4 the demand channel (us → child: "N\n" = run until tick N, "max" = to the end).
 * Protocol lines on fd 3 start with '!': `!version 3.11.7`, `!executable PATH`, `!waiting N` (demand met, tick
 * N reached: every event with tick ≤ N was written before), `!end N` (the log is complete).
 *
 * Invariants: events$ delivers seq 0, 1, 2… in order, each batch being whole lines; it
 * completes once the child exited after `!end`, or errors with a one-line SourceError.
 * The child never runs past the largest demand. dispose() kills it (SIGKILL) at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BehaviorSubject, type Observable } from '../rx.js';
import type { LoopEvent } from '../core/events.js';
import { forwardConsole, HeldUntilSubscribed, SourceError, type ConsoleLine, type EventSource, type SourceProgress } from './source.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The tracer script: in src/python beside this file's source (dist/src/sources → src/python). */
export const TRACER_PATH = [resolve(here, '..', 'python', 'tracer.py'), resolve(here, '..', '..', '..', 'src', 'python', 'tracer.py')].find((p) =>
  existsSync(p),
) ?? resolve(here, '..', '..', '..', 'src', 'python', 'tracer.py');

/**
 * Commands already seen, to the interpreter they ran: a version manager's shim (pyenv)
 * costs more to start than CPython itself, so the next run of a session (restart, a
 * switch between languages) starts the real executable.
 */
const executables = new Map<string, string>();

/** The interpreter: --python, else COROSCOPE_PYTHON, else python3. */
export function pythonCommand(explicit?: string): string {
  return explicit ?? process.env['COROSCOPE_PYTHON'] ?? 'python3';
}

export interface PythonSourceOptions {
  /** The script to run, as `python3 script.py` would. */
  script: string;
  args?: readonly string[];
  /** The interpreter (see pythonCommand). */
  python?: string;
  /** `random.seed(seed)` before the script (default 1). */
  seed?: number;
  /** Real time instead of the virtual clock. */
  realClock?: boolean;
  /** Virtual seconds a busy pass costs while timers wait (default: the script's `# coroscope: pass-cost S`, else 0.001). */
  passCost?: number;
  cwd?: string;
  /** Milliseconds without any word from a working child before progress says 'stalled' (default 1000; 0: never). */
  stallAfterMs?: number;
}

export interface PythonSourceStats {
  /** Milliseconds from construction to the first event (null until then). */
  firstEventMs: number | null;
  events: number;
  ticks: number;
  /** Milliseconds from construction to now, or to the end of the run. */
  elapsedMs: number;
  /** CPython's version, as the tracer reported it. */
  version: string | null;
}

/** Console lines kept for a subscriber still to come (the process starts before the screen). */
const CONSOLE_BACKLOG = 1000;

export class PythonSource implements EventSource {
  readonly events$: Observable<readonly LoopEvent[]>;
  readonly progress$: Observable<SourceProgress>;
  /** What the script wrote to its file descriptor 1 itself (os.write, a subprocess, C code), past sys.stdout. */
  readonly console$: Observable<ConsoleLine>;
  /** Resolves once the Python process is gone (ended, failed or killed). */
  readonly closed: Promise<void>;

  readonly #child: ChildProcess;
  /** The process starts at once, to save time to the first frame: its first batches wait for the screen. */
  readonly #events = new HeldUntilSubscribed<readonly LoopEvent[]>();
  readonly #console = new HeldUntilSubscribed<ConsoleLine>(CONSOLE_BACKLOG);
  readonly #progress: BehaviorSubject<SourceProgress>;
  readonly #started = performance.now();
  #firstEventAt: number | null = null;
  #endedAt: number | null = null;
  #count = 0;
  /** The tick of the last event received (it may still be running). */
  #tick = 0;
  /** The last tick all of whose events were received (source.ts: what progress$ reports while it runs). */
  #complete = -1;
  #lastTask: number | null = null;
  #partial = '';
  #stderr = '';
  #demanded = 0;
  #sawEnd = false;
  #finished = false;
  #version: string | null = null;
  #command: string;
  #lastWord = performance.now();
  #stallTimer: NodeJS.Timeout | null = null;

  constructor(readonly options: PythonSourceOptions) {
    this.#progress = new BehaviorSubject<SourceProgress>({ state: 'working', tick: -1, lastTask: null });
    this.progress$ = this.#progress.asObservable();
    this.events$ = this.#events.observable;
    this.console$ = this.#console.observable;
    const python = pythonCommand(options.python);
    const args = [TRACER_PATH, '--events-fd', '3', '--control-fd', '4', '--seed', String(options.seed ?? 1)];
    if (options.realClock) args.push('--real-clock');
    if (options.passCost !== undefined) args.push('--pass-cost', String(options.passCost));
    args.push('--', options.script, ...(options.args ?? []));
    this.#command = python;
    this.#child = spawn(executables.get(python) ?? python, args, {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, PYTHONHASHSEED: '0', PYTHONIOENCODING: 'utf-8' },
    });
    const child = this.#child;
    child.on('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ENOENT' ? `${python} not found (choose one with --python PATH or COROSCOPE_PYTHON)` : error.message;
      this.#fail(`cannot run Python: ${why}`);
    });
    const channel = child.stdio[3] as NodeJS.ReadableStream | null;
    channel?.setEncoding('utf8');
    channel?.on('data', (chunk: string) => this.#data(chunk));
    channel?.on('error', () => {});
    (child.stdio[4] as NodeJS.WritableStream | null)?.on('error', () => {});
    if (child.stdout !== null) forwardConsole(child.stdout, 'stdout', (line) => this.#console.next(line));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      if (this.#stderr.length < 64 * 1024) this.#stderr += chunk;
    });
    this.closed = new Promise((resolveClosed) => {
      child.on('close', (code, signal) => {
        this.#closed(code, signal);
        resolveClosed();
      });
      child.on('error', () => resolveClosed());
    });
    const stallAfter = options.stallAfterMs ?? 1000;
    if (stallAfter > 0) {
      this.#stallTimer = setInterval(() => this.#checkStall(stallAfter), Math.max(50, stallAfter / 4));
      this.#stallTimer.unref();
    }
  }

  demand(tick: number): void {
    if (this.#finished || !(tick > this.#demanded)) return;
    this.#demanded = tick;
    const line = Number.isFinite(tick) ? `${Math.floor(tick)}\n` : 'max\n';
    const control = this.#child.stdio[4] as NodeJS.WritableStream | null;
    control?.write(line);
    if (this.#progress.value.state === 'idle') this.#setProgress('working');
  }

  dispose(): void {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
    this.#stop();
    if (!this.#finished) {
      this.#finished = true;
      this.#events.complete();
      this.#progress.complete();
    }
    this.#console.complete();
  }

  stats(): PythonSourceStats {
    const now = this.#endedAt ?? performance.now();
    return {
      firstEventMs: this.#firstEventAt === null ? null : this.#firstEventAt - this.#started,
      events: this.#count,
      ticks: this.#tick,
      elapsedMs: now - this.#started,
      version: this.#version,
    };
  }

  #data(chunk: string): void {
    if (this.#finished) return;
    this.#lastWord = performance.now();
    const text = this.#partial + chunk;
    const lines = text.split('\n');
    this.#partial = lines.pop()!;
    const batch: LoopEvent[] = [];
    for (const line of lines) {
      if (line === '') continue;
      if (line.startsWith('!')) {
        this.#deliver(batch);
        this.#protocol(line);
        continue;
      }
      let event: LoopEvent;
      try {
        event = JSON.parse(line) as LoopEvent;
      } catch {
        this.#fail(`the tracer wrote a line that is not JSON: ${line.slice(0, 80)}`);
        return;
      }
      if (event.seq !== this.#count) {
        this.#fail(`the tracer's log skipped from seq ${this.#count - 1} to ${event.seq}`);
        return;
      }
      this.#count++;
      this.#tick = event.tick;
      // An event of tick t means every tick before t is whole (ticks never go back).
      if (event.tick - 1 > this.#complete) this.#complete = event.tick - 1;
      if (event.type === 'step-begin') this.#lastTask = event.task;
      batch.push(event);
    }
    this.#deliver(batch);
  }

  #deliver(batch: LoopEvent[]): void {
    if (batch.length === 0) return;
    this.#firstEventAt ??= performance.now();
    const copy = batch.splice(0);
    this.#events.next(copy);
    // Events after a `!waiting`: the child went on (its demand was already met further):
    // working again, so that a step that then blocks shows as not answering.
    if (this.#progress.value.state === 'idle') this.#setProgress('working');
  }

  #protocol(line: string): void {
    const [word, arg] = line.slice(1).split(' ', 2);
    if (word === 'version') this.#version = arg ?? null;
    else if (word === 'executable') {
      if (arg) executables.set(this.#command, line.slice('!executable '.length));
    }
    else if (word === 'waiting') {
      this.#tick = this.#complete = Number(arg);
      this.#setProgress('idle');
    } else if (word === 'end') {
      this.#tick = this.#complete = Number(arg);
      this.#sawEnd = true;
    }
  }

  #closed(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#finished) return;
    this.#endedAt = performance.now();
    if (this.#partial !== '') this.#data('\n');
    if (this.#sawEnd) {
      this.#stop();
      this.#finished = true;
      this.#progress.next({ state: 'ended', tick: this.#tick, lastTask: this.#lastTask });
      this.#progress.complete();
      this.#events.complete();
      return;
    }
    const said = this.#stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    const last = said.length > 0 ? said[said.length - 1]!.replace(/^coroscope: /, '') : null;
    this.#fail(last ?? (signal ? `Python was killed (${signal})` : `Python exited with code ${code} before the end of the log`));
  }

  #fail(message: string): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#endedAt ??= performance.now();
    this.#stop();
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
    this.#progress.next({ state: 'failed', tick: this.#tick, lastTask: this.#lastTask });
    this.#progress.complete();
    // A subscriber that comes later gets the backlog, then this error (a Subject replays its end).
    this.#events.error(new SourceError(message));
  }

  #setProgress(state: SourceProgress['state']): void {
    if (this.#finished) return;
    const p = this.#progress.value;
    // Working or not answering, the tick the last event belongs to may be half delivered:
    // report the last whole one, or the player would show a tick without its later events.
    if (p.state !== state || p.tick !== this.#complete) this.#progress.next({ state, tick: this.#complete, lastTask: this.#lastTask });
  }

  #checkStall(after: number): void {
    const state = this.#progress.value.state;
    if (state === 'working' && performance.now() - this.#lastWord > after) this.#setProgress('stalled');
    else if (state === 'stalled' && performance.now() - this.#lastWord <= after) this.#setProgress('working');
  }

  #stop(): void {
    if (this.#stallTimer !== null) clearInterval(this.#stallTimer);
    this.#stallTimer = null;
  }
}

/** Run a source to its end (or `maxTicks`), collecting every event: the headless CLI and the tests. */
export function collect(source: EventSource, maxTicks = Infinity): Promise<{ events: LoopEvent[]; finished: boolean }> {
  return new Promise((resolvePromise, reject) => {
    const events: LoopEvent[] = [];
    let done = false;
    const finish = (finished: boolean) => {
      if (done) return;
      done = true;
      resolvePromise({ events, finished });
    };
    source.events$.subscribe({
      next: (batch) => {
        for (const e of batch) events.push(e);
      },
      error: (error: unknown) => {
        done = true;
        reject(error);
      },
      complete: () => finish(true),
    });
    source.progress$.subscribe((p) => {
      if (p.state === 'idle' && p.tick >= maxTicks) {
        finish(false);
        source.dispose();
      }
    });
    source.demand(maxTicks);
  });
}
