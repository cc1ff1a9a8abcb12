import { formatRepr } from './format.js';

/**
 * The exceptions asyncio users know, under the same names.
 * `CancelledError` is what `Task.cancel()` throws into a generator at its next step.
 */
export class CancelledError extends Error {
  override name = 'CancelledError';
  /** Python's `args`: empty for CancelledError(), [''] for CancelledError(''); repr shows them. */
  readonly args: string[];
  constructor(message?: string) {
    super(message ?? '');
    this.args = message === undefined ? [] : [message];
  }
}

/** A future was settled twice, or read before it was settled. */
export class InvalidStateError extends Error {
  override name = 'InvalidStateError';
}

/** asyncio's RuntimeError: a misuse of the loop (bad yield, re-entry, no running loop). */
export class RuntimeError extends Error {
  override name = 'RuntimeError';
}

/** One line describing an error, as the dashboard and traces show it: `Name: message`. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message ? `${error.name}: ${error.message}` : error.name;
  return `throw ${formatRepr(error)}`;
}

