/**
 * The `--trace` output: a plain-text lane diagram (one row per task and one for the
 * loop's own callbacks, one column per tick, wrapped to a width), then every printed
 * line with its tick, then how the run ended. A pure function of the event log: the
 * lanes are folded by the dashboard's own View, so both read the log the same way.
 */
import { taskDisplayName, type LoopEvent } from '../core/events.js';
import { CELL, View, type CellKind, type Lane } from '../player/view.js';

export interface TextTraceOptions {
  /** Characters per line the diagram wraps at (default 100). */
  width?: number;
  /** Printed above the diagram. */
  title?: string;
  narration?: string;
}

export const GLYPHS: Record<CellKind, string> = {
  [CELL.EMPTY]: ' ',
  [CELL.READY]: '·',
  [CELL.PARKED]: '─',
  [CELL.RAN]: '█',
  [CELL.POLLED]: '░',
  [CELL.RETURNED]: '✓',
  [CELL.FAILED]: '✗',
  [CELL.CANCELLED]: '⊘',
};

const LEGEND = ['█ ran', '░ polled (only yielded again)', '· ready', '─ parked on a future', '✓ returned', '✗ failed', '⊘ cancelled'];

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
  const labels = new Map<Lane, string>();
  const labelWidth = Math.max(4, ...laneLabels(events).map((l) => l.length));
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
      for (let i = 0; i < n; i++) row += GLYPHS[cells[i] as CellKind];
      if (row.trim() === '') continue;
      out.push(`${labelOf(lane, view, labels).padEnd(labelWidth)} │${row.trimEnd()}`);
    }
    out.push('');
  }
  while (next < events.length) view.apply(events[next++]!);
  if (ticks > 0) out.push(...pack(LEGEND, width), '');

  const prints = events.filter((e) => e.type === 'print');
  out.push('output');
  const tickWidth = String(ticks).length;
  for (const e of prints) {
    const lane = e.task === null ? view.loopLane : view.byTask.get(e.task);
    const who = lane === undefined ? '?' : labelOf(lane, view, labels);
    out.push(`  ${String(e.tick).padStart(tickWidth)}  ${who.padEnd(labelWidth)}  ${e.text}`);
  }
  if (prints.length === 0) out.push('  (nothing printed)');
  out.push('', ending(events));
  return out.join('\n') + '\n';
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

/** Lane labels as the diagram shows them: the task's name, with its id when two share one. */
function labelOf(lane: Lane, view: View, cache: Map<Lane, string>): string {
  let label = cache.get(lane);
  if (label === undefined) {
    const twins = lane.task !== null && view.lanes.some((other) => other !== lane && other.name === lane.name);
    label = twins ? `${lane.name}#${lane.task}` : lane.name;
    cache.set(lane, label);
  }
  return label;
}

/** Every label the diagram may use, to size the label column before drawing. */
function laneLabels(events: readonly LoopEvent[]): string[] {
  const labels = ['loop'];
  for (const e of events) {
    if (e.type === 'task-spawn') labels.push(`${taskDisplayName(e.name, e.coro)}#${e.task}`);
  }
  return labels;
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
