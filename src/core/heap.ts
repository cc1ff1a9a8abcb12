/**
 * A binary min-heap of timers keyed (deadline, seq), as asyncio's `_scheduled`.
 * Invariant: for every index i > 0, entries[parent(i)] <= entries[i] by (deadline, seq);
 * seq is unique, so equal deadlines fire in the order they were set. Entries are never
 * changed in place (a cancelled one stays until popped or the heap is rebuilt: the
 * owner says which are live), so a copy may share them.
 */
export interface Keyed {
  readonly deadline: number;
  readonly seq: number;
}

function before(a: Keyed, b: Keyed): boolean {
  return a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq);
}

export class TimerHeap<T extends Keyed> {
  private entries: T[] = [];

  get size(): number {
    return this.entries.length;
  }

  peek(): T | undefined {
    return this.entries[0];
  }

  push(entry: T): void {
    const a = this.entries;
    a.push(entry);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, a[parent]!)) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = entry;
  }

  pop(): T | undefined {
    const a = this.entries;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    const n = a.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(a[right]!, a[left]!) ? right : left;
      if (!before(a[child]!, last)) break;
      a[i] = a[child]!;
      i = child;
    }
    a[i] = last;
    return top;
  }

  /** Entries in no particular order (for views and tests). */
  values(): readonly T[] {
    return this.entries;
  }

  /**
   * The `limit` smallest entries that `live` accepts, smallest first, without removing
   * any: a best-first walk from the root, so it reads about `limit` entries (and the
   * dead ones among them), not the whole heap.
   */
  smallest(limit: number, live: (entry: T) => boolean): T[] {
    const a = this.entries;
    const out: T[] = [];
    if (a.length === 0 || limit <= 0) return out;
    // Frontier of heap indices, itself a min-heap by the entries' keys.
    const frontier: number[] = [0];
    const less = (i: number, j: number) => before(a[frontier[i]!]!, a[frontier[j]!]!);
    while (frontier.length > 0 && out.length < limit) {
      const top = frontier[0]!;
      const last = frontier.pop()!;
      if (frontier.length > 0) {
        frontier[0] = last;
        siftDown(frontier, 0, less);
      }
      if (live(a[top]!)) out.push(a[top]!);
      for (let child = 2 * top + 1; child <= 2 * top + 2 && child < a.length; child++) {
        frontier.push(child);
        siftUp(frontier, frontier.length - 1, less);
      }
    }
    return out;
  }

  /** Keep only the entries `live` accepts (O(n)): for an owner whose dead entries outnumber the live. */
  retain(live: (entry: T) => boolean): void {
    const kept = this.entries.filter(live);
    this.entries = [];
    for (const entry of kept) this.push(entry);
  }

  /** A heap with the same entries that later changes to either do not affect the other. */
  copy(): TimerHeap<T> {
    const heap = new TimerHeap<T>();
    heap.entries = this.entries.slice();
    return heap;
  }
}

function siftUp(a: number[], i: number, less: (i: number, j: number) => boolean): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!less(i, parent)) return;
    [a[i], a[parent]] = [a[parent]!, a[i]!];
    i = parent;
  }
}

function siftDown(a: number[], i: number, less: (i: number, j: number) => boolean): void {
  for (;;) {
    const left = 2 * i + 1;
    if (left >= a.length) return;
    const right = left + 1;
    const child = right < a.length && less(right, left) ? right : left;
    if (!less(child, i)) return;
    [a[i], a[child]] = [a[child]!, a[i]!];
    i = child;
  }
}
