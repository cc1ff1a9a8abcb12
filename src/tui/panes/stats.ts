/**
 * The stats pane: steps per lane and each one's share of the ticks. Rows are in spawn
 * order (the loop first), so a row keeps its place while the counts change under it; a
 * frame reads only the lanes it can show.
 */
import type { View } from '../../player/view.js';
import { COUNT_WIDTH, fit, fitCount, type Painter } from '../paint.js';
import type { FrameContext } from './frame.js';

export interface StatsRow {
  name: string;
  index: number;
  steps: number;
  share: number;
}


/**
 * Steps per lane and each one's share of the ticks, for the first `limit` lanes with a
 * step, in spawn order; `total` counts every such lane. The loop's row is first as soon as
 * anything has run, with or without a callback yet: its first one must not push every row
 * down a place.
 */
export function statsRows(view: View, tick: number, limit = Infinity): { rows: StatsRow[]; total: number } {
  const rows: StatsRow[] = [];
  const add = (lane: typeof view.loopLane) => rows.push({ name: view.label(lane), index: lane.index, steps: lane.steps, share: tick > 0 ? lane.steps / tick : 0 });
  if (view.stepped === 0) return { rows, total: 0 };
  if (limit > 0) add(view.loopLane);
  for (let i = 0; i < view.lanes.length && rows.length < limit; i++) if (view.lanes[i]!.steps > 0) add(view.lanes[i]!);
  return { rows, total: view.stepped + (view.loopLane.steps === 0 ? 1 : 0) };
}

/** Eighths of a cell, for bars drawn to a finer step than one cell. */
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * One row per lane, in spawn order: its label in full where it fits, a bar for its steps
 * (against the most of the rows shown), the steps and its share of the ticks. Rows, not a
 * column chart: a label is as long as the name, not a bar's width (`squ squ` read as
 * nothing from the room).
 */
export function paintStats(p: Painter, ctx: FrameContext): void {
  const { attrs, s } = ctx;
  const rows = ctx.stats;
  if (rows.length === 0) {
    p.text(0, 0, fit(s.noSteps, p.width, false), attrs.dim);
    return;
  }
  const height = p.height - ctx.statsRowsFree;
  const total = Math.max(ctx.statsTotal, rows.length);
  const shown = total > height ? rows.slice(0, Math.max(0, height - 1)) : rows.slice(0, height);
  let max = 1;
  let stepsWidth = 1;
  for (const r of shown) {
    max = Math.max(max, r.steps);
    stepsWidth = Math.max(stepsWidth, fitCount(r.steps, COUNT_WIDTH).length);
  }
  const figures = stepsWidth + 6; // ` 1234 100%`
  // Names in full when they fit beside a bar of a few cells: the bar is the part that can shrink.
  const nameWidth = Math.min(Math.max(4, ...shown.map((r) => r.name.length)), Math.max(6, p.width - figures - 5));
  const barRoom = Math.max(1, p.width - nameWidth - 1 - figures - 1);
  shown.forEach((r, row) => {
    const a = attrs.laneAttr(r.index, true);
    let col = p.text(row, 0, fit(r.name, nameWidth), a) + 1;
    const eighths = r.steps === 0 ? 0 : Math.max(1, Math.round((r.steps / max) * barRoom * 8));
    const bar = '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
    p.text(row, col, bar, attrs.laneAttr(r.index));
    col += barRoom + 1;
    p.text(row, col, `${fitCount(r.steps, COUNT_WIDTH).padStart(stepsWidth)} ${String(Math.round(r.share * 100)).padStart(3)}%`, attrs.text);
  });
  if (shown.length < total) p.text(height - 1, 0, fit(s.moreTasks(total - shown.length), p.width), attrs.dim);
}
