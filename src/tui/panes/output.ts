/** The output: printed lines in their task's colour, or big text (`b`). */
import type { Lane } from '../../player/view.js';
import { BIG_ROWS, bigText, bigWidth, bigWrap } from '../bigfont.js';
import { fit, type Painter } from '../paint.js';
import { cellText } from '../terminal.js';
import { wrap, type FrameContext } from './frame.js';

/** Below this many cells for the text beside the names, the output stacks them (stacked). */
const MIN_TEXT_WIDTH = 10;

export function paintOutput(p: Painter, ctx: FrameContext): void {
  const { attrs, player } = ctx;
  const view = player.view;
  const out = view.output;
  if (ctx.bigText) return paintOutputBig(p, ctx);
  if (out.length === 0) {
    wrap(ctx.s.nothingPrinted, p.width, p.width).forEach((piece, row) => p.text(row, 0, piece, attrs.dim));
    return;
  }
  const tickWidth = Math.max(3, String(player.tick).length);
  // Sized by the lines that can show (each takes a row at least), not every task ever spawned.
  let longest = 3;
  for (let i = Math.max(0, out.length - p.height); i < out.length; i++) longest = Math.max(longest, view.label(out[i]!.lane).length);
  // Up to ~45 % of the room: the printed text keeps the rest.
  const nameWidth = Math.min(Math.max(6, Math.floor((p.width - tickWidth - 2) * 0.45)), longest);
  // A narrow pane (80 columns) would cut names and chop the text into a few letters a row: stack instead.
  if (nameWidth < longest || p.width - tickWidth - nameWidth - 2 < MIN_TEXT_WIDTH) return paintOutputStacked(p, ctx, tickWidth);
  const textCol = tickWidth + nameWidth + 2;
  const textWidth = Math.max(1, p.width - textCol);
  // The newest lines that fit, long ones wrapped under their text; top-down like a terminal.
  const shown: { line: (typeof out)[number]; lane: Lane; pieces: string[] }[] = [];
  let used = 0;
  for (let i = out.length - 1; i >= 0 && used < p.height; i--) {
    const line = out[i]!;
    const lane = line.lane;
    const pieces = wrap(cellText(line.text), textWidth, textWidth);
    shown.push({ line, lane, pieces });
    used += pieces.length;
  }
  let row = Math.min(0, p.height - used); // the oldest shown line may start above the pane
  for (const { line, lane, pieces } of shown.reverse()) {
    if (row >= 0) {
      const col = p.text(row, 0, String(line.tick).padStart(tickWidth) + ' ', attrs.dim);
      p.text(row, col, fit(view.label(lane, nameWidth), nameWidth) + ' ', attrs.laneAttr(lane.index));
    }
    pieces.forEach((piece, k) => p.text(row + k, textCol, piece, attrs.laneAttr(lane.index, true)));
    row += pieces.length;
  }
}

/**
 * The output in a narrow pane, as a chat transcript: a task's name on a row of its own
 * (whole, in its colour) above its run of lines, each line its tick and its text with the
 * rest of the width. The top row always names whose lines follow.
 */
function paintOutputStacked(p: Painter, ctx: FrameContext, tickWidth: number): void {
  const { attrs, player } = ctx;
  const view = player.view;
  const out = view.output;
  const textCol = tickWidth + 1;
  const textWidth = Math.max(1, p.width - textCol);
  type Row = { lane: Lane; kind: 'name' | 'text'; tick?: number; text: string };
  const rows: Row[] = [];
  // Newest first, until the pane is full (plus one line: the top row may become a name).
  for (let i = out.length - 1; i >= 0 && rows.length < p.height + 1; i--) {
    const line = out[i]!;
    const pieces = wrap(cellText(line.text), textWidth, textWidth);
    for (let k = pieces.length - 1; k >= 0; k--) rows.push({ lane: line.lane, kind: 'text', tick: k === 0 ? line.tick : undefined, text: pieces[k]! });
    if (i === 0 || out[i - 1]!.lane !== line.lane) rows.push({ lane: line.lane, kind: 'name', text: view.label(line.lane) });
  }
  rows.reverse();
  const shown = rows.slice(Math.max(0, rows.length - p.height));
  if (shown[0]!.kind !== 'name') {
    // The top row names whose lines follow; a name with none of its lines left under it goes.
    if (shown[1]?.kind === 'name') shown.shift();
    else shown[0] = { lane: shown[0]!.lane, kind: 'name', text: view.label(shown[0]!.lane) };
  }
  const top = rows.length > p.height ? p.height - shown.length : 0; // a full pane keeps the newest on its last row
  shown.forEach((r, i) => {
    const row = top + i;
    if (r.kind === 'name') {
      p.text(row, 0, fit(r.text, p.width, false), attrs.laneAttr(r.lane.index));
      return;
    }
    if (r.tick !== undefined) p.text(row, 0, String(r.tick).padStart(tickWidth), attrs.dim);
    p.text(row, textCol, r.text, attrs.laneAttr(r.lane.index, true));
  });
}

/**
 * Big-text output (`b`): the newest lines in a block font (bigfont.ts), each in its
 * task's colour, newest at the bottom, so "Tum" / "Pak" read from the back row. Always
 * twice the size when the pane can hold one such line: a long line wraps (fewer lines
 * show) rather than dropping to the small font nobody reads from the back. A pane too
 * small for even one line of the font shows the lines letter-spaced instead.
 */
export function paintOutputBig(p: Painter, ctx: FrameContext): void {
  const { attrs, player } = ctx;
  const view = player.view;
  const out = view.output;
  if (out.length === 0) {
    p.text(0, 0, fit(ctx.s.nothingPrinted, p.width, false), attrs.dim);
    return;
  }
  if (p.height < BIG_ROWS || p.width < bigWidth('M')) return paintOutputSpaced(p, ctx);
  const scale = p.height >= 2 * BIG_ROWS && p.width >= bigWidth('M', 2) ? 2 : 1;
  const height = BIG_ROWS * scale;
  // From the newest line up, one blank row between lines, while whole lines fit.
  let bottom = p.height;
  for (let i = out.length - 1; i >= 0 && bottom >= height; i--) {
    const line = out[i]!;
    const a = attrs.laneAttr(line.lane.index, true);
    const pieces = bigWrap(cellText(line.text).trim(), p.width, scale);
    for (let k = pieces.length - 1; k >= 0 && bottom >= height; k--) {
      const rows = bigText(pieces[k]!, scale);
      rows.forEach((row, r) => p.text(bottom - height + r, 0, row, a));
      bottom -= height + 1;
    }
  }
}

/** The fallback for a tiny pane: the last lines, letter-spaced and bold, one blank row apart. */
function paintOutputSpaced(p: Painter, ctx: FrameContext): void {
  const { attrs, player } = ctx;
  const view = player.view;
  const rows = Math.max(1, Math.ceil(p.height / 2));
  const lines = view.output.slice(-rows);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lane = line.lane;
    const text = fit(cellText(line.text).split('').join(' '), p.width, false);
    p.text(p.height - 1 - (lines.length - 1 - i) * 2, 0, text, attrs.laneAttr(lane.index, true));
  }
}
