/**
 * The `--trace` output: a plain-text lane diagram (one row per task and one for the
 * loop's own callbacks, one column per tick, wrapped to a width), then every printed
 * line with its tick, then how the run ended. A pure function of the event log: the
 * lanes are folded by the dashboard's own View, so both read the log the same way.
 */
import { basename } from 'node:path';
import type { LoopEvent, SourceLocation } from '../core/events.js';
import { safeText } from '../safe-text.js';
import { CELL, cellGlyph, GLYPHS, laneLabels, View, type Lane } from '../player/view.js';

export interface TextTraceOptions {
  /** Characters per line the diagram wraps at (default 100). */
  width?: number;
  /** Printed above the diagram. */
  title?: string;
  narration?: string;
}

/** Cell glyphs by kind, from the one table the dashboard's themes start from. */
const GLYPH: string[] = [];
for (const kind of Object.values(CELL)) GLYPH[kind] = cellGlyph(GLYPHS, kind, 0);

const LEGEND = [
  `${GLYPHS.ran[0]} ran`,
  `${GLYPHS.polled} polled (only yielded again)`,
  `${GLYPHS.ready} ready`,
  `${GLYPHS.parked} parked on a future`,
  `${GLYPHS.returned} returned`,
  `${GLYPHS.failed} failed`,
  `${GLYPHS.cancelled} cancelled`,
];

export function textTrace(events: readonly LoopEvent[], options: TextTraceOptions = {}): string {
  const width = Math.max(options.width ?? 100, 30);
  const out: string[] = [];
  if (options.title) out.push(options.title);
  if (options.narration) out.push(...wrap(options.narration, width));

  const last = events.length > 0 ? events[events.length - 1]! : null;
  const ticks = last?.tick ?? 0;
  const start = events.find((e) => e.type === 'loop-start');
  const facts = [
    start?.type === 'loop-start' ? `policy ${start.policy}` : null,
    start?.type === 'loop-start' ? `seed ${start.seed}` : null,
    `${ticks} ticks`,
    `${round(last?.time ?? 0)} s virtual time`,
  ];
  out.push(facts.filter((f) => f !== null).join(' · '), '');

  // Fold the log chunk by chunk: a column is final once every event of its tick is in,
  // and the View keeps only recent columns, so each chunk is drawn as soon as it is whole.
  const view = new View();
  const { labels, width: widest } = laneLabels(events);
  // The label column takes at most a third of the width, longer names cut with `…`: a
  // 5000-character task name still leaves the diagram its ticks.
  const labelWidth = Math.min(widest, Math.floor(width / 3));
  const clip = (label: string) => (label.length > labelWidth ? `${label.slice(0, labelWidth - 1)}…` : label);
  const labelOf = (lane: Lane) => clip(lane.task === null ? 'loop' : labels.get(lane.task) ?? lane.name);
  const columns = width - labelWidth - 2;
  const cells = new Uint8Array(columns);
  let next = 0;
  for (let first = 1; first <= ticks; first += columns) {
    const lastCol = Math.min(first + columns - 1, ticks);
    while (next < events.length && events[next]!.tick <= lastCol) view.apply(events[next++]!);
    const n = lastCol - first + 1;
    out.push(`${'tick'.padEnd(labelWidth)}  ${ruler(first, n)}`.trimEnd());
    for (const lane of [...view.lanes, view.loopLane]) {
      lane.fill(first, cells, n);
      let row = '';
      for (let i = 0; i < n; i++) row += GLYPH[cells[i]!];
      if (row.trim() === '') continue;
      out.push(`${labelOf(lane).padEnd(labelWidth)} │${row.trimEnd()}`);
    }
    out.push('');
  }
  while (next < events.length) view.apply(events[next++]!);
  if (ticks > 0) out.push(...pack(LEGEND, width), '');

  out.push(...awaitChains(events, (task) => labelOf(view.laneOfTask(task)), labelWidth));

  const prints = events.filter((e) => e.type === 'print');
  out.push('output');
  const tickWidth = String(ticks).length;
  for (const e of prints) {
    const who = labelOf(view.laneOfTask(e.task));
    out.push(`  ${String(e.tick).padStart(tickWidth)}  ${who.padEnd(labelWidth)}  ${e.text}`);
  }
  if (prints.length === 0) out.push('  (nothing printed)');
  out.push('', ending(events));
  // A demo's title, names and prints are in it, and it is meant for a terminal: made safe once, here.
  return safeText(out.join('\n') + '\n');
}

const MAX_CHAIN_ROWS = 40;

/**
 * Where each task gave the turn back, as await chains read from the runtime: one row per
 * task and distinct chain, in order of first appearance, with how many steps ended there
 * (`tum  tum:11 → Awaitable:5  ×10`). Empty when the log has no chains (locations off).
 */
function awaitChains(events: readonly LoopEvent[], labelOf: (task: number) => string, labelWidth: number): string[] {
  const rows = new Map<string, { task: number; chain: string; count: number }>();
  for (const e of events) {
    if (e.type !== 'step-end' || e.chain === undefined || e.chain.length === 0) continue;
    const chain = e.chain.map(frameName).join(' → ');
    const key = `${e.task} ${chain}`;
    const row = rows.get(key);
    if (row === undefined) rows.set(key, { task: e.task, chain, count: 1 });
    else row.count++;
  }
  if (rows.size === 0) return [];
  const all = [...rows.values()];
  const out = ['await chains (where each step gave the turn back, outermost frame first)'];
  for (const row of all.slice(0, MAX_CHAIN_ROWS)) out.push(`  ${labelOf(row.task).padEnd(labelWidth)}  ${row.chain}  ×${row.count}`);
  if (all.length > MAX_CHAIN_ROWS) out.push(`  … ${all.length - MAX_CHAIN_ROWS} more`);
  out.push('');
  return out;
}

/** `tum:11`: the frame's function (or file) and line. */
function frameName(frame: SourceLocation): string {
  return `${frame.name ?? basename(frame.file)}:${frame.line}`;
}

/** How the run ended, in one line. */
export function ending(events: readonly LoopEvent[]): string {
  const end = [...events].reverse().find((e) => e.type === 'loop-end');
  const ticks = events.length > 0 ? events[events.length - 1]!.tick : 0;
  if (end === undefined || end.type !== 'loop-end') return `unfinished after ${ticks} ticks`;
  switch (end.outcome) {
    case 'returned':
      return `result: ${end.value}`;
    case 'threw':
      return `failed: ${end.error}`;
    case 'cancelled':
      return 'cancelled';
    case 'deadlock':
      return 'deadlock: main never finished, and nothing was left to run';
    case 'stopped':
      return 'stopped by the policy';
  }
}

/** Tick numbers above the columns: the first one, then every tenth. */
function ruler(first: number, n: number): string {
  let line = '';
  for (let i = 0; i < n; i++) {
    const tick = first + i;
    if (i === 0 || (tick % 10 === 0 && line.length < i)) line = line.padEnd(i) + String(tick);
  }
  return line;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Items on lines of at most `width`, two spaces apart. */
function pack(items: readonly string[], width: number): string[] {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + 2 + item.length <= width) lines[last] += `  ${item}`;
    else lines.push(item);
  }
  return lines;
}

function round(seconds: number): string {
  return String(Math.round(seconds * 1000) / 1000);
}
