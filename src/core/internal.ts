/**
 * The engine's internals, for the other modules of this repository (player, sources, tui,
 * tests) — never re-exported from src/index.ts, the package entry: a demo importing
 * 'coroscope' sees asyncio's public surface only.
 */
export { resetTaskNames } from './loop.js';
