/** The header: brand, title, and the run's status fields (policy, seed, speed, state, virtual time, tick). */
import { formatSpeed, type Player } from '../../player/player.js';
import type { Strings } from '../strings.js';
import { fit, type Painter } from '../paint.js';
import { cellText } from '../terminal.js';
import type { FrameContext } from './frame.js';

/**
 * How much of the status a width gets, most first: the words before the figures go, then
 * padding, then the policy's name is cut, then it goes. The virtual time and the tick are
 * always kept (the timers' demos are about the time). Which one applies depends on the
 * width and on nothing that changes during a run, so the status never jumps between them.
 */
interface StatusFit {
  policyWord: boolean;
  speedWord: boolean;
  seedPad: number;
  tickPad: number;
  policy: 'whole' | 'cut' | 'none';
}

const FITS: readonly StatusFit[] = [
  { policyWord: true, speedWord: true, seedPad: 6, tickPad: 6, policy: 'whole' },
  { policyWord: false, speedWord: true, seedPad: 6, tickPad: 6, policy: 'whole' },
  { policyWord: false, speedWord: false, seedPad: 6, tickPad: 6, policy: 'whole' },
  { policyWord: false, speedWord: false, seedPad: 4, tickPad: 5, policy: 'whole' },
  { policyWord: false, speedWord: false, seedPad: 4, tickPad: 5, policy: 'cut' },
  { policyWord: false, speedWord: false, seedPad: 4, tickPad: 5, policy: 'none' },
];

/** A policy name cut to fit keeps at least this many cells (… included), else it goes. */
const POLICY_MIN = 8;

/**
 * The status fields for a fit, each padded to a width that does not change while the run
 * goes on (tick, time, speed and state change every frame: a field that grew would shift
 * everything left of it, and the header would jitter). The tick comes last, padded for
 * the `/ 25` that comes once the run's end is known, so that its arrival moves nothing.
 */
function statusFields(player: Player, s: Strings, fit: StatusFit, policyRoom = Infinity): string[] {
  const view = player.view;
  const stateWidth = Math.max(...Object.values(s.header.state).map((w) => w.length));
  const fields: string[] = [];
  if (fit.policy !== 'none') {
    const policy = `${fit.policyWord ? `${s.header.policy} ` : ''}${view.policy}`;
    fields.push(policy.length <= policyRoom ? policy : `${policy.slice(0, Math.max(1, policyRoom - 1))}…`);
  }
  fields.push(
    `${s.header.seed} ${String(player.seed).padStart(fit.seedPad)}`,
    `${fit.speedWord ? `${s.header.speed} ` : ''}${formatSpeed(player.speed).padStart(6)}`,
    s.header.state[player.state].padEnd(stateWidth),
    `t ${(formatTime(view.time) + 's').padStart(7)}`,
    // Once the run's end is known: `tick 12 / 25`, the progress a speaker paces a talk by.
    `${s.header.tick} ${String(player.tick).padStart(fit.tickPad)}${player.endTick === null ? '' : ` / ${player.endTick}`}`.padEnd(s.header.tick.length + 4 + 2 * fit.tickPad),
  );
  return fields;
}

/** Which of the status fields is the run's state (painted in its own colour), counted from the end. */
const STATE_FROM_END = 3;

function statusWidth(fields: string[]): number {
  return fields.reduce((n, f) => n + f.length + 3, 0) - 1;
}

/** The status fields that fit `width`: the first fit that does (the last one else). */
export function headerStatus(width: number, player: Player, s: Strings): string[] {
  for (const fit of FITS) {
    if (fit.policy === 'cut') {
      const rest = statusWidth(statusFields(player, s, { ...fit, policy: 'none' }));
      const room = width - rest - 3;
      if (room >= POLICY_MIN) return statusFields(player, s, fit, room);
      continue;
    }
    const fields = statusFields(player, s, fit);
    if (statusWidth(fields) <= width) return fields;
  }
  return statusFields(player, s, FITS[FITS.length - 1]!);
}

const BRAND = ' coroscope │';

/** Header rows for a width: 2 when the title does not fit beside the status. */
export function headerRows(width: number, title: string, player: Player, s: Strings): number {
  return 2 + title.length + statusWidth(headerStatus(width, player, s)) > width ? 2 : 1;
}

export function paintHeader(p: Painter, ctx: FrameContext): void {
  const { attrs, player, s } = ctx;
  for (let row = 0; row < p.height; row++) p.fill(row, 0, p.width, ' ', attrs.header);
  const fields = headerStatus(p.width, player, s);
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
    x = p.text(row, x, ` ${field} `, i === fields.length - STATE_FROM_END ? attrs.state[player.state] : attrs.header);
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
