/**
 * What each pane shows, painted from the player's state at frame time: the View
 * (folded from events) plus a few reads of the live loop for the same tick (the ready
 * queue, what parked tasks wait on now, pending timers, where tasks are suspended).
 * Both are functions of (demo, seed, tick), so a replayed tick paints the same screen.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SourceLocation, TaskId } from '../core/events.js';
import type { Lang } from '../demo.js';
import { formatSpeed, type Player } from '../player/player.js';
import { CELL, cellGlyph, type Lane, type View } from '../player/view.js';
import { BIG_ROWS, bigText, bigWidth, bigWrap } from './bigfont.js';
import { footerText, KEYS } from './keys.js';
import type { Strings } from './strings.js';
import { fit, type Painter } from './paint.js';
import { attr, BOLD, INVERSE, laneColor, type Theme } from './theme.js';
import { cellText } from './terminal.js';

export interface FrameContext {
  player: Player;
  theme: Theme;
  attrs: Attrs;
  title: string;
  lang: Lang;
  sourceFile: string;
  bigText: boolean;
  /** Resolve suspension lines (false: draw the code without marks, for a fast first frame). */
  where: boolean;
  /** statsRows for this frame, computed once by the dashboard. */
  stats: StatsRow[];
  /** Rows to leave free at the bottom of the stats pane (the shares gauge draws there). */
  statsRowsFree: number;
  /** Every word shown, in the chosen language. */
  s: Strings;
  /** A short note the footer shows for a moment (a restart while paused), or null. */
  flash: string | null;
}

/** Cell attributes precomputed per theme (blessed's colour conversion is not free). */
export class Attrs {
  readonly text: number;
  readonly bold: number;
  readonly dim: number;
  readonly accent: number;
  readonly header: number;
  readonly footer: number;
  readonly error: number;
  readonly lane: number[] = [];
  readonly laneBold: number[] = [];
  readonly state: Record<'running' | 'paused' | 'done', number>;

  constructor(readonly theme: Theme) {
    const bg = theme.bg;
    this.text = attr(theme.fg, bg);
    this.bold = attr(theme.fg, bg, BOLD);
    this.dim = attr(theme.dim, bg);
    this.accent = attr(theme.accent, bg, BOLD);
    this.header = attr(theme.accent, bg, BOLD | INVERSE);
    this.footer = attr(theme.fg, bg, INVERSE);
    this.error = attr(theme.error, bg, BOLD);
    this.state = {
      running: attr(theme.running, bg, BOLD | INVERSE),
      paused: attr(theme.paused, bg, BOLD | INVERSE),
      done: attr(theme.done, bg, BOLD | INVERSE),
    };
  }

  /** Colour of lane `index` (0 = loop). */
  laneAttr(index: number, bold = false): number {
    const cache = bold ? this.laneBold : this.lane;
    let a = cache[index];
    if (a === undefined) {
      a = attr(laneColor(this.theme, index), this.theme.bg, bold ? BOLD : 0);
      cache[index] = a;
    }
    return a;
  }
}

// ─────────────────────────────────────── header ───────────────────────────────────────

/**
 * The status fields, each padded to a width that does not change while the run goes on
 * (tick, time, speed and state change every frame: a field that grew would shift
 * everything left of it, and the header would jitter).
 */
