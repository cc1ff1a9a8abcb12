/**
 * Run the real command line (`node bin/coroscope.js …`) as a user would, and read
 * back what it printed. Synchronous: no timers, no timing in the assertions.
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file runs as dist/test/cli/run-cli.js). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const bin = resolve(repoRoot, 'bin', 'coroscope.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], cwd = repoRoot, env: NodeJS.ProcessEnv = {}): CliResult {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The printed lines of a --trace run, without their tick and task columns. */
export function printed(trace: string): string[] {
  return printedRows(trace).map((row) => row.text);
}

/** The rows of the output section of a --trace run: tick, who printed, text. */
export function printedRows(trace: string): { tick: number; who: string; text: string }[] {
  const lines = trace.split('\n');
  const start = lines.indexOf('output');
  if (start < 0) throw new Error(`no output section in:\n${trace}`);
  const rows: { tick: number; who: string; text: string }[] = [];
  for (const line of lines.slice(start + 1)) {
    const row = /^\s+(\d+)  (\S+(?: \S+)*?)\s{2,}(.*)$/.exec(line);
    if (row === null) break;
    rows.push({ tick: Number(row[1]), who: row[2]!, text: row[3]! });
  }
  return rows;
}

/** The last line of a --trace run: how the run ended. */
export function ending(trace: string): string {
  return trace.trimEnd().split('\n').at(-1)!;
}

/** Stack frames would mean an error escaped as a crash instead of a message. */
export function hasStackTrace(stderr: string): boolean {
  return /^\s+at /m.test(stderr);
}
