/**
 * A TypeScript demo run in a worker thread (engine-worker.ts), as an EventSource.
 *
 * Invariants:
 * - The demand only grows; it is written to shared memory and the worker woken with
 *   Atomics.notify: no message per tick, and the worker never runs past it.
 * - Batches arrive in order, each ending on a tick boundary; their JSON text is kept
 *   beside them (batchText) so the history stores what it was sent, not a copy.
 * - The source is 'stalled' when it owes ticks and has said nothing for STALL_MS: a task
 *   that never yields. The UI keeps running; dispose() terminates the thread anyway.
 */
import { Worker } from 'node:worker_threads';
import { BehaviorSubject, Subject, type Observable } from '../rx.js';
import type { LoopEvent } from '../core/events.js';
import type { PolicyName } from '../core/policies.js';
import type { Demo } from '../demo.js';
import type { SourceFactory } from '../player/player.js';
import { batchText, forwardConsole, HeldUntilSubscribed, SourceError, type ConsoleLine, type EventSource, type SourceProgress } from './source.js';
import { CONTROL_BYTES, DEMAND_OFFSET, GENERATION, LAST_TASK, type WorkerReply, type WorkerSpec } from './worker-protocol.js';

/**
 * Node's flags for the worker: the process's own, less those that describe how the main
 * script was given (`node --input-type=module -e …`), which a worker file refuses.
 */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (/^(--eval|-e|--print|-p)$/.test(arg)) i++; // and the script text after it
    else if (!/^(--input-type|--eval|--print)=/.test(arg)) out.push(arg);
  }
  return out;
}

/** Owing ticks and silent this long: not answering. */
export const STALL_MS = 1000;

export interface WorkerSourceOptions {
  /** A built-in demo's name or a demo file's path (what loadDemo takes). */
  demo: string;
  seed: number;
  policy?: PolicyName;
  locations?: boolean;
  cwd?: string;
}

export class WorkerSource implements EventSource {
  /**
   * The batches, in order. The worker starts at once (the CLI starts it while the screen
   * loads): batches that arrive before anyone subscribes wait in a backlog for the first
   * subscriber, so tick 0's spawns are never lost.
   */
  private readonly batches = new HeldUntilSubscribed<readonly LoopEvent[]>();
  readonly events$: Observable<readonly LoopEvent[]> = this.batches.observable;
  readonly progress$ = new BehaviorSubject<SourceProgress>({ state: 'working', tick: -1, lastTask: null });
  /** What the demo wrote to the console (console.log / console.error), line by line, each cut at MAX_CONSOLE_LINE. */
  readonly console$ = new Subject<ConsoleLine>();
  private readonly worker: Worker;
  private readonly control: Int32Array;
  private readonly demandCell: Float64Array;
  private demanded = 0;
  /** The last tick whose events were all received (−1 before the first message): what progress$ reports. */
  private tick = -1;
  private heardAt = performance.now();
  private stallTimer: NodeJS.Timeout;
  private disposed = false;
  private ended = false;

