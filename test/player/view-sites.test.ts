/**
 * The view's index of where lanes are suspended (View.codeLines, read by the code pane's
 * codeMarks) must equal a scan of every lane, at every tick, however the view got there:
 * folded forwards, cloned, or rebuilt from a checkpoint by stepping back, Home, End.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { LoopEvent, SourceLocation } from '../../src/core/events.js';
import { defineDemo } from '../../src/demo.js';
import { createTask, sleep } from '../../src/index.js';
import { Player } from '../../src/player/player.js';
import { recordRun } from '../../src/player/session.js';
import { View, type Lane } from '../../src/player/view.js';
import { inlineSources } from '../../src/sources/inline.js';
import { codeMarks } from '../../src/tui/panes/code.js';

/** file → line → tasks there (the loop as 0), by scanning every lane: what the index must say. */
function scanned(view: View): Map<string, Map<number, number[]>> {
  const out = new Map<string, Map<number, number[]>>();
  const mark = (lane: Lane, at: SourceLocation) => {
    let lines = out.get(at.file);
    if (lines === undefined) out.set(at.file, (lines = new Map()));
    const list = lines.get(at.line) ?? [];
    if (!list.includes(lane.task ?? 0)) list.push(lane.task ?? 0);
    lines.set(at.line, list);
  };
  for (const lane of [view.loopLane, ...view.lanes]) {
    if (lane.finished) continue;
    if (lane.chain !== null) for (const at of lane.chain) mark(lane, at);
    else if (lane.where !== null) mark(lane, lane.where);
  }
  return sortedDeep(out);
}

function indexed(view: View): Map<string, Map<number, number[]>> {
  const out = new Map<string, Map<number, number[]>>();
  for (const file of view.codeFiles()) {
    const lines = new Map<number, number[]>();
    for (const [line, site] of view.codeLines(file)!) {
      const tasks = site.sorted().map((lane) => lane.task ?? 0);
      assert.ok(tasks.length > 0, `an empty line stays in the index: ${file}:${line}`);
      // sorted() is in lane order, byName() counts every lane once.
      assert.deepEqual([...site.sorted()].sort((a, b) => a.index - b.index), site.sorted());
      assert.equal(site.byName().reduce((n, g) => n + g.count, 0), tasks.length);
      lines.set(line, tasks);
    }
    out.set(file, lines);
  }
  return sortedDeep(out);
}

function sortedDeep(map: Map<string, Map<number, number[]>>): Map<string, Map<number, number[]>> {
  const out = new Map<string, Map<number, number[]>>();
  for (const file of [...map.keys()].sort()) {
    const lines = map.get(file)!;
    out.set(file, new Map([...lines.keys()].sort((a, b) => a - b).map((line) => [line, [...lines.get(line)!].sort((a, b) => a - b)])));
  }
  return out;
}

function agree(view: View, where: string): void {
  assert.deepEqual(indexed(view), scanned(view), where);
}

function* hop(n: number) {
  for (let i = 0; i < n; i++) {
    if (i % 3 === 0) yield* sleep(0);
    else if (i % 3 === 1) yield* sleep(0.5);
    else yield* nested(i);
  }
  return n;
}

function* nested(i: number) {
  yield* sleep(i % 2 === 0 ? 0 : 0.25);
}

function* crowdMain() {
  for (let wave = 0; wave < 12; wave++) {
    for (let k = 0; k < 6; k++) createTask(hop(5 + ((wave * 7 + k) % 11)));
    yield* sleep(1);
  }
  yield* sleep(10);
}

/** Tasks that hop between lines (and in and out of a nested frame), finish, and are spawned in waves: over 1,500 ticks. */
const hopping = defineDemo({
  name: 'hopping',
  title: { en: 'hopping', fr: 'hopping' },
  narration: { en: '', fr: '' },
  main: () => crowdMain(),
});
/** This file as the events name it (its TypeScript source, through the source map). */
const thisFile = fileURLToPath(new URL('../../../test/player/view-sites.test.ts', import.meta.url));

function ev(tick: number, body: Record<string, unknown>): LoopEvent {
  return { seq: 0, tick, time: 0, ...body } as LoopEvent;
}
const at = (file: string, line: number): SourceLocation => ({ file, line, column: 1 });

test('folding a run tick by tick, the index equals a scan of every lane; a clone keeps its own', () => {
  const { events } = recordRun(hopping, { seed: 3, locations: true });
  const view = new View();
  let clone: View | null = null;
  const afterClone: LoopEvent[] = [];
  let tick = 0;
  let marked = 0;
  for (const e of events) {
    if (e.tick !== tick) {
      agree(view, `at tick ${tick}`);
      marked += codeMarks(view, thisFile).size;
      if (tick === 400) clone = view.clone();
      tick = e.tick;
    }
    view.apply(e);
    if (clone !== null) afterClone.push(e);
  }
  agree(view, 'at the end');
  assert.ok(tick > 1000, `a long run (${tick} ticks)`);
  assert.ok(marked > 1000, 'the run marks lines of this file');
  // The clone was not moved by the events folded after it; folding them lands where the original is.
  agree(clone!, 'the clone');
  for (const e of afterClone) clone!.apply(e);
  assert.deepEqual(indexed(clone!), indexed(view));
});

