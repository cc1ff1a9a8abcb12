/**
 * The screen's layout holds still (issue 10): the panes do not move when tasks are
 * spawned or when a cue opens and closes, read off the screen as the room sees it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadBuiltin } from '../../src/registry.js';
import type { Dashboard } from '../../src/tui/dashboard.js';
import { openDashboard, screenText, settle, type } from './fixtures/screen.js';

/** Where the lanes and the bottom panes are on screen: rows whose box corner is drawn. */
function tops(dashboard: Dashboard): { lanes: number; code: number } {
  const layout = dashboard.layout!;
  const rows = screenText(dashboard);
  // Read the corners off the screen too, not only the layout object.
  assert.equal(rows[layout.lanes.top]![layout.lanes.left], '┌');
  assert.equal(rows[layout.code.top]![layout.code.left], '┌');
  return { lanes: layout.lanes.top, code: layout.code.top };
}

test('gather: the code pane’s top row is the same at ticks 0, 3 and 6 while tasks are spawned, stepping or seeking', async () => {
  const gather = await loadBuiltin('gather');
  for (const [cols, rows] of [
    [100, 30],
    [80, 24],
  ] as const) {
    const { term, dashboard } = openDashboard(gather, cols, rows);
    try {
      dashboard.start();
      const at0 = tops(dashboard);
      for (let i = 0; i < 3; i++) type(term, 's');
      await settle(dashboard);
      assert.equal(dashboard.player.tick, 3);
      assert.ok(dashboard.player.view.lanes.length > 1, 'tasks were spawned');
      assert.deepEqual(tops(dashboard), at0, `${cols}×${rows} at tick 3`);
      dashboard.player.seek(6);
      dashboard.renderNow();
      assert.ok(dashboard.player.view.lanes.length >= 5, 'the squares were spawned');
      assert.deepEqual(tops(dashboard), at0, `${cols}×${rows} at tick 6`);
      // Every lane still has its row: the room kept was the room needed.
      assert.ok(dashboard.layout!.laneRows >= 1 + dashboard.player.view.lanes.length || dashboard.layout!.laneRows >= 8);
    } finally {
      dashboard.close(0);
    }
  }
});

test('a cue opening and closing moves neither the lanes nor the code pane; its band waits, empty, for the next', async () => {
  const tumpak = await loadBuiltin('tumpak');
  const { term, dashboard } = openDashboard(tumpak, 100, 30, { seed: 7, cues: true });
  try {
    dashboard.start();
    const before = tops(dashboard);
    assert.ok(dashboard.layout!.cue.height >= 3, 'with --cues the band is there from the start');
    assert.match(screenText(dashboard).join('\n'), /\] next cue/, 'saying which key shows the next');
    type(term, ']');
    await settle(dashboard);
    assert.ok(dashboard.player.cue !== null, 'a cue shows');
    assert.match(screenText(dashboard).join('\n'), /Watch the ready queue/);
    assert.deepEqual(tops(dashboard), before, 'the cue opened in its band');
    type(term, ' ');
    await settle(dashboard);
    assert.equal(dashboard.player.cue, null, 'space closed it');
    dashboard.player.pause();
    await settle(dashboard);
    assert.deepEqual(tops(dashboard), before, 'and closed without moving a pane');
  } finally {
    dashboard.close(0);
  }
});
