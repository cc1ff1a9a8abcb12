/**
 * A coroutine is awaited once, as in CPython: awaiting it again raises
 * `RuntimeError: cannot reuse already awaited coroutine` once it has finished, and
 * `RuntimeError: coroutine is being awaited already` while another await (or its task)
 * is still inside it. In JavaScript a finished generator awaited again would silently
 * return undefined.
 *
 * How: `yield* c` first asks `c` for its iterator; a generator inherits the answer
 * (`return this`) from %IteratorPrototype%. While a loop runs in this thread, an own
 * `[Symbol.iterator]` on %GeneratorPrototype% answers instead: it remembers every
 * generator it hands out (and every one a task drives, which its task resumes directly)
 * and refuses one it has seen before. Which error: a task's coroutine by its task's
 * state; any other by the generator's own state, read from the runtime (node:inspector's
 * `[[GeneratorState]]`, ~0.3 ms, on this error path only).
 *
 * Why scoped to a running loop rather than installed for good: a program that imports
 * coroscope but iterates its generators outside a loop keeps JavaScript's semantics to
 * the letter. Inside a running loop generators are coroutines (the README's mapping:
 * `await x` is `yield* x`), and there the hook costs one WeakMap lookup and store per
 * `yield*` of a generator. Its price in semantics: a generator used as a plain iterator
 * while a loop runs and iterated a second time (`Array.from(g)` twice, a second `for…of`
 * over a half-consumed one) raises too, where JavaScript would carry on.
 *
 * Invariants:
 * - The hook is installed exactly while `installed` is true: between `guardAwaits()` and
 *   `unguardAwaits()`, which the loop calls around the outermost `runItems` in a thread.
 *   Whatever own `[Symbol.iterator]` %GeneratorPrototype% had before is put back.
 * - `seen` maps each generator handed out by the hook to null, and each coroutine a task
 *   drives to its task; an entry is never removed (a generator is awaited at most once).
 */
import { RuntimeError } from './errors.js';
import type { Task } from './task.js';
import { Locator } from './where.js';

const GeneratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf((function* () {})())) as object;

/**
 * The mark: a private field stamped onto the generator itself (the base constructor
 * returns the object it is given, so the field lands on it). A private field is invisible
 * to user code, and after the first stamp per generator function it is one map transition —
 * a WeakMap store per `yield*` halved the rate of nested awaits (GC of the ephemeron table).
 */
class Stamp extends (function (target: object) {
  return target;
} as unknown as new (target: object) => object) {
  #owner: Task<any> | null;
  private constructor(target: object, owner: Task<any> | null) {
    super(target);
    this.#owner = owner;
  }
  /** undefined: never seen; null: handed out by the hook; a task: the task drives it. */
  static ownerOf(target: object): Task<any> | null | undefined {
    return #owner in target ? (target as Stamp).#owner : undefined;
  }
  static mark(target: object, owner: Task<any> | null): void {
    new Stamp(target, owner);
  }
}

let installed = false;
let previous: PropertyDescriptor | undefined;

const hook: PropertyDescriptor = {
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

function reuseError(gen: object, owner: Task<any> | null): RuntimeError {
  const finished = owner !== null ? owner.done() : Locator.shared().generatorState(gen) === 'closed';
  return new RuntimeError(finished ? 'cannot reuse already awaited coroutine' : 'coroutine is being awaited already');
}

/** A task drives `coro` (a generator): awaiting it too is refused. */
export function ownCoroutine(coro: object, task: Task<any>): void {
  if (Stamp.ownerOf(coro) === undefined) Stamp.mark(coro, task);
}

/** A loop starts running in this thread: install the hook. */
export function guardAwaits(): void {
  if (installed) return;
  installed = true;
  previous = Object.getOwnPropertyDescriptor(GeneratorPrototype, Symbol.iterator);
  Object.defineProperty(GeneratorPrototype, Symbol.iterator, hook);
}

/** No loop runs in this thread any more: put %GeneratorPrototype% back as it was. */
export function unguardAwaits(): void {
  if (!installed) return;
  installed = false;
  if (previous === undefined) delete (GeneratorPrototype as Record<symbol, unknown>)[Symbol.iterator];
  else Object.defineProperty(GeneratorPrototype, Symbol.iterator, previous);
  previous = undefined;
}
