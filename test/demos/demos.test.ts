/**
 * Every built-in demo, run headless through the real CLI (`--trace`, `--json`): it
 * completes, and what it prints is what the seed text shows where the seed shows output.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TEACHING_ORDER, builtinDemos } from '../../src/registry.js';
import { taskDisplayName, type LoopEvent } from '../../src/index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ending, printed, printedRows, repoRoot } from '../cli/run-cli.js';

function trace(name: string, ...flags: string[]): string {
  const run = cli([name, '--trace', ...flags]);
  assert.equal(run.stderr, '', `${name} wrote to stderr`);
  assert.equal(run.code, 0, `${name} exit code`);
  return run.stdout;
}

/** The 1-based line of the only line of demos/NAME.ts that reads `text` (trimmed). */
function sourceLine(name: string, text: string): number {
  const lines = readFileSync(join(repoRoot, 'demos', `${name}.ts`), 'utf8').split('\n');
  const found = lines.flatMap((line, i) => (line.trim() === text ? [i + 1] : []));
  assert.equal(found.length, 1, `${text} in demos/${name}.ts`);
  return found[0]!;
}

function events(name: string, ...flags: string[]): LoopEvent[] {
  const run = cli([name, '--json', ...flags]);
  assert.equal(run.code, 0, run.stderr);
  return run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as LoopEvent);
}

/** Steps each task took, by its display name. */
function stepsByTask(log: LoopEvent[]): Map<string, number> {
  const names = new Map<number, string>();
  const steps = new Map<string, number>();
  for (const e of log) {
    if (e.type === 'task-spawn') names.set(e.task, taskDisplayName(e.name, e.coro));
    if (e.type === 'step-begin') {
      const name = names.get(e.task)!;
      steps.set(name, (steps.get(name) ?? 0) + 1);
    }
  }
  return steps;
}

test('the built-in demos are the seed examples, listed in teaching order', async () => {
  const demos = await builtinDemos();
  assert.deepEqual(demos.map((d) => d.demo.name), TEACHING_ORDER);
  for (const { demo, sourceFile } of demos) {
    assert.match(sourceFile, new RegExp(`/demos/${demo.name}\\.ts$`), 'the code pane shows the .ts the author wrote');
    for (const lang of ['en', 'fr'] as const) {
      assert.ok(demo.title[lang].length > 0 && !demo.title[lang].includes('\n'), `${demo.name} title ${lang}`);
      assert.ok(demo.narration[lang].length > 40, `${demo.name} narration ${lang}`);
    }
  }
});

test('every demo runs headless to the end', () => {
  for (const name of TEACHING_ORDER) {
    const out = trace(name);
    assert.match(ending(out), /^result: /, `${name} ended with ${ending(out)}`);
  }
});

test('tumpak: ten Tum and ten Pak, the same beat for the same seed, another beat for another seed', () => {
  const beats = new Map<string, string[]>();
  for (const seed of ['1', '2', '3', '4']) {
    const first = trace('tumpak', '--seed', seed);
    assert.equal(trace('tumpak', '--seed', seed), first, `seed ${seed} is replayable`);
    const lines = printed(first);
    assert.equal(lines.filter((l) => l === 'Tum').length, 10);
    assert.equal(lines.filter((l) => l === 'Pak').length, 10);
    assert.equal(lines.length, 20);
    beats.set(seed, lines);
  }
  assert.notDeepEqual(beats.get('1'), beats.get('2'));
  assert.ok(new Set([...beats.values()].map((b) => b.join())).size >= 3, 'the seed drives the beat');
});

test('tumpak: tum prints Tum, pak prints Pak, each from its own lane', () => {
  for (const row of printedRows(trace('tumpak', '--seed', '7'))) {
    assert.equal(row.who, row.text.toLowerCase());
  }
});

