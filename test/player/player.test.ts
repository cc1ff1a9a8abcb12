import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BehaviorSubject, from, Subject } from 'rxjs';
import type { LoopEvent } from '../../src/core/events.js';
import { defineDemo, type Demo } from '../../src/demo.js';
import { gather, print, sleep } from '../../src/index.js';
import { LAYOUT_LOOKAHEAD, Player, type SourceFactory } from '../../src/player/player.js';
import { recordRun } from '../../src/player/session.js';
import { View } from '../../src/player/view.js';
import { InlineSource, inlineSources } from '../../src/sources/inline.js';
import type { EventSource, SourceProgress } from '../../src/sources/source.js';
import { SourceError } from '../../src/sources/source.js';

function* counter(name: string, n: number) {
  for (let i = 0; i < n; i++) {
    print(`${name} ${i}`);
    yield* sleep(i % 3 === 0 ? 0.5 : 0);
  }
  return name;
}

const long: Demo = defineDemo({
  name: 'long',
  title: { en: 'long', fr: 'long' },
  narration: { en: '', fr: '' },
  main: () => gather(counter('a', 900), counter('b', 700), counter('c', 500)),
});

/** What a screen shows of a view: lanes (cells, state, steps), output, time. */
function snapshot(view: View) {
  return {
    tick: view.tick,
    time: view.time,
    lanes: [view.loopLane, ...view.lanes].map((l) => ({ name: view.label(l), state: l.state, steps: l.steps, where: l.where, cells: Array.from({ length: 64 }, (_, i) => l.kindAt(view.tick - i)).join('') })),
    output: view.output.map((l) => `${l.tick} ${l.task} ${l.text}`),
    end: view.end,
  };
}

/** The view at `tick` folded from a fresh headless run: the reference. */
function reference(demo: Demo, tick: number): View {
  const { events } = recordRun(demo, { seed: 1, names: true }, 10_000_000, { close: true });
  const view = new View();
  for (const e of events) if (e.tick <= tick) view.apply(e);
  view.tick = tick;
  return view;
}

function counting(factory: SourceFactory): { factory: SourceFactory; made: () => number } {
  let made = 0;
  return {
    factory: (demo, seed) => {
      made++;
      return factory(demo, seed);
    },
    made: () => made,
  };
}

test('the view at any tick is the fold of the log up to it, however the cursor got there', () => {
  const player = new Player(long, { seed: 1, speed: 10, paused: true, source: inlineSources({ locations: false }), history: { maxCheckpoints: 6 } });
  player.advance(3000);
  assert.ok(player.finished, `the run ended (tick ${player.tick})`);
  const end = player.tick;
  for (const tick of [end - 1, 1234, 0, 17, end, 600]) {
    player.seek(tick);
    assert.equal(player.tick, tick);
    assert.deepEqual(snapshot(player.view), snapshot(reference(long, tick)), `tick ${tick}`);
  }
  player.dispose();
});

test('step back, Home, End and r move the cursor without running the program again', () => {
  const { factory, made } = counting(inlineSources({ locations: false }));
  const player = new Player(long, { seed: 1, speed: 10, paused: true, source: factory });
  player.advance(400);
  const at400 = snapshot(player.view);
  player.stepBack();
  assert.equal(player.tick, 399);
  player.home();
  assert.equal(player.tick, 0);
  player.end();
  assert.equal(player.tick, 400, 'End: the furthest tick reached');
  assert.deepEqual(snapshot(player.view), at400);
  player.restart(); // r: the same seed
  assert.equal(player.tick, 0);
  assert.equal(made(), 1, 'one run of the program for all of it');
  player.stepForward();
  assert.equal(player.tick, 1);
  player.restart(player.seed + 1); // R: a new seed is a new run
  assert.equal(made(), 2);
  assert.equal(player.seed, 2);
  player.dispose();
});

test('End on a finished run goes to its end; stepping forward past the furthest tick resumes the source', () => {
  const player = new Player(long, { seed: 1, speed: 10, paused: true, source: inlineSources({ locations: false }) });
  player.advance(50);
  player.seek(10);
  player.stepForward();
  assert.equal(player.tick, 11);
  player.end();
  assert.equal(player.tick, 50);
  player.stepForward();
  assert.equal(player.tick, 51, 'past the furthest tick: the source runs on');
  player.advance(1_000_000);
  assert.ok(player.finished);
  const end = player.tick;
  player.home();
  player.end();
  assert.equal(player.tick, end);
  player.dispose();
});

