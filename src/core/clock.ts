/**
 * Time for the loop, injected. The core never reads a wall clock: the default
 * `VirtualClock` only moves when the loop has nothing ready and jumps to the next
 * timer's deadline, so `sleep(1)` ten times takes ten virtual seconds and no real ones.
 */
export interface Clock {
  /** Seconds, monotonic. */
  now(): number;
  /**
   * Called when nothing is ready and the earliest timer is due at `deadline`.
   * A virtual clock jumps there and returns true; a clock that cannot jump returns
   * false and the loop reports itself waiting (step() returns false, not finished).
   */
  advanceTo(deadline: number): boolean;
}

/**
 * A time on the loop's grid: a whole number of nanoseconds. Deadlines and the virtual
 * clock live there, so sums compare as exact arithmetic would: a sleep(0.1) then a
 * sleep(0.7) is due at 0.8, the same instant as a sleep(0.8) set at 0 (not at
 * 0.7999999999999999, before it), and timers at one instant fire in the order they were set.
 */
export function onGrid(seconds: number): number {
  return Math.round(seconds * 1e9) / 1e9;
}

export class VirtualClock implements Clock {
  private current: number;

  constructor(start = 0) {
    this.current = onGrid(start);
  }

  now(): number {
    return this.current;
  }

  advanceTo(deadline: number): boolean {
    if (deadline > this.current) this.current = onGrid(deadline);
    return true;
  }
}
