/** The code pane: the demo's source with every suspended task marked on its line. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SourceLocation, TaskId } from '../../core/events.js';
import type { Lane, View } from '../../player/view.js';
import { fit, type Painter } from '../paint.js';
import { cellText } from '../terminal.js';
import type { FrameContext } from './frame.js';

const sources = new Map<string, string[] | null>();

export function sourceLines(file: string): string[] | null {
  let lines = sources.get(file);
  if (lines === undefined) {
    try {
      lines = readFileSync(file, 'utf8').replace(/\s+$/, '').split('\n').map(cellText);
    } catch {
      lines = null;
    }
    sources.set(file, lines);
  }
  return lines;
}

/**
 * Marked lines of `file`: line number → lanes suspended there (in lane order). Walks the
 * live tasks' locations, not every lane ever spawned; each distinct file is resolved once.
 */
export function codeMarks(view: View, where: Map<TaskId, SourceLocation>, file: string): Map<number, Lane[]> {
  const marks = new Map<number, Lane[]>();
  const target = resolve(file);
  const isTarget = new Map<string, boolean>();
  for (const [task, at] of where) {
    let hit = isTarget.get(at.file);
    if (hit === undefined) isTarget.set(at.file, (hit = at.file === file || resolve(at.file) === target));
    const lane = hit ? view.byTask.get(task) : undefined;
    if (lane === undefined) continue;
    const list = marks.get(at.line);
    if (list === undefined) marks.set(at.line, [lane]);
    else list.push(lane);
  }
  for (const list of marks.values()) if (list.length > 1) list.sort((a, b) => a.index - b.index);
  return marks;
}

/** First line (0-based) to show so every marked line fits when it can, the first one always. */
export function codeOffset(total: number, height: number, marked: number[]): number {
  if (total <= height || marked.length === 0) return 0;
  const lo = Math.min(...marked) - 1;
  const hi = Math.max(...marked) - 1;
  let offset = hi - lo < height - 2 ? Math.floor((lo + hi) / 2 - height / 2) : lo - 1;
  offset = Math.min(Math.max(0, offset), total - height);
  return offset;
}

/** Marks the gutter holds: one ▶ per task suspended on the line, in its colour; more show as `+`. */
const GUTTER = 3;

/** Who is on a marked line, each name once (`square×3`), in its first task's colour. */
function whoIsHere(view: View, here: Lane[]): { lane: Lane; text: string }[] {
  const who = new Map<string, { lane: Lane; count: number }>();
  for (const lane of here) {
    const label = view.label(lane);
    const key = lane.name === label ? label : lane.name; // twins on one line read as name×n
    const seen = who.get(key);
    if (seen === undefined) who.set(key, { lane, count: 1 });
    else seen.count++;
  }
  return [...who.values()].map(({ lane, count }) => ({ lane, text: count > 1 ? `${lane.name}×${count}` : view.label(lane) }));
}

/**
 * The source, with every suspended task marked in the gutter. The code text always wins:
 * a line is cut only at the pane's edge, and the names (`◀ tum`) follow only where they
 * fit after the whole line. A marked line scrolled out of the pane is named in a note
 * on the top or bottom row (`▼ session: line 41`).
 */
export function paintCode(p: Painter, ctx: FrameContext): void {
  const { attrs, player, s } = ctx;
  const view = player.view;
  const lines = sourceLines(ctx.sourceFile);
  if (lines === null) {
    p.text(0, 0, fit(`${s.sourceUnreadable}: ${ctx.sourceFile}`, p.width, false), attrs.dim);
    return;
  }
  const marks = codeMarks(view, player.suspensions(), ctx.sourceFile);
  const offset = codeOffset(lines.length, p.height, [...marks.keys()]);
  const numWidth = String(lines.length).length;
  const above: string[] = [];
  const below: string[] = [];
  for (const [lineNo, here] of marks) {
    if (lineNo <= offset) above.push(...whoIsHere(view, here).map((w) => s.offscreen(w.text, lineNo)));
    else if (lineNo > offset + p.height) below.push(...whoIsHere(view, here).map((w) => s.offscreen(w.text, lineNo)));
  }
  const first = above.length > 0 ? 1 : 0;
  const last = below.length > 0 ? p.height - 1 : p.height;
  for (let row = first; row < last && offset + row < lines.length; row++) {
    const lineNo = offset + row + 1;
    const here = marks.get(lineNo);
    const code = lines[offset + row]!;
    let col = p.text(row, 0, String(lineNo).padStart(numWidth) + ' ', here ? attrs.bold : attrs.dim);
    if (here === undefined) {
      p.text(row, col + GUTTER, fit(code, p.width - col - GUTTER, false), attrs.text);
      continue;
    }
    for (let k = 0; k < GUTTER && k < here.length; k++) {
      const more = k === GUTTER - 1 && here.length > GUTTER;
      p.text(row, col + k, more ? '+' : '▶', attrs.laneAttr(here[k]!.index, true));
    }
    col += GUTTER;
    col = p.text(row, col, fit(code, p.width - col, false), attrs.bold);
    const labels = whoIsHere(view, here);
    const namesWidth = 2 + labels.reduce((n, l) => n + l.text.length + 1, 0);
    if (col + namesWidth > p.width) continue; // the code took the room: the gutter marks say who is here
    col = p.text(row, col + 1, '◀', attrs.laneAttr(here[0]!.index, true));
    for (const { lane, text } of labels) col = p.text(row, col + 1, text, attrs.laneAttr(lane.index, true));
  }
  if (above.length > 0) p.text(0, 0, fit(`▲ ${above.join(' · ')}`, p.width, false), attrs.accent);
  if (below.length > 0) p.text(p.height - 1, 0, fit(`▼ ${below.join(' · ')}`, p.width, false), attrs.accent);
}
