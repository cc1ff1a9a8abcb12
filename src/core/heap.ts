/**
 * A binary min-heap of timers keyed (deadline, seq), as asyncio's `_scheduled`.
 * Invariant: for every index i > 0, entries[parent(i)] <= entries[i] by (deadline, seq);
 * seq is unique, so equal deadlines fire in the order they were set.
 */
export interface Keyed {
  readonly deadline: number;
  readonly seq: number;
}

function before(a: Keyed, b: Keyed): boolean {
  return a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq);
}

export class TimerHeap<T extends Keyed> {
  private readonly entries: T[] = [];

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
}
