/**
 * The keys, in one table: the dashboard binds them, the footer and the `?` overlay
 * print them (their words are in strings.ts, per language). Names are blessed's
 * `key.full` (`S-r` is R, `C-c` is Ctrl-C).
 * PageDown / PageUp are what presentation clickers send, and `b` or `.` their "black
 * screen" button: here too it blanks the screen, as a projector would (any key brings it
 * back); big text is `B`.
 */
import type { Strings } from './strings.js';

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
  | 'prev-demo'
  | 'home'
  | 'end'
  | 'language'
  | 'code-up'
  | 'code-down'
  | 'next-cue'
  | 'prev-cue'
  | 'go-to'
  | 'blank'
  | LaneAction;

/** Keys of the lanes pane: scroll, focus a lane, follow the action again. */
export type LaneAction = 'lanes-down' | 'lanes-up' | 'lanes-page-down' | 'lanes-page-up' | 'focus-next' | 'focus-prev' | 'follow';

export const LANE_ACTIONS: readonly LaneAction[] = ['lanes-down', 'lanes-up', 'lanes-page-down', 'lanes-page-up', 'focus-next', 'focus-prev', 'follow'];

export interface KeyBinding {
  keys: readonly string[];
  /** How the footer and help name the keys. */
  label: string;
  action: Action;
  /** Shown in the footer (the rest only in the help overlay). */
  footer: boolean;
}

export const KEYS: readonly KeyBinding[] = [
  { keys: ['space'], label: 'space', action: 'toggle', footer: true },
  { keys: ['s', 'right', 'pagedown'], label: 's →', action: 'step', footer: true },
  { keys: ['left', 'pageup'], label: '←', action: 'back', footer: true },
  { keys: ['+', '='], label: '+', action: 'faster', footer: true },
  { keys: ['-', '_'], label: '-', action: 'slower', footer: true },
  { keys: ['r'], label: 'r', action: 'restart', footer: true },
  { keys: ['S-r'], label: 'R', action: 'reseed', footer: true },
  { keys: ['home'], label: 'Home', action: 'home', footer: false },
  { keys: ['end'], label: 'End', action: 'end', footer: false },
  { keys: [']'], label: ']', action: 'next-cue', footer: false },
  { keys: ['['], label: '[', action: 'prev-cue', footer: false },
  { keys: ['y'], label: 'y', action: 'language', footer: false },
  { keys: ['up'], label: '↑', action: 'code-up', footer: false },
  { keys: ['down'], label: '↓', action: 'code-down', footer: false },
  { keys: ['j'], label: 'j', action: 'lanes-down', footer: false },
  { keys: ['k'], label: 'k', action: 'lanes-up', footer: false },
  { keys: ['S-j'], label: 'J', action: 'lanes-page-down', footer: false },
  { keys: ['S-k'], label: 'K', action: 'lanes-page-up', footer: false },
  { keys: ['tab'], label: 'Tab', action: 'focus-next', footer: false },
  { keys: ['S-tab'], label: '⇧Tab', action: 'focus-prev', footer: false },
  { keys: ['f'], label: 'f', action: 'follow', footer: false },
  { keys: ['g'], label: 'g', action: 'go-to', footer: false },
  { keys: ['b', '.'], label: 'b .', action: 'blank', footer: false },
  { keys: ['S-b'], label: 'B', action: 'big', footer: false },
  { keys: ['n'], label: 'n', action: 'next-demo', footer: false },
  { keys: ['p'], label: 'p', action: 'prev-demo', footer: false },
  { keys: ['?'], label: '?', action: 'help', footer: true },
  { keys: ['q', 'C-c'], label: 'q', action: 'quit', footer: true },
];

/** Keys that still act while the help overlay is open (the rest would act unseen behind it). */
export const HELP_KEYS: readonly Action[] = ['help', 'quit'];

/** The footer line: as many `key word` pairs as fit, `? help` and `q quit` always kept. */
export function footerText(width: number, words: Strings['keys']): string {
  const items = KEYS.filter((k) => k.footer).map((k) => `${words[k.action].label ?? k.label} ${words[k.action].short}`);
  const must = items.slice(-2);
  let text = items.join('  ');
  let rest = items.slice(0, -2);
  while (text.length + 2 > width && rest.length > 0) {
    rest = rest.slice(0, -1);
    text = [...rest, ...must].join('  ');
  }
  return ` ${text}`;
}
