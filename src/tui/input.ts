/**
 * Keys → actions: reads the screen's key presses, and carries out an action on the
 * dashboard's controls. The dashboard owns the state; this module owns what a key does
 * to it, in each of the input's modes.
 *
 * Invariants:
 * - One listener reads every key press, inside `controls.guard` (a crash in a handler
 *   closes the dashboard with exit code 1); a bound key goes through `controls.act`, read
 *   at the time of the press.
 * - The modes, first match wins: blanked (`b` / `.`): any key brings the screen back and
 *   does nothing else, Ctrl-C still quits; the `g` prompt: keys edit it, Enter goes,
 *   Esc cancels, Ctrl-C quits, nothing else acts; the help open: only HELP_KEYS act (nothing
 *   changes unseen behind it) and Esc closes it; else the key table, Esc cancelling a
 *   re-run from tick 0.
 * - What the prompt is given is checked before the player sees it: a tick number of at
 *   most PROMPT_DIGITS digits, else a one-line note in the footer.
 */
import type { Widgets } from 'blessed';
import type { Player } from '../player/player.js';
import { HELP_KEYS, KEYS, LANE_ACTIONS, type Action, type KeyBinding, type LaneAction } from './keys.js';
import type { Strings } from './strings.js';

/** What the keys act on: the player, and the dashboard's own UI state. */
export interface Controls {
  readonly player: Player;
  readonly s: Strings;
  helpOpen(): boolean;
  /** The `g` prompt's text so far, or null when it is closed. */
  prompt(): string | null;
  setPrompt(text: string | null): void;
  blanked(): boolean;
  setBlank(on: boolean): void;
  guard(fn: () => void): void;
  act(action: Action): void;
  toggleHelp(): void;
  toggleBigText(): void;
  switchDemo(delta: 1 | -1): void;
  switchLanguage(): void;
  scrollCode(rows: number): void;
  /** Scroll the lanes, focus one, or follow the action again. */
  lanes(action: LaneAction): void;
  showFlash(text: string): void;
  close(code: number): void;
}

/** A key press as blessed reports it (`full` is its name with modifiers: `S-r`, `C-c`). */
export interface KeyPress {
  full?: string;
  name?: string;
}

/** Rows ↑ / ↓ scroll the code pane by. */
const CODE_SCROLL_ROWS = 3;
/** Digits a tick number may have in the `g` prompt (more is a typo, not a tick). */
export const PROMPT_DIGITS = 9;
/** Characters the prompt holds (what was typed shows as typed, up to this). */
const PROMPT_MAX = 16;

const BY_KEY = new Map<string, KeyBinding>(KEYS.flatMap((binding) => binding.keys.map((key) => [key, binding] as const)));

export function bindKeys(screen: Widgets.Screen, controls: Controls): void {
  screen.on('keypress', (ch: string | undefined, key: KeyPress | undefined) => controls.guard(() => onKey(controls, ch, key)));
  // Ctrl-C quits in every mode. As a key event, read after every keypress listener: the
  // shell's notes that it was Ctrl-C (exit code 130) before the dashboard closes.
  screen.key(['C-c'], () => controls.guard(() => controls.act('quit')));
}

/** One key press, in whatever mode the input is in (see the invariants). */
export function onKey(controls: Controls, ch: string | undefined, key: KeyPress | undefined): void {
  const full = key?.full ?? ch;
  if (full === undefined || full === 'C-c') return; // Ctrl-C: see bindKeys
  if (controls.blanked()) {
    controls.setBlank(false);
    return;
  }
  const prompt = controls.prompt();
  if (prompt !== null) return editPrompt(controls, prompt, ch, full);
  if (full === 'escape') {
    if (controls.helpOpen()) controls.act('help');
    else controls.player.cancelRerun();
    return;
  }
  const binding = BY_KEY.get(full);
  if (binding === undefined) return;
  if (controls.helpOpen() && !HELP_KEYS.includes(binding.action)) return;
  controls.act(binding.action);
}

/** A key while the `g` prompt is open. */
function editPrompt(controls: Controls, text: string, ch: string | undefined, full: string): void {
  switch (full) {
    case 'escape':
      controls.setPrompt(null);
      return;
    case 'backspace':
      controls.setPrompt(text.slice(0, -1));
      return;
    case 'enter':
    case 'linefeed':
      return submitPrompt(controls, text.trim());
  }
  // What is typed shows as typed (a letter too: it is said to be no tick at Enter).
  if (ch !== undefined && ch.length === 1 && ch >= ' ' && ch !== '\x7f' && text.length < PROMPT_MAX) controls.setPrompt(text + ch);
}

function submitPrompt(controls: Controls, typed: string): void {
  controls.setPrompt(null);
  if (typed === '') return;
  if (!new RegExp(`^\\d{1,${PROMPT_DIGITS}}$`).test(typed)) {
    controls.showFlash(controls.s.badTick(typed));
    return;
  }
  controls.player.goTo(Number(typed));
}

/** Do what the key bound to `action` does. */
export function perform(controls: Controls, action: Action): void {
  const player = controls.player;
  if ((LANE_ACTIONS as readonly Action[]).includes(action)) return controls.lanes(action as LaneAction);
  switch (action) {
    case 'toggle':
      player.togglePause();
      break;
    case 'step':
      player.stepForward();
      break;
    case 'back':
      player.stepBack();
      break;
    case 'faster':
      player.faster();
      break;
    case 'slower':
      player.slower();
      break;
    case 'restart':
    case 'reseed': {
      const wasPaused = player.paused;
      player.restart(action === 'reseed' ? 1 + Math.floor(Math.random() * 999_999) : player.seed);
      // Paused, a restart only sets the tick back: say it happened.
      if (wasPaused) controls.showFlash(controls.s.restarted(player.seed));
      break;
    }
    case 'help':
      controls.toggleHelp();
      break;
    case 'big':
      controls.toggleBigText();
      break;
    case 'blank':
      controls.setBlank(true);
      break;
    case 'go-to':
      controls.setPrompt('');
      break;
    case 'next-demo':
    case 'prev-demo':
      controls.switchDemo(action === 'next-demo' ? 1 : -1);
      break;
    case 'home':
      player.home();
      break;
    case 'language':
      controls.switchLanguage();
      break;
    case 'next-cue':
      player.nextCue();
      break;
    case 'prev-cue':
      player.previousCue();
      break;
    case 'code-up':
    case 'code-down':
      controls.scrollCode(action === 'code-up' ? -CODE_SCROLL_ROWS : CODE_SCROLL_ROWS);
      break;
    case 'end':
      player.end();
      break;
    case 'quit':
      controls.close(0);
      break;
  }
}