test('a tick the bounded history dropped is reached by a re-run, and the view is the same', () => {
  const { factory, made } = counting(inlineSources({ locations: false }));
  const player = new Player(long, { seed: 1, speed: 10, paused: true, source: factory, history: { budgetBytes: 60_000, headBytes: 8_000, cacheEvents: 500 } });
  for (let i = 0; i < 2500; i++) player.advance(1); // a batch a tick, as a slow pace delivers them
  const gapTick = player.history.heldFromStart + 5;
  assert.ok(!player.history.holds(-1, gapTick), 'the middle of the run left the history');
  player.seek(gapTick);
  assert.equal(made(), 2, 'a re-run');
  assert.equal(player.tick, gapTick);
  assert.equal(player.rerun, null, 'an inline re-run is over at once');
  assert.deepEqual(snapshot(player.view), snapshot(reference(long, gapTick)));
  player.dispose();
});

test('[ on a long run whose middle the history dropped finds the cue just behind the cursor, not the last one before the gap', () => {
  const marked = defineDemo({
    name: 'marked',
    title: { en: 'marked', fr: 'marked' },
    narration: { en: '', fr: '' },
    cues: [{ id: 'mark', when: (e) => e.type === 'print' && e.text.startsWith('mark'), narration: { en: '', fr: '' } }],
    *main() {
      for (let i = 0; i < 3000; i++) {
        print(i === 5 || i === 2400 ? `mark ${i}` : `line ${i}`);
        yield* sleep(0);
      }
    },
  });
  const player = new Player(marked, { seed: 1, speed: 10, paused: true, source: inlineSources({ locations: false }), history: { budgetBytes: 400_000, headBytes: 40_000, cacheEvents: 500 } });
  for (let i = 0; i < 2600; i++) player.advance(1); // a batch a tick, as a slow pace delivers them
  const ticks: number[] = [];
  for (const e of recordRun(marked, { seed: 1 }, 2600).events) if (e.type === 'print' && e.text.startsWith('mark')) ticks.push(e.tick);
  const [early, late] = ticks as [number, number];
  const history = player.history;
  assert.ok(history.heldFromStart < late && late > history.windowStart, `the late cue (tick ${late}) is held after the gap (${history.heldFromStart}–${history.windowStart})`);
  player.previousCue();
  assert.equal(player.tick, late, 'the nearest cue behind the cursor');
  assert.equal(player.cue?.id, 'mark');
  player.previousCue();
  // The cue before it is found where the history holds it (the head); in the dropped middle it is not.
  assert.equal(player.tick, early <= history.heldFromStart ? early : 0);
  player.dispose();
});

/** A source that delivers only what a test releases. */
class HeldSource implements EventSource {
  readonly events$ = new Subject<readonly LoopEvent[]>();
  readonly progress$ = new BehaviorSubject<SourceProgress>({ state: 'working', tick: -1, lastTask: null });
  demanded = 0;
  disposed = false;
  constructor(private readonly events: LoopEvent[]) {}
  demand(tick: number): void {
    this.demanded = Math.max(this.demanded, tick);
  }
  release(tick: number, state: SourceProgress['state'] = 'idle'): void {
    this.events$.next(this.events.filter((e) => e.tick <= tick && e.tick > (this.sent ?? -1)));
    this.sent = tick;
    this.progress$.next({ state, tick, lastTask: 1 });
  }
  private sent: number | null = null;
  dispose(): void {
    this.disposed = true;
  }
}

