/** The --trace and --json renderers: pure, deterministic functions of the event log. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTask, defineDemo, gather, print, sleep, taskDisplayName, Waiter, type LoopEvent } from '../../src/index.js';
import { toJsonLines } from '../../src/export/jsonl.js';
import { textTrace } from '../../src/export/text-trace.js';
import { recordRun } from '../../src/player/session.js';
import { cli } from './run-cli.js';

function* counter(n: number) {
  for (let i = 0; i < n; i++) {
    print(i);
    yield* sleep(0);
  }
}

function* poller(waiter: Waiter) {
  yield* waiter;
  print('through');
}

function* opener(waiter: Waiter) {
  for (let i = 0; i < 4; i++) yield* sleep(0);
  waiter.done = true;
}

const demo = defineDemo({
  name: 't',
  title: { en: 'T', fr: 'T' },
  narration: { en: '', fr: '' },
  main: () => {
    const waiter = new Waiter();
    return gather(counter(150), poller(waiter), opener(waiter));
  },
});

test('the same log gives the same text, byte for byte', () => {
  const a = recordRun(demo, { names: true }).events;
  const b = recordRun(demo, { names: true }).events;
  assert.equal(textTrace(a), textTrace(b));
  assert.equal(toJsonLines(a), toJsonLines(b));
});

test('the diagram wraps at the width: every tick is drawn once, no line is wider', () => {
  const { events } = recordRun(demo, { names: true });
  const ticks = events.at(-1)!.tick;
  for (const width of [40, 100]) {
    const text = textTrace(events, { width });
    const diagram = text.slice(text.indexOf('\ntick'), text.indexOf('\noutput\n'));
    for (const line of diagram.split('\n')) assert.ok([...line].length <= width, `${[...line].length} > ${width}: ${line}`);
    const counterCells = diagram.split('\n').filter((l) => l.startsWith('counter ')).map((l) => l.slice(l.indexOf('│') + 1));
    assert.ok(counterCells.length > 1, 'wrapped over several blocks');
    const rulers = diagram.split('\n').filter((l) => l.startsWith('tick'));
    assert.equal(rulers.length, Math.ceil(ticks / (width - 'counter#1'.length - 2)));
  }
});

test('glyphs: ran, polled, ready, returned; the output keeps its ticks', () => {
  const { events } = recordRun(demo, { names: true });
  const text = textTrace(events, { width: 400 });
  const row = (name: string) => text.split('\n').find((l) => l.startsWith(`${name} `))!.split('│')[1]!;
  assert.match(row('poller'), /^·█··░··░/, 'waits its turn, then polls the Waiter at each of its turns');
  assert.match(row('poller'), /✓$/);
  assert.match(row('counter'), /^█··█··█/);
  const printedTicks = events.filter((e) => e.type === 'print').map((e) => `${e.tick}:${e.text}`);
  const shown = text.split('\noutput\n')[1]!.split('\n').filter((l) => /^\s+\d+ /.test(l)).map((l) => l.trim().split(/\s+/)).map((p) => `${p[0]}:${p.slice(2).join(' ')}`);
  assert.deepEqual(shown, printedTicks);
});

test('jsonl: one JSON object per event, seq, tick and time first', () => {
  const { events } = recordRun(demo);
  const lines = toJsonLines(events).trimEnd().split('\n');
  assert.equal(lines.length, events.length);
  assert.deepEqual(Object.keys(JSON.parse(lines[0]!)).slice(0, 4), ['seq', 'tick', 'time', 'type']);
  assert.deepEqual(lines.map((l) => JSON.parse(l)), events.map((e) => JSON.parse(JSON.stringify(e))));
});

test('twins: two tasks of one name spawned far apart get the same kind of label everywhere', () => {
  function* worker(n: number) {
    print(`worker ${n}`);
    yield* sleep(0);
  }
  function* twins() {
    const first = createTask(worker(1));
    for (let i = 0; i < 200; i++) yield* sleep(0); // the second one is spawned chunks later
    const second = createTask(worker(2));
    yield* gather(first, second);
  }
  const { events } = recordRun(defineDemo({ name: 'twins', title: { en: 'twins', fr: 'twins' }, narration: { en: '', fr: '' }, main: twins }), { names: true });
  const ids = events.flatMap((e) => (e.type === 'task-spawn' && taskDisplayName(e.name, e.coro) === 'worker' ? [e.task] : []));
  assert.equal(ids.length, 2);
  const text = textTrace(events, { width: 100 });
  // Unnamed, they are Task-N to asyncio (CPython's repr and get_name() say so): the label adds that, no number of its own.
  const labels = new Set(text.split('\n').flatMap((l) => l.match(/^(worker Task-\d+) +│/)?.[1] ?? []));
  assert.deepEqual([...labels].sort(), ids.map((id) => `worker Task-${id}`).sort(), 'every diagram row of a twin says which one');
  const printedBy = text.split('\noutput\n')[1]!.split('\n').flatMap((l) => l.match(/^ +\d+ +(worker Task-\d+) +worker \d$/)?.[1] ?? []);
  assert.deepEqual(printedBy, ids.map((id) => `worker Task-${id}`), 'and so does the output');
});

test('a task named wider than the width: its label is cut, the diagram keeps room for ticks, no line is wider', () => {
  const long = defineDemo({
    name: 'long',
    title: { en: 'L', fr: 'L' },
    narration: { en: '', fr: '' },
    *main() {
      yield* createTask(counter(3), 'n'.repeat(5000));
    },
  });
  const text = textTrace(recordRun(long, { names: true }).events, { width: 60 });
  const diagram = text.slice(text.indexOf('\ntick'), text.indexOf('\n\n', text.indexOf('\ntick') + 1));
  for (const line of diagram.split('\n')) assert.ok([...line].length <= 60, `${[...line].length} > 60: ${line.slice(0, 80)}`);
  assert.match(diagram, /^n+… │/m, 'the long name cut with an ellipsis');
  assert.match(text, /^ {2}\d {2}n+… {2}0$/m, 'the output names it the same way');
});

test('a log with 200k spawned tasks: no RangeError sizing the label column', () => {
  const events: LoopEvent[] = [];
  let seq = 0;
  const at = { tick: 1, time: 0 };
  events.push({ seq: seq++, ...at, type: 'loop-start', seed: 1, policy: 'asyncio' });
  for (let task = 1; task <= 200_000; task++) events.push({ seq: seq++, ...at, type: 'task-spawn', task, name: `Task-${task}`, coro: null, parent: null });
  const text = textTrace(events);
  assert.match(text, /^tick {9}1$/m, 'the label column fits the widest label (Task-200000)');
});

test('--trace lists each task’s await chains, read from the runtime, with how many steps ended there', () => {
  const run = cli(['tumpak', '--trace', '--seed', '3']);
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.split('\n');
  const head = lines.indexOf('await chains (where each step gave the turn back, outermost frame first)');
  assert.ok(head > 0 && head < lines.indexOf('output'), 'a section before the output');
  const rows = lines.slice(head + 1, lines.indexOf('', head));
  assert.ok(rows.some((r) => /^ {2}tum\s+tum:\d+ → Awaitable:\d+ {2}×\d+$/.test(r)), rows.join('\n'));
  assert.ok(rows.some((r) => /^ {2}pak\s+pak:\d+ → Awaitable:\d+ {2}×\d+$/.test(r)), rows.join('\n'));
});