export function headerStatus(player: Player, s: Strings, compact = false): string[] {
  const loop = player.session.loop;
  const stateWidth = Math.max(...Object.values(s.header.state).map((w) => w.length));
  // Compact (a terminal too narrow for the whole line): the figures without the words
  // before them, seed and tick kept, and no virtual time.
  const word = (w: string) => (compact ? '' : `${w} `);
  const fields = [
    `${word(s.header.policy)}${player.view.policy || loop.policyName}`,
    `${s.header.seed} ${String(player.seed).padStart(compact ? 4 : 6)}`,
    `${word(s.header.speed)}${formatSpeed(player.speed).padStart(6)}`,
    s.header.state[player.state].padEnd(stateWidth),
    `${s.header.tick} ${String(player.tick).padStart(6)}`,
  ];
  if (!compact) fields.push(`t ${(formatTime(loop.time()) + 's').padStart(7)}`);
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
  const brand = titleRoom - ctx.title.length - 2 >= BRAND.length ? BRAND : '';
  const col = p.text(0, 0, brand, attrs.header);
  p.text(0, col, ' ' + fit(ctx.title, Math.max(0, titleRoom - col - 2), false), attrs.header);
  const row = p.height - 1;
  let x = Math.max(0, p.width - width);
  fields.forEach((field, i) => {
    if (i > 0) x = p.text(row, x, '│', attrs.header);
    x = p.text(row, x, ` ${field} `, i === STATE_FIELD ? attrs.state[player.state] : attrs.header);
  });
}

export function formatTime(seconds: number): string {
  return seconds.toFixed(3);
}

// ─────────────────────────────────────── lanes ────────────────────────────────────────

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

// ─────────────────────────────────────── output ───────────────────────────────────────

