/**
 * The one exit-code table, shown by --help and in the README: every way coroscope ends
 * maps to one of these.
 */
import { constants } from 'node:os';

export const EXIT = {
  /** The run (or the listing, --help…) is done. */
  done: 0,
  /** The demo failed (a task, a policy or a cue raised; a deadlock) or its files could not be finished. */
  demoFailed: 1,
  /** Bad input: an unknown option or demo, a file that cannot be read or written, no terminal for the dashboard. */
  badInput: 2,
} as const;

/** A signal ends the process with 128 + its number, as a shell reports it (SIGINT 130, SIGTERM 143). */
export function signalExit(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

export const EXIT_TABLE = `Exit codes:
  0      done
  1      the demo failed (a task, policy or cue raised), or a --record/--export-trace file could not be finished
  2      bad input (option, demo file, output file, no terminal for the dashboard)
  128+n  ended by signal n (130 Ctrl-C / SIGINT, 129 SIGHUP, 131 SIGQUIT, 143 SIGTERM)
`;
