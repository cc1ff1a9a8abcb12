/**
 * The keys, in one table: the dashboard binds them, the footer and the `?` overlay
 * print them. Names are blessed's `key.full` (`S-r` is R, `C-c` is Ctrl-C).
 * PageDown / PageUp are what presentation clickers send.
 */
export type Action =
  | 'toggle'
  | 'step'
  | 'back'
  | 'faster'
  | 'slower'
  | 'restart'
  | 'reseed'
  | 'help'
  | 'quit'
  | 'big'
  | 'next-demo'
  | 'prev-demo';

export interface KeyBinding {
  keys: readonly string[];
  /** How the footer and help name the keys. */
  label: string;
  /** Short word for the footer. */
  short: string;
  help: string;
  action: Action;
  /** Shown in the footer (the rest only in the help overlay). */
  footer: boolean;
}

export const KEYS: readonly KeyBinding[] = [
  { keys: ['space'], label: 'space', short: 'pause', help: 'pause / resume', action: 'toggle', footer: true },
  { keys: ['s', 'right', 'pagedown'], label: 's →', short: 'step', help: 'one tick forward (also PageDown)', action: 'step', footer: true },
  { keys: ['left', 'pageup'], label: '←', short: 'back', help: 'one tick back: replay, same seed (also PageUp)', action: 'back', footer: true },
  { keys: ['+', '='], label: '+', short: 'faster', help: 'faster: 0.5 … 1000 ticks/s, then max', action: 'faster', footer: true },
  { keys: ['-', '_'], label: '-', short: 'slower', help: 'slower', action: 'slower', footer: true },
  { keys: ['r'], label: 'r', short: 'restart', help: 'restart with the same seed', action: 'restart', footer: true },
  { keys: ['S-r'], label: 'R', short: 'new seed', help: 'restart with a new seed', action: 'reseed', footer: true },
  { keys: ['b'], label: 'b', short: 'big', help: 'big text output', action: 'big', footer: false },
  { keys: ['n'], label: 'n', short: 'next', help: 'next demo', action: 'next-demo', footer: false },
  { keys: ['p'], label: 'p', short: 'prev', help: 'previous demo', action: 'prev-demo', footer: false },
  { keys: ['?'], label: '?', short: 'help', help: 'this help', action: 'help', footer: true },
  { keys: ['q', 'C-c'], label: 'q', short: 'quit', help: 'quit (also Ctrl-C)', action: 'quit', footer: true },
];

/** The footer line: as many `key word` pairs as fit, `? help` and `q quit` always kept. */
export function footerText(width: number): string {
  const items = KEYS.filter((k) => k.footer).map((k) => `${k.label} ${k.short}`);
  const must = items.slice(-2);
  let text = items.join('  ');
  let rest = items.slice(0, -2);
  while (text.length + 2 > width && rest.length > 0) {
    rest = rest.slice(0, -1);
    text = [...rest, ...must].join('  ');
  }
  return ` ${text}`;
}
