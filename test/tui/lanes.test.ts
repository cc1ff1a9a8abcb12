import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LoopEvent } from '../../src/core/events.js';
import { recordRun } from '../../src/player/session.js';
import { laneLabels, View, type Lane } from '../../src/player/view.js';
import { fitCount } from '../../src/tui/paint.js';
import { clampScroll, FOLLOW, focusLane, scrollLanes, visibleLanes } from '../../src/tui/panes/lanes.js';
import { statsRows } from '../../src/tui/panes/stats.js';
import { STRINGS } from '../../src/tui/strings.js';
import { crowdNamed, crowdTwins } from './fixtures/crowd.js';

function fold(events: readonly LoopEvent[], upTo = Infinity, view = new View()): View {
  for (const e of events) if (e.tick <= upTo) view.apply(e);
  return view;
}

function recency(view: View): Lane[] {
  const out: Lane[] = [];
  for (let lane = view.recent; lane !== null; lane = lane.older) out.push(lane);
  return out;
}

/** The view's counts, checked against a scan of its lanes. */
function assertCounts(view: View): void {
  assert.equal(view.parkedLanes, view.lanes.filter((l) => l.state === 'parked').length);
  assert.equal(view.overLanes, view.lanes.filter((l) => l.finished).length);
  assert.equal(view.stepped, view.lanes.filter((l) => l.steps > 0).length + (view.loopLane.steps > 0 ? 1 : 0));
}

const events30 = recordRun(crowdNamed(30).demo, { seed: 1, locations: true }).events;

test('the recency list holds every task lane once, the last to step first; clones and pruned views keep it', () => {
  for (const tick of [1, 2, 17, 60, 200]) {
    const view = fold(events30, tick);
    const list = recency(view);
    assert.equal(list.length, view.lanes.length);
    assert.equal(new Set(list).size, list.length);
    const lastStep = (lane: Lane) => [...events30].reverse().find((e) => e.type === 'step-begin' && e.tick <= tick && e.task === lane.task)?.tick ?? -1;
    const ticks = list.map(lastStep);
    for (let i = 1; i < ticks.length; i++) assert.ok(ticks[i - 1]! >= ticks[i]!, `tick ${tick}: in order of their last step`);
    if (view.lastRan !== null) assert.equal(list[0], view.lastRan);
    assert.deepEqual(recency(view.clone()).map((l) => l.task), list.map((l) => l.task));
    assertCounts(view);
    assertCounts(view.clone());
  }
  const pruned = fold(events30, Infinity, new View({ keepFinished: 4 }));
  assert.ok(pruned.lanes.length < 31);
  assert.equal(recency(pruned).length, pruned.lanes.length);
  assertCounts(pruned);
});