export function paintOutput(p: Painter, ctx: FrameContext): void {
  const { attrs, player } = ctx;
  const view = player.view;
  const out = view.output;
  if (ctx.bigText) return paintOutputBig(p, ctx);
  const tickWidth = Math.max(3, String(player.tick).length);
  // Sized by the lines that can show (each takes a row at least), not every task ever spawned.
  let nameWidth = 3;
  for (let i = Math.max(0, out.length - p.height); i < out.length; i++) nameWidth = Math.max(nameWidth, view.label(view.laneOfTask(out[i]!.task)).length);
  // Up to ~45 % of the room: the printed text keeps the rest.
  nameWidth = Math.min(Math.max(6, Math.floor((p.width - tickWidth - 2) * 0.45)), nameWidth);
  const textCol = tickWidth + nameWidth + 2;
  const textWidth = Math.max(1, p.width - textCol);
  // The newest lines that fit, long ones wrapped under their text; top-down like a terminal.
  const shown: { line: (typeof out)[number]; lane: Lane; pieces: string[] }[] = [];
  let used = 0;
  for (let i = out.length - 1; i >= 0 && used < p.height; i--) {
    const line = out[i]!;
    const lane = view.laneOfTask(line.task);
    const pieces = wrap(cellText(line.text), textWidth, textWidth);
    shown.push({ line, lane, pieces });
    used += pieces.length;
  }
  let row = Math.min(0, p.height - used); // the oldest shown line may start above the pane
  for (const { line, lane, pieces } of shown.reverse()) {
    if (row >= 0) {
      const col = p.text(row, 0, String(line.tick).padStart(tickWidth) + ' ', attrs.dim);
      p.text(row, col, fit(view.label(lane), nameWidth) + ' ', attrs.laneAttr(lane.index));
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
    const a = attrs.laneAttr(view.laneOfTask(line.task).index, true);
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
    const lane = view.laneOfTask(line.task);
    const text = fit(cellText(line.text).split('').join(' '), p.width, false);
    p.text(p.height - 1 - (lines.length - 1 - i) * 2, 0, text, attrs.laneAttr(lane.index, true));
  }
}

// ──────────────────────────────────────── code ────────────────────────────────────────

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
  const marks = ctx.where ? codeMarks(view, player.suspensions(), ctx.sourceFile) : new Map<number, Lane[]>();
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

// ──────────────────────────────────── ready queue ─────────────────────────────────────

export interface ReadyLine {
  text: string;
  index: number | null;
  kind: 'head' | 'item' | 'note' | 'error';
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
  const loop = player.session.loop;
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
  const pick = view.pick;
  if (pick !== null && pick.tick === player.tick && pick.draw !== null) {
    // The draw picked from the queue as it was before this tick (the list below is after
    // it): said as a place among the candidates, not a number like the list's own.
    const lane = pick.task === null ? undefined : view.byTask.get(pick.task);
    const who = lane === undefined ? pick.label : view.label(lane);
    push({ text: s.drew(who, pick.draw.toFixed(3), pick.index + 1, pick.candidates), index: laneIndex(pick.task), kind: 'note' });
  }
  // Read in place, by index: Loop.readyItems() copies the whole queue.
  const ready = loop.readyQueue;
  const readyCount = ready.length();
  push({ text: readyCount === 0 ? s.readyEmpty : s.readyHead(readyCount), index: null, kind: 'head' });
  const readyShown = Math.min(readyCount, Math.max(0, limit - out.length));
  for (let i = 0; i < readyShown; i++) {
    const item = ready.get(i)!;
    const lane = item.task === null ? undefined : view.byTask.get(item.task);
    const name = item.task === null ? `⚙ ${item.label}` : item.label.replace(item.name ?? '', lane === undefined ? item.name ?? '' : view.label(lane));
    push({ text: `${i + 1}. ${name}`, index: laneIndex(item.task), kind: 'item' });
  }
  total += readyCount - readyShown;
  // Parked tasks: counted in one pass over the live set, listed while there is room.
  const parkedAt = out.length;
  const parked: ReadyLine[] = [];
  let parkedCount = 0;
  for (const task of loop.live) {
    if (task.waitingOn === null) continue;
    if (parkedAt + 1 + parkedCount++ < limit) {
      const lane = view.byTask.get(task.id);
      parked.push({ text: `${lane === undefined ? task.displayName : view.label(lane)} ─ ${task.waitingOn.label}`, index: laneIndex(task.id), kind: 'item' });
    }
  }
  if (parkedCount > 0) {
    push({ text: s.parkedHead(parkedCount), index: null, kind: 'head' });
    for (const line of parked) push(line);
    total += parkedCount - parked.length;
  }
  // Timers: the earliest few and the count, without sorting the whole heap.
  const earliest = loop.pendingTimers(TIMERS_SHOWN);
  const timerCount = earliest.length < TIMERS_SHOWN ? earliest.length : loop.pendingTimerCount();
  if (timerCount > 0) {
    push({ text: s.timersHead(timerCount), index: null, kind: 'head' });
    for (const timer of earliest) push({ text: `@${formatTime(timer.deadline)} ${timer.label}`, index: 0, kind: 'item' });
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
    const a = line.kind === 'error' ? attrs.error : line.kind === 'head' ? attrs.accent : line.index === null ? attrs.text : attrs.laneAttr(line.index, line.kind === 'item');
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
export function wrap(text: string, first: number, rest: number): string[] {
  const out: string[] = [];
  let room = Math.max(1, first);
  while (text.length > room) {
    let cut = Math.max(text.lastIndexOf(' ', room), text.lastIndexOf(',', room - 1) + 1);
    if (cut < room / 2) cut = room;
    out.push(text.slice(0, cut).trimEnd());
    text = text.slice(cut).trimStart();
    room = Math.max(1, rest);
  }
  if (text.length > 0 || out.length === 0) out.push(text);
  return out;
}

// ──────────────────────────────────────── stats ───────────────────────────────────────

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

// ─────────────────────────────────── footer, help ─────────────────────────────────────

export function paintFooter(p: Painter, ctx: FrameContext): void {
  p.fill(0, 0, p.width, ' ', ctx.attrs.footer);
  if (ctx.flash !== null) {
    // A moment's note (a restart while paused changes little else on screen).
    p.text(0, 0, fit(` ${ctx.flash}`, p.width, false), ctx.attrs.header);
    return;
  }
  p.text(0, 0, fit(footerText(p.width, ctx.s.keys), p.width, false), ctx.attrs.footer);
}

export function helpLines(s: Strings): string[] {
  return KEYS.map((k) => `${(s.keys[k.action].label ?? k.label).padEnd(8)} ${s.keys[k.action].help}`);
}
