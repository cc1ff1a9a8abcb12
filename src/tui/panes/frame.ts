/**
 * What every pane is painted from: the frame context (the player's view state and the
 * dashboard's UI state — never the engine), cell attributes per theme, and text wrapping.
 * One file per pane beside this one, each a pure function of the context.
 */
import type { Lang } from '../../demo.js';
import type { Player } from '../../player/player.js';
import type { Strings } from '../strings.js';
import { attr, BOLD, INVERSE, laneColor, type Theme } from '../theme.js';
import type { LaneUi } from './lanes.js';
import type { StatsRow } from './stats.js';

export interface FrameContext {
  player: Player;
  theme: Theme;
  attrs: Attrs;
  title: string;
  lang: Lang;
  sourceFile: string;
  bigText: boolean;
  /** statsRows for this frame, computed once by the dashboard. */
  stats: StatsRow[];
  /** Lanes with a step in all (`stats` holds the first of them). */
  statsTotal: number;
  /** The lanes pane's focus and scrolling (keys j k J K Tab f). */
  lanes: LaneUi;
  /** Rows to leave free at the bottom of the stats pane (the shares gauge draws there). */
  statsRowsFree: number;
  /** Every word shown, in the chosen language. */
  s: Strings;
  /** Rows the speaker scrolled the code pane by (↑ / ↓), from where it follows the marks. */
  codeScroll: number;
  /** A short note the footer shows for a moment (a restart while paused), or null. */
  flash: string | null;
  /** The `g` prompt's text while it is open (the footer shows it), else null. */
  prompt: string | null;
}

/** Cell attributes precomputed per theme (blessed's colour conversion is not free). */
export class Attrs {
  readonly text: number;
  readonly bold: number;
  readonly dim: number;
  readonly accent: number;
  readonly header: number;
  readonly footer: number;
  readonly error: number;
  readonly lane: number[] = [];
  readonly laneBold: number[] = [];
  private readonly focus: number[] = [];
  readonly state: Record<'running' | 'paused' | 'done', number>;

  constructor(readonly theme: Theme) {
    const bg = theme.bg;
    this.text = attr(theme.fg, bg);
    this.bold = attr(theme.fg, bg, BOLD);
    this.dim = attr(theme.dim, bg);
    this.accent = attr(theme.accent, bg, BOLD);
    this.header = attr(theme.accent, bg, BOLD | INVERSE);
    this.footer = attr(theme.fg, bg, INVERSE);
    this.error = attr(theme.error, bg, BOLD);
    this.state = {
      running: attr(theme.running, bg, BOLD | INVERSE),
      paused: attr(theme.paused, bg, BOLD | INVERSE),
      done: attr(theme.done, bg, BOLD | INVERSE),
    };
  }

  /** A lane's colour, bold, in reverse video: a focused lane's name, the item a draw picked. */
  laneFocus(index: number): number {
    return (this.focus[index] ??= attr(laneColor(this.theme, index), this.theme.bg, BOLD | INVERSE));
  }

  /** Colour of lane `index` (0 = loop). */
  laneAttr(index: number, bold = false): number {
    const cache = bold ? this.laneBold : this.lane;
    let a = cache[index];
    if (a === undefined) {
      a = attr(laneColor(this.theme, index), this.theme.bg, bold ? BOLD : 0);
      cache[index] = a;
    }
    return a;
  }
}

export function wrap(text: string, first: number, rest: number): string[] {
  const out: string[] = [];
  let room = Math.max(1, first);
  while (text.length > room) {
    let cut = Math.max(text.lastIndexOf(' ', room), text.lastIndexOf(',', room - 1) + 1);
    if (cut < room / 2) cut = room;
    out.push(text.slice(0, cut).trimEnd());
    text = text.slice(cut).trimStart();
    room = Math.max(1, rest);
  }
  if (text.length > 0 || out.length === 0) out.push(text);
  return out;
}
