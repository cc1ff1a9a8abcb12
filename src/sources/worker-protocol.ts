/** What the UI thread and the engine worker say to each other (engine-worker.ts, worker.ts). */
import type { PolicyName } from '../core/policies.js';

/** Int32 word bumped by each new demand (the worker sleeps on it with Atomics.wait). */
export const GENERATION = 0;
/** Int32 word: the task whose step began last. */
export const LAST_TASK = 1;
/** Byte offset of the Float64 demand: run until this many ticks have run. */
export const DEMAND_OFFSET = 8;
export const CONTROL_BYTES = 16;

export interface WorkerSpec {
  /** What loadDemo takes: a built-in demo's name or a file path. */
  demo: string;
  cwd: string;
  seed: number;
  policy?: PolicyName;
  locations: boolean;
  control: SharedArrayBuffer;
}

export type WorkerReply =
  | { kind: 'events'; json: string; tick: number; finished: boolean; waiting: boolean }
  | { kind: 'error'; message: string; json?: string; tick?: number };
