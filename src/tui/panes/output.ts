/** The output: printed lines in their task's colour, or big text (`b`). */
import type { Lane } from '../../player/view.js';
import { BIG_ROWS, bigText, bigWidth, bigWrap } from '../bigfont.js';
import { fit, type Painter } from '../paint.js';
import { cellText } from '../terminal.js';
import { wrap, type FrameContext } from './frame.js';

export function paintOutput(p: Painter, ctx: FrameContext): void {
  const { attrs, player } = ctx;
  const view = player.view;
  const out = view.output;
  if (ctx.bigText) return paintOutputBig(p, ctx);
  const tickWidth = Math.max(3, String(player.tick).length);
  // Sized by the lines that can show (each takes a row at least), not every task ever spawned.
  let nameWidth = 3;
  for (let i = Math.max(0, out.length - p.height); i < out.length; i++) nameWidth = Math.max(nameWidth, view.label(out[i]!.lane).length);
  // Up to ~45 % of the room: the printed text keeps the rest.
  nameWidth = Math.min(Math.max(6, Math.floor((p.width - tickWidth - 2) * 0.45)), nameWidth);
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
  if (out.length === 0) p.text(0, 0, fit(ctx.s.nothingPrinted, p.width, false), attrs.dim);
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
