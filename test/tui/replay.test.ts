/**
 * The dashboard is a fold of the log: playing a recorded log (--replay) shows, at every
 * tick, the very screen the live run shows there.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordRun } from '../../src/player/session.js';
import { loadBuiltin } from '../../src/registry.js';
import { inlineSources } from '../../src/sources/inline.js';
import { ReplaySource } from '../../src/sources/replay.js';
import { openDashboard, screenText } from './fixtures/screen.js';

for (const name of ['waiter', 'gather', 'tumpak', 'mutex']) {
  test(`${name}: the replayed log shows the live screen at every tick`, async () => {
    const current = await loadBuiltin(name);
    const seed = 4;
    const { events } = recordRun(current.demo, { seed, locations: true }, 1_000_000, { close: true });
    const live = openDashboard(current, 120, 36, { seed, source: inlineSources() });
    const replay = openDashboard(current, 120, 36, { seed, source: () => new ReplaySource(events) });
    try {
      live.dashboard.start();
      replay.dashboard.start();
      for (let tick = 0; !live.dashboard.player.finished; tick++) {
        live.dashboard.renderNow();
        replay.dashboard.renderNow();
        assert.equal(replay.dashboard.player.tick, tick);
        assert.deepEqual(screenText(replay.dashboard), screenText(live.dashboard), `${name} at tick ${tick}`);
        live.dashboard.player.stepForward();
        replay.dashboard.player.stepForward();
      }
      assert.ok(replay.dashboard.player.finished);
    } finally {
      live.dashboard.close(0);
      replay.dashboard.close(0);
    }
  });
}
