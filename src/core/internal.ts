/**
 * The engine's internals, for the other modules of this repository (player, sources, tui,
 * tests) — never re-exported from src/index.ts, the package entry: a demo importing
 * 'coroscope' sees asyncio's public surface only. The exported classes keep their
 * engine-only state in `#private` members; these kernels are the one way in.
 */
export { resetTaskNames, loopKernel, type LoopKernel } from './loop.js';
export { futureKernel, type FutureKernel } from './future.js';
export { taskKernel, type TaskKernel } from './task.js';
