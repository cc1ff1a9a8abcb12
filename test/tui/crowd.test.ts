/**
 * Screens with more tasks than rows (issue 10, "A screen that teaches"): the lane of the
 * task that runs is always on screen, the keys scroll and focus lanes, labels say the
 * program's own names, counts stay in their cells, stats rows keep their places.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CELL } from '../../src/player/view.js';
import type { Dashboard } from '../../src/tui/dashboard.js';
import { openDashboard, paneText, screenText, settle, type } from './fixtures/screen.js';
import { crowdNamed, crowdTwins } from './fixtures/crowd.js';
import { mixedLoaded } from './fixtures/tumpak.js';

/** The lane rows as read: label (without the ▶ / ◆ marker) → the row's text. */
function laneRows(dashboard: Dashboard): string[] {
  return paneText(dashboard, 'lanes').split('\n');
}

/** Whether the lane of the task that ran in the tick shown has a row, marked ▶. */
function ranLaneShown(dashboard: Dashboard): boolean | null {
  const view = dashboard.player.view;
  const lane = view.lastRan;
  const kind = lane?.kindAt(view.tick);
  if (lane === null || (kind !== CELL.RAN && kind !== CELL.POLLED)) return null;
  const label = view.label(lane);
  return laneRows(dashboard).some((row) => row.startsWith(`▶ ${label} `));
}

test('30 tasks at 80×24: the running lane shows with ▶ at every tick, the rest are counted by state', () => {
  const { dashboard } = openDashboard(crowdNamed(30), 80, 24);
  try {
    dashboard.start();
    let checked = 0;
    const seen = new Set<string>();
    for (let tick = 2; tick <= 120; tick++) {
      dashboard.player.seek(tick);
      dashboard.renderNow();
      const shown = ranLaneShown(dashboard);
      if (shown === null) continue;
      assert.ok(shown, `tick ${tick}:\n${paneText(dashboard, 'lanes')}`);
      checked++;
      const rows = laneRows(dashboard);
      assert.match(rows.at(-1)!, /^ *… \d+ more \((\d+ ready)?(, )?(\d+ parked)?(, )?(\d+ done)?\)$/);
      for (const row of rows.slice(1, -1)) seen.add(row.slice(2, 16).trim());
    }
    assert.ok(checked > 80, `${checked} ticks with a task running`);
    assert.ok(seen.size > 20, `the lanes on screen change with the action (${seen.size} seen)`);
  } finally {
    dashboard.close(0);
  }
});

test('200 tasks at 200×60: the lane of the task that just ran is on screen at every tick', () => {
  const { dashboard } = openDashboard(crowdNamed(200, 3), 200, 60);
  try {
    dashboard.start();
    let checked = 0;
    for (let tick = 1; tick <= 400; tick++) {
      dashboard.player.stepForward();
      dashboard.renderNow();
      const shown = ranLaneShown(dashboard);
      if (shown === null) continue;
      assert.ok(shown, `tick ${dashboard.player.tick}:\n${paneText(dashboard, 'lanes')}`);
      checked++;
    }
    assert.ok(checked > 300, `${checked} ticks checked`);
  } finally {
    dashboard.close(0);
  }
});

test('j / k / J / K scroll the lanes in spawn order, Tab focuses and pins a lane, f follows the action again', async () => {
  const { term, dashboard } = openDashboard(crowdNamed(30), 100, 30);
  try {
    dashboard.start();
    dashboard.player.seek(90);
    dashboard.renderNow();
    const follow = laneRows(dashboard);
    const labels = () =>
      laneRows(dashboard)
        .slice(1, -1)
        .map((row) => row.slice(2).match(/^(main|worker \d+)/)?.[1] ?? row);
    type(term, 'k'.repeat(40)); // up to the top
    await settle(dashboard);
    const top = labels();
    assert.equal(top[0], 'main');
    assert.deepEqual(top.slice(1), top.slice(1).map((_, i) => `worker ${i}`), 'a window in spawn order');
    assert.match(laneRows(dashboard).at(-1)!, /more .*· f follows the action$/);
    type(term, 'j');
    await settle(dashboard);
    assert.deepEqual(labels(), [...top.slice(1), `worker ${top.length - 1}`], 'one down');
    type(term, 'J');
    await settle(dashboard);
    assert.equal(labels()[0], `worker ${top.length}`, 'a page down');
    type(term, 'K');
    await settle(dashboard);
    assert.equal(labels()[0], 'worker 0', 'a page up');

    // Tab: the first lane on screen is focused (◆, reverse video), and stays while scrolled away.
    type(term, '\t');
    await settle(dashboard);
    assert.ok(laneRows(dashboard).some((row) => /^[◆▶] worker 0 /.test(row)), laneRows(dashboard).join('\n'));
    type(term, 'J');
    await settle(dashboard);
    assert.equal(labels()[0], 'worker 0', 'pinned');
    assert.notEqual(labels()[1], 'worker 1');
    type(term, 'f');
    await settle(dashboard);
    assert.deepEqual(laneRows(dashboard), follow, 'f: the same screen as before any key');
    // The keys are in the help.
    type(term, '?');
    await settle(dashboard);
    const help = screenText(dashboard).join('\n');
    for (const key of ['j ', 'k ', 'J ', 'K ', 'Tab ', 'f ']) assert.ok(help.includes(key), `${key} in the help`);
  } finally {
    dashboard.close(0);
  }
});

