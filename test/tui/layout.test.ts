import assert from 'node:assert/strict';
import { test } from 'node:test';
import { View } from '../../src/player/view.js';
import { footerText } from '../../src/tui/keys.js';
import { STRINGS } from '../../src/tui/strings.js';
import { computeLayout, type Rect } from '../../src/tui/layout.js';
import { wrap } from '../../src/tui/panes/frame.js';
import { firstColumn, visibleLanes } from '../../src/tui/panes/lanes.js';

function inside(r: Rect, cols: number, rows: number) {
  return r.left >= 0 && r.top >= 0 && r.left + r.width <= cols && r.top + r.height <= rows;
}

test('the layout tiles the terminal, gives lanes the rows they need, and refuses tiny terminals', () => {
  for (const [cols, rows, lanes] of [
    [100, 30, 4],
    [120, 40, 33],
    [200, 60, 33],
    [64, 20, 2],
  ] as const) {
    const l = computeLayout(cols, rows, lanes)!;
    for (const r of [l.header, l.lanes, l.code, l.output, l.ready, l.stats, l.footer]) assert.ok(inside(r, cols, rows), `${cols}×${rows}`);
    assert.equal(l.code.width + l.output.width + l.ready.width, cols);
    assert.equal(l.ready.top + l.ready.height, l.stats.top);
    assert.equal(l.stats.top + l.stats.height, l.footer.top);
    assert.equal(l.footer.top, rows - 1);
    assert.ok(l.code.height >= 10, 'the bottom panes keep room');
  }
  assert.equal(computeLayout(100, 30, 4)!.laneRows, 4);
  assert.equal(computeLayout(200, 60, 33)!.laneRows, 33);
  assert.ok(computeLayout(100, 30, 40)!.laneRows < 40);
  assert.equal(computeLayout(63, 30, 4), null);
  assert.equal(computeLayout(100, 19, 4), null);
});

test('too many lanes: the loop stays, the lanes that stepped last show in spawn order, the last row counts the rest', () => {
  const view = new View();
  const at = (tick: number) => ({ seq: tick, tick, time: 0 });
  for (let i = 1; i <= 6; i++) view.apply({ type: 'task-spawn', task: i, name: `t${i}`, coro: null, parent: null, ...at(0) });
  for (const task of [5, 2, 3]) {
    view.apply({ type: 'step-begin', task, throwing: null, ready: 0, ...at(task) });
    view.apply({ type: 'step-end', task, outcome: task === 3 ? 'returned' : 'parked', ...at(task) });
  }
  const { lanes, hidden, ready, parked, over } = visibleLanes(view, 5);
  assert.deepEqual(lanes.map((l) => l.name), ['loop', 't2', 't3', 't5']);
  assert.deepEqual([hidden, ready, parked, over], [3, 3, 0, 0]);
  assert.deepEqual(visibleLanes(view, 4).lanes.map((l) => l.name), ['loop', 't2', 't3'], 'the two that stepped last');
  assert.equal(visibleLanes(view, 7).hidden, 0);
});

test('lanes scroll left one column per tick once full; long lines wrap at spaces; the footer keeps ? and q', () => {
  assert.equal(firstColumn(5, 60), 1);
  assert.equal(firstColumn(60, 60), 1);
  assert.equal(firstColumn(61, 60), 2);
  assert.deepEqual(wrap('run over: returned [undefined, undefined]', 20, 18), ['run over: returned', '[undefined,', 'undefined]']);
  assert.match(footerText(100, STRINGS.en.keys), /space pause.*R new seed {2}\? help {2}q quit/);
  assert.equal(footerText(30, STRINGS.en.keys), ' space pause  ? help  q quit');
});

test('big-text mode widens the output pane, the code stays readable, and the panes still tile', () => {
  const normal = computeLayout(100, 30, 3)!;
  const big = computeLayout(100, 30, 3, true)!;
  assert.ok(big.output.width > normal.output.width);
  assert.ok(big.code.width >= 36, `code ${big.code.width} columns wide in big mode`);
  assert.equal(big.output.left, big.code.left + big.code.width);
  assert.equal(big.ready.left + big.ready.width, 100);
  assert.deepEqual(big.lanes, normal.lanes);
});

test('at 100 columns the code pane gets more of the width than at 160', () => {
  const at100 = computeLayout(100, 30, 3)!;
  const at160 = computeLayout(160, 45, 3)!;
  assert.ok(at100.code.width / 100 > at160.code.width / 160);
  assert.ok(at100.code.width >= 46);
});

test('a cue gets its own rows between the lanes and the panes, which shrink; a 2-row header moves everything down', () => {
  const plain = computeLayout(100, 30, 3)!;
  const cued = computeLayout(100, 30, 3, false, { cueRows: 4, headerRows: 2 })!;
  assert.equal(cued.header.height, 2);
  assert.equal(cued.lanes.top, 2);
  assert.deepEqual(cued.cue, { left: 0, top: cued.lanes.top + cued.lanes.height, width: 100, height: 4 });
  for (const pane of [cued.code, cued.output, cued.ready]) assert.equal(pane.top, cued.cue.top + cued.cue.height, 'below the cue, not under it');
  assert.equal(cued.code.top + cued.code.height, cued.footer.top);
  assert.equal(plain.cue.height, 0);
  // A long narration never squeezes the panes below a readable height.
  const long = computeLayout(100, 30, 3, false, { cueRows: 40 })!;
  assert.ok(long.code.height >= 10);
});