test('awaitables: the empty AsyncTask takes no turn, the yielding one takes one; ProducerTask and runner print as seeds 000 and 001 show', () => {
  const out = trace('awaitables');
  assert.deepEqual(printed(out), ['Hello', 'World!', 'Hello', 'World']);
  assert.deepEqual(printedRows(out).map((r) => r.who), ['ProducerTask', 'ProducerTask', 'runner', 'runner']);
  const steps = stepsByTask(events('awaitables'));
  assert.equal(steps.get('AsyncTask'), 1, 'iter([]) ends at its first next()');
  assert.equal(steps.get('AsyncTask (yield)'), 2, 'one yield, so one more turn');
  assert.equal(steps.get('ProducerTask'), 2);
});

test('hello: Hello, World, from the awaitable class run by the loop', () => {
  const out = trace('hello');
  assert.deepEqual(printed(out), ['Hello', 'World']);
  assert.deepEqual(printedRows(out).map((r) => [r.tick, r.who]), [[1, 'ComplexWork'], [2, 'ComplexWork']]);
});

test('manual: each next() by hand is one step of the iterator, on its own lane; the last one is done (StopIteration)', () => {
  const rows = printedRows(trace('manual'));
  assert.deepEqual(rows.map((r) => r.text), ['Hello', '{ value: undefined, done: false }', 'World', '{ value: undefined, done: true }']);
  assert.deepEqual(rows.map((r) => r.tick), [1, 1, 2, 2], 'one next() per tick');
  assert.deepEqual(rows.map((r) => r.who), ['ComplexWork', 'loop', 'ComplexWork', 'loop'], 'the iterator prints in its step, by_hand prints between');
  const log = events('manual');
  const spawn = log.find((e) => e.type === 'task-spawn');
  assert.ok(spawn?.type === 'task-spawn' && spawn.kind === 'coroutine' && spawn.name === 'ComplexWork');
  // Suspended at ComplexWork's own yield: the mark the code pane needs.
  const end = log.find((e) => e.type === 'step-end');
  assert.ok(end?.type === 'step-end' && end.outcome === 'yielded');
  assert.deepEqual(end.chain?.map((f) => f.name), ['ComplexWork']);
  assert.equal(end.chain![0]!.line, sourceLine('manual', 'yield;'));
  // Each step names the line of by_hand that called next().
  const drivers = log.flatMap((e) => (e.type === 'step-begin' && e.driver ? [[e.driver.name, e.driver.line]] : []));
  assert.deepEqual(drivers, [
    ['by_hand', sourceLine('manual', 'print(it.next()); // next(it)')],
    ['by_hand', sourceLine('manual', 'print(it.next()); // next(it): done, the StopIteration')],
  ]);
});

test('coroutines: simple_print never suspends, sleep(0) makes two iterations', () => {
  const rows = printedRows(trace('coroutines'));
  assert.deepEqual(rows.map((r) => [r.tick, r.who, r.text]), [[1, 'complex_work', 'Hello'], [2, 'complex_work', 'World']]);
  assert.equal(stepsByTask(events('coroutines')).get('complex_work'), 2);
});

test('four: send(None) runs tum; coro_manager gets 4 in one send; wont_terminate_here never prints Terminated', () => {
  const out = trace('four');
  assert.deepEqual(printed(out), ['tum', '{ value: undefined, done: true }', '4', 'undefined']);
  const log = events('four');
  assert.ok(!log.some((e) => e.type === 'print' && e.text.includes('Terminated')));
  // Each send is one step of its coroutine; four's two awaits of two() happen inside its single step.
  assert.deepEqual([...stepsByTask(log)], [['tum', 1], ['four', 1], ['wont_terminate_here', 1]]);
  const ends = log.flatMap((e) => (e.type === 'step-end' ? [[e.outcome, e.value ?? null]] : []));
  assert.deepEqual(ends, [['returned', 'undefined'], ['returned', '4'], ['yielded', null]], 'StopIteration: 4');
  const last = log.filter((e) => e.type === 'step-end').at(-1)!;
  assert.ok(last.type === 'step-end');
  assert.deepEqual(last.chain?.map((f) => f.name), ['wont_terminate_here', 'Awaitable'], 'the yield went through the whole await stack');
});

