/**
 * The terminal: every blessed quirk we measured is handled
 * here, once. Nothing else in coroscope calls blessed.screen().
 */
import childProcess from 'node:child_process';
import blessed, { BUNDLED_TERMINFO } from './blessed.js';
import type { Widgets } from 'blessed';
import { safeLine } from '../safe-text.js';

/**
 * blessed maps `#rrggbb` to the nearest palette colour through a cache, and at load time
 * it fills that cache while matching the 256 palette colours against the first 8 only:
 * every exact palette colour (#5fafff…) would come out as one of 8. Empty the cache once.
 */
(blessed as any).colors._cache = {};

/**
 * blessed compiles every terminfo capability of the terminal (~450 for xterm-256color) into
 * a JavaScript function each time a screen is made: about a third of the time to the
 * first frame, for the few dozen it ever uses. Compile each on its first use instead (the
 * same code, once); one that does not compile then writes nothing, as blessed's own
 * fallback for a broken capability would.
 */
const Tput = (blessed as any).Tput;
const compileCapability = Tput.prototype._compile as (this: unknown, info: unknown, key: string, str: unknown) => unknown;
Tput.prototype._compile = function (this: { options: { stringify?: boolean } }, info: unknown, key: string, str: unknown) {
  if (typeof str !== 'string' || str === '' || key === 'init_file' || key === 'reset_file' || this.options.stringify) return compileCapability.call(this, info, key, str);
  const tput = this;
  let compiled: ((...args: unknown[]) => unknown) | null = null;
  return function (this: unknown, ...args: unknown[]) {
    if (compiled === null) {
      try {
        compiled = compileCapability.call(tput, info, key, str) as (...args: unknown[]) => unknown;
      } catch {
        compiled = () => '';
      }
    }
    return compiled.apply(this, args);
  };
};

/**
 * blessed is always told xterm-256color (createScreen). Its parser cannot read ncurses 6's
 * compiled descriptions (the extended number format): it throws, then falls back to its
 * own copy of xterm-256color, at every launch. Read that copy directly: the same
 * description where the system's fails to parse, the same one on every machine, and no
 * failed parse (with its assertion error) before the first frame.
 */
const readTerminfo = Tput.prototype.readTerminfo as (this: { terminal: string }, term?: string) => unknown;
Tput.prototype.readTerminfo = function (this: { terminal: string }, term?: string) {
  return readTerminfo.call(this, (term ?? this.terminal) === 'xterm-256color' ? BUNDLED_TERMINFO : term);
};

/** A colour name or #rrggbb as a palette index (0x1ff is the terminal's default). */
export function colorIndex(color: string): number {
  return (blessed as any).colors.convert(color);
}

export interface TerminalOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  title?: string;
  /** Where NO_COLOR, TERM and COLORTERM are read (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/**
 * The colours the terminal is asked for, from the environment: 'none' under NO_COLOR
 * (no-color.org: present and not empty), 8 for terminals known to have no 256-colour
 * palette (the Linux console, plain screen, vt100…), else 256. blessed itself is always
 * told xterm-256color (its terminfo parser is what fails): the reduction happens here.
 */
export function colorSupport(env: NodeJS.ProcessEnv = process.env): 'none' | 8 | 256 {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 'none';
  const term = env.TERM ?? '';
  if (/256|truecolor|direct/.test(term) || /^(truecolor|24bit)$/i.test(env.COLORTERM ?? '')) return 256;
  if (/^(linux|screen|screen\.linux|ansi|vt\d+|cons25|cygwin|xterm-color|xterm-16color|rxvt|dumb)$/.test(term)) return 8;
  return 256;
}

/** A terminal that cannot place the cursor: no dashboard there (the headless outputs work). */
export function isDumbTerminal(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TERM === 'dumb';
}

/**
 * An SGR sequence without its colour parameters (NO_COLOR): bold, underline and inverse
 * stay; `ESC[38;5;n m`, `ESC[4Xm`… go. A sequence left with nothing is dropped, a reset kept.
 */
