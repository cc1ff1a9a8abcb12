/** The ready pane: how the run ended, the policy's draw, the ready queue, parked tasks and timers. */
import type { TaskId } from '../../core/events.js';
import type { Player } from '../../player/player.js';
import type { Strings } from '../strings.js';
import { fit, type Painter } from '../paint.js';
import { cellText } from '../terminal.js';
import { wrap, type FrameContext } from './frame.js';
import { formatTime } from './header.js';
import type { ReadyView } from '../../player/loop-state.js';

export interface ReadyLine {
  text: string;
  index: number | null;
  kind: 'head' | 'item' | 'note' | 'error';
  /** The item the policy's draw chose (shown highlighted, marked ◀). */
  picked?: boolean;
}

/** Timers the pane lists at most (their count is in the heading). */
const TIMERS_SHOWN = 4;

/**
 * The ready pane's lines, the first `limit` of them, and how many there are in all. A
 * frame reads only what it shows: the ready queue by index, the parked tasks and timers
 * in one pass each without copies or sorting, so a ready queue of 100k items costs a
 * frame what one of 10 does.
 */
export function readyLines(player: Player, s: Strings, limit = Infinity): { lines: ReadyLine[]; total: number } {
  const view = player.view;
  const out: ReadyLine[] = [];
  let total = 0;
  const push = (line: ReadyLine) => {
    if (total++ < limit) out.push(line);
  };
  const laneIndex = (task: TaskId | null) => (task === null ? 0 : view.byTask.get(task)?.index ?? 0);
  if (view.end !== null) {
    const e = view.end;
    const how = e.outcome === 'returned' ? `${s.returned} ${e.value ?? ''}` : e.outcome === 'threw' ? `${s.threw} ${e.error ?? ''}` : e.outcome;
    push({ text: `${s.runOver}: ${how}`, index: null, kind: e.outcome === 'threw' ? 'error' : 'head' });
  }
  const itemName = (item: ReadyView) => {
    const lane = item.task === null ? undefined : view.byTask.get(item.task);
    return item.task === null ? `⚙ ${item.label}` : lane === undefined ? item.label : item.label.replace(lane.name, view.label(lane));
  };
  const sched = view.sched;
  const pick = view.pick;
  const drawn = sched?.lastPick() ?? null;
  if (pick !== null && pick.tick === view.tick && pick.draw !== null) {
    // A policy's draw this tick: the queue as the draw saw it (before it took its pick),
    // the chosen item highlighted; the pick said as a place among the candidates.
    const lane = pick.task === null ? undefined : view.byTask.get(pick.task);
    const who = lane === undefined ? pick.label : view.label(lane);
    push({ text: s.drew(who, pick.draw.toFixed(3), pick.index + 1, pick.candidates), index: laneIndex(pick.task), kind: 'note' });
  }
  if (sched === null) return { lines: out, total };
  if (pick !== null && pick.tick === view.tick && pick.draw !== null && drawn !== null && drawn.tick === view.tick) {
    // (The queue after the step is the next draw's to show.) The snapshot holds the first
    // PICK_SNAPSHOT candidates; the rest are counted.
    const shown = Math.min(drawn.queue.length, Math.max(0, limit - out.length));
    for (let i = 0; i < shown; i++) {
      const item = drawn.queue[i]!;
      push({ text: `${i + 1}. ${itemName(item)}${i === drawn.index ? ' ◀' : ''}`, index: laneIndex(item.task), kind: 'item', picked: i === drawn.index });
    }
    total += drawn.candidates - shown;
  } else {
    // Read in place, by index: a queue of 100k items costs a frame what one of 10 does.
    const readyCount = sched.readyCount;
    push({ text: readyCount === 0 ? s.readyEmpty : s.readyHead(readyCount), index: null, kind: 'head' });
    const readyShown = Math.min(readyCount, Math.max(0, limit - out.length));
    for (let i = 0; i < readyShown; i++) {
      const item = sched.readyAt(i)!;
      push({ text: `${i + 1}. ${itemName(item)}`, index: laneIndex(item.task), kind: 'item' });
    }
    total += readyCount - readyShown;
  }
  // Parked tasks: listed while there is room, counted in all.
  const parkedCount = sched.parkedCount;
  if (parkedCount > 0) {
    push({ text: s.parkedHead(parkedCount), index: null, kind: 'head' });
    let listed = 0;
    for (const parked of sched.parked()) {
      if (out.length >= limit) break;
      const lane = view.byTask.get(parked.task);
      push({ text: `${lane === undefined ? `Task-${parked.task}` : view.label(lane)} ─ ${parked.label}`, index: laneIndex(parked.task), kind: 'item' });
      listed++;
    }
    total += parkedCount - listed;
  }
  // Timers: the earliest few and the count.
  const timerCount = sched.timerCount;
  if (timerCount > 0) {
    push({ text: s.timersHead(timerCount), index: null, kind: 'head' });
    for (const timer of sched.earliestTimers(TIMERS_SHOWN)) push({ text: `@${formatTime(timer.deadline)} ${timer.label}`, index: 0, kind: 'item' });
    total += Math.max(0, timerCount - TIMERS_SHOWN);
  }
  return { lines: out, total };
}

export function paintReady(p: Painter, ctx: FrameContext): void {
  const { attrs, s } = ctx;
  // Every line takes a row at least: read no more lines than the pane has rows.
  const { lines, total } = readyLines(ctx.player, s, p.height);
  // Long lines wrap (a run's result, a long label), continued two cells in.
  const rows: { text: string; indent: number; attr: number; line: number }[] = [];
  for (let i = 0; i < lines.length && rows.length <= p.height; i++) {
    const line = lines[i]!;
    const a = line.picked
      ? attrs.laneFocus(line.index ?? 0)
      : line.kind === 'error'
        ? attrs.error
        : line.kind === 'head'
          ? attrs.accent
          : line.index === null
            ? attrs.text
            : attrs.laneAttr(line.index, line.kind === 'item');
    let indent = line.kind === 'item' ? 1 : 0;
    for (const piece of wrap(cellText(line.text), p.width - indent, p.width - indent - 2)) {
      rows.push({ text: piece, indent, attr: a, line: i });
      indent = line.kind === 'item' ? 3 : 2;
    }
  }
  const overflow = rows.length > p.height || total > lines.length;
  const shown = overflow ? p.height - 1 : p.height;
  for (let row = 0; row < shown && row < rows.length; row++) {
    const r = rows[row]!;
    p.text(row, r.indent, r.text, r.attr);
  }
  // What did not fit, counted in this pane's lines (a line cut short counts as not shown).
  if (overflow) {
    const whole = shown < rows.length ? rows[shown]!.line : lines.length;
    p.text(p.height - 1, 0, fit(s.moreLines(total - whole), p.width), attrs.dim);
  }
}

/** Cut `text` into lines of `first` then `rest` cells, at a space or after a comma when one is near. */
