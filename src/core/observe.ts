/**
 * Generator resumptions, observed from the runtime: while installed, %GeneratorPrototype%'s
 * `next`, `throw` and `return` are wrapped, so every resumption of every generator is
 * seen — including the ones `yield*` makes (V8 calls the delegate's `next` through the
 * property, so a 2-deep await chain pays the wrapper at each level: ~30% slower steps).
 * It is therefore installed only while someone needs it (a loop reporting locations, a
 * managed run) and removed when the last of them lets go.
 *
 * What it gives:
 * - **Await chains.** When a resumption ends in a yield, the generators that yield went
 *   through, outermost first: `tum → Awaitable.[Symbol.iterator]`. A sync `yield*` hands
 *   the delegate's result object up unchanged (ES GeneratorYield(innerResult)), so a
 *   generator belongs to the chain of the one below it iff it returned the very object
 *   that one returned, with no other resumption in between. A delegate that is not a
 *   generator (sleep(0)'s iterator) is not seen: the chain starts above it.
 * - **Top-level resumptions.** A resumption made while no generator runs — a plain
 *   function calling `coro.next()`, as the seeds' managers do — goes through `topLevel`
 *   when one is set (core/managed turns each into a tick).
 *
 * Invariants:
 * - `stack` holds the generators whose resumption is running, outermost first; each
 *   wrapper pushes on entry and pops on exit, by return or by throw.
 * - `frames[lastDepth..chainEnd]` is the chain of the last resumption that returned a
 *   yield (`lastGen` at depth `lastDepth`, its result `lastResult`); `lastResult` is null
 *   when the last resumption to end did not yield.
 * - `clock` counts resumptions started and ended; a chain continues only across an end
 *   immediately followed by the end of the resumption one level up.
 */

type Method = 'next' | 'throw' | 'return';
type Resume = (this: Generator, arg: unknown) => IteratorResult<unknown, unknown>;

/** Called for a resumption made from plain code; it must call `resume()` once and return (or throw) what it gives. */
export type TopLevelHook = (
  gen: Generator,
  method: Method,
  arg: unknown,
  resume: () => IteratorResult<unknown, unknown>,
) => IteratorResult<unknown, unknown>;

const GeneratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf((function* () {})())) as Record<Method, Resume>;
const METHODS: readonly Method[] = ['next', 'throw', 'return'];
const originals: Record<Method, Resume> = { next: GeneratorPrototype.next, throw: GeneratorPrototype.throw, return: GeneratorPrototype.return };

const stack: Generator[] = [];
const frames: Generator[] = [];
let chainEnd = -1;
let lastGen: Generator | null = null;
let lastResult: IteratorResult<unknown, unknown> | null = null;
let lastDepth = -1;
let lastClock = -1;
let clock = 0;
let users = 0;
let topLevel: TopLevelHook | null = null;

function resumeObserved(gen: Generator, original: Resume, arg: unknown): IteratorResult<unknown, unknown> {
  const depth = stack.length;
  stack.push(gen);
  clock++;
  let result: IteratorResult<unknown, unknown>;
  try {
    result = original.call(gen, arg);
  } catch (error) {
    stack.pop();
    clock++;
    lastResult = null;
    throw error;
  }
  stack.pop();
  if (result.done) {
    lastResult = null;
  } else {
    // The delegate one level down just returned this same object: the yield goes on through us.
    if (!(lastResult === result && lastDepth === depth + 1 && lastClock === clock)) chainEnd = depth;
    frames[depth] = gen;
    lastGen = gen;
    lastResult = result;
    lastDepth = depth;
  }
  lastClock = ++clock;
  return result;
}

function wrapper(method: Method): Resume {
  const original = originals[method];
  return {
    [method](this: Generator, arg: unknown): IteratorResult<unknown, unknown> {
      if (stack.length === 0 && topLevel !== null) {
        const hook = topLevel;
        return hook(this, method, arg, () => resumeObserved(this, original, arg));
      }
      return resumeObserved(this, original, arg);
    },
  }[method]!;
}

const wrappers: Record<Method, Resume> = { next: wrapper('next'), throw: wrapper('throw'), return: wrapper('return') };

/** Start observing (counted: each call needs one `release()`). */
export function observeGenerators(): void {
  if (users++ === 0) for (const m of METHODS) GeneratorPrototype[m] = wrappers[m];
}

/** Stop observing once every user has released. */
export function releaseGenerators(): void {
  if (users === 0) return;
  if (--users === 0) {
    for (const m of METHODS) GeneratorPrototype[m] = originals[m];
    frames.length = 0;
    lastGen = null;
    lastResult = null;
  }
}

export function observing(): boolean {
  return users > 0;
}

/**
 * The await chain `gen` yielded through in its last resumption, outermost (`gen`) first,
 * or null if `gen` was not the last generator to yield (it returned or threw, or is not
 * a generator). Read it right after the resumption: the next one replaces it.
 */
export function lastChain(gen: object): Generator[] | null {
  if (lastResult === null || lastGen !== gen) return null;
  return frames.slice(lastDepth, chainEnd + 1);
}

/** Route resumptions made from plain code through `hook` (null: stop); returns the previous hook. */
export function setTopLevelHook(hook: TopLevelHook | null): TopLevelHook | null {
  const previous = topLevel;
  topLevel = hook;
  return previous;
}

/** How many generators are resuming right now (0: plain code is running). */
export function resumeDepth(): number {
  return stack.length;
}