test('labels say the program’s names: worker 104 prints “worker 104 done”; unnamed twins read Task-N, never #id', () => {
  for (const [loaded, label] of [
    [crowdNamed(200, 2), 'worker 104'],
    [crowdTwins(200, 2), 'worker Task-106'],
  ] as const) {
    const { dashboard } = openDashboard(loaded, 200, 60);
    try {
      dashboard.start();
      const view = dashboard.player.view;
      // On to the tick where worker 104 prints.
      while (!view.output.some((o) => o.text === 'worker 104 done')) dashboard.player.stepForward();
      dashboard.renderNow();
      assert.match(paneText(dashboard, 'output'), new RegExp(`\\d+ ${label} +worker 104 done`));
      assert.ok(laneRows(dashboard).some((row) => row.startsWith(`▶ ${label} `)), laneRows(dashboard).join('\n'));
      assert.doesNotMatch(screenText(dashboard).join('\n'), /worker#\d/);
    } finally {
      dashboard.close(0);
    }
  }
});

test('10^9 steps stay in their cells at 80, 100 and 200 columns', () => {
  for (const cols of [80, 100, 200]) {
    const { dashboard } = openDashboard(crowdNamed(3), cols, 30);
    try {
      dashboard.start();
      dashboard.player.seek(20);
      dashboard.renderNow();
      const lane = dashboard.player.view.lanes[1]!;
      const label = dashboard.player.view.label(lane);
      const rowOf = () => laneRows(dashboard).find((row) => row.slice(2).startsWith(`${label} `))!;
      const before = rowOf();
      const steps = lane.steps;
      lane.steps = 1e9; // what a run of a billion steps would show
      dashboard.renderNow();
      const after = rowOf();
      lane.steps = steps;
      assert.equal(after.length, before.length);
      const end = after.indexOf(' 1.0G ') + 5;
      assert.ok(end > 5, after);
      assert.equal(before.slice(end - 5, end), String(steps).padStart(5), 'right-aligned in the same cells');
      // Only those cells changed: the state word before, the tick cells after are as they were.
      assert.equal(after.slice(0, end - 5), before.slice(0, end - 5));
      assert.equal(after.slice(end), before.slice(end), `${cols} columns:\n${before}\n${after}`);
    } finally {
      dashboard.close(0);
    }
  }
});

test('stats rows keep spawn order from tick to tick, with the rest counted', () => {
  const { dashboard } = openDashboard(crowdNamed(30), 120, 40);
  try {
    dashboard.start();
    let first: string[] | null = null;
    for (const tick of [200, 201, 202, 260, 330, 500]) {
      dashboard.player.seek(tick);
      dashboard.renderNow();
      const rows = paneText(dashboard, 'stats').split('\n');
      const names = rows.filter((r) => /^(loop|main|worker \d+) /.test(r)).map((r) => r.match(/^(loop|main|worker \d+)/)![1]!);
      const tasks = names.filter((n) => n !== 'loop'); // the loop's row, first, once it has run a callback
      assert.deepEqual(tasks.slice(0, 2), ['main', 'worker 0'], `tick ${tick}`);
      const numbers = tasks.slice(1).map((n) => Number(n.split(' ')[1]));
      assert.deepEqual(numbers, numbers.map((_, i) => i), 'spawn order, not most steps first');
      if (first === null) first = names;
      else assert.deepEqual(names, first, 'the same rows in the same places');
      assert.ok(rows.some((r) => /^… \d+ more/.test(r)));
    }
  } finally {
    dashboard.close(0);
  }
});

test('the code pane follows the focused lane (Tab), not the task that ran', async () => {
  const { term, dashboard } = openDashboard(mixedLoaded, 80, 24);
  try {
    dashboard.start();
    dashboard.player.seek(6);
    dashboard.renderNow();
    assert.match(paneText(dashboard, 'code'), /▶ +yield\* waiter; ◀ waitJob/, 'waitJob ran: its line is in view');
    assert.doesNotMatch(paneText(dashboard, 'code'), /◀ sleeper/);
    type(term, '\x1b[Z'); // Shift-Tab: the last lane on screen, sleeper
    await settle(dashboard);
    assert.ok(laneRows(dashboard).some((row) => row.startsWith('◆ sleeper ')), laneRows(dashboard).join('\n'));
    assert.match(paneText(dashboard, 'code'), /▶ +yield\* sleep\(1\); ◀ sleeper/, 'the focused task’s line is in view');
    type(term, 'f');
    await settle(dashboard);
    assert.match(paneText(dashboard, 'code'), /◀ waitJob/, 'f: back to the task that ran');
  } finally {
    dashboard.close(0);
  }
});

test('10,000 tasks at 80×24: the running lane is on screen, the rest are one counted line', () => {
  const { dashboard } = openDashboard(crowdNamed(10_000, 1), 80, 24);
  try {
    dashboard.start();
    let checked = 0;
    for (const tick of [2, 3, 500, 5_001, 10_001]) {
      dashboard.player.seek(tick);
      dashboard.renderNow();
      const shown = ranLaneShown(dashboard);
      if (shown === null) continue;
      assert.ok(shown, `tick ${tick}:\n${paneText(dashboard, 'lanes')}`);
      assert.match(laneRows(dashboard).at(-1)!, /^ *… 99\d\d more \(/);
      checked++;
    }
    assert.ok(checked >= 4, `${checked} ticks checked`);
  } finally {
    dashboard.close(0);
  }
});
