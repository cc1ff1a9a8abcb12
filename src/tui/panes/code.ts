/** The code pane: the demo's source with every suspended task marked on its line. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CELL, CodeLine, type Lane, type View } from '../../player/view.js';
import { audienceSource } from '../code-source.js';
import { fit, type Painter } from '../paint.js';
import { cellText } from '../terminal.js';
import type { FrameContext } from './frame.js';

/** A file as the code pane shows it: the audience view (TypeScript and JavaScript demos) or the whole text. */
interface ShownSource {
  lines: string[];
  /** The file's 1-based line number of shown line `index`. */
  lineOf(index: number): number;
  /** The shown index of the file's line `line`, or null when it is folded away. */
  shownOf(line: number): number | null;
}

const sources = new Map<string, ShownSource | null>();

/**
 * The lines the pane shows for `file`, read once: for a demo written in TypeScript or
 * JavaScript its audience view (imports and the defineDemo block folded away, see
 * code-source.ts); a Python program as the slide writes it, every line.
 */
export function shownSource(file: string): ShownSource | null {
  let shown = sources.get(file);
  if (shown === undefined) {
    try {
      const text = readFileSync(file, 'utf8');
      if (/\.[cm]?[jt]s$/.test(file)) {
        const view = audienceSource(text);
        shown = { lines: view.lines.map(cellText), lineOf: view.lineOf, shownOf: view.shownOf };
      } else {
        const lines = text.replace(/\s+$/, '').split('\n').map(cellText);
        shown = { lines, lineOf: (i) => i + 1, shownOf: (line) => (line >= 1 && line <= lines.length ? line - 1 : null) };
      }
    } catch {
      shown = null;
    }
    sources.set(file, shown);
  }
  return shown;
}

/** resolve(file), kept: a frame asks it for every file lanes are in. */
const resolved = new Map<string, string>();
function resolvedPath(file: string): string {
  let path = resolved.get(file);
  if (path === undefined) resolved.set(file, (path = resolve(file)));
  return path;
}

/**
 * Marked lines of `file`: the file's line number → lanes there. Every frame of an
 * unfinished task's await chain is marked (`tum:11 → Awaitable:5`: both lines), or its
 * own line when the events carry no chain; the loop's lane marks the manager's line that
 * drove the last step. Read from the view's index (View.codeLines): the lines of the
 * files that are `file`, not every lane.
 */
export function codeMarks(view: View, file: string): Map<number, CodeLine> {
  const marks = new Map<number, CodeLine>();
  const target = resolvedPath(file);
  for (const named of view.codeFiles()) {
    if (named !== file && resolvedPath(named) !== target) continue;
    for (const [line, here] of view.codeLines(named)!) {
      const seen = marks.get(line);
      // The same file under two names (relative and absolute): one line, its lanes in lane order.
      if (seen === undefined) marks.set(line, here);
      else {
        const both = new CodeLine(file, line);
        for (const lane of seen.lanes) both.add(lane);
        for (const lane of here.lanes) both.add(lane);
        marks.set(line, both);
      }
    }
  }
  return marks;
}

/**
 * First line (0-based) to show: every marked line when they fit, else the ones around
 * `focus` (the task that just ran: the audience follows it), else from the first mark.
 */
export function codeOffset(total: number, height: number, marked: number[], focus: number | null = null): number {
  if (total <= height || marked.length === 0) return 0;
  const lo = Math.min(...marked);
  const hi = Math.max(...marked);
  let offset: number;
  if (hi - lo < height - 2) offset = Math.floor((lo + hi) / 2 - height / 2);
  else if (focus !== null) {
    // The window with the focus line that holds the most marks (a chain's frames, the manager).
    let best = -1;
    offset = focus - Math.floor(height / 3);
    for (let first = Math.max(0, focus - height + 2); first <= focus - 1; first++) {
      const count = marked.filter((line) => line > first && line <= first + height).length;
      if (count > best) {
        best = count;
        offset = first;
      }
    }
  } else offset = lo - 1;
  return Math.min(Math.max(0, offset), total - height);
}

/** Marks the gutter holds: one ▶ per task suspended on the line, in its colour; more show as `+`. */
const GUTTER = 3;

/**
 * Who is on a marked line, each name once (twins read `square×3`), in its first task's
 * colour: as many as `room` cells hold (each name and a space), and whether that is all
 * of them. A line where thousands of named tasks wait costs what one row shows.
 */
