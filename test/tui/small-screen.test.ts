/**
 * 80×24, the terminal a projector often gets: the header keeps the virtual time, the
 * output pane keeps task names and words whole. Read off the screen as the room sees it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadBuiltin } from '../../src/registry.js';
import { headerText, openDashboard, paneText } from './fixtures/screen.js';

test('80×24: waiter-sleep’s header shows the virtual time as it advances, and the tick', async () => {
  const demo = await loadBuiltin('waiter-sleep');
  const { dashboard } = openDashboard(demo, 80, 24);
  try {
    dashboard.start();
    dashboard.player.seek(5);
    dashboard.renderNow();
    assert.ok(dashboard.player.view.time > 0, 'a timer has fired by tick 5');
    const header = headerText(dashboard);
    assert.match(header, new RegExp(`t ${dashboard.player.view.time.toFixed(3)}s`), header);
    assert.match(header, /tick 5\b/);
    assert.match(header, /seed 1 │ 10\/s │ PAUSED/);
  } finally {
    dashboard.close(0);
  }
});

test('80×24 and 64×20: every demo’s header has the virtual time and the tick; the status fits the row', async () => {
  for (const name of ['tumpak', 'gather', 'timeout', 'waiter-sleep', 'four']) {
    const demo = await loadBuiltin(name);
    for (const [cols, rows] of [
      [80, 24],
      [64, 20],
    ] as const) {
      const { dashboard } = openDashboard(demo, cols, rows);
      try {
        dashboard.start();
        dashboard.player.seek(3);
        dashboard.renderNow();
        const header = headerText(dashboard);
        assert.match(header, /│ t \d+\.\d{3}s │ tick 3\b/, `${name} at ${cols}×${rows}: ${header}`);
      } finally {
        dashboard.close(0);
      }
    }
  }
});

test('80×24: printed lines read whole — task names uncut on rows of their own, words not chopped', async () => {
  const event = await loadBuiltin('event');
  const { dashboard } = openDashboard(event, 80, 24);
  try {
    dashboard.start();
    dashboard.player.seek(1000);
    dashboard.renderNow();
    const output = paneText(dashboard, 'output');
    assert.ok(!output.includes('…'), `no name cut short:\n${output}`);
    assert.match(output, /^wait_job$/m, 'the task named whole, in a row of its own');
    assert.match(output, /^ *\d+ wait_job:\n +finished$/m, 'the line wrapped at its space');
    assert.match(output, /^count_up_to\n +\d+ 0$/m);
  } finally {
    dashboard.close(0);
  }
  const frenetic = await loadBuiltin('frenetic');
  const other = openDashboard(frenetic, 80, 24);
  try {
    other.dashboard.start();
    other.dashboard.player.seek(1000);
    other.dashboard.renderNow();
    assert.match(paneText(other.dashboard, 'output'), /^ *\d+ Terminated$/m, 'Terminated in one piece');
  } finally {
    other.dashboard.close(0);
  }
  // Where names and text fit side by side (tum / pak), lines stay one row each.
  const tumpak = await loadBuiltin('tumpak');
  const wide = openDashboard(tumpak, 80, 24);
  try {
    wide.dashboard.start();
    assert.equal(paneText(wide.dashboard, 'output').trim(), 'nothing printed\nyet', 'the empty pane’s note wraps, uncut');
    wide.dashboard.player.seek(8);
    wide.dashboard.renderNow();
    assert.match(paneText(wide.dashboard, 'output'), /^ +\d+ (tum|pak) +(Tum|Pak)$/m);
  } finally {
    wide.dashboard.close(0);
  }
});
