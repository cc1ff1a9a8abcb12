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
import { CELL, type Lane, type View } from '../player/view.js';
import { BIG_ROWS, bigText, bigWidth, bigWrap } from './bigfont.js';
import { footerText, KEYS } from './keys.js';
import { fit, type Painter } from './paint.js';
import { attr, BOLD, cellGlyph, INVERSE, laneColor, type Theme } from './theme.js';
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

export function headerFields(player: Player, title: string): { label: string; value: string }[] {
  const loop = player.session.loop;
  return [
    { label: '', value: title },
    { label: 'policy', value: player.view.policy || loop.policyName },
    { label: 'seed', value: String(player.seed) },
    { label: 'speed', value: formatSpeed(player.speed) },
    { label: '', value: player.state },
    { label: 'tick', value: String(player.tick) },
    { label: 't', value: `${formatTime(loop.time())}s` },
  ];
}

export function paintHeader(p: Painter, ctx: FrameContext): void {
  const { attrs, player } = ctx;
  p.fill(0, 0, p.width, ' ', attrs.header);
  const fields = headerFields(player, ctx.title);
  // Right part first: the figures a speaker points at never get cut; the title does.
  const right = fields.slice(1);
  const labelled = right.map((f) => (f.label ? `${f.label} ${f.value}` : f.value.toUpperCase()));
  // A narrow terminal keeps the figures and drops the words before them (not seed, tick).
  const compact = right.map((f) => (f.label === 'tick' || f.label === 'seed' ? `${f.label} ${f.value}` : f.label ? f.value : f.value.toUpperCase()));
  const parts = (' ' + labelled.join(' │ ') + ' ').length <= p.width - 10 ? labelled : compact;
  const rightText = ' ' + parts.join(' │ ') + ' ';
  // The product name only when the title still fits beside it: the title matters more.
  const brand = p.width - rightText.length - fields[0]!.value.length >= 16 ? ' coroscope │' : '';
  let col = p.text(0, 0, brand, attrs.header);
  const titleWidth = p.width - rightText.length - col - 1;
  if (titleWidth > 4) col = p.text(0, col, ' ' + fit(fields[0]!.value, titleWidth - 1, false), attrs.header);
  col = Math.max(col, p.width - rightText.length);
  for (let i = 0; i < right.length; i++) {
    const f = right[i]!;
    const text = i === 0 ? ` ${parts[i]} ` : `│ ${parts[i]} `;
    const a = f.label === '' ? attrs.state[player.state] : attrs.header;
    if (f.label === '') {
      col = p.text(0, col, '│', attrs.header);
      col = p.text(0, col, ` ${parts[i]} `, a);
    } else col = p.text(0, col, text, a);
  }
}

export function formatTime(seconds: number): string {
  return seconds.toFixed(3);
}

// ─────────────────────────────────────── lanes ────────────────────────────────────────

const STATE_WIDTH = 8;
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

export function laneStateText(lane: Lane): string {
  switch (lane.state) {
    case 'done':
      return 'done';
    case 'failed':
      return 'failed';
    case 'cancelled':
      return 'cancel';
    case 'loop':
      return '';
    default:
      return lane.state;
  }
}

/** The first tick column shown when the newest is `tick` in a `width`-cell window. */
export function firstColumn(tick: number, width: number): number {
  return Math.max(1, tick - width + 1);
}

const scratch = new Uint8Array(4096);

export function paintLanes(p: Painter, ctx: FrameContext): { first: number; last: number } {
  const { attrs, theme, player } = ctx;
  const view = player.view;
  const tick = player.tick;
  const { lanes, hidden } = visibleLanes(view, p.height);
  const nameWidth = Math.min(14, Math.max(4, ...lanes.map((l) => l.name.length)));
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
    col = p.text(row, col, fit(lane.name, nameWidth), colorBold);
    col = p.text(row, col + 1, fit(laneStateText(lane), STATE_WIDTH), lane.state === 'failed' ? attrs.error : attrs.text);
    col = p.text(row, col, String(lane.steps).padStart(STEPS_WIDTH - 1) + ' ', attrs.dim);
    const x = labelWidth;
    lane.fill(first, scratch, cells);
    const last = Math.min(cells, tick - first + 1);
    for (let c = 0; c < last; c++) {
      const kind = scratch[c]!;
      const a = kind === CELL.READY || kind === CELL.PARKED ? attrs.dim : kind === CELL.FAILED ? attrs.error : kind === CELL.RAN || kind === CELL.POLLED ? color : colorBold;
      p.cell(row, x + c, cellGlyph(theme, kind as any, lane.index), a);
    }
    // A finished lane has room on its right: say how it ended there.
    if (lane.endTick !== null) {
      const at = Math.max(0, lane.endTick - first + 2);
      const text = lane.state === 'done' ? `returned ${lane.result ?? ''}` : lane.error ?? lane.state;
      if (at < cells) p.text(row, x + at, fit(text, cells - at, false), lane.state === 'done' ? colorBold : attrs.error);
    }
    p.dirty(row);
  }
  if (hidden > 0) p.text(lanes.length, 2, `… ${hidden} more lanes`, attrs.dim);
  p.title(1, tick === 0 ? ' lanes ' : ` lanes · ticks ${first}–${tick} `, attrs.accent);
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
  for (let i = Math.max(0, out.length - p.height); i < out.length; i++) nameWidth = Math.max(nameWidth, view.laneOfTask(out[i]!.task).name.length);
  nameWidth = Math.min(p.width >= 40 ? 10 : 6, nameWidth);
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
      p.text(row, col, fit(lane.name, nameWidth) + ' ', attrs.laneAttr(lane.index));
    }
    pieces.forEach((piece, k) => p.text(row + k, textCol, piece, attrs.laneAttr(lane.index, true)));
    row += pieces.length;
  }
  if (out.length === 0) p.text(0, 0, fit('nothing printed yet', p.width, false), attrs.dim);
}

