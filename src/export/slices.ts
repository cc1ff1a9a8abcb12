/**
 * Long synchronous work done in slices, so that the process stays responsive: a trace of
 * 250,000 ticks takes seconds to build and write, and a Ctrl-C meanwhile must be seen.
 *
 * The work is a generator whose `yield`s are checkpoints (yielding the fraction done,
 * 0…1, when it knows it). `runSteps` runs it straight through (the synchronous API);
 * `runInSlices` runs it for ~SLICE_MS at a time and gives the event loop a turn between
 * slices, where signals, keys and timers are handled.
 *
 * Invariant: however `runInSlices` ends (done, aborted, the work throwing), the work's
 * generator is closed, so its `finally` blocks run (a temporary file is dropped).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Milliseconds of work between two turns of the event loop. */
export const SLICE_MS = 20;

export type Steps<T> = Generator<number | void, T, void>;

/** Run the work to its end, synchronously. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

export interface SliceOptions {
  /** Aborting stops the work at its next checkpoint past the slice: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The fraction done (0…1), after each slice. */
  onProgress?: (fraction: number) => void;
  sliceMs?: number;
}

/** Run the work in slices (see the top of the file). */
export async function runInSlices<T>(steps: Steps<T>, options: SliceOptions = {}): Promise<T> {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  let fraction = 0;
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      const end = performance.now() + sliceMs;
      do {
        const next = steps.next();
        if (next.done) return next.value;
        if (typeof next.value === 'number') fraction = next.value;
      } while (performance.now() < end);
      options.onProgress?.(fraction);
      await nextTurn();
    }
  } finally {
    steps.return(undefined as T); // no-op when it finished; else its finally blocks run
  }
}
