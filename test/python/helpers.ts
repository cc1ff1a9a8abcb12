/**
 * What the Python tests share: the CPython interpreters found on this machine (by minor
 * version), a traced run collected whole, and the fold that checks a log is complete.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { LoopEvent } from '../../src/core/events.js';
import { collect, PythonSource, type PythonSourceOptions } from '../../src/sources/python.js';
import { childEnv } from '../helpers.js';

/** The versions the suite runs under, each when installed. */
export const VERSIONS = ['3.11', '3.12', '3.13'] as const;

const found = new Map<string, string | null>();

/** The newest CPython `minor` (e.g. '3.12') under pyenv, else `python3.12` on PATH; null when none. */
export function findPython(minor: string): string | null {
  if (found.has(minor)) return found.get(minor)!;
  let result: string | null = null;
  const root = process.env['PYENV_ROOT'] ?? join(homedir(), '.pyenv');
  try {
    const dirs = readdirSync(join(root, 'versions'))
      .filter((d) => d === minor || d.startsWith(`${minor}.`))
      .filter((d) => /^\d+\.\d+(\.\d+)?$/.test(d))
      .sort((a, b) => Number(a.split('.')[2] ?? 0) - Number(b.split('.')[2] ?? 0));
    for (const d of dirs.reverse()) {
      const exe = join(root, 'versions', d, 'bin', 'python3');
      if (existsSync(exe)) {
        result = exe;
        break;
      }
    }
  } catch {
    // no pyenv
  }
  if (result === null) {
    try {
      result = execFileSync(`python${minor}`, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8', env: childEnv }).trim() || null;
    } catch {
      result = null;
    }
  }
  found.set(minor, result);
  return result;
}

/** The whole log of a traced script. */
export async function traced(options: PythonSourceOptions): Promise<LoopEvent[]> {
  const source = new PythonSource(options);
  try {
    return (await collect(source)).events;
  } finally {
    source.dispose();
    await source.closed;
  }
}

/**
 * Check the contract of a complete log: seq 0, 1, 2… without gaps, ticks that never go
 * down, loop-start first and loop-end last, and a ready queue whose every pop takes the
 * item the log pushed (FIFO from the head, or at the index a pick names). Returns the
 * problems found, empty when the log is well formed.
 */
export function logProblems(events: readonly LoopEvent[]): string[] {
  const problems: string[] = [];
  const queue: string[] = [];
  let pickIndex: number | null = null;
  let tick = 0;
  const running: number[] = [];
  events.forEach((e, i) => {
    const at = `seq ${e.seq} (${e.type})`;
    if (e.seq !== i) problems.push(`${at}: expected seq ${i}`);
    if (e.tick < tick) problems.push(`${at}: tick ${e.tick} after tick ${tick}`);
    tick = e.tick;
    const pop = (key: string | null) => {
      const index = pickIndex ?? 0;
      pickIndex = null;
      const item = queue[index];
      if (item === undefined) return problems.push(`${at}: pops an empty ready queue (index ${index})`);
      if (key !== null && item !== key) problems.push(`${at}: pops ${item} at index ${index}, expected ${key} (queue ${queue.join(' ')})`);
      queue.splice(index, 1);
      return 0;
    };
    switch (e.type) {
      case 'task-scheduled':
        queue.push(`t${e.task}`);
        break;
      case 'callback-queued':
        queue.push(`h${e.handle}`);
        break;
      case 'timer-due':
        queue.push(`h${e.timer}`);
        break;
      case 'pick':
        pickIndex = e.index;
        break;
      case 'step-begin':
        pop(`t${e.task}`);
        running.push(e.task);
        break;
      case 'step-end':
        if (running.pop() !== e.task) problems.push(`${at}: ends a step of ${e.task} that was not running`);
        break;
      case 'callback':
        pop(e.handle === undefined ? null : `h${e.handle}`);
        break;
      case 'timer-fired':
        pop(`h${e.timer}`);
        break;
    }
  });
  if (events[0]?.type !== 'loop-start') problems.push('the log does not open with loop-start');
  if (events[events.length - 1]?.type !== 'loop-end') problems.push('the log does not close with loop-end');
  if (running.length > 0) problems.push(`steps never ended: ${running.join(', ')}`);
  return problems;
}
