/**
 * The only changes coroscope makes to JavaScript's own objects, in force while a loop runs
 * in this thread and undone after (the loop calls `enterLoop()` / `leaveLoop()` around its
 * outermost `runItems`). A program that imports coroscope but runs its generators and
 * iterators outside a loop keeps JavaScript's semantics to the letter; inside a running
 * loop generators are coroutines (the README's mapping: `await x` is `yield* x`), and two
 * of CPython's rules for awaits need a hook each:
 *
 * 1. **A coroutine is awaited once.** Awaiting it again raises `RuntimeError: cannot reuse
 *    already awaited coroutine` once it has finished, and `RuntimeError: coroutine is
 *    being awaited already` while another await (or its task) is still inside it, where
 *    JavaScript would silently return undefined. `yield* c` first asks `c` for its
 *    iterator, which a generator inherits (`return this`) from %IteratorPrototype%: an own
 *    `[Symbol.iterator]` on %GeneratorPrototype% answers instead, stamps every generator
 *    it hands out (and every one a task drives, which its task resumes directly) and
 *    refuses one it has stamped before. Which error: a task's coroutine by its task's
 *    state; any other by the generator's own state, read from the runtime (node:inspector's
 *    `[[GeneratorState]]`, ~0.3 ms, on this error path only). Cost: a JavaScript call and
 *    a stamp per `yield*` of a generator: ~25% of the CPU-time rate of tasks awaiting a
 *    sub-coroutine at every switch (a no-op hook costs ~20%: most of it is leaving V8's
 *    built-in path); none for awaits of futures, tasks, sleep() or other iterables. Price in
 *    semantics: a generator used as a plain iterator while a loop runs and iterated a
 *    second time (`Array.from(g)` twice) raises too, where JavaScript would carry on.
 *
 * 2. **An error thrown into an await whose iterator has no `throw()` is raised at the
 *    await** (Python's `yield from`), so a cancelled task's `except CancelledError` and
 *    `finally` run as written. JavaScript's `yield*` instead calls the iterator's
 *    `return()` and raises `TypeError: The iterator does not provide a 'throw' method`.
 *    %IteratorPrototype% gets a `throw(error)` that rethrows `error`: every built-in
 *    iterator (`[undefined].values()`, a Map's or a Set's) inherits it, and only `yield*`
 *    (or an explicit `it.throw(e)`) ever calls `throw`, so for…of, spreads and
 *    destructuring are untouched. A hand-written iterator (`{ next() {…} }`, whose
 *    prototype is Object.prototype) cannot be reached this way: the loop then recognises
 *    the TypeError escaping a task it was throwing into (see Loop.stepTask).
 *
 * Invariants:
 * - Both hooks are in force exactly while `installed` is true; after, the prototypes
 *   behave as before (see leaveLoop for the one own property that stays, inert).
 * - A stamped generator stays stamped (it is awaited at most once); the stamp holds the
 *   task that drives it, or null.
 */
import { RuntimeError } from './errors.js';
import type { Task } from './task.js';
import { Locator } from './where.js';

const GeneratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf((function* () {})())) as object;
const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as object;

/**
 * The stamp: a private field put on the generator itself (the base constructor returns
 * the object it is given, so the field lands on it). Invisible to user code; a WeakMap
 * store per `yield*` instead halved the rate of nested awaits (GC of the ephemeron table).
 */
class Stamp extends (function (target: object) {
  return target;
} as unknown as new (target: object) => object) {
  #owner: Task<any> | null;
  private constructor(target: object, owner: Task<any> | null) {
    super(target);
    this.#owner = owner;
  }
  /** undefined: never stamped; null: handed out by the hook; a task: the task drives it. */
  static ownerOf(target: object): Task<any> | null | undefined {
    return #owner in target ? (target as Stamp).#owner : undefined;
  }
  static mark(target: object, owner: Task<any> | null): void {
    new Stamp(target, owner);
  }
}

const awaitOnce: PropertyDescriptor = {
  configurable: true,
  writable: true,
  value: {
    [Symbol.iterator](this: object): object {
      const owner = Stamp.ownerOf(this);
      if (owner !== undefined) throw reuseError(this, owner);
      Stamp.mark(this, null);
      return this;
    },
  }[Symbol.iterator],
};

