/**
 * tmux helpers for the end-to-end tests: a tmux server of our own (its own socket, no
 * config), read back with capture-pane, and waits that poll a condition until a generous
 * timeout (the machine is shared: no fixed sleep is an assertion). Not a test file.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const cli = `${root}bin/coroscope.js`;
export const TIMEOUT_MS = 30_000;

/** Skip the e2e tests without tmux or a built CLI. */
export const skip = !hasTmux() || !existsSync(`${root}dist/src/cli.js`);

function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export class TmuxServer {
  constructor(readonly socket: string) {}

  run(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }

  /** The pane's text (`join`: wrapped lines joined, -J); throws when the pane is gone. */
  capture(target: string, join = false): string {
    return this.run('capture-pane', '-p', ...(join ? ['-J'] : []), '-t', target);
  }

  /** As capture, or '(no pane)': for failure messages. */
  safeCapture(target: string, join = false): string {
    try {
      return this.capture(target, join);
    } catch {
      return '(no pane)';
    }
  }

  /** The process the pane's shell started (node), by its id: to signal it. */
  paneChild(target: string): number {
    const shell = this.run('display-message', '-p', '-t', target, '#{pane_pid}').trim();
    return Number(readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(/\s+/)[0]!);
  }

  /** `0 1` once the terminal is restored: alternate screen off, cursor shown. */
  terminalState(target: string): string {
    return this.run('display-message', '-p', '-t', target, '#{alternate_on} #{cursor_flag}').trim();
  }

  /**
   * Stop the server, and return once its process is gone: kill-server returns while the
   * server is still exiting, and a new session on the same socket then met the dying
   * server ("server exited unexpectedly": a test file's next test failed so under CI load).
   */
  kill(): void {
    let pid = NaN;
    try {
      pid = Number(this.run('list-sessions', '-F', '#{pid}').split('\n')[0]);
      this.run('kill-server');
    } catch {
      // already gone
    }
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (let i = 0; i < 250 && Number.isInteger(pid) && running(pid); i++) Atomics.wait(pause, 0, 0, 20); // at most 5 s
  }
}

/** Whether process `pid` still runs (a zombie has exited: it only waits to be reaped). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Poll `probe` (errors count as "not yet") until it gives a value; fail with `screen()` after TIMEOUT_MS. */
export async function until<T>(what: string, probe: () => T | undefined | false, screen: () => string): Promise<T> {
  const deadline = Date.now() + TIMEOUT_MS;
  let last = '';
  for (;;) {
    try {
      const value = probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = String(error);
    }
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what} ${last}\n${screen()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The dashboard's header in a capture: its rows (one, or two when the title has a row of
 * its own) joined, runs of spaces as one (the fields are padded to fixed widths).
 */
export function headerOf(screen: string): string {
  const lines = screen.split('\n');
  const end = lines.findIndex((l) => l.startsWith('┌'));
  return lines.slice(0, end < 0 ? 1 : end).join(' ').replace(/ +/g, ' ');
}
