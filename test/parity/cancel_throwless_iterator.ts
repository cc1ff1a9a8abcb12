// Twin of cancel_throwless_iterator.py. `Turns` hands out a built-in array iterator
// (no throw()); `ByHand` a hand-written one, where JavaScript's `yield*` raises TypeError at
// the await (no `except CancelledError` could see it), but `finally` runs and the task
// ends cancelled as in CPython.
import { CancelledError, createTask, gather, print, run, sleep } from '../../src/index.js';
import { pyRepr } from '../helpers.js';

/** An awaitable whose iterator is a plain one: it gives the turn back n times. */
class Turns {
  constructor(private readonly n: number) {}
  [Symbol.iterator](): Iterator<undefined, undefined> {
    return new Array<undefined>(this.n).fill(undefined).values() as Iterator<undefined, undefined>;
  }
}

function* worker() {
  try {
    print('empty await gives', pyRepr(yield* new Turns(0)));
    yield* new Turns(1000);
    print('not reached');
  } catch (error) {
    if (error instanceof CancelledError) print('worker sees CancelledError at its await');
    throw error;
  } finally {
    print('worker finally');
  }
}

function* swallower() {
  try {
    yield* new Turns(1000);
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    print('swallower keeps going');
  }
  return 'swallowed';
}

/** A hand-written iterator: next() only, no throw(). */
class ByHand {
  [Symbol.iterator](): Iterator<undefined, undefined> {
    return { next: () => ({ done: false, value: undefined }) };
  }
}

function* byHand() {
  try {
    yield* new ByHand();
  } finally {
    print('by_hand finally');
  }
}

function* main() {
  const w = createTask(worker());
  const s = createTask(swallower());
  const g = gather(createTask(worker()));
  const h = createTask(byHand());
  yield* sleep(0);
  yield* sleep(0);
  print('cancel', pyRepr(w.cancel()), pyRepr(s.cancel()), pyRepr(g.cancel()), pyRepr(h.cancel()));
  try {
    yield* w;
  } catch (error) {
    if (error instanceof CancelledError) print('awaiter sees CancelledError; cancelled:', pyRepr(w.cancelled()));
  }
  print('swallower returns', yield* s);
  try {
    yield* g;
  } catch (error) {
    if (error instanceof CancelledError) print('gather sees CancelledError');
  }
  try {
    yield* h;
  } catch (error) {
    if (error instanceof CancelledError) print('by_hand cancelled:', pyRepr(h.cancelled()));
  }
}

run(main());
