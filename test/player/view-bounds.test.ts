import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defineDemo } from '../../src/demo.js';
import { createTask, print, sleep } from '../../src/index.js';
import { recordRun } from '../../src/player/session.js';
import { View } from '../../src/player/view.js';

function* short(i: number) {
  yield* sleep(0);
  print(`worker ${i} done`);
}

function* spawner() {
  for (let i = 0; i < 5000; i++) {
    createTask(short(i));
    yield* sleep(0);
  }
  yield* sleep(0);
}

const many = defineDemo({ name: 'many', title: { en: '', fr: '' }, narration: { en: '', fr: '' }, main: () => spawner() });

test('a view that keeps few finished lanes stays bounded over thousands of tasks, and printed lines keep their names', () => {
  const { events } = recordRun(many, { seed: 1 }, 10_000_000, { close: true });
  const bounded = new View({ keepFinished: 50 });
  const full = new View();
  for (const e of events) {
    bounded.apply(e);
    full.apply(e);
  }
  assert.equal(full.lanes.length, 5001);
  assert.ok(bounded.lanes.length <= 1 + 100, `${bounded.lanes.length} lanes kept`);
  assert.ok(bounded.byTask.size === bounded.lanes.length);
  // Never read, its index of suspension lines holds no more lanes to place than it has lanes (and a margin).
  const moved = (bounded as unknown as { moved: unknown[] }).moved.length;
  assert.ok(moved <= bounded.lanes.length + 64, `${moved} lanes queued to be placed`);
  // The newest finished lanes are the ones kept; the last printed lines still say who printed them.
  assert.equal(bounded.lanes.at(-1)!.task, full.lanes.at(-1)!.task);
  const last = bounded.output.at(-1)!;
  assert.equal(last.text, 'worker 4999 done');
  assert.equal(bounded.label(last.lane), full.label(full.output.at(-1)!.lane));
  const early = bounded.output[0]!;
  assert.ok(!bounded.byTask.has(early.task!), 'that lane has left the view');
  assert.equal(bounded.label(early.lane), full.label(full.output[0]!.lane));
  // A clone keeps the bound.
  const copy = bounded.clone();
  assert.equal(copy.lanes.length, bounded.lanes.length);
});
