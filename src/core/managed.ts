/**
 * A managed run: the seeds' coroutine managers — plain functions that call `coro.next()`
 * (Python's `coro.send(None)`) on coroutines they hold — run as a traced run, with the
 * same LoopEvents a Loop emits (loop-start … loop-end), so every view plays it.
 *
 *   function frenetic_coros_manager(...coros) {
 *     while (coros.length > 0) {
 *       const coro = random.choice(coros);
 *       if (coro.next().done) coros.splice(coros.indexOf(coro), 1);
 *     }
 *   }
 *   new ManagedRun(() => frenetic_coros_manager(tum(), pak()), { seed: 7 }).run();
 *
 * How: while it runs, every generator resumption made from plain code (no generator
 * running: core/observe's top-level hook) is one tick, a step of that coroutine:
 * - its first resumption spawns it (`task-spawn`, kind 'coroutine', named by its generator
 *   function or its awaitable's class) — or, earlier, the `random.choice` that draws among
 *   it; it then stays in the ready queue, at its place in spawn order, while suspended;
 * - each tick is `pick` (its place in that queue; `draw` is what `random.choice` drew
 *   since the previous tick, if anything), `step-begin` (`driver`, with `locations` on:
 *   the manager's line that made the call, with its function's name), what the step prints (attributed to
 *   it), `step-end` ('yielded' with where and await chain when `locations` is on,
 *   'returned' with its value — Python's StopIteration.value —, 'threw'; `return()` is
 *   Python's `close()`: thrown GeneratorExit, 'cancelled' when it ends).
 * Prints outside a step belong to the manager (task null: the loop lane).
 *
 * Pull: `gate(tick)` is called before each tick begins; it may block (a worker's
 * Atomics.wait until more ticks are wanted) and returns false to stop the run there: the
 * manager is then unwound by an exception it should not catch, and the run ends 'stopped'.
 *
 * Invariants:
 * - A run runs once; while it runs it owns the top-level hook, the print sink and the
 *   `random` module's draw observer, and gives them back when it ends, however it ends.
 * - `queue` holds the live coroutines not running, in spawn order; `current` is the one
 *   whose step runs. A finished coroutine resumed again takes no tick: `next`/`throw`
 *   raise RuntimeError('cannot reuse already awaited coroutine') as in CPython, `return` is a no-op.
 * - Time does not pass (no clock): every event has time 0.
 */
import { RuntimeError, describeError } from './errors.js';
import type { LoopEvent, LoopEventBody, SourceLocation, TaskId } from './events.js';
import { formatRepr } from './format.js';
import { isGenerator, setPrintSink } from './loop.js';
import { lastChain, observeGenerators, releaseGenerators, setTopLevelHook, type TopLevelHook } from './observe.js';
import { random } from './random.js';
import { EventStream } from './stream.js';
import { Locator, callSites, isEngineScript } from './where.js';

export interface ManagedOptions {
  /** Seed of the `random` module the manager draws from (`random.seed(seed)`). */
  seed?: number;
  /** The name loop-start reports as the policy (default: the manager function's name, or 'manager'). */
  name?: string;
  /** Read where each coroutine is suspended, its await chain (~50 µs a frame) and the manager's line that drove it (~35 µs a step). */
  locations?: boolean;
  /** Where `print` writes a line; nowhere by default (it is in the event log). */
  write?: (line: string) => void;
  /** Called before tick `tick` begins; may block; false stops the run there. */
  gate?: (tick: number) => boolean | void;
}

export type ManagedOutcome = { kind: 'returned'; value: unknown } | { kind: 'threw'; error: unknown } | { kind: 'stopped' };

interface Coroutine {
  readonly id: TaskId;
  readonly name: string;
  live: boolean;
}

/** Thrown into the manager when the gate stops the run: it unwinds to run(). */
class StopManagedRun extends Error {
  constructor() {
    super('the managed run was stopped');
    this.name = 'StopManagedRun';
  }
}

export class ManagedRun {
  readonly events$: EventStream<LoopEvent>;
  readonly seed: number;
  readonly policyName: string;
  /** Ticks run so far. */
  tick = 0;
  finished = false;
  outcome: ManagedOutcome | null = null;

