/** The stats pane: steps per lane and each one's share of the ticks. */
import type { View } from '../../player/view.js';
import { fit, type Painter } from '../paint.js';
import type { FrameContext } from './frame.js';

export interface StatsRow {
  name: string;
  index: number;
  steps: number;
  share: number;
}

/** Steps per lane (loop included) and each one's share of the ticks, most steps first. */
export function statsRows(view: View, tick: number): StatsRow[] {
  const lanes = [view.loopLane, ...view.lanes].filter((l) => l.steps > 0);
  return lanes
    .map((l) => ({ name: view.label(l), index: l.index, steps: l.steps, share: tick > 0 ? l.steps / tick : 0 }))
    .sort((a, b) => b.steps - a.steps || a.index - b.index);
}

/** Eighths of a cell, for bars drawn to a finer step than one cell. */
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * One row per lane, most steps first: its label in full where it fits, a bar for its
 * steps, the steps and its share of the ticks. Rows, not a column chart: a label is as
 * long as the name, not a bar's width (`squ squ` read as nothing from the room).
 */
export function paintStats(p: Painter, ctx: FrameContext): void {
  const { attrs, s } = ctx;
  const rows = ctx.stats;
  if (rows.length === 0) {
    p.text(0, 0, fit(s.noSteps, p.width, false), attrs.dim);
    return;
  }
  const height = p.height - ctx.statsRowsFree;
  const shown = rows.length > height ? rows.slice(0, Math.max(0, height - 1)) : rows;
  const max = rows[0]!.steps;
  const stepsWidth = String(max).length;
  const figures = stepsWidth + 6; // ` 1234 100%`
  // Names in full when they fit beside a bar of a few cells: the bar is the part that can shrink.
  const nameWidth = Math.min(Math.max(4, ...shown.map((r) => r.name.length)), Math.max(6, p.width - figures - 5));
  const barRoom = Math.max(1, p.width - nameWidth - 1 - figures - 1);
  shown.forEach((r, row) => {
    const a = attrs.laneAttr(r.index, true);
    let col = p.text(row, 0, fit(r.name, nameWidth), a) + 1;
    const eighths = Math.max(1, Math.round((r.steps / max) * barRoom * 8));
    const bar = '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
    p.text(row, col, bar, attrs.laneAttr(r.index));
    col += barRoom + 1;
    p.text(row, col, `${String(r.steps).padStart(stepsWidth)} ${String(Math.round(r.share * 100)).padStart(3)}%`, attrs.text);
  });
  if (shown.length < rows.length) p.text(height - 1, 0, fit(s.moreTasks(rows.length - shown.length), p.width), attrs.dim);
}
