import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { firstValueFrom, filter, lastValueFrom, toArray } from 'rxjs';
import type { LoopEvent } from '../../src/core/events.js';
import { eventLine, toJsonLines } from '../../src/export/jsonl.js';
import { builtinNames, loadBuiltin } from '../../src/registry.js';
import { InlineSource, inlineSources } from '../../src/sources/inline.js';
import { readLog, ReplaySource } from '../../src/sources/replay.js';
import { SourceError, type EventSource, type SourceProgress } from '../../src/sources/source.js';
import { STALL_MS, WorkerSource } from '../../src/sources/worker.js';
import { Player } from '../../src/player/player.js';
import type { Demo } from '../../src/demo.js';

const fixtures = fileURLToPath(new URL('../e2e/fixtures/', import.meta.url));

/** Every event a source delivers when asked for everything. */
async function drain(source: EventSource): Promise<LoopEvent[]> {
  const all = lastValueFrom(source.events$.pipe(toArray()));
  source.demand(0);
  source.demand(1_000_000);
  return (await all).flat();
}

/** Events as the log compares them: locations come from the same runtime either way, so they are compared too. */
const strip = (events: LoopEvent[]) => events.map(eventLine);

test('the worker delivers, for every built-in demo, exactly the log the engine writes inline', async () => {
  for (const name of builtinNames()) {
    const { demo } = await loadBuiltin(name);
    const inline = await drain(inlineSources({ locations: false })(demo, 3));
    const worker = new WorkerSource({ demo: name, seed: 3, locations: false });
    let off: LoopEvent[];
    try {
      off = await drain(worker);
    } finally {
      worker.dispose();
    }
    assert.ok(inline.length > 0);
    assert.deepEqual(strip(off), strip(inline), name);
  }
});

test('a task that never yields: the worker says it is not answering and who ran last, and dispose stops it', async () => {
  const source = new WorkerSource({ demo: join(fixtures, 'never-yields.js'), seed: 1 });
  try {
    source.demand(50);
    // A slow start can read as a stall too (nothing has run yet): wait for the one with a task in it.
    const stalled = await firstValueFrom(source.progress$.pipe(filter((p) => p.state === 'stalled' && p.lastTask !== null)));
    assert.equal(stalled.lastTask, 1, 'spinner (task 1) was running');
    assert.ok(stalled.tick >= 1);
  } finally {
    source.dispose();
    source.dispose(); // twice is fine
  }
});

