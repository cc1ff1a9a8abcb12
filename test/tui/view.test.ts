import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LoopEvent } from '../../src/core/events.js';
import { Player } from '../../src/player/player.js';
import { inlineSources } from '../../src/sources/inline.js';
import { recordRun } from '../../src/player/session.js';
import { CELL, View, type Lane } from '../../src/player/view.js';
import { mixed, tumpak } from './fixtures/tumpak.js';

function fold(events: LoopEvent[]): View {
  const view = new View();
  for (const e of events) view.apply(e);
  return view;
}

/** Which task each tick stepped, straight from the log. */
function steppedAt(events: LoopEvent[]): Map<number, number> {
  const at = new Map<number, number>();
  for (const e of events) if (e.type === 'step-begin') at.set(e.tick, e.task);
  return at;
}

function row(lane: Lane, from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = from; t <= to; t++) out.push(lane.kindAt(t));
  return out;
}

test('every tick shows the task that stepped as run, and the others as ready, parked or over', () => {
  const { events, session } = recordRun(tumpak, { seed: 42 });
  const view = fold(events);
  const stepped = steppedAt(events);
  assert.deepEqual(view.lanes.map((l) => l.state), ['done', 'done']);
  for (let t = 1; t <= session.loop.tick; t++) {
    const running = view.lanes.filter((l) => [CELL.RAN, CELL.POLLED, CELL.RETURNED].includes(l.kindAt(t) as any));
    const task = stepped.get(t);
    if (task === undefined) {
      assert.equal(running.length, 0, `tick ${t}`);
      assert.equal(view.loopLane.kindAt(t), CELL.RAN, `tick ${t} is a loop callback`);
    } else {
      assert.deepEqual(running.map((l) => l.task), [task], `tick ${t}`);
    }
  }
  assert.equal(view.output.filter((l) => l.text === 'Tum').length, 10);
  assert.equal(view.output.filter((l) => l.text === 'Pak').length, 10);
  assert.deepEqual(view.lanes.map((l) => l.steps), [11, 11]);
  assert.equal(view.end?.outcome, 'returned');
});

test('the random draw is attributed to the tick of the item it picked', () => {
  const { events } = recordRun(tumpak, { seed: 42 });
  const view = new View();
  const stepped = steppedAt(events);
  for (const e of events) {
    view.apply(e);
    if (e.type === 'step-begin') {
      assert.equal(view.pick?.tick, e.tick);
      assert.equal(view.pick?.task, stepped.get(e.tick));
      assert.equal(view.pick!.draw, view.pick!.index, 'random.choice draws the index it picks');
    }
  }
});

test('a Waiter polls, a gather parks, a failure and results end their lanes', () => {
  const { events } = recordRun(mixed, { seed: 1, names: true });
  const view = fold(events);
  const lane = (name: string) => view.lanes.find((l) => l.name === name)!;
  assert.deepEqual(view.lanes.map((l) => l.name), ['mixedMain', 'waitJob', 'countUpTo', 'boom', 'sleeper']);
  const waitJob = lane('waitJob');
  assert.ok(row(waitJob, 1, view.tick).includes(CELL.POLLED), 'waitJob polls');
  assert.ok(!row(lane('countUpTo'), 1, view.tick).includes(CELL.POLLED), 'countUpTo prints at each step: not polling');
  assert.equal(lane('boom').state, 'failed');
  assert.equal(lane('boom').error, 'Error: boom');
  assert.equal(lane('boom').kindAt(lane('boom').endTick!), CELL.FAILED);
  assert.equal(lane('countUpTo').result, '6');
  assert.equal(lane('sleeper').result, "'rested'");
  // main parked on the gather from its first step until the gather completes.
  const main = lane('mixedMain');
  assert.equal(main.kindAt(2), CELL.PARKED);
  assert.equal(main.state, 'done');
  assert.deepEqual(view.output.map((l) => l.text), ['start', '0', '1', '2', '3', '4', '5', 'finished', 'all done']);
});

test('stepping back is replay: the view at tick N is the same whichever way we got there', () => {
  const player = new Player(mixed, { seed: 1, speed: 10, paused: true, source: inlineSources() });
  player.seek(15);
  const forward = snapshot(player.view);
  player.seek(25);
  for (let i = 0; i < 10; i++) player.stepBack();
  assert.equal(player.tick, 15);
  assert.deepEqual(snapshot(player.view), forward);
  player.stepForward();
  assert.equal(player.tick, 16);
  player.dispose();
});

test('speed presets go from 0.5 to 1000 ticks/s, then max, and stop at both ends', () => {
  const player = new Player(tumpak, { seed: 42, speed: 1000, paused: true, source: inlineSources() });
  player.faster();
  assert.equal(player.speed, Infinity);
  player.faster();
  assert.equal(player.speed, Infinity);
  for (let i = 0; i < 20; i++) player.slower();
  assert.equal(player.speed, 0.5);
  player.dispose();
});

function snapshot(view: View) {
  return {
    tick: view.tick,
    lanes: [view.loopLane, ...view.lanes].map((l) => ({ name: l.name, state: l.state, steps: l.steps, cells: row(l, 1, view.tick) })),
    output: view.output.map((l) => `${l.tick} ${l.task} ${l.text}`),
  };
}