  private readonly locator = Locator.shared();
  private readonly locations: boolean;
  private readonly write: (line: string) => void;
  private readonly gate: ((tick: number) => boolean | void) | null;
  private readonly coros = new WeakMap<object, Coroutine>();
  /** Generators spawned and not finished: the locator lets go of them when the run ends. */
  private readonly unfinished = new Set<Generator>();
  private readonly queue: Coroutine[] = [];
  private readonly drivers = new Map<string, SourceLocation>();
  private current: Coroutine | null = null;
  private nextId = 1;
  private seq = 0;
  private draw: number | null = null;
  private reporting = false;
  private started = false;
  private stopping = false;

  constructor(
    private readonly manager: () => unknown,
    options: ManagedOptions = {},
  ) {
    this.seed = options.seed ?? 1;
    this.policyName = options.name ?? managerName(manager);
    this.locations = options.locations ?? false;
    this.write = options.write ?? (() => {});
    this.gate = options.gate ?? null;
    this.events$ = new EventStream<LoopEvent>((listening) => (this.reporting = listening));
  }

  /** Run the manager to its end (or until the gate stops it); the events go to `events$` as they happen. */
  run(): ManagedOutcome {
    if (this.started) throw new RuntimeError('a managed run runs once: make a new one to run again');
    this.started = true;
    random.seed(this.seed);
    this.report({ type: 'loop-start', seed: this.seed, policy: this.policyName });
    observeGenerators();
    const hook = setTopLevelHook(this.resumed);
    const sink = setPrintSink(this.printed);
    const onDraw = random.onDraw;
    random.onDraw = (index, seq) => {
      this.draw = index;
      if (seq !== null) this.meet(seq);
    };
    let outcome: ManagedOutcome;
    try {
      outcome = { kind: 'returned', value: this.manager() };
    } catch (error) {
      outcome = error instanceof StopManagedRun ? { kind: 'stopped' } : { kind: 'threw', error };
    } finally {
      for (const gen of this.unfinished) this.locator.forget(gen);
      this.unfinished.clear();
      random.onDraw = onDraw;
      setPrintSink(sink);
      setTopLevelHook(hook);
      releaseGenerators();
    }
    this.outcome = outcome;
    this.finished = true;
    if (outcome.kind === 'returned') this.report({ type: 'loop-end', outcome: 'returned', value: formatRepr(outcome.value) });
    else if (outcome.kind === 'threw') this.report({ type: 'loop-end', outcome: 'threw', error: describeError(outcome.error) });
    else this.report({ type: 'loop-end', outcome: 'stopped' });
    return outcome;
  }

  /** A generator resumed from plain code: one tick, a step of that coroutine. */
  private readonly resumed: TopLevelHook = (gen, method, arg, resume) => {
    let coro = this.coros.get(gen);
    if (coro !== undefined && !coro.live) {
      // As CPython: sending into a finished coroutine is an error (and a manager cannot spin on it unseen).
      if (method === 'return') return resume();
      throw new RuntimeError('cannot reuse already awaited coroutine');
    }
    if (this.stopping || (this.gate !== null && this.gate(this.tick + 1) === false)) {
      this.stopping = true;
      throw new StopManagedRun();
    }
    // The tick starts here: what follows (a first send's spawn, the pick) is stamped with it,
    // so the events of the ticks before are whole when the gate is asked (a batch ends there).
    this.tick++;
    if (coro === undefined) coro = this.spawn(gen);
    // A stack capture costs ~35 µs: the driver is a location, read only with `locations` on.
    const driver = this.reporting && this.locations ? this.driver() : undefined;
    const index = this.queue.indexOf(coro);
    this.queue.splice(index, 1);
    // As the Loop's: the pick is stamped with the tick it starts.
    if (this.reporting) this.report({ type: 'pick', task: coro.id, label: coro.name, index, candidates: this.queue.length + 1, draw: this.draw });
    if (this.reporting) {
      const throwing = method === 'throw' ? describeError(arg) : method === 'return' ? 'GeneratorExit' : null;
      this.report(driver === undefined ? { type: 'step-begin', task: coro.id, throwing, ready: this.queue.length } : { type: 'step-begin', task: coro.id, throwing, ready: this.queue.length, driver });
    }
    this.draw = null;
    this.current = coro;
    let result: IteratorResult<unknown, unknown>;
    try {
      result = resume();
    } catch (error) {
      this.current = null;
      coro.live = false;
      this.unfinished.delete(gen);
      this.locator.forget(gen);
      if (this.reporting) this.report({ type: 'step-end', task: coro.id, outcome: 'threw', error: describeError(error) });
      throw error;
    }
    this.current = null;
    if (result.done) {
      coro.live = false;
      this.unfinished.delete(gen);
      this.locator.forget(gen);
      if (this.reporting) {
        if (method === 'return') this.report({ type: 'step-end', task: coro.id, outcome: 'cancelled', error: 'GeneratorExit' });
        else this.report({ type: 'step-end', task: coro.id, outcome: 'returned', value: formatRepr(result.value) });
      }
    } else {
      if (this.reporting) this.report({ type: 'step-end', task: coro.id, outcome: 'yielded', ...this.suspension(gen) });
      this.enqueue(coro, 'yield');
    }
    return result;
  };

