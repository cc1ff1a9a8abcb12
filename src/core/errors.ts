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
  // A thrown non-Error reads as the value and what it is: `null (thrown, not an Error)`.
  return `${formatRepr(error)} (thrown, not an Error)`;
}

/**
 * An error in one line for a user-facing message (the CLI, the dashboard's last words):
 * its first non-empty line, `Name: ` kept unless the class is plain Error. A Node system
 * error's `, open '/the/path'` tail is dropped: the callers name the file themselves.
 */
export function oneLine(error: unknown): string {
  let message = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  const { syscall, path } = (error ?? {}) as { syscall?: unknown; path?: unknown };
  const tail = typeof syscall === 'string' && typeof path === 'string' ? `, ${syscall} '${path}'` : null;
  message = message.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'unknown error';
  return tail !== null && message.endsWith(tail) ? message.slice(0, -tail.length) : message;
}