test('labels say what the program says: its names, Task-N for unnamed twins, a letter for twins it named alike', () => {
  const named = fold(recordRun(crowdNamed(200, 2).demo, { seed: 1, locations: true }).events);
  const printer = (view: View, text: string) => view.output.find((o) => o.text === text)!.lane;
  assert.equal(named.label(printer(named, 'worker 104 done')), 'worker 104');
  const { events } = recordRun(crowdTwins(200, 2).demo, { seed: 1, locations: true });
  const twins = fold(events);
  const lane = printer(twins, 'worker 104 done');
  // main is Task-1, as under asyncio.run: worker 104 is Task-106, which is what CPython calls it.
  assert.equal(twins.label(lane), 'worker Task-106');
  assert.equal(lane.given, 'Task-106');
  for (const l of twins.lanes) assert.doesNotMatch(twins.label(l), /#/);
  // The text trace decides the same labels.
  assert.equal(laneLabels(events).labels.get(lane.task!), 'worker Task-106');
  // Cut to a width, a twin keeps what tells it apart.
  assert.equal(twins.label(lane, 12), 'wo… Task-106');
  assert.ok(twins.widestLabel >= 'worker Task-201'.length);

  const view = new View();
  const at = { tick: 0, time: 0 };
  for (const [task, name] of [[1, 'fetch'], [2, 'fetch'], [3, 'other'], [4, 'fetch']] as const) view.apply({ seq: task, ...at, type: 'task-spawn', task, name, coro: 'fetcher', parent: null });
  assert.deepEqual(view.lanes.map((l) => view.label(l)), ['fetch (a)', 'fetch (b)', 'other', 'fetch (c)']);
});

test('counts fit their cells: as they are up to the width, else k / M / G rounded down', () => {
  assert.equal(fitCount(99_999, 5), '99999');
  assert.equal(fitCount(123_456, 5), '123k');
  assert.equal(fitCount(8_812_345, 5), '8.8M');
  assert.equal(fitCount(8_899_999, 4), '8.8M');
  assert.equal(fitCount(999_999, 5), '999k');
  assert.equal(fitCount(1e9, 5), '1.0G');
  assert.equal(fitCount(12_345_678_901, 5), '12G');
  for (let n = 1; n < 1e15; n = n * 7 + 3) assert.ok(fitCount(n, 5).length <= 5, `${n} → ${fitCount(n, 5)}`);
});

test('following the action: the lane that ran last and the most recent ones, in spawn order, the rest counted by state', () => {
  let seen = 0;
  for (let tick = 2; tick <= 400; tick++) {
    const view = fold(events30, tick);
    const { lanes, hidden, ready, parked, over } = visibleLanes(view, 8);
    assert.equal(lanes[0], view.loopLane);
    assert.equal(lanes.length, 7);
    if (view.lastRan !== null) {
      assert.ok(lanes.includes(view.lastRan), `tick ${tick}: the lane that ran shows`);
      seen++;
    }
    const indexes = lanes.slice(1).map((l) => l.index);
    assert.deepEqual(indexes, [...indexes].sort((a, b) => a - b), 'spawn order');
    assert.deepEqual(recency(view).slice(0, 6).sort((a, b) => a.index - b.index), lanes.slice(1), 'the six that stepped last');
    assert.equal(hidden, 31 - 6);
    const rest = view.lanes.filter((l) => !lanes.includes(l));
    assert.equal(parked, rest.filter((l) => l.state === 'parked').length);
    assert.equal(over, rest.filter((l) => l.finished).length);
    assert.equal(ready + parked + over, hidden);
  }
  assert.ok(seen > 300);
  const view = fold(events30, 40);
  assert.equal(visibleLanes(view, 40).hidden, 0, 'all fit: all shown');
  assert.match(STRINGS.en.moreLanes(24, 3, 21, 0), /^… 24 more \(3 ready, 21 parked\)$/);
});

test('scrolling shows a window in spawn order; a focused lane is pinned; following again is FOLLOW', () => {
  const view = fold(events30, 100);
  const rows = 8; // 6 task lanes and the count
  const down = scrollLanes(view, rows, FOLLOW, 1);
  assert.notEqual(down.scroll, null);
  const first = visibleLanes(view, rows, FOLLOW).lanes[1]!;
  assert.equal(view.lanes[down.scroll!]!.index, first.index + 1, 'from the top lane on screen, one down');
  const top = { ...FOLLOW, scroll: 0 };
  assert.deepEqual(visibleLanes(view, rows, top).lanes.map((l) => view.label(l)), ['loop', 'main', 'worker 0', 'worker 1', 'worker 2', 'worker 3', 'worker 4']);
  const page = scrollLanes(view, rows, top, 6);
  assert.equal(visibleLanes(view, rows, page).lanes[1], view.lanes[6]);
  assert.equal(scrollLanes(view, rows, top, 10_000).scroll, clampScroll(view, rows, 10_000));
  assert.equal(visibleLanes(view, rows, scrollLanes(view, rows, top, 10_000)).lanes.at(-1), view.lanes.at(-1), 'the last window is full');
  assert.equal(scrollLanes(view, rows, top, -5).scroll, 0);

  // Tab focuses the first lane on screen, then the next; a focused lane stays while scrolled away.
  let ui = focusLane(view, rows, top, 1);
  assert.equal(ui.focus, view.lanes[0]!.task);
  ui = focusLane(view, rows, ui, 1);
  assert.equal(ui.focus, view.lanes[1]!.task);
  assert.equal(focusLane(view, rows, top, -1).focus, view.lanes[5]!.task);
  const away = scrollLanes(view, rows, ui, 12);
  const shown = visibleLanes(view, rows, away).lanes;
  assert.equal(shown[1]!.task, ui.focus, 'pinned at the edge it scrolled out of');
  assert.equal(shown.length, 7);
  // Following the action with a focus: it shows with the lanes that stepped last.
  const pinned = visibleLanes(fold(events30, 300), rows, { focus: ui.focus, scroll: null }).lanes;
  assert.ok(pinned.some((l) => l.task === ui.focus));
});

test('stats rows keep spawn order from tick to tick and read only the rows asked for', () => {
  const { events } = recordRun(crowdNamed(12).demo, { seed: 1, locations: true });
  const view = new View();
  let order: string[] = [];
  let tick = 0;
  for (const e of events) {
    view.apply(e);
    if (e.tick === tick) continue;
    tick = e.tick;
    const { rows, total } = statsRows(view, tick);
    assert.equal(total, rows.length);
    const names = rows.map((r) => r.name);
    // A row keeps its place among the others: new rows come in, none is re-sorted.
    assert.deepEqual(names.filter((n) => order.includes(n)), order, `tick ${tick}`);
    assert.deepEqual(rows.map((r) => r.index), [...rows.map((r) => r.index)].sort((a, b) => a - b));
    order = names;
  }
  const some = statsRows(view, tick, 5);
  assert.equal(some.rows.length, 5);
  assert.equal(some.total, 14); // the loop, main and 12 workers
  assert.deepEqual(some.rows.map((r) => r.name), ['loop', 'main', 'worker 0', 'worker 1', 'worker 2']);
});
