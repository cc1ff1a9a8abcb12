/** The header: brand, title, and the run's status fields (policy, seed, speed, state, tick, virtual time). */
import { formatSpeed, type Player } from '../../player/player.js';
import type { Strings } from '../strings.js';
import { fit, type Painter } from '../paint.js';
import { cellText } from '../terminal.js';
import type { FrameContext } from './frame.js';

/**
 * The status fields, each padded to a width that does not change while the run goes on
 * (tick, time, speed and state change every frame: a field that grew would shift
 * everything left of it, and the header would jitter).
 */
export function headerStatus(player: Player, s: Strings, compact = false): string[] {
  const view = player.view;
  const stateWidth = Math.max(...Object.values(s.header.state).map((w) => w.length));
  // Compact (a terminal too narrow for the whole line): the figures without the words
  // before them, seed and tick kept, and no virtual time.
  const word = (w: string) => (compact ? '' : `${w} `);
  const fields = [
    `${word(s.header.policy)}${view.policy}`,
    `${s.header.seed} ${String(player.seed).padStart(compact ? 4 : 6)}`,
    `${word(s.header.speed)}${formatSpeed(player.speed).padStart(6)}`,
    s.header.state[player.state].padEnd(stateWidth),
    // Once the run's end is known: `tick 12 / 25`, the progress a speaker paces a talk by.
    `${s.header.tick} ${String(player.tick).padStart(6)}${player.endTick === null ? '' : ` / ${player.endTick}`}`,
  ];
  if (!compact) fields.push(`t ${(formatTime(view.time) + 's').padStart(7)}`);
  return fields;
}

/** Which of headerStatus's fields is the run's state (painted in its own colour). */
const STATE_FIELD = 3;

function statusWidth(fields: string[]): number {
  return fields.reduce((n, f) => n + f.length + 3, 0) - 1;
}

/** The status fields that fit `width`: all of them, else the compact set. */
function statusFor(width: number, player: Player, s: Strings): string[] {
  const full = headerStatus(player, s);
  return statusWidth(full) <= width ? full : headerStatus(player, s, true);
}

const BRAND = ' coroscope │';

/** Header rows for a width: 2 when the title does not fit beside the status. */
export function headerRows(width: number, title: string, player: Player, s: Strings): number {
  return 2 + title.length + statusWidth(statusFor(width, player, s)) > width ? 2 : 1;
}

export function paintHeader(p: Painter, ctx: FrameContext): void {
  const { attrs, player, s } = ctx;
  for (let row = 0; row < p.height; row++) p.fill(row, 0, p.width, ' ', attrs.header);
  const fields = statusFor(p.width, player, s);
  const width = statusWidth(fields);
  // The title on its own row when it does not fit beside the status, which is right-aligned on the last row.
  const titleRoom = p.height > 1 ? p.width : p.width - width;
  // What the room must know now (the demo does not answer, a re-run, a failure) takes the title's place.
  const alert = headerAlert(player, s);
  const title = alert ?? ctx.title;
  const brand = titleRoom - title.length - 2 >= BRAND.length ? BRAND : '';
  const col = p.text(0, 0, brand, attrs.header);
  p.text(0, col, ' ' + fit(title, Math.max(0, titleRoom - col - 2), false), alert === null ? attrs.header : attrs.state.paused);
  const row = p.height - 1;
  let x = Math.max(0, p.width - width);
  fields.forEach((field, i) => {
    if (i > 0) x = p.text(row, x, '│', attrs.header);
    x = p.text(row, x, ` ${field} `, i === STATE_FIELD ? attrs.state[player.state] : attrs.header);
  });
}

/** The source's trouble, one line, or null when all is well. */
export function headerAlert(player: Player, s: Strings): string | null {
  const rerun = player.rerun;
  if (rerun !== null) return s.rerunning(rerun.tick, rerun.target);
  const source = player.source;
  if (source.failure !== null) return `${s.sourceFailed}: ${cellText(source.failure)}`;
  if (player.stalled) {
    const lane = source.lastTask === null ? undefined : player.view.byTask.get(source.lastTask);
    return s.notAnswering(lane === undefined ? null : player.view.label(lane));
  }
  return null;
}

export function formatTime(seconds: number): string {
  return seconds.toFixed(3);
}
