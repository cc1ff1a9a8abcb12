/**
 * asciicast v2 recording of the dashboard session: `--record FILE.cast`.
 *
 *   const recorder = new AsciicastRecorder(process.stdout, 'talk.cast', { title });  // throws if FILE cannot be opened
 *   createScreen({ output: recorder })         // src/tui/terminal.ts; all output passes through to the terminal
 *   recorder.marker('tick 42'); recorder.marker('cue: waiter fires');
 *   await recorder.close();                    // then screen.destroy(): the teardown is not recorded
 *   parseAsciicast(text): { header, events }   // validates a recording (tests, a future player)
 *
 * The recorder is a Writable that forwards each chunk to the terminal at once and unchanged,
 * and records it as `[t, "o", text]`. It passes on the terminal's `columns`, `rows`, `isTTY`
 * and its `resize` event (which it also records as `[t, "r", "COLSxROWS"]`), so blessed can
 * use it as its output. Invariants:
 * - times are seconds since the recorder started, from an injectable monotonic clock
 *   (milliseconds, default performance.now), rounded to the microsecond, never decreasing;
 * - output is decoded as a UTF-8 stream: a character split across chunks is recorded whole, in
 *   the event of the chunk that completes it;
 * - the file is written asynchronously in batches (every `flushMs` or `flushBytes`), never per
 *   chunk; close() flushes, ends the file and resolves once it is on disk. After close() (or a
 *   file error) the terminal still gets everything, only the recording has stopped; close()
 *   rejects with the file error if there was one, so a full disk never stops the talk.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { AtomicFile } from './atomic.js';
import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { safeJson, safeLine } from '../safe-text.js';

export interface AsciicastOptions {
  /** Terminal size at the start; default: the terminal's columns × rows, else 80 × 24. */
  width?: number;
  height?: number;
  title?: string;
  /** Recorded in the header. TERM defaults to xterm-256color: what the dashboard's blessed emits (createScreen tells it so). */
  env?: { TERM?: string; SHELL?: string };
  /** Unix seconds of the start; default now. */
  timestamp?: number;
  /** Monotonic milliseconds; default performance.now. */
  clock?: () => number;
  /** Longest a recorded event waits in memory before being written (default 200 ms). */
  flushMs?: number;
  /** Pending size that triggers a write at once (default 64 KiB). */
  flushBytes?: number;
}

export interface AsciicastHeader {
  version: 2;
  width: number;
  height: number;
  timestamp?: number;
  title?: string;
  env?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * The last output event of every recording: colours reset, scroll region reset, cursor
 * shown, alternate screen left (`asciinema play` writes to the viewer's own terminal).
 */
export const VIEWER_RESTORE = '\x1b[0m\x1b[r\x1b[?25h\x1b[?1049l';

/** o: output, i: input, r: resize ("COLSxROWS"), m: marker (label). */
export type AsciicastCode = 'o' | 'i' | 'r' | 'm';
export type AsciicastEvent = [time: number, code: AsciicastCode, data: string];

/** The part of a terminal stream the recorder reads besides write(). */
type Terminal = NodeJS.WritableStream & { columns?: number; rows?: number; isTTY?: boolean };

export class AsciicastRecorder extends Writable {
  private readonly clock: () => number;
  private readonly start: number;
  private readonly decoder = new StringDecoder('utf8');
  private readonly file: WriteStream;
  private readonly target: AtomicFile;
  private readonly flushMs: number;
  private readonly flushBytes: number;
  private pending: string[] = [];
  private pendingBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private last = 0;
  private recording = true;
  private failure: Error | null = null;
  private closing: Promise<void> | null = null;
  private readonly onResize = () => {
    this.resize(this.terminal.columns ?? 80, this.terminal.rows ?? 24);
    this.emit('resize');
  };

  constructor(
    private readonly terminal: Terminal,
    path: string,
    options: AsciicastOptions = {},
  ) {
    super();
    this.clock = options.clock ?? (() => performance.now());
    this.start = this.clock();
    this.flushMs = options.flushMs ?? 200;
    this.flushBytes = options.flushBytes ?? 64 * 1024;
    // Opened now so that a bad path fails before the dashboard takes the screen; written
    // under a temporary name and renamed by close() once complete (atomic.ts).
    this.target = new AtomicFile(path);
    this.file = createWriteStream(this.target.part, { fd: this.target.descriptor, autoClose: false });
    this.file.on('error', (error) => this.fail(error));
    const header: AsciicastHeader = {
      version: 2,
      width: options.width ?? terminal.columns ?? 80,
      height: options.height ?? terminal.rows ?? 24,
      timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
      ...(options.title !== undefined ? { title: safeLine(options.title) } : {}),
      env: { TERM: options.env?.TERM ?? 'xterm-256color', SHELL: options.env?.SHELL ?? process.env.SHELL ?? '/bin/sh' },
    };
    this.append(JSON.stringify(header));
    terminal.on('resize', this.onResize);
  }

  get columns(): number | undefined {
    return this.terminal.columns;
  }

  get rows(): number | undefined {
    return this.terminal.rows;
  }

  get isTTY(): boolean | undefined {
    return this.terminal.isTTY;
  }

  /** Bytes of the recording on disk so far (a closing recorder that is still writing makes this grow). */
  get bytesWritten(): number {
    return this.file.bytesWritten;
  }

  /** Record a terminal resize (called on the terminal's `resize` event; call it yourself for other streams). */
  resize(cols: number, rows: number): void {
    this.event('r', `${cols}x${rows}`);
  }

  /** Record a marker (asciinema's player can jump to it): each tick, each demo cue. */
  marker(label: string): void {
    this.event('m', safeLine(label));
  }

  /**
   * Stop recording: wait one turn of the event loop (writes already queued, like blessed's
   * buffered last frame, are recorded), then flush, end the file, and resolve once it is
   * written (reject on a file error). Idempotent. Await it before destroying the screen.
   */
  close(): Promise<void> {
    this.closing ??= this.finishRecording();
    return this.closing;
  }

  /** Writable's default `decodeStrings` hands every chunk over as bytes, whatever was written. */
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    // The terminal first and unbuffered: the audience must not wait for the file.
    this.terminal.write(chunk);
    if (this.recording) {
      const text = this.decoder.write(chunk);
      if (text !== '') this.event('o', text);
    }
    callback();
  }

  private event(code: AsciicastCode, data: string): void {
    if (!this.recording) return;
    // Microseconds, never decreasing (a clock may repeat a value; rounding must not reorder).
    const t = Math.max(this.last, Math.round((this.clock() - this.start) * 1000) / 1e6);
    this.last = t;
    this.append(safeJson(JSON.stringify([t, code, data])));
  }

  private append(line: string): void {
    this.pending.push(line + '\n');
    this.pendingBytes += line.length + 1;
    if (this.pendingBytes >= this.flushBytes) this.flush();
    else if (this.timer === null) {
      this.timer = setTimeout(() => this.flush(), this.flushMs);
      this.timer.unref(); // a pending flush must not keep the process alive; close() flushes anyway
    }
  }

  private flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.length === 0 || this.failure !== null) return;
    this.file.write(this.pending.join(''));
    this.pending = [];
    this.pendingBytes = 0;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.recording = false;
    this.pending = [];
    this.pendingBytes = 0;
  }

  private async finishRecording(): Promise<void> {
    // Let writes already queued land first: blessed flushes its output buffer on nextTick.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.recording) {
      const rest = this.decoder.end(); // a truncated character at the very end: recorded as U+FFFD
      if (rest !== '') this.event('o', rest);
      // Recorded only (the real teardown follows on the terminal): a player replaying the
      // file ends with the viewer's terminal given back, as the speaker's was.
      this.event('o', VIEWER_RESTORE);
    }
    this.recording = false;
    this.terminal.removeListener('resize', this.onResize);
    this.flush();
    if (this.failure === null) {
      const finished = once(this.file, 'finish');
      this.file.end();
      try {
        await finished; // rejects on the file's 'error'
        this.target.commit(); // the recording replaces the previous one only now, whole
      } catch (error) {
        this.fail(error as Error);
      }
    }
    if (this.failure !== null) {
      this.file.destroy();
      this.target.abort();
      throw this.failure;
    }
  }
}

