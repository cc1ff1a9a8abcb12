import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Waiter, createTask, sleep, type LoopEvent } from '../../src/index.js';
import { captured, lineOf, record, repoRoot, sourceOf } from '../helpers.js';

// Tests run compiled (dist/test/core/where.test.js); locations must name this .ts file.
const source = sourceOf(import.meta.url);

function stepEnds(events: LoopEvent[], task: number) {
  return events.flatMap((e) => (e.type === 'step-end' && e.task === task ? [e] : []));
}

test('a step-end names the file:line of the TypeScript source where the task is suspended', () => {
  const { loop } = captured({ locations: true });
  const events = record(loop);
  function* walker() {
    yield; // where: bare yield
    yield* sleep(1); // where: parked on sleep
    return 'done';
  }
  const t = loop.createTask(walker());
  loop.runUntilComplete(t);
  const [first, second, last] = stepEnds(events, t.id);
  assert.deepEqual(first!.where && { file: first!.where.file, line: first!.where.line }, { file: source, line: lineOf(source, 'where: bare yield') });
  assert.equal(first!.outcome, 'yielded');
  // Suspended in a nested await: the task's own generator stands at its yield*.
  assert.equal(second!.outcome, 'parked');
  assert.deepEqual(second!.where && [second!.where.file, second!.where.line], [source, lineOf(source, 'where: parked on sleep')]);
  assert.equal(last!.outcome, 'returned');
  assert.equal(last!.where, undefined);
});

test('without locations, step-ends carry no where (it costs an inspector round trip)', () => {
  const { loop } = captured();
  const events = record(loop);
  loop.runUntilComplete(sleep(0));
  assert.ok(stepEnds(events, 1).every((e) => e.where === undefined));
});

test('whereIs answers on demand, and a spawn names the generator function or awaitable class', () => {
  const { loop } = captured({ locations: true });
  const events = record(loop);
  function* tum() {
    yield* sleep(1); // where: on demand
  }
  function* main() {
    const t = createTask(tum());
    const w = new Waiter();
    const polling = createTask(w);
    yield;
    const at = loop.whereIs(t);
    w.done = true;
    yield* polling;
    yield* t;
    return at;
  }
  const at = loop.runUntilComplete(main());
  assert.deepEqual(at && [at.file, at.line], [source, lineOf(source, 'where: on demand')]);
  const names = events.flatMap((e) => (e.type === 'task-spawn' ? [e.coro] : []));
  assert.deepEqual(names, ['main', 'tum', 'Waiter']);
});

test("a generator function without a name in its text takes the name JavaScript gave it (a demo's `main: function* () {…}`), not its receiver's class", () => {
  const { loop } = captured({ locations: true });
  const events = record(loop);
  const demo = {
    main: function* () {
      createTask(helpers.worker());
      yield* sleep(0);
    },
  };
  const helpers = {
    *worker() {
      yield* sleep(0);
    },
  };
  loop.runUntilComplete(demo.main());
  assert.deepEqual(
    events.flatMap((e) => (e.type === 'task-spawn' ? [e.coro] : [])),
    ['main', 'worker'],
  );
});

test('the locator lets go of what it asked the inspector for: 12,000 located tasks leave the heap where it was', async () => {
  const { execFileSync } = await import('node:child_process');
  const { pathToFileURL } = await import('node:url');
  const { join } = await import('node:path');
  const index = pathToFileURL(join(repoRoot, 'dist', 'src', 'index.js')).href;
  const script = `
    const { Loop, setEventLoop } = await import(${JSON.stringify(index)});
    function* t() { yield; yield; }
    const heap = () => { globalThis.gc(); return process.memoryUsage().heapUsed; };
    const round = () => {
      const loop = new Loop({ locations: true, write: () => {} });
      setEventLoop(loop);
      for (let i = 0; i < 300; i++) loop.createTask(t());
      while (loop.step());
      loop.close();
    };
    round();
    const before = heap();
    for (let r = 0; r < 40; r++) round();
    console.log(heap() - before);`;
  const grown = Number(execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' }));
  // Leaking each generator's inspector group cost ~1.1 KB a task (14 MB here).
  assert.ok(grown < 3e6, `heap grew by ${(grown / 1e6).toFixed(1)} MB over 12,000 located tasks`);
});