function whoIsHere(view: View, here: CodeLine, room: number): { labels: { lane: Lane; text: string }[]; all: boolean } {
  const labels: { lane: Lane; text: string }[] = [];
  let used = 0;
  for (const { lane, count } of here.byName()) {
    const text = count > 1 ? `${lane.name}×${count}` : view.label(lane);
    used += text.length + 1;
    if (used > room) return { labels, all: false };
    labels.push({ lane, text });
  }
  return { labels, all: true };
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
  const source = shownSource(ctx.sourceFile);
  if (source === null || source.lines.length === 0) {
    p.text(0, 0, fit(`${source === null ? s.sourceUnreadable : s.sourceEmpty}: ${ctx.sourceFile}`, p.width, false), attrs.dim);
    return;
  }
  const lines = source.lines;
  // Marks by shown row; lines folded away carry none.
  const byLine = codeMarks(view, ctx.sourceFile);
  const marks = new Map<number, CodeLine>();
  for (const [line, here] of byLine) {
    const shown = source.shownOf(line);
    if (shown !== null) marks.set(shown + 1, here);
  }
  // The lane the speaker focused (Tab) leads; else the task that ran.
  const focused = ctx.lanes.focus === null ? undefined : view.byTask.get(ctx.lanes.focus);
  const focusLane = focused !== undefined && !focused.finished ? focused : ranLane(view);
  const focusShown = focusLane === null || focusLane.where === null ? null : source.shownOf(focusLane.where.line);
  const focusLine = focusShown === null ? null : focusShown + 1;
  const offset = Math.max(0, Math.min(codeOffset(lines.length, p.height, [...marks.keys()], focusLine) + ctx.codeScroll, Math.max(0, lines.length - p.height)));
  const numWidth = String(source.lineOf(lines.length - 1)).length;
  const above: string[] = [];
  const below: string[] = [];
  for (const [lineNo, here] of marks) {
    // A note is cut at the pane's edge: the names a row can hold are enough.
    const notes = lineNo <= offset ? above : lineNo > offset + p.height ? below : null;
    if (notes !== null) notes.push(...whoIsHere(view, here, p.width).labels.map((w) => s.offscreen(w.text, source.lineOf(lineNo - 1))));
  }
  const first = above.length > 0 ? 1 : 0;
  const last = below.length > 0 ? p.height - 1 : p.height;
  for (let row = first; row < last && offset + row < lines.length; row++) {
    const lineNo = offset + row + 1;
    const site = marks.get(lineNo);
    const code = lines[offset + row]!;
    let col = p.text(row, 0, String(source.lineOf(lineNo - 1)).padStart(numWidth) + ' ', site ? attrs.bold : attrs.dim);
    if (site === undefined) {
      p.text(row, col + GUTTER, fit(code, p.width - col - GUTTER, false), attrs.text);
      continue;
    }
    const here = site.sorted();
    for (let k = 0; k < GUTTER && k < here.length; k++) {
      const more = k === GUTTER - 1 && here.length > GUTTER;
      p.text(row, col + k, more ? '+' : '▶', attrs.laneAttr(here[k]!.index, true));
    }
    col += GUTTER;
    col = p.text(row, col, fit(code, p.width - col, false), attrs.bold);
    const { labels, all } = whoIsHere(view, site, p.width - col - 2);
    if (!all) continue; // the code took the room: the gutter marks say who is here
    col = p.text(row, col + 1, '◀', attrs.laneAttr(here[0]!.index, true));
    for (const { lane, text } of labels) col = p.text(row, col + 1, text, attrs.laneAttr(lane.index, true));
  }
  if (above.length > 0) p.text(0, 0, fit(`▲ ${above.join(' · ')}`, p.width, false), attrs.accent);
  if (below.length > 0) p.text(p.height - 1, 0, fit(`▼ ${below.join(' · ')}`, p.width, false), attrs.accent);
}

/** The lane whose step ran in the tick shown (the code pane keeps its lines in view), or null. */
function ranLane(view: View): Lane | null {
  const lane = view.lastRan;
  if (lane === null) return null;
  const kind = lane.kindAt(view.tick);
  return kind === CELL.RAN || kind === CELL.POLLED ? lane : null;
}
