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

export class VirtualClock implements Clock {
  private current: number;

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  advanceTo(deadline: number): boolean {
    if (deadline > this.current) this.current = deadline;
    return true;
  }
}
