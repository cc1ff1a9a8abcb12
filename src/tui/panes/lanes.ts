/**
 * The lanes: one row per task (and the loop), a cell per tick, the task's state and steps.
 *
 * When the tasks outnumber the rows, the pane follows the action: the loop's lane, the
 * focused lane, then the lanes that stepped last (the view's recency list, from its
 * head), shown in spawn order so rows keep their places as lanes come and go; the last
 * row counts the rest by state. Scrolled (j / k), it shows a window of the lanes in spawn
 * order instead. A frame reads only the lanes it shows: 10,000 tasks cost what 30 do.
 */
import type { TaskId } from '../../core/events.js';
import { CELL, cellGlyph, type Lane, type View } from '../../player/view.js';
import type { Strings } from '../strings.js';
import { COUNT_WIDTH, fit, fitCount, type Painter } from '../paint.js';
import type { FrameContext } from './frame.js';


/** What the speaker chose to see in the lanes pane (the dashboard's UI state, not the view's). */
export interface LaneUi {
  /** The focused task: its lane is always shown and highlighted, and the code pane follows it. */
  focus: TaskId | null;
  /** Scrolled: the position in `view.lanes` (spawn order) of the first task lane shown; null follows the action. */
  scroll: number | null;
}

export const FOLLOW: LaneUi = { focus: null, scroll: null };

export interface VisibleLanes {
  lanes: Lane[];
  /** Task lanes not shown, and how many of them are ready (or new), parked, over. */
  hidden: number;
  ready: number;
  parked: number;
  over: number;
}

/** The lanes to show in `rows` rows: the loop, then tasks (see the file's comment). */
export function visibleLanes(view: View, rows: number, ui: LaneUi = FOLLOW): VisibleLanes {
  const all = view.lanes;
  if (1 + all.length <= rows) return { lanes: [view.loopLane, ...all], hidden: 0, ready: 0, parked: 0, over: 0 };
  const slots = Math.max(0, rows - 2); // the loop's row, and the last one says how many are hidden
  const focus = ui.focus === null ? undefined : view.byTask.get(ui.focus);
  let chosen: Lane[] = [];
  if (ui.scroll !== null) {
    const start = clampScroll(view, rows, ui.scroll);
    for (let i = start; i < all.length && chosen.length < slots; i++) chosen.push(all[i]!);
    // The focused lane stays pinned, at the edge it would scroll in from.
    if (focus !== undefined && slots > 0 && !chosen.includes(focus)) {
      if (focus.index < chosen[0]!.index) chosen = [focus, ...chosen.slice(0, -1)];
      else chosen = [...chosen.slice(0, -1), focus];
    }
  } else {
    if (focus !== undefined && slots > 0) chosen.push(focus);
    for (let lane = view.recent; lane !== null && chosen.length < slots; lane = lane.older) if (lane !== focus) chosen.push(lane);
    chosen.sort((a, b) => a.index - b.index);
  }
  let parked = view.parkedLanes;
  let over = view.overLanes;
  let ready = all.length - parked - over; // new, ready, running or polling
  for (const lane of chosen) {
    if (lane.state === 'parked') parked--;
    else if (lane.finished) over--;
    else ready--;
  }
  return { lanes: [view.loopLane, ...chosen], hidden: all.length - chosen.length, ready, parked, over };
}

/** Task lanes a scrolled pane of `rows` rows shows at once. */
function scrollSlots(rows: number): number {
  return Math.max(1, rows - 2);
}

/** A scroll position within the lanes (the last window is full). */
export function clampScroll(view: View, rows: number, scroll: number): number {
  return Math.max(0, Math.min(scroll, view.lanes.length - scrollSlots(rows)));
}

/** Position of `lane` in `view.lanes` (spawn order: lane indexes increase along it). */
function positionOf(view: View, lane: Lane): number {
  let lo = 0;
  let hi = view.lanes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (view.lanes[mid]!.index < lane.index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Scroll the lanes by `delta` rows (j / k by one, J / K by a page): from what is on screen
 * when following the action. Nothing to scroll when every lane shows.
 */
export function scrollLanes(view: View, rows: number, ui: LaneUi, delta: number): LaneUi {
  if (1 + view.lanes.length <= rows) return ui;
  let from = ui.scroll;
  if (from === null) {
    const shown = visibleLanes(view, rows, ui).lanes;
    from = shown.length > 1 ? positionOf(view, shown[1]!) : 0;
  }
  return { ...ui, scroll: clampScroll(view, rows, from + delta) };
}

/** Rows J / K scroll by: a pane's worth of task lanes. */
export function pageOf(rows: number): number {
  return scrollSlots(rows);
}

/**
 * Focus the next (`delta` 1) or previous (-1) task lane on screen after the focused one,
 * round the visible lanes; the first (or last) when none is focused.
 */
export function focusLane(view: View, rows: number, ui: LaneUi, delta: 1 | -1): LaneUi {
  const tasks = visibleLanes(view, rows, ui).lanes.slice(1);
  if (tasks.length === 0) return ui;
  const at = ui.focus === null ? -1 : tasks.findIndex((l) => l.task === ui.focus);
  const next = at < 0 ? (delta === 1 ? 0 : tasks.length - 1) : (at + delta + tasks.length) % tasks.length;
  return { ...ui, focus: tasks[next]!.task };
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
  const shown = visibleLanes(view, p.height, ctx.lanes);
  const lanes = shown.lanes;
  // Names take what they need, up to a fifth of the width: a wide terminal cuts none. Sized
  // by every label seen, not the ones on screen: the cells do not shift as lanes come and go.
  const nameWidth = Math.min(Math.max(14, Math.floor(p.width / 5)), view.widestLabel);
  const STATE_WIDTH = stateWidth(s) + 1;
  const labelWidth = 2 + nameWidth + 1 + STATE_WIDTH + COUNT_WIDTH + 2;
  const cells = Math.max(0, Math.min(scratch.length, p.width - labelWidth - 1));
  const first = firstColumn(tick, cells);
  for (let row = 0; row < lanes.length; row++) {
    const lane = lanes[row]!;
    const color = attrs.laneAttr(lane.index);
    const colorBold = attrs.laneAttr(lane.index, true);
    const focused = lane.task !== null && lane.task === ctx.lanes.focus;
    const ran = lane.kindAt(tick);
    const justRan = ran === CELL.RAN || ran === CELL.POLLED || ran === CELL.RETURNED || ran === CELL.FAILED || ran === CELL.CANCELLED;
    let col = p.text(row, 0, justRan && tick > 0 ? '▶ ' : focused ? '◆ ' : '  ', colorBold);
    col = p.text(row, col, fit(view.label(lane, nameWidth), nameWidth), focused ? attrs.laneFocus(lane.index) : colorBold);
    col = p.text(row, col + 1, fit(laneStateText(lane, s), STATE_WIDTH), lane.state === 'failed' ? attrs.error : attrs.text);
    col = p.text(row, col, fitCount(lane.steps, COUNT_WIDTH).padStart(COUNT_WIDTH) + ' ', attrs.dim);
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
  if (shown.hidden > 0) {
    const more = s.moreLanes(shown.hidden, shown.ready, shown.parked, shown.over);
    const chosen = ctx.lanes.scroll !== null || ctx.lanes.focus !== null;
    p.text(lanes.length, 2, fit(chosen ? `${more} · ${s.followHint}` : more, p.width - 2, false), attrs.dim);
  }
  p.title(1, tick === 0 ? ` ${s.panes.lanes} ` : ` ${s.panes.lanes} · ${s.panes.ticks} ${first}–${tick} `, attrs.accent);
  return { first, last: tick };
}
