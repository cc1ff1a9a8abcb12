/**
 * The terminal: every blessed quirk measured on this machine (DESIGN.md §7) is handled
 * here, once. Nothing else in coroscope calls blessed.screen().
 */
import blessed from 'blessed';
import type { Widgets } from 'blessed';

/**
 * blessed maps `#rrggbb` to the nearest palette colour through a cache, and at load time
 * it fills that cache while matching the 256 palette colours against the first 8 only:
 * every exact palette colour (#5fafff…) would come out as one of 8. Empty the cache once.
 */
(blessed as any).colors._cache = {};

/** A colour name or #rrggbb as a palette index (0x1ff is the terminal's default). */
export function colorIndex(color: string): number {
  return (blessed as any).colors.convert(color);
}

export interface TerminalOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  title?: string;
}

export function createScreen(options: TerminalOptions = {}): Widgets.Screen {
  // Before the screen exists, or borders come out as ACS `lqqk` instead of `┌─┐`.
  process.env.NCURSES_NO_UTF8_ACS = '1';
  const screen = blessed.screen({
    input: options.input as any,
    output: options.output as any,
    // blessed's terminfo parser fails on this ncurses and falls back to 8 colours in tmux.
    terminal: 'xterm-256color',
    fullUnicode: true,
    smartCSR: true,
    autoPadding: false,
    warnings: false,
    title: options.title ?? 'coroscope',
    // We restore the terminal ourselves, in order, on every way out.
    handleUncaughtExceptions: false,
  } as Widgets.IScreenOptions);
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
 * Single-width text for direct cell painting: control characters become spaces and
 * double-width characters `?`, so a line never spills past its pane.
 */
export function cellText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) out += code === 9 ? '  ' : ' ';
    else if (code < 0x300) out += ch;
    else out += (blessed as any).unicode.charWidth(ch) === 1 ? ch : '?';
  }
  return out;
}
