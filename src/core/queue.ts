/**
 * The ready queue: a growable ring buffer, FIFO at O(1), with O(n) removal at an
 * index for policies that pick from the middle (the seeds' random manager).
 * Invariant: items live at buffer[(head + i) & mask] for 0 <= i < length; capacity is a power of two.
 */
export class RingQueue<T> {
  private buffer: (T | undefined)[] = new Array(16);
  private head = 0;
  private mask = 15;
  length = 0;

  push(item: T): void {
    if (this.length > this.mask) this.grow();
    this.buffer[(this.head + this.length) & this.mask] = item;
    this.length++;
  }

  shift(): T | undefined {
    if (this.length === 0) return undefined;
    const item = this.buffer[this.head];
    this.buffer[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    this.length--;
    return item;
  }

  at(index: number): T | undefined {
    return index >= 0 && index < this.length ? this.buffer[(this.head + index) & this.mask] : undefined;
  }

  removeAt(index: number): T | undefined {
    if (index === 0) return this.shift();
    const item = this.at(index);
    if (item === undefined) return undefined;
    for (let i = index; i < this.length - 1; i++) {
      this.buffer[(this.head + i) & this.mask] = this.buffer[(this.head + i + 1) & this.mask];
    }
    this.length--;
    this.buffer[(this.head + this.length) & this.mask] = undefined;
    return item;
  }

  /** Put `item` at `index` (clamped to the length), moving the later items back: O(length − index). */
  insertAt(index: number, item: T): void {
    this.push(item);
    for (let i = this.length - 1; i > Math.max(0, index); i--) {
      this.buffer[(this.head + i) & this.mask] = this.buffer[(this.head + i - 1) & this.mask];
    }
    if (index < this.length - 1) this.buffer[(this.head + Math.max(0, index)) & this.mask] = item;
  }

  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.buffer[(this.head + i) & this.mask] as T);
    return out;
  }

  private grow(): void {
    const old = this.buffer;
    const capacity = old.length * 2;
    const next: (T | undefined)[] = new Array(capacity);
    for (let i = 0; i < this.length; i++) next[i] = old[(this.head + i) & this.mask];
    this.buffer = next;
    this.head = 0;
    this.mask = capacity - 1;
  }
}
