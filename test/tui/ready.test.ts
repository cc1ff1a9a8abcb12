/**
 * The ready pane at a policy's draw: the queue as the draw saw it, the chosen item
 * highlighted — not the queue after the step under a line about the draw.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordRun } from '../../src/player/session.js';
import { loadBuiltin } from '../../src/registry.js';
import { attrFg, colorIndex, INVERSE, laneColor, THEMES } from '../../src/tui/theme.js';
import { cellAttr, openDashboard, paneText, screenText } from './fixtures/screen.js';

/** A cell attribute's flags (theme.ts: flags << 18 | fg << 9 | bg). */
const flags = (a: number) => a >> 18;

test('tumpak (seed 1): at each draw the pane lists the candidates as drawn from, the pick marked and highlighted', async () => {
  const tumpak = await loadBuiltin('tumpak');
  const { events } = recordRun(tumpak.demo, { seed: 1 });
  const picks = events.filter((e) => e.type === 'pick') as { tick: number; index: number; candidates: number; task: number | null }[];
  assert.ok(picks.length >= 20);
  const { dashboard } = openDashboard(tumpak, 100, 30, { seed: 1 });
  try {
    dashboard.start();
    for (const pick of picks) {
      dashboard.player.seek(pick.tick);
      dashboard.renderNow();
      const ready = paneText(dashboard, 'ready').split('\n');
      const items = ready.filter((l) => /^ \d+\. /.test(l));
      assert.equal(items.length, pick.candidates, `tick ${pick.tick}: the ${pick.candidates} candidates\n${ready.join('\n')}`);
      const marked = items.findIndex((l) => l.endsWith(' ◀'));
      assert.equal(marked, pick.index, `tick ${pick.tick}: the pick is marked`);
      const name = pick.task === 1 ? 'tum' : 'pak';
      assert.equal(items[marked], ` ${pick.index + 1}. ${name} ◀`);
      assert.ok(!ready.some((l) => /^ready \(/.test(l)), 'no second list: the queue after the step is the next draw’s');
    }
    // Tick 20: pak was drawn (2nd of 2) and finished; the queue after the step holds tum
    // alone, but the pane shows what the draw chose from.
    dashboard.player.seek(20);
    dashboard.renderNow();
    assert.equal(dashboard.player.view.sched!.readyCount, 1, 'after the step only tum is left');
    assert.match(paneText(dashboard, 'ready'), /^drew pak \(2nd of 2\)\n 1\. tum\n 2\. pak ◀$/m);
    // Highlighted: inverse, in pak's colour.
    const rect = dashboard.layout!.ready;
    const rows = screenText(dashboard);
    const row = rows.findIndex((r, i) => i > rect.top && r.slice(rect.left + 1).startsWith(' 2. pak ◀'));
    const a = cellAttr(dashboard, row, rect.left + 5);
    assert.ok(flags(a) & INVERSE, 'inverse');
    const pak = dashboard.player.view.lanes.find((l) => l.name === 'pak')!;
    assert.equal(attrFg(a), colorIndex(laneColor(THEMES.dark, pak.index)));
  } finally {
    dashboard.close(0);
  }
});

test('asyncio (no draw): the ready queue as it is after the step, as before', async () => {
  const gather = await loadBuiltin('gather');
  const { dashboard } = openDashboard(gather, 100, 30);
  try {
    dashboard.start();
    dashboard.player.seek(3);
    dashboard.renderNow();
    assert.match(paneText(dashboard, 'ready'), /^ready \(2\):\n 1\. /);
    assert.ok(!paneText(dashboard, 'ready').includes('◀'));
  } finally {
    dashboard.close(0);
  }
});