export function stripColors(text: string): string {
  return text.replace(/\x1b\[([\d;]*)m/g, (all, params: string) => {
    if (params === '' || params === '0') return all;
    const kept: string[] = [];
    const p = params.split(';');
    for (let i = 0; i < p.length; i++) {
      const n = Number(p[i]);
      if (n === 38 || n === 48) i += p[i + 1] === '5' ? 2 : p[i + 1] === '2' ? 4 : 0;
      else if (!((n >= 30 && n <= 49) || (n >= 90 && n <= 107))) kept.push(p[i]!);
    }
    return kept.length === 0 ? '' : `\x1b[${kept.join(';')}m`;
  });
}

/**
 * Inside tmux, blessed's Program asks `tmux -V` through a synchronous child process as the
 * screen is made: ~40 ms before the first frame, on the stages that use tmux most. tmux
 * (≥ 3.2) says its version in TERM_PROGRAM_VERSION: blessed is answered from it, and asks
 * tmux itself only when that is missing.
 */
function answeringTmuxVersion<T>(make: () => T): T {
  const version = process.env.TMUX && process.env.TERM_PROGRAM === 'tmux' ? process.env.TERM_PROGRAM_VERSION : undefined;
  if (version === undefined || !/^\d/.test(version)) return make();
  const spawnSync = childProcess.execFileSync;
  childProcess.execFileSync = ((file: string, args?: readonly string[], ...rest: unknown[]) =>
    file === 'tmux' && args?.length === 1 && args[0] === '-V' ? `tmux ${version}\n` : (spawnSync as (...a: unknown[]) => unknown)(file, args, ...rest)) as typeof spawnSync;
  try {
    return make();
  } finally {
    childProcess.execFileSync = spawnSync;
  }
}

export function createScreen(options: TerminalOptions = {}): Widgets.Screen {
  // Before the screen exists, or borders come out as ACS `lqqk` instead of `┌─┐`.
  process.env.NCURSES_NO_UTF8_ACS = '1';
  const screen = answeringTmuxVersion(() => blessed.screen({
    input: options.input as any,
    output: options.output as any,
    // blessed's terminfo parser fails on this ncurses and falls back to 8 colours in tmux.
    terminal: 'xterm-256color',
    fullUnicode: true,
    smartCSR: true,
    autoPadding: false,
    warnings: false,
    title: safeLine(options.title ?? 'coroscope'),
    // We restore the terminal ourselves, in order, on every way out.
    handleUncaughtExceptions: false,
  } as Widgets.IScreenOptions));
  // blessed installs its own uncaughtException handler whatever the option says: it prints
  // the raw stack and exits. Errors are ours to report (one line, after the terminal is
  // restored): take it off. (It would also run during the very emit that closes us.)
  const Screen = (blessed as any).widget.Screen;
  if (Screen._exceptionHandler) process.removeListener('uncaughtException', Screen._exceptionHandler);
  const program = (screen as any).program;
  // Every later title (another demo's name) goes through the sanitiser too: a title is an OSC sequence.
  const setTitle = program.setTitle;
  program.setTitle = function (this: unknown, title: string) {
    return setTitle.call(this, safeLine(String(title)));
  };
  const colors = colorSupport(options.env);
  if (colors === 8) (screen as any).tput.colors = 8; // blessed reduces each colour to the 8 (bright: 16) basic ones
  if (colors === 'none') {
    const write = program._owrite;
    program._owrite = program.write = function (this: unknown, text: string) {
      return write.call(this, typeof text === 'string' ? stripColors(text) : text);
    };
  }
  return screen;
}

/**
 * Leave the terminal as we found it: screen destroyed (alternate screen left, cursor
 * shown, raw mode off). Safe to call twice, and on a half-built screen.
 */
export function restoreTerminal(screen: Widgets.Screen | null): void {
  if (screen === null) return;
  try {
    if (!(screen as any).destroyed) screen.destroy();
  } catch {
    // The terminal may already be gone (SIGHUP); nothing left to restore.
  }
  const input = (screen as any).program?.input;
  try {
    if (input?.isTTY && typeof input.setRawMode === 'function') input.setRawMode(false);
    input?.pause?.();
  } catch {
    // as above
  }
}

/**
 * Text for direct cell painting, one UTF-16 unit per cell: made safe (safe-text.ts: no
 * control reaches the terminal), a tab as two spaces. A double-width character (日本) is
 * kept and followed by a blank cell, which blessed's draw skips as the character's right
 * half; characters outside the BMP (two units) and zero-width ones become `?`.
 */
export function cellText(text: string): string {
  let out = '';
  for (const ch of safeLine(text.replace(/\t/g, '  '))) {
    const code = ch.codePointAt(0)!;
    if (code < 0x300) out += ch;
    else {
      const width = (blessed as any).unicode.charWidth(ch) as number;
      if (ch.length > 1 || width === 0) out += '?'.repeat(Math.max(1, width));
      else out += width === 2 ? `${ch} ` : ch;
    }
  }
  return out;
}
