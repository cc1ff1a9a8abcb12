/** The lanes: one row per task (and the loop), a cell per tick, the task's state and steps. */
import { CELL, cellGlyph, type Lane, type View } from '../../player/view.js';
import type { Strings } from '../strings.js';
import { fit, type Painter } from '../paint.js';
import type { FrameContext } from './frame.js';

const STEPS_WIDTH = 6;

/** The lanes to show in `rows` rows: the loop, then tasks; finished ones give way first. */
export function visibleLanes(view: View, rows: number): { lanes: Lane[]; hidden: number } {
  const all = [view.loopLane, ...view.lanes];
  if (all.length <= rows) return { lanes: all, hidden: 0 };
  const slots = rows - 1; // the last row says how many are hidden
  const keep = new Set<Lane>([view.loopLane]);
  for (const lane of view.lanes) if (keep.size < slots && !lane.finished) keep.add(lane);
  for (let i = view.lanes.length - 1; i >= 0 && keep.size < slots; i--) keep.add(view.lanes[i]!);
  const lanes = all.filter((l) => keep.has(l));
  return { lanes, hidden: all.length - lanes.length };
}

export function laneStateText(lane: Lane, s: Strings): string {
  return lane.state === 'loop' ? '' : s.laneState[lane.state];
}

/** The widest lane state word of a language: the state column's width. */
function stateWidth(s: Strings): number {
  return Math.max(...Object.values(s.laneState).map((w) => w.length));
}

/** The first tick column shown when the newest is `tick` in a `width`-cell window. */
export function firstColumn(tick: number, width: number): number {
  return Math.max(1, tick - width + 1);
}

const scratch = new Uint8Array(4096);

export function paintLanes(p: Painter, ctx: FrameContext): { first: number; last: number } {
  const { attrs, theme, player, s } = ctx;
  const view = player.view;
  const tick = player.tick;
  const { lanes, hidden } = visibleLanes(view, p.height);
  const labels = lanes.map((l) => view.label(l));
  // Names take what they need, up to a fifth of the width: a wide terminal cuts none.
  const nameWidth = Math.min(Math.max(14, Math.floor(p.width / 5)), Math.max(4, ...labels.map((l) => l.length)));
  const STATE_WIDTH = stateWidth(s) + 1;
  const labelWidth = 2 + nameWidth + 1 + STATE_WIDTH + STEPS_WIDTH + 1;
  const cells = Math.max(0, Math.min(scratch.length, p.width - labelWidth - 1));
  const first = firstColumn(tick, cells);
  for (let row = 0; row < lanes.length; row++) {
    const lane = lanes[row]!;
    const color = attrs.laneAttr(lane.index);
    const colorBold = attrs.laneAttr(lane.index, true);
    const ran = lane.kindAt(tick);
    const justRan = ran === CELL.RAN || ran === CELL.POLLED || ran === CELL.RETURNED || ran === CELL.FAILED || ran === CELL.CANCELLED;
    let col = p.text(row, 0, justRan && tick > 0 ? '▶ ' : '  ', colorBold);
    col = p.text(row, col, fit(labels[row]!, nameWidth), colorBold);
    col = p.text(row, col + 1, fit(laneStateText(lane, s), STATE_WIDTH), lane.state === 'failed' ? attrs.error : attrs.text);
    col = p.text(row, col, String(lane.steps).padStart(STEPS_WIDTH - 1) + ' ', attrs.dim);
    const x = labelWidth;
    lane.fill(first, scratch, cells);
    const last = Math.min(cells, tick - first + 1);
    for (let c = 0; c < last; c++) {
      const kind = scratch[c]!;
      const a = kind === CELL.READY || kind === CELL.PARKED ? attrs.dim : kind === CELL.FAILED ? attrs.error : kind === CELL.RAN || kind === CELL.POLLED ? color : colorBold;
      p.cell(row, x + c, cellGlyph(theme.glyphs, kind as any, lane.index), a);
    }
    // A finished lane has room on its right: say how it ended there.
    if (lane.endTick !== null) {
      const at = Math.max(0, lane.endTick - first + 2);
      const text = lane.state === 'done' ? `${s.returned} ${lane.result ?? ''}` : lane.error ?? laneStateText(lane, s);
      if (at < cells) p.text(row, x + at, fit(text, cells - at, false), lane.state === 'done' ? colorBold : attrs.error);
    }
    p.dirty(row);
  }
  if (hidden > 0) p.text(lanes.length, 2, s.moreLanes(hidden), attrs.dim);
  p.title(1, tick === 0 ? ` ${s.panes.lanes} ` : ` ${s.panes.lanes} · ${s.panes.ticks} ${first}–${tick} `, attrs.accent);
  return { first, last: tick };
}
