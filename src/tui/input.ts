/**
 * Keys → actions: binds the key table (keys.ts) on the screen, and carries out an action
 * on the dashboard's controls. The dashboard owns the state; this module owns what a key
 * does to it.
 *
 * Invariants:
 * - Every key handler runs inside `controls.guard` (a crash in one closes the dashboard
 *   with exit code 1) and goes through `controls.act`, read at the time of the press.
 * - With the help open only HELP_KEYS act: nothing changes unseen behind it. Esc closes
 *   the help, else cancels a re-run from tick 0.
 */
import type { Widgets } from 'blessed';
import type { Player } from '../player/player.js';
import { HELP_KEYS, KEYS, LANE_ACTIONS, type Action, type LaneAction } from './keys.js';
import type { Strings } from './strings.js';

/** What the keys act on: the player, and the dashboard's own UI state. */
export interface Controls {
  readonly player: Player;
  readonly s: Strings;
  helpOpen(): boolean;
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

/** Rows ↑ / ↓ scroll the code pane by. */
const CODE_SCROLL_ROWS = 3;

export function bindKeys(screen: Widgets.Screen, controls: Controls): void {
  for (const binding of KEYS) {
    screen.key(binding.keys as string[], () => controls.guard(() => (!controls.helpOpen() || HELP_KEYS.includes(binding.action)) && controls.act(binding.action)));
  }
  screen.key(['escape'], () =>
    controls.guard(() => {
      if (controls.helpOpen()) controls.act('help');
      else controls.player.cancelRerun();
    }),
  );
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