  constructor(options: WorkerSourceOptions) {
    const control = new SharedArrayBuffer(CONTROL_BYTES);
    this.control = new Int32Array(control);
    this.control[LAST_TASK] = -1;
    this.demandCell = new Float64Array(control, DEMAND_OFFSET, 1);
    const spec: WorkerSpec = {
      demo: options.demo,
      cwd: options.cwd ?? process.cwd(),
      seed: options.seed,
      policy: options.policy,
      locations: options.locations ?? true,
      control,
    };
    const script = new URL('./engine-worker.js', import.meta.url);
    try {
      this.worker = new Worker(script, { workerData: spec, stdout: true, stderr: true, execArgv: workerExecArgv() });
    } catch (error) {
      // A flag of the process's a worker refuses (--expose-gc…): the worker goes without them.
      if ((error as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
      this.worker = new Worker(script, { workerData: spec, stdout: true, stderr: true, execArgv: [] });
    }
    this.worker.on('message', (reply: WorkerReply) => this.receive(reply));
    this.worker.on('error', (error) => this.fail(`the demo's thread crashed: ${String((error as Error)?.message ?? error).split('\n')[0]}`));
    this.worker.on('exit', () => {
      this.drained();
      if (this.finishedAt === null && !this.ended && !this.disposed) this.fail('the demo stopped unexpectedly');
    });
    for (const [name, stream] of [['stdout', this.worker.stdout], ['stderr', this.worker.stderr]] as const) {
      stream.on('end', () => this.drained());
      forwardConsole(stream, name, (line) => this.console$.next(line));
    }
    this.stallTimer = setInterval(() => this.checkStall(), STALL_MS / 4);
    this.stallTimer.unref();
  }

  demand(tick: number): void {
    if (tick <= this.demanded || this.disposed || this.ended) return;
    this.demanded = tick;
    if (this.tick >= tick) return;
    this.demandCell[0] = tick;
    Atomics.add(this.control, GENERATION, 1);
    Atomics.notify(this.control, GENERATION);
    if (this.progress$.value.state === 'idle') {
      this.heardAt = performance.now();
      this.progress$.next({ state: 'working', tick: this.tick, lastTask: this.lastTask() });
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.stallTimer);
    void this.worker.terminate();
    if (!this.batches.closed) this.batches.complete();
    this.progress$.complete();
    this.console$.complete();
  }

  private lastTask(): number | null {
    const task = this.control[LAST_TASK]!;
    return task < 0 ? null : task;
  }

  private receive(reply: WorkerReply): void {
    if (this.disposed) return;
    this.heardAt = performance.now();
    if (reply.json !== undefined) {
      const events = JSON.parse(reply.json) as LoopEvent[];
      if (events.length > 0) {
        batchText.set(events, reply.json);
        this.batches.next(events);
      }
    }
    if (reply.kind === 'error') {
      this.fail(reply.message);
      return;
    }
    this.tick = reply.tick;
    if (reply.finished) {
      // Over once the thread has exited and its console is drained (what the demo wrote on
      // the way out still arrives, before anyone is told the run is over and disposes of it).
      this.finishedAt = reply.tick;
      clearInterval(this.stallTimer);
      this.endIfDrained();
      return;
    }
    const state = reply.tick >= this.demanded || reply.waiting ? 'idle' : 'working';
    this.progress$.next({ state, tick: reply.tick, lastTask: this.lastTask() });
  }

  /** The thread exited, or one of its console streams ended. */
  private drained(): void {
    this.drains++;
    this.endIfDrained();
  }

  /** Over once the last events are in and the thread has exited with its two console streams drained. */
  private endIfDrained(): void {
    if (this.finishedAt === null || this.ended || this.disposed || this.drains < 3) return;
    this.ended = true;
    this.progress$.next({ state: 'ended', tick: this.finishedAt, lastTask: this.lastTask() });
    this.batches.complete();
    this.console$.complete();
  }

  private finishedAt: number | null = null;
  private drains = 0;

  private checkStall(): void {
    const state = this.progress$.value.state;
    if (state !== 'working' && state !== 'stalled') return;
    if (this.demanded > this.tick && performance.now() - this.heardAt > STALL_MS && state !== 'stalled') {
      this.progress$.next({ state: 'stalled', tick: this.tick, lastTask: this.lastTask() });
    }
  }

  private fail(message: string): void {
    if (this.ended || this.disposed) return;
    this.ended = true;
    clearInterval(this.stallTimer);
    this.progress$.next({ state: 'failed', tick: this.tick, lastTask: this.lastTask() });
    this.batches.error(new SourceError(message));
    void this.worker.terminate();
  }
}

/**
 * The dashboard's default sources: each run of a demo in a worker thread, loaded by its
 * ref (user code never runs on the UI thread). `first`, when given, is a source already
 * started for the first run (the CLI starts it before loading the screen, so the worker
 * boots while blessed loads).
 */
export function workerSources(demos: readonly { demo: Demo; ref: string }[], policy?: PolicyName, first?: { demo: Demo; seed: number; source: WorkerSource }): SourceFactory {
  const refs = new Map(demos.map((d) => [d.demo, d.ref] as const));
  let started = first;
  return (demo, seed) => {
    if (started !== undefined && started.demo === demo && started.seed === seed) {
      const source = started.source;
      started = undefined;
      return source;
    }
    started?.source.dispose();
    started = undefined;
    return new WorkerSource({ demo: refs.get(demo) ?? demo.name, seed, policy });
  };
}