test('a source that owes ticks and does not answer shows as stalled; a failed source ends the run with its reason', () => {
  const { events } = recordRun(long, { seed: 1 }, 100, { close: true });
  const held = new HeldSource(events);
  const player = new Player(long, { seed: 1, speed: 10, paused: true, source: () => held });
  held.release(3);
  player.advance(5);
  assert.equal(player.tick, 3, 'the cursor waits for ticks the source has not given');
  assert.equal(held.demanded, LAYOUT_LOOKAHEAD, 'paused: no pace lookahead, only the layout’s few ticks past the cursor');
  held.progress$.next({ state: 'stalled', tick: 3, lastTask: 1 });
  assert.ok(player.stalled);
  assert.equal(player.source.lastTask, 1);
  held.release(8);
  assert.equal(player.tick, 5, 'the owed ticks arrive: the cursor gets where it was going');
  assert.ok(!player.stalled);
  held.events$.error(new SourceError('the loop broke: boom'));
  assert.equal(player.source.failure, 'the loop broke: boom');
  assert.equal(player.state, 'paused', 'the ticks delivered before the failure can still be shown');
  player.end();
  assert.equal(player.tick, 8);
  assert.equal(player.state, 'done');
  player.dispose();
  assert.ok(held.disposed);
});

test("tick 0 delivered in two batches: the view waits for the whole tick (its spawns came in the second)", () => {
  const { events } = recordRun(long, { seed: 1, names: true }, 10, { close: true });
  const tick0 = events.filter((e) => e.tick === 0);
  assert.ok(tick0.length > 2 && tick0.some((e) => e.type === 'task-spawn'));
  const source = new HeldSource(events);
  const player = new Player(long, { seed: 1, speed: 10, source: () => source });
  // A pipe's first read can hold the loop's start alone; the source is still working on tick 0.
  source.events$.next(tick0.slice(0, 1));
  assert.equal(player.view.lanes.length, 0, 'tick 0 is not shown half delivered');
  source.events$.next(tick0.slice(1));
  source.progress$.next({ state: 'idle', tick: 0, lastTask: null });
  assert.equal(player.tick, 0);
  assert.deepEqual(snapshot(player.view), snapshot(reference(long, 0)), 'every lane tick 0 spawned');
  player.dispose();
});

test('a source that ended before the player subscribed (its progress already complete) is shown to its last tick', () => {
  const { events } = recordRun(long, { seed: 1, names: true }, 3, { close: true });
  const lastTick = events[events.length - 1]!.tick;
  const progress$ = new BehaviorSubject<SourceProgress>({ state: 'ended', tick: lastTick, lastTask: null });
  progress$.complete(); // a late subscriber gets no value, only the end
  const ended: EventSource = { events$: from([events]), progress$, demand: () => {}, dispose: () => {} };
  const player = new Player(long, { seed: 1, speed: 10, paused: true, source: () => ended });
  player.end();
  assert.equal(player.tick, lastTick);
  assert.equal(player.state, 'done');
  const whole = new View();
  for (const e of events) whole.apply(e);
  whole.tick = lastTick;
  assert.deepEqual(snapshot(player.view), snapshot(whole), 'every event delivered, the last tick too');
  player.dispose();
});

test('a source that fails before its first event: the run ends at tick 0, where End goes', () => {
  const held = new HeldSource([]);
  const player = new Player(long, { seed: 1, speed: 10, paused: true, source: () => held });
  held.events$.error(new SourceError('the demo stopped unexpectedly'));
  assert.equal(player.endTick, 0);
  player.end();
  assert.equal(player.tick, 0);
  assert.equal(player.state, 'done');
  player.dispose();
});

test('Esc cancels a re-run: the cursor stays where it was, and the re-run source is stopped', () => {
  const sources: EventSource[] = [];
  let held: HeldSource | null = null;
  const player = new Player(long, {
    seed: 1,
    speed: 10,
    paused: true,
    history: { budgetBytes: 60_000, headBytes: 8_000, cacheEvents: 500 },
    source: (demo, seed) => {
      const source = sources.length === 0 ? new InlineSource(demo, { seed, locations: false }) : (held = new HeldSource([]));
      sources.push(source);
      return source;
    },
  });
  for (let i = 0; i < 2500; i++) player.advance(1);
  const before = snapshot(player.view);
  player.seek(player.history.heldFromStart + 5);
  assert.deepEqual(player.rerun, { target: player.history.heldFromStart + 5, tick: 0 });
  assert.equal(player.tick, 2500, 'the old view stays while the re-run runs');
  assert.ok(player.cancelRerun());
  assert.equal(player.rerun, null);
  assert.ok(held!.disposed);
  assert.deepEqual(snapshot(player.view), before);
  player.dispose();
});