test('frenetic: sending until the end gets wont_terminate_here past its Awaitable', () => {
  const out = trace('frenetic');
  assert.deepEqual(printed(out), ['Terminated']);
  assert.equal(ending(out), 'result: 42');
  assert.match(out, /policy frenetic_coro_manager/);
  const log = events('frenetic');
  assert.equal(stepsByTask(log).get('wont_terminate_here'), 2, 'one send stops at the yield, the next one ends it');
  const chain = log.flatMap((e) => (e.type === 'step-end' && e.chain ? [e.chain.map((f) => `${f.name}:${f.line}`)] : []));
  assert.deepEqual(chain, [[`wont_terminate_here:${sourceLine('frenetic', 'yield* new Awaitable();')}`, `Awaitable:${sourceLine('frenetic', 'yield;')}`]]);
});

const startCountFinished = ['start', ...Array.from({ length: 10 }, (_, i) => String(i)), 'finished'];

test('waiter: start, 0…9, finished, and gather returns [None, None]', () => {
  const out = trace('waiter');
  assert.deepEqual(printed(out), startCountFinished);
  assert.equal(ending(out), 'result: [undefined, undefined]');
  assert.match(out, /^wait_job\s+│.*░/m, 'wait_job polls');
  // While it polls, wait_job stands at its await, inside the Waiter's own yield.
  const polls = events('waiter').flatMap((e) => (e.type === 'step-end' && e.task === 1 && e.outcome === 'yielded' ? [e.chain?.map((f) => `${f.name}:${f.line}`).join(' → ')] : []));
  assert.equal(polls.length, 11);
  const chain = `wait_job:${sourceLine('waiter', 'yield* waiter; // wait for count_up_to to be finished')} → Waiter:${sourceLine('waiter', 'yield;')}`;
  assert.deepEqual(new Set(polls), new Set([chain]));
});

test('every class and manager the seeds show is written in its demo file, not imported', () => {
  const shows: Record<string, string[]> = {
    tumpak: ['class Awaitable', 'function frenetic_coros_manager('],
    four: ['class Awaitable', 'function coro_manager('],
    frenetic: ['class Awaitable', 'function frenetic_coro_manager('],
    manual: ['class ComplexWork'],
    hello: ['class ComplexWork'],
    waiter: ['class Waiter'],
    'waiter-sleep': ['class Waiter'],
  };
  for (const [name, needles] of Object.entries(shows)) {
    const text = readFileSync(join(repoRoot, 'demos', `${name}.ts`), 'utf8');
    for (const needle of needles) assert.ok(text.includes(needle), `demos/${name}.ts writes ${needle}`);
    const imports = /import \{([^}]*)\} from 'coroscope'/.exec(text)?.[1] ?? '';
    assert.ok(!/\b(Waiter|randomChoice|oneSend|untilDone)\b/.test(imports), `demos/${name}.ts imports no seed class or policy: ${imports}`);
  }
});

test('waiter-sleep: the same lines across ten virtual seconds of sleep(1)', () => {
  const out = trace('waiter-sleep');
  assert.deepEqual(printed(out), startCountFinished);
  assert.match(out, /· 10 s virtual time/);
  const log = events('waiter-sleep');
  const counts = log.filter((e) => e.type === 'print' && /^\d$/.test(e.text));
  assert.deepEqual(counts.map((e) => e.time), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 'one number a virtual second');
});

test('gather: [undefined, undefined] for coroutines that return nothing, then results in argument order', () => {
  assert.deepEqual(printed(trace('gather')), [
    'Hello',
    'World',
    '[undefined, undefined]',
    'square 2 done',
    'square 3 done',
    'square 1 done',
    '[1, 4, 9]',
  ]);
});