const raiseAtAwait: PropertyDescriptor = {
  configurable: true,
  writable: true,
  value: {
    throw(error: unknown): never {
      throw error;
    },
  }.throw,
};

function reuseError(gen: object, owner: Task<any> | null): RuntimeError {
  const finished = owner !== null ? owner.done() : Locator.shared().generatorState(gen) === 'closed';
  return new RuntimeError(finished ? 'cannot reuse already awaited coroutine' : 'coroutine is being awaited already');
}

/**
 * A task drives `coro` (a generator): awaiting it too is refused. A coroutine awaited to
 * its end before is not the task's: the error its first step must raise, as CPython's
 * `send()` into a finished coroutine does; null otherwise.
 */
export function ownCoroutine(coro: object, task: Task<any>): RuntimeError | null {
  const owner = Stamp.ownerOf(coro);
  if (owner === undefined) {
    Stamp.mark(coro, task);
    return null;
  }
  const finished = owner !== null ? owner.done() : Locator.shared().generatorState(coro) === 'closed';
  return finished ? new RuntimeError('cannot reuse already awaited coroutine') : null;
}

let installed = false;
/** What a generator answers `[Symbol.iterator]` with when no loop runs: what it inherits, or what was there before. */
let outsideLoops: unknown;
let previousThrow: PropertyDescriptor | undefined;

/** A loop starts running in this thread: install both hooks. */
export function enterLoop(): void {
  if (installed) return;
  installed = true;
  if (!Object.prototype.hasOwnProperty.call(GeneratorPrototype, Symbol.iterator)) {
    // Once per thread: from then on only the value changes (see leaveLoop).
    outsideLoops = (GeneratorPrototype as Record<symbol, unknown>)[Symbol.iterator];
    Object.defineProperty(GeneratorPrototype, Symbol.iterator, { ...awaitOnce, value: outsideLoops });
  } else if ((GeneratorPrototype as Record<symbol, unknown>)[Symbol.iterator] !== awaitOnce.value) {
    outsideLoops = (GeneratorPrototype as Record<symbol, unknown>)[Symbol.iterator];
  }
  (GeneratorPrototype as Record<symbol, unknown>)[Symbol.iterator] = awaitOnce.value;
  previousThrow = Object.getOwnPropertyDescriptor(IteratorPrototype, 'throw');
  Object.defineProperty(IteratorPrototype, 'throw', raiseAtAwait);
}

/**
 * No loop runs in this thread any more: the prototypes behave as they did. %GeneratorPrototype%
 * keeps an own `[Symbol.iterator]` whose value is the very function generators inherited
 * (so `g[Symbol.iterator]` is what it was, and answers alike): adding and deleting the
 * property at every run changed the prototype's shape, which deoptimised the kernel's
 * `coro.next()` and cost ~30% of the switch rate of a process that runs loops one after
 * another (bench/engine runs four); a value swap does not. %IteratorPrototype%'s `throw`
 * is deleted: its presence is what `yield*` looks at.
 */
export function leaveLoop(): void {
  if (!installed) return;
  installed = false;
  (GeneratorPrototype as Record<symbol, unknown>)[Symbol.iterator] = outsideLoops;
  restore(IteratorPrototype, 'throw', previousThrow);
  previousThrow = undefined;
}

function restore(target: object, key: PropertyKey, previous: PropertyDescriptor | undefined): void {
  if (previous === undefined) delete (target as Record<PropertyKey, unknown>)[key];
  else Object.defineProperty(target, key, previous);
}

/** The message of the TypeError `yield*` raises when the iterator it is inside has no throw(), as this V8 words it. */
export const NO_THROW_METHOD = ((): string => {
  function* probe(): Generator<unknown, void, unknown> {
    yield* { [Symbol.iterator]: () => ({ next: () => ({ done: false, value: undefined }) }) };
  }
  const gen = probe();
  gen.next();
  try {
    gen.throw(null);
  } catch (error) {
    return error instanceof TypeError ? error.message : '';
  }
  return '';
})();
