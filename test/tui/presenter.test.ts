/**
 * Presenter controls: open paused at tick 0, `]` / `[` from cue to cue (with or without
 * --cues), Home / End, and the "tick n / m" progress once the run's end is known.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadBuiltin } from '../../src/registry.js';
import { headerText, openDashboard, settle, type } from './fixtures/screen.js';

test('] and [ go from cue to cue and show each one; Home and End; the progress reads tick n / m', async () => {
  const waiter = await loadBuiltin('waiter');
  const { term, dashboard } = openDashboard(waiter, 100, 30, { cues: false, paused: true }, { paused: undefined }); // as --paused
  try {
    dashboard.start();
    await settle(dashboard);
    assert.equal(dashboard.player.tick, 0);
    assert.match(headerText(dashboard), /PAUSED/, 'opened paused at tick 0');
    const ids: string[] = [];
    const ticks: number[] = [];
    for (let i = 0; i < 3; i++) {
      type(term, ']');
      await settle(dashboard);
      ids.push(dashboard.player.cue?.id ?? 'none');
      ticks.push(dashboard.player.tick);
    }
    assert.deepEqual(ids, ['polling', 'waiter-fires', 'gather-done']);
    assert.ok(ticks[0]! < ticks[1]! && ticks[1]! < ticks[2]!, `cue ticks ${ticks}`);
    const end = dashboard.player.endTick!;
    assert.equal(ticks[2], end);
    assert.match(headerText(dashboard), new RegExp(`tick ${end} / ${end}`));
    type(term, '[');
    await settle(dashboard);
    assert.equal(dashboard.player.cue?.id, 'waiter-fires');
    assert.equal(dashboard.player.tick, ticks[1]);
    type(term, '[');
    await settle(dashboard);
    assert.equal(dashboard.player.cue?.id, 'polling');
    type(term, '\x1b[H'); // Home
    await settle(dashboard);
    assert.equal(dashboard.player.tick, 0);
    assert.match(headerText(dashboard), new RegExp(`tick 0 / ${end}`));
    type(term, '\x1b[F'); // End
    await settle(dashboard);
    assert.equal(dashboard.player.tick, end);
  } finally {
    dashboard.close(0);
  }
});
