/**
 * asyncio's queues (asyncio/queues.py, CPython 3.11): Queue (FIFO), PriorityQueue (smallest
 * first, by Python's ordering of numbers, strings and tuples written as arrays), LifoQueue.
 *
 * Invariants:
 * - `getters` / `putters` hold the futures of tasks parked in get() / put(), in arrival
 *   order (Sets: removal of a cancelled one is O(1)); a put wakes the first getter not
 *   done, a get the first putter not done, exactly as asyncio's `_wakeup_next`.
 * - `unfinished` counts items put and not yet marked taskDone(); `finished` is set iff it is 0.
 */
import { CancelledError } from './errors.js';
import type { Future } from './future.js';
import { Event, ValueError } from './locks.js';
import { getRunningLoop } from './loop.js';

/** asyncio.QueueEmpty: getNowait() on an empty queue. */
export class QueueEmpty extends Error {
  override name = 'QueueEmpty';
}

/** asyncio.QueueFull: putNowait() on a full queue. */
export class QueueFull extends Error {
  override name = 'QueueFull';
}

export class Queue<T = unknown> {
  protected items: T[] = [];
  #head = 0;
  readonly #getters = new Set<Future<void>>();
  readonly #putters = new Set<Future<void>>();
  #unfinished = 0;
  readonly #finished: Event;

  constructor(readonly maxsize = 0) {
    this.#finished = new Event(`${this.constructor.name}.join`);
    this.#finished.set();
  }

  qsize(): number {
    return this.items.length - this.#head;
  }

  empty(): boolean {
    return this.qsize() === 0;
  }

  full(): boolean {
    return this.maxsize > 0 && this.qsize() >= this.maxsize;
  }

  /** Put an item, parking while the queue is full. */
  *put(item: T): Generator<unknown, void, unknown> {
    while (this.full()) {
      const putter = getRunningLoop().createFuture<void>(`${this.constructor.name}.put`);
      this.#putters.add(putter);
      try {
        yield* putter;
      } catch (error) {
        putter.cancel();
        this.#putters.delete(putter);
        if (!this.full() && !putter.cancelled()) wakeupNext(this.#putters);
        throw error;
      }
    }
    this.putNowait(item);
  }

  putNowait(item: T): void {
    if (this.full()) throw new QueueFull();
    this.putItem(item);
    this.#unfinished++;
    this.#finished.clear();
    wakeupNext(this.#getters);
  }

  /** Remove and return an item, parking while the queue is empty. */
  *get(): Generator<unknown, T, unknown> {
    while (this.empty()) {
      const getter = getRunningLoop().createFuture<void>(`${this.constructor.name}.get`);
      this.#getters.add(getter);
      try {
        yield* getter;
      } catch (error) {
        getter.cancel();
        this.#getters.delete(getter);
        if (!this.empty() && !getter.cancelled()) wakeupNext(this.#getters);
        throw error;
      }
    }
    return this.getNowait();
  }

  getNowait(): T {
    if (this.empty()) throw new QueueEmpty();
    const item = this.takeItem();
    wakeupNext(this.#putters);
    return item;
  }

  /** A consumer is done with an item it got: join() returns once every item put is done. */
  taskDone(): void {
    if (this.#unfinished <= 0) throw new ValueError('task_done() called too many times');
    this.#unfinished--;
    if (this.#unfinished === 0) this.#finished.set();
  }

  *join(): Generator<unknown, void, unknown> {
    if (this.#unfinished > 0) yield* this.#finished.wait();
  }

  protected putItem(item: T): void {
    this.items.push(item);
  }

  protected takeItem(): T {
    // A moving head instead of shift(): O(1), compacted once half the array is dead.
    const item = this.items[this.#head]!;
    this.items[this.#head++] = undefined as T;
    if (this.#head > 1024 && this.#head * 2 > this.items.length) {
      this.items = this.items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }
}

/** asyncio's `_wakeup_next`: pop waiters until one not done, and wake it. */
function wakeupNext(waiters: Set<Future<void>>): void {
  for (const waiter of waiters) {
    waiters.delete(waiter);
    if (!waiter.done()) {
      waiter.setResult(undefined);
      return;
    }
  }
}

/** Smallest item first, as Python's heapq orders them (tuples are arrays here). */
export class PriorityQueue<T = unknown> extends Queue<T> {
  protected override putItem(item: T): void {
    heappush(this.items, item);
  }

  protected override takeItem(): T {
    return heappop(this.items);
  }
}

/** Last in, first out. */
export class LifoQueue<T = unknown> extends Queue<T> {
  protected override takeItem(): T {
    return this.items.pop()!;
  }
}

/** Python's `<` on numbers, strings and tuples (arrays, compared item by item). */
export function pyLess(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (pyEqual(a[i], b[i])) continue;
      return pyLess(a[i], b[i]);
    }
    return a.length < b.length;
  }
  if ((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')) return a < b;
  throw new TypeError(`'<' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

function pyEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEqual(x, b[i]));
  return a === b;
}

function typeName(v: unknown): string {
  if (Array.isArray(v)) return 'tuple';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  return v === null || v === undefined ? 'NoneType' : typeof v;
}

// heapq, as CPython writes it (the order among equal items follows from these exact moves).
function heappush<T>(heap: T[], item: T): void {
  heap.push(item);
  siftdown(heap, 0, heap.length - 1);
}

function heappop<T>(heap: T[]): T {
  const last = heap.pop()!;
  if (heap.length > 0) {
    const top = heap[0]!;
    heap[0] = last;
    siftup(heap, 0);
    return top;
  }
  return last;
}

function siftdown<T>(heap: T[], start: number, pos: number): void {
  const item = heap[pos]!;
  while (pos > start) {
    const parentPos = (pos - 1) >> 1;
    const parent = heap[parentPos]!;
    if (pyLess(item, parent)) {
      heap[pos] = parent;
      pos = parentPos;
      continue;
    }
    break;
  }
  heap[pos] = item;
}

function siftup<T>(heap: T[], pos: number): void {
  const end = heap.length;
  const start = pos;
  const item = heap[pos]!;
  let child = 2 * pos + 1;
  while (child < end) {
    const right = child + 1;
    if (right < end && !pyLess(heap[child], heap[right])) child = right;
    heap[pos] = heap[child]!;
    pos = child;
    child = 2 * pos + 1;
  }
  heap[pos] = item;
  siftdown(heap, start, pos);
}