test('a worker slow to start reads as not answering at tick −1, not 0: the player folds tick 0 once its spawns are in', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'coroscope-src-'));
  const index = new URL('../../src/index.js', import.meta.url).href;
  const file = join(dir, 'slow-start.mjs');
  // The module takes longer to load than STALL_MS: the worker says nothing meanwhile.
  writeFileSync(
    file,
    `import { createTask, sleep } from ${JSON.stringify(index)};\n` +
      `const until = Date.now() + ${STALL_MS + 500}; while (Date.now() < until) {}\n` +
      `function* worker() { yield* sleep(0); }\n` +
      `export default { name: 'slow', main: function* main() { createTask(worker()); yield* sleep(0); } };\n`,
  );
  const source = new WorkerSource({ demo: file, seed: 1 });
  const progress: SourceProgress[] = [];
  source.progress$.subscribe((p) => progress.push(p));
  const demo = { name: 'slow', title: { en: '', fr: '' }, narration: { en: '', fr: '' }, main: () => [] } as Demo;
  const player = new Player(demo, { seed: 1, speed: 10, paused: true, source: () => source });
  try {
    const alive = setInterval(() => {}, 50); // the worker does not hold the process open
    await firstValueFrom(source.progress$.pipe(filter((p) => p.state === 'idle' || p.state === 'ended')));
    clearInterval(alive);
    const stalls = progress.filter((p) => p.state === 'stalled');
    assert.ok(stalls.length > 0, 'the slow start read as not answering');
    assert.deepEqual(stalls.map((p) => p.tick), stalls.map(() => -1), 'before its first message no tick is whole');
    assert.equal(player.tick, 0);
    assert.deepEqual(player.view.lanes.map((lane) => lane.name), ['main'], "tick 0's spawn is on screen");
  } finally {
    player.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a demo whose main throws at once: the source errors with one line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'coroscope-src-'));
  try {
    const file = join(dir, 'bad.mjs');
    writeFileSync(file, `export default { name: 'bad', main() { throw new Error('no main today'); } };\n`);
    const source = new WorkerSource({ demo: file, seed: 1 });
    source.demand(10);
    await assert.rejects(lastValueFrom(source.events$), (error: unknown) => {
      assert.ok(error instanceof SourceError);
      assert.match(error.message, /^demo failed to start: .*no main today$/);
      assert.ok(!error.message.includes('\n'));
      return true;
    });
    source.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a recorded log replays as it was written; a bad log is one line naming the file and line', async () => {
  const { demo } = await loadBuiltin('gather');
  const events = await drain(new InlineSource(demo, { seed: 1, locations: false }));
  const dir = mkdtempSync(join(tmpdir(), 'coroscope-src-'));
  try {
    const file = join(dir, 'run.jsonl');
    writeFileSync(file, toJsonLines(events));
    const replayed = await drain(new ReplaySource(readLog(file)));
    assert.deepEqual(strip(replayed), strip(events));
    writeFileSync(file, toJsonLines(events).replace(/\n.*\n/, '\n{ not json\n'));
    assert.throws(() => readLog(file), (e: unknown) => e instanceof SourceError && /run\.jsonl:2: not a JSON event/.test(e.message));
    writeFileSync(file, toJsonLines(events.slice(1)));
    assert.throws(() => readLog(file), /seq 1 where 0 was expected/);
    assert.throws(() => readLog(dir), /it is a directory/);
    assert.throws(() => readLog(join(dir, 'missing.jsonl')), /cannot read the log/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a hand-edited log whose fields have the wrong kind is one line naming the line and the field, before any screen', async () => {
  const { demo } = await loadBuiltin('gather');
  const events = await drain(new InlineSource(demo, { seed: 1, locations: false }));
  const dir = mkdtempSync(join(tmpdir(), 'coroscope-src-'));
  try {
    const file = join(dir, 'run.jsonl');
    const spawn = events.findIndex((e) => e.type === 'task-spawn');
    const print = events.findIndex((e) => e.type === 'print');
    const cases: [number, Record<string, unknown>, RegExp][] = [
      [spawn, { name: null }, new RegExp(`run\\.jsonl:${spawn + 1}: task-spawn: name must be a string`)],
      [print, { text: 12 }, new RegExp(`run\\.jsonl:${print + 1}: print: text must be a string`)],
      [print, { task: 'x' }, /print: task must be a number or null/],
      [0, { time: 'soon' }, /run\.jsonl:1: loop-start: time must be a number/],
    ];
    for (const [index, change, message] of cases) {
      writeFileSync(file, toJsonLines(events.map((e, i) => (i === index ? ({ ...e, ...change } as LoopEvent) : e))));
      assert.throws(() => readLog(file), (e: unknown) => e instanceof SourceError && message.test(e.message), JSON.stringify(change));
    }
    // A type this reader does not know passes (a newer writer's): the views skip it.
    writeFileSync(file, toJsonLines(events.map((e, i) => (i === print ? ({ ...e, type: 'novel', text: 1 } as unknown as LoopEvent) : e))));
    assert.equal(readLog(file).length, events.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('batches that arrive before anyone subscribes wait for the first subscriber (the CLI starts the worker early)', async () => {
  const source = new WorkerSource({ demo: 'gather', seed: 1, locations: false });
  try {
    // Tick 0's batch is in (progress says so) before any subscription.
    await firstValueFrom(source.progress$.pipe(filter((p) => p.state === 'idle' || p.state === 'ended')));
    const events = await drain(source);
    assert.equal(events[0]!.type, 'loop-start');
    assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i));
  } finally {
    source.dispose();
  }
});