test('mutex: one holder at a time on each lock; the mutex waiters burn ticks, the Lock waiters sleep', () => {
  const lines = printed(trace('mutex'));
  for (const [kind, names] of [['mutex', 'ABC'], ['Lock', 'DEF']] as const) {
    const mine = lines.filter((l) => names.includes(l[0]!));
    assert.deepEqual(
      mine,
      [...names].flatMap((n) => [`${n} holds the ${kind}`, `${n} releases it`]),
      `${kind}: each holds it in turn, and releases it before the next takes it`,
    );
  }
  const steps = stepsByTask(events('mutex'));
  assert.ok(steps.get('mutex C')! > steps.get('Lock F')! + 2, `polling costs steps: ${[...steps]}`);
  assert.equal(steps.get('Lock F'), 4, 'parked, then woken once: acquire, two sleep(0), release');
});

test('mutex: its cue fires when what it describes is on screen: A holds the mutex, D holds the Lock, B and C have polled', async () => {
  const { loadBuiltin } = await import('../../src/registry.js');
  const { demo } = await loadBuiltin('mutex');
  const log = events('mutex');
  const [cue] = demo.cues!;
  const at = log.find((e) => cue!.when(e))!;
  const before = log.filter((e) => e.seq <= at.seq);
  const said = before.flatMap((e) => (e.type === 'print' ? [e.text] : []));
  assert.deepEqual(said, ['A holds the mutex', 'D holds the Lock'], 'both first holders, nobody released yet');
  const names = new Map(log.flatMap((e) => (e.type === 'task-spawn' ? [[e.task, e.name] as const] : [])));
  const polled = new Set(before.flatMap((e) => (e.type === 'step-end' && e.outcome === 'yielded' && e.chain?.some((f) => f.name === 'acquire') ? [names.get(e.task)] : [])));
  assert.deepEqual([...polled].sort(), ['mutex B', 'mutex C'], 'B and C already poll the mutex');
});

test('event: both finish after the count; the Waiter polls, the Event sleeps until set()', () => {
  const out = trace('event');
  assert.deepEqual(printed(out), ['wait_job: start', 'wait_event: start', '0', '1', '2', '3', '4', 'wait_job: finished', 'wait_event: finished']);
  const steps = stepsByTask(events('event'));
  assert.equal(steps.get('wait_event'), 2, 'start, then woken once');
  assert.ok(steps.get('wait_job')! > 5, 'polled on every pass');
  assert.match(out, /^wait_event\s+│·█─+·✓/m, 'parked until woken');
});

test('pong: the callback version runs as loop callbacks, the coroutine version in its own lane', () => {
  const rows = printedRows(trace('pong'));
  const a = rows.filter((r) => r.text.startsWith('A '));
  const b = rows.filter((r) => r.text.startsWith('B '));
  assert.deepEqual(a.map((r) => r.text), ['A received ping', 'A write ping', 'A flushed', 'A closed']);
  assert.deepEqual(b.map((r) => r.text), ['B received ping', 'B write ping', 'B flushed', 'B closed']);
  assert.ok(a.every((r) => r.who === 'loop'), 'callbacks have no lane of their own');
  assert.deepEqual(b.filter((r) => r.text === 'B write ping' || r.text === 'B closed').map((r) => r.who), ['pong_handler', 'pong_handler']);
});

test('--lang fr: the French title and narration', () => {
  const out = trace('waiter', '--lang', 'fr');
  assert.match(out.split('\n')[0]!, /^waiter — Waiter : wait_job attend/);
  assert.match(out.replace(/\s+/g, ' '), /rend la main tant que done ne vaut pas True/);
});

test('every cue of every demo fires during a run, with narration in both languages', async () => {
  const { recordRun } = await import('../../src/player/session.js');
  let total = 0;
  for (const { demo } of await builtinDemos()) {
    const { events: log } = recordRun(demo);
    for (const cue of demo.cues ?? []) {
      total++;
      assert.ok(log.some(cue.when), `cue ${demo.name}/${cue.id} never matches an event of the run`);
      assert.ok(cue.narration.en.length > 20 && cue.narration.fr.length > 20, `cue ${demo.name}/${cue.id} narration`);
    }
  }
  assert.ok(total >= 10, `only ${total} cues in all`);
});