/**
 * Big-text output (`b`): the newest lines in a block font (bigfont.ts), each in its
 * task's colour, newest at the bottom, so "Tum" / "Pak" read from the back row. Twice
 * the size when the newest line fits that way; long lines wrap. A pane too small for
 * even one line of the font shows the lines letter-spaced instead.
 */
export function paintOutputBig(p: Painter, ctx: FrameContext): void {
  const { attrs, player } = ctx;
  const view = player.view;
  const out = view.output;
  if (out.length === 0) {
    p.text(0, 0, fit('nothing printed yet', p.width, false), attrs.dim);
    return;
  }
  if (p.height < BIG_ROWS || p.width < bigWidth('M')) return paintOutputSpaced(p, ctx);
  // Twice the size when every line shown that way fits across, unwrapped.
  const shownAt2 = Math.floor((p.height + 1) / (2 * BIG_ROWS + 1));
  const scale = shownAt2 > 0 && out.slice(-shownAt2).every((line) => bigWidth(cellText(line.text).trim(), 2) <= p.width) ? 2 : 1;
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

export function paintCode(p: Painter, ctx: FrameContext): void {
  const { attrs, player } = ctx;
  const lines = sourceLines(ctx.sourceFile);
  if (lines === null) {
    p.text(0, 0, fit(`source not readable: ${ctx.sourceFile}`, p.width, false), attrs.dim);
    return;
  }
  const marks = ctx.where ? codeMarks(player.view, player.suspensions(), ctx.sourceFile) : new Map<number, Lane[]>();
  const offset = codeOffset(lines.length, p.height, [...marks.keys()]);
  const numWidth = String(lines.length).length;
  for (let row = 0; row < p.height && offset + row < lines.length; row++) {
    const lineNo = offset + row + 1;
    const here = marks.get(lineNo);
    let col = p.text(row, 0, String(lineNo).padStart(numWidth) + ' ', here ? attrs.bold : attrs.dim);
    if (here === undefined) {
      col = p.text(row, col, '  ', attrs.text);
      p.text(row, col, fit(lines[offset + row]!, p.width - col, false), attrs.text);
      continue;
    }
    col = p.text(row, col, '▶', attrs.laneAttr(here[0]!.index, true));
    col = p.text(row, col, here.length > 1 ? (here.length > 2 ? '+' : '▶') : ' ', attrs.laneAttr(here[here.length > 1 ? 1 : 0]!.index, true));
    // Who is here, after the code: each name once (`square×3`), in its first task's colour.
    const who = new Map<string, { lane: Lane; count: number }>();
    for (const lane of here) {
      const seen = who.get(lane.name);
      if (seen === undefined) who.set(lane.name, { lane, count: 1 });
      else seen.count++;
    }
    const labels = [...who.values()].map(({ lane, count }) => ({ lane, text: count > 1 ? `${lane.name}×${count}` : lane.name }));
    const room = p.width - col;
    const namesWidth = Math.min(2 + labels.reduce((n, l) => n + l.text.length + 1, 0), Math.max(10, Math.floor(room * 0.4)));
    const code = lines[offset + row]!;
    col = p.text(row, col, fit(code, Math.max(0, Math.min(code.length, room - namesWidth - 1)), false), attrs.bold);
    col = p.text(row, col + 1, '◀', attrs.laneAttr(here[0]!.index, true));
    for (const { lane, text } of labels) {
      if (col + 1 >= p.width) break;
      col = p.text(row, col + 1, fit(text, p.width - col - 1, false), attrs.laneAttr(lane.index, true));
    }
  }
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
export function readyLines(player: Player, limit = Infinity): { lines: ReadyLine[]; total: number } {
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
    const how = e.outcome === 'returned' ? `returned ${e.value ?? ''}` : e.outcome === 'threw' ? `threw ${e.error ?? ''}` : e.outcome;
    push({ text: `run over: ${how}`, index: null, kind: e.outcome === 'threw' ? 'error' : 'head' });
  }
  const pick = view.pick;
  if (pick !== null && pick.tick === player.tick && pick.draw !== null) {
    const who = pick.task === null ? pick.label : view.byTask.get(pick.task)?.name ?? pick.label;
    push({ text: `draw ${pick.draw.toFixed(3)}×${pick.candidates} → #${pick.index + 1} ${who}`, index: laneIndex(pick.task), kind: 'note' });
  }
  // Read in place, by index: Loop.readyItems() copies the whole queue.
  const ready = loop.readyQueue;
  const readyCount = ready.length();
  push({ text: readyCount === 0 ? 'ready: (empty)' : `ready (${readyCount}):`, index: null, kind: 'head' });
  const readyShown = Math.min(readyCount, Math.max(0, limit - out.length));
  for (let i = 0; i < readyShown; i++) {
    const item = ready.get(i)!;
    const name = item.task === null ? `⚙ ${item.label}` : item.label.replace(item.name ?? '', view.byTask.get(item.task)?.name ?? item.name ?? '');
    push({ text: `${i + 1}. ${name}`, index: laneIndex(item.task), kind: 'item' });
  }
  total += readyCount - readyShown;
  // Parked tasks: counted in one pass over the live set, listed while there is room.
  const parkedAt = out.length;
  const parked: ReadyLine[] = [];
  let parkedCount = 0;
  for (const task of loop.live) {
    if (task.waitingOn === null) continue;
    if (parkedAt + 1 + parkedCount++ < limit) parked.push({ text: `${view.byTask.get(task.id)?.name ?? task.displayName} ─ ${task.waitingOn.label}`, index: laneIndex(task.id), kind: 'item' });
  }
  if (parkedCount > 0) {
    push({ text: `parked (${parkedCount}):`, index: null, kind: 'head' });
    for (const line of parked) push(line);
    total += parkedCount - parked.length;
  }
  // Timers: the earliest few and the count, without sorting the whole heap.
  const earliest = loop.pendingTimers(TIMERS_SHOWN);
  const timerCount = earliest.length < TIMERS_SHOWN ? earliest.length : loop.pendingTimerCount();
  if (timerCount > 0) {
    push({ text: `timers (${timerCount}):`, index: null, kind: 'head' });
    for (const timer of earliest) push({ text: `@${formatTime(timer.deadline)} ${timer.label}`, index: 0, kind: 'item' });
  }
  return { lines: out, total };
}

export function paintReady(p: Painter, ctx: FrameContext): void {
  const { attrs } = ctx;
  // Every line takes a row at least: read no more lines than the pane has rows.
  const { lines, total } = readyLines(ctx.player, p.height);
  // Long lines wrap (a run's result, a long label), continued two cells in.
  const rows: { text: string; indent: number; attr: number }[] = [];
  let read = 0;
  for (const line of lines) {
    if (rows.length > p.height) break;
    read++;
    const a = line.kind === 'error' ? attrs.error : line.kind === 'head' ? attrs.accent : line.index === null ? attrs.text : attrs.laneAttr(line.index, line.kind === 'item');
    let indent = line.kind === 'item' ? 1 : 0;
    for (const piece of wrap(cellText(line.text), p.width - indent, p.width - indent - 2)) {
      rows.push({ text: piece, indent, attr: a });
      indent = line.kind === 'item' ? 3 : 2;
    }
  }
  for (let row = 0; row < p.height && row < rows.length; row++) {
    const r = rows[row]!;
    p.text(row, r.indent, r.text, r.attr);
  }
  // What did not fit: the rows cut off here, plus the lines never read (a row each at least).
  if (rows.length > p.height || total > read) {
    const more = Math.max(1, rows.length - p.height + 1) + (total - read);
    p.text(p.height - 1, 0, fit(`… ${more} more`, p.width), attrs.dim);
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
    .map((l) => ({ name: l.name, index: l.index, steps: l.steps, share: tick > 0 ? l.steps / tick : 0 }))
    .sort((a, b) => b.steps - a.steps || a.index - b.index);
}

export function paintStatsShares(p: Painter, ctx: FrameContext): void {
  const rows = ctx.stats;
  let col = 0;
  for (const r of rows) {
    const text = `${r.name} ${Math.round(r.share * 100)}%`;
    if (col + text.length > p.width) break;
    col = p.text(0, col, text, ctx.attrs.laneAttr(r.index, true)) + 2;
  }
  if (rows.length === 0) p.text(0, 0, fit('no steps yet', p.width, false), ctx.attrs.dim);
}

// ─────────────────────────────────── footer, help ─────────────────────────────────────

export function paintFooter(p: Painter, ctx: FrameContext): void {
  p.fill(0, 0, p.width, ' ', ctx.attrs.footer);
  p.text(0, 0, fit(footerText(p.width), p.width, false), ctx.attrs.footer);
}

export function helpLines(): string[] {
  return KEYS.map((k) => `${(k.keys.includes('space') ? 'space' : k.label).padEnd(8)} ${k.help}`);
}