test('after stepping back, Home, End and jumps (views rebuilt from checkpoints), the index equals a scan', () => {
  const player = new Player(hopping, { seed: 3, speed: 10, paused: true, source: inlineSources() });
  try {
    player.seek(1100);
    agree(player.view, 'at 1100');
    for (let i = 0; i < 5; i++) player.stepBack();
    agree(player.view, 'after stepping back');
    for (const target of [1000, 20, 700, 513, 1090, 3]) {
      player.goTo(target);
      assert.equal(player.tick, target);
      agree(player.view, `at ${target} after a jump`);
    }
    player.home();
    agree(player.view, 'at Home');
    player.end();
    agree(player.view, 'at End');
    player.stepBack();
    agree(player.view, 'one back from End');
  } finally {
    player.dispose();
  }
});

test('a lane moving to another file leaves the first file’s lines; one that ends leaves the index', () => {
  const view = new View();
  const a = '/x/a.ts';
  const b = '/x/b.ts';
  let tick = 0;
  const step = (where: SourceLocation, chain?: SourceLocation[], outcome = 'parked') => {
    tick++;
    view.apply(ev(tick, { type: 'step-begin', task: 1, throwing: null, ready: 0 }));
    view.apply(ev(tick, { type: 'step-end', task: 1, outcome, where, ...(chain ? { chain } : {}) }));
  };
  view.apply(ev(0, { type: 'task-spawn', task: 1, name: 'Task-1', coro: 'walker', parent: null }));
  step(at(a, 3));
  assert.deepEqual([...codeMarks(view, a).keys()], [3]);
  // The same line number in another file is another line.
  step(at(b, 3));
  assert.equal(codeMarks(view, a).size, 0);
  assert.deepEqual([...codeMarks(view, b).keys()], [3]);
  // A chain marks each of its frames, a line passed twice once.
  step(at(a, 7), [at(a, 5), at(a, 7), at(a, 5)]);
  assert.deepEqual([...codeMarks(view, a).keys()].sort(), [5, 7]);
  assert.deepEqual(codeMarks(view, a).get(5)!.sorted().length, 1);
  step(at(b, 9));
  assert.equal(codeMarks(view, a).size, 0);
  assert.deepEqual([...codeMarks(view, b).keys()], [9]);
  assert.deepEqual([...view.codeFiles()], [b]);
  // The same file named relatively resolves to the one shown.
  step(at('x-rel.ts', 2));
  assert.deepEqual([...codeMarks(view, `${process.cwd()}/x-rel.ts`).keys()], [2]);
  step(at(b, 4), undefined, 'returned');
  assert.deepEqual([...view.codeFiles()], []);
});

test('the loop lane marks the line that drove the last managed step, and moves with it', () => {
  const view = new View();
  const file = '/x/manager.ts';
  view.apply(ev(0, { type: 'task-spawn', task: 1, name: 'Task-1', coro: 'c', parent: null, kind: 'coroutine' }));
  view.apply(ev(1, { type: 'step-begin', task: 1, throwing: null, ready: 0, driver: at(file, 10) }));
  assert.deepEqual([...codeMarks(view, file).entries()].map(([line, site]) => [line, site.sorted().map((l) => l.task)]), [[10, [null]]]);
  view.apply(ev(2, { type: 'step-begin', task: 1, throwing: null, ready: 0, driver: at(file, 12) }));
  assert.deepEqual([...codeMarks(view, file).keys()], [12]);
});

test('one file under two names (relative and absolute): one line, every lane there once, in lane order', () => {
  const view = new View();
  const absolute = `${process.cwd()}/y.ts`;
  for (const task of [1, 2, 3]) view.apply(ev(0, { type: 'task-spawn', task, name: `Task-${task}`, coro: `w${task}`, parent: null }));
  [3, 1, 2].forEach((task, i) => {
    view.apply(ev(i + 1, { type: 'step-begin', task, throwing: null, ready: 0 }));
    view.apply(ev(i + 1, { type: 'step-end', task, outcome: 'parked', where: at(task === 2 ? 'y.ts' : absolute, 4) }));
  });
  const marks = codeMarks(view, absolute);
  assert.deepEqual([...marks.keys()], [4]);
  assert.deepEqual(marks.get(4)!.sorted().map((lane) => lane.task), [1, 2, 3]);
  assert.deepEqual(marks.get(4)!.byName().map(({ lane, count }) => [lane.name, count]), [['w1', 1], ['w2', 1], ['w3', 1]]);
});