  /**
   * The coroutines a `random.choice` draws among are spawned before the draw's tick, in the
   * list's order: the ready queue is then the list the manager drew from, and `draw` is
   * the picked coroutine's place in it.
   */
  private meet(seq: ArrayLike<unknown>): void {
    for (let i = 0; i < seq.length; i++) {
      const item = seq[i];
      if (isGenerator(item) && !this.coros.has(item)) this.spawn(item);
    }
  }

  private spawn(gen: Generator): Coroutine {
    const name = this.locator.functionName(gen) ?? 'coroutine';
    const coro: Coroutine = { id: this.nextId++, name, live: true };
    this.coros.set(gen, coro);
    this.unfinished.add(gen);
    this.report({ type: 'task-spawn', task: coro.id, name, coro: name, parent: null, kind: 'coroutine' });
    this.enqueue(coro, 'spawn');
    return coro;
  }

  /** Back in the queue at its place in spawn order (the order a manager's list keeps). */
  private enqueue(coro: Coroutine, reason: 'spawn' | 'yield'): void {
    let at = this.queue.length;
    while (at > 0 && this.queue[at - 1]!.id > coro.id) at--;
    this.queue.splice(at, 0, coro);
    this.report({ type: 'task-scheduled', task: coro.id, reason, at });
  }

  private suspension(gen: Generator): { where?: SourceLocation; chain?: SourceLocation[] } {
    if (!this.locations) return {};
    const where = this.locator.locate(gen) ?? undefined;
    const frames = lastChain(gen);
    return frames === null ? { where } : { where, chain: this.locator.locateChain(frames, gen) };
  }

  /** The manager's line making this call: the first frame of the stack outside the engine (mapped once per call site). */
  private driver(): SourceLocation | undefined {
    const site = callerSite();
    if (site === null) return undefined;
    const key = `${site.file}:${site.line}:${site.column}:${site.name}`;
    let driver = this.drivers.get(key);
    if (driver === undefined) {
      const where = this.locator.original(site.file, site.line - 1, site.column - 1);
      driver = site.name === null ? where : { ...where, name: site.name };
      this.drivers.set(key, driver);
    }
    return driver;
  }

  private readonly printed = (text: string): void => {
    this.report({ type: 'print', task: this.current?.id ?? null, text });
    this.write(text);
  };

  private report(body: LoopEventBody): void {
    if (!this.reporting) return;
    const event = body as LoopEvent;
    event.seq = this.seq++;
    event.tick = this.tick;
    event.time = 0;
    this.events$.deliver(event);
  }
}

/** Run a manager to its end as a traced run; returns every event (headless --trace / --json). */
export function recordManaged(manager: () => unknown, options: ManagedOptions = {}): { run: ManagedRun; events: LoopEvent[] } {
  const run = new ManagedRun(manager, options);
  const events: LoopEvent[] = [];
  run.events$.subscribe((event) => events.push(event));
  run.run();
  return { run, events };
}

/** `frenetic_coros_manager` for `() => frenetic_coros_manager(tum(), pak())`: the plain function the demo's manager calls. */
export function managerName(manager: () => unknown): string {
  const called = /^(?:\(\s*\)|[\w$]+)\s*=>\s*\{?\s*(?:return\s+)?(?:print\()?([\w$]+)\(/.exec(String(manager));
  if (called) return called[1]!;
  return manager.name && manager.name !== 'manager' ? manager.name : 'manager';
}

interface Site {
  file: string;
  line: number;
  column: number;
  name: string | null;
}

/** The innermost stack frame outside the engine (a compiled position: file URL, 1-based). */
function callerSite(): Site | null {
  for (const site of callSites(8)) {
    const file = site.getFileName();
    if (file === undefined || file === null || file.startsWith('node:') || isEngineScript(file)) continue;
    return { file, line: site.getLineNumber() ?? 1, column: site.getColumnNumber() ?? 1, name: site.getFunctionName() };
  }
  return null;
}