/**
 * Parse and validate an asciicast v2 recording: a header object line, then one JSON array a
 * line `[time, code, data]` with a known code, times finite, ≥ 0 and never decreasing, and
 * resize data `COLSxROWS`. Throws an Error naming the line on the first problem.
 */
export function parseAsciicast(text: string): { header: AsciicastHeader; events: AsciicastEvent[] } {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new Error('asciicast: empty recording');
  const header = parseLine(lines[0]!, 1) as AsciicastHeader;
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new Error('asciicast line 1: the header must be an object');
  if (header.version !== 2) throw new Error(`asciicast line 1: version must be 2, not ${JSON.stringify(header.version)}`);
  for (const key of ['width', 'height'] as const) {
    if (!Number.isInteger(header[key]) || header[key] <= 0) throw new Error(`asciicast line 1: ${key} must be a positive integer`);
  }
  if (header.timestamp !== undefined && !Number.isInteger(header.timestamp)) throw new Error('asciicast line 1: timestamp must be an integer');
  if (header.title !== undefined && typeof header.title !== 'string') throw new Error('asciicast line 1: title must be a string');
  if (header.env !== undefined) {
    if (typeof header.env !== 'object' || header.env === null || Object.values(header.env).some((v) => typeof v !== 'string')) {
      throw new Error('asciicast line 1: env must map names to strings');
    }
  }
  const events: AsciicastEvent[] = [];
  let last = 0;
  for (let i = 1; i < lines.length; i++) {
    const n = i + 1;
    const value = parseLine(lines[i]!, n);
    if (!Array.isArray(value) || value.length !== 3) throw new Error(`asciicast line ${n}: an event is [time, code, data]`);
    const [time, code, data] = value as unknown[];
    if (typeof time !== 'number' || !Number.isFinite(time) || time < 0) throw new Error(`asciicast line ${n}: bad time ${JSON.stringify(time)}`);
    if (time < last) throw new Error(`asciicast line ${n}: time ${time} goes back (after ${last})`);
    if (code !== 'o' && code !== 'i' && code !== 'r' && code !== 'm') throw new Error(`asciicast line ${n}: unknown code ${JSON.stringify(code)}`);
    if (typeof data !== 'string') throw new Error(`asciicast line ${n}: data must be a string`);
    if (code === 'r' && !/^\d+x\d+$/.test(data)) throw new Error(`asciicast line ${n}: resize data must be COLSxROWS, not ${JSON.stringify(data)}`);
    last = time;
    events.push([time, code, data]);
  }
  return { header, events };
}

function parseLine(line: string, n: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`asciicast line ${n}: not JSON: ${line.slice(0, 60)}`);
  }
}
