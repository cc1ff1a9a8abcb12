import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { recordRun } from '../../src/player/session.js';
import { readyLines } from '../../src/tui/panes/ready.js';
import { STRINGS } from '../../src/tui/strings.js';
import { attrFg, colorIndex, laneColor, THEMES } from '../../src/tui/theme.js';
import { cellAttr, headerText, openDashboard, paneText, screenText, settle, type } from './fixtures/screen.js';
import { mixedLoaded, tumpakLoaded } from './fixtures/tumpak.js';

const RIGHT = '\x1b[C';
const LEFT = '\x1b[D';

/** Let the input stream deliver typed keys, then draw. */

function rowOf(lines: string[], needle: RegExp | string): number {
  const i = lines.findIndex((l) => (typeof needle === 'string' ? l.includes(needle) : needle.test(l)));
  assert.ok(i >= 0, `no row matches ${needle}:\n${lines.join('\n')}`);
  return i;
}

test('tumpak at tick 12: header figures, lanes, output and code marks are what the log says', () => {
  const { dashboard } = openDashboard(tumpakLoaded, 100, 30);
  try {
    dashboard.start();
    dashboard.player.seek(12);
    dashboard.renderNow();
    const lines = screenText(dashboard);
    const header = headerText(dashboard);
    for (const part of ['policy random', 'seed 42', 'speed 10/s', 'PAUSED', 'tick 12', 't 0.000s']) assert.ok(header.includes(part), `${part} in ${header}`);

    // The lanes, cell by cell, against the step-begin events of the same run.
    const { events } = recordRun(tumpakLoaded.demo, { seed: 42 });
    const stepped = new Map<number, number>();
    for (const e of events) if (e.type === 'step-begin') stepped.set(e.tick, e.task);
    for (const [name, task] of [['tum', 1], ['pak', 2]] as const) {
      const r = rowOf(lines, new RegExp(`^│[▶ ] ${name} `));
      let expected = '';
      for (let t = 1; t <= 12; t++) expected += stepped.get(t) === task ? '█' : '·';
      assert.ok(lines[r]!.includes(expected), `${name}: ${expected} in ${lines[r]}`);
      const steps = [...stepped.entries()].filter(([t, id]) => t <= 12 && id === task).length;
      assert.match(lines[r]!, new RegExp(`${name}\\s+ready\\s+${steps}\\s`));
      // The block is drawn in the task's colour.
      const col = lines[r]!.indexOf('█');
      assert.equal(attrFg(cellAttr(dashboard, r, col)), colorIndex(laneColor(THEMES.dark, task)));
    }

    // The output: the last print, with its tick and task, coloured by the task.
    const printed = events.filter((e) => e.type === 'print' && e.tick <= 12) as { tick: number; task: number; text: string }[];
    const last = printed[printed.length - 1]!;
    const name = last.task === 1 ? 'tum' : 'pak';
    const r = rowOf(lines, new RegExp(`│\\s*${last.tick} ${name}\\s+${last.text}`));
    const col = lines[r]!.indexOf(`${last.text}`, lines[r]!.indexOf(`${last.tick} ${name}`) + 4);
    assert.equal(attrFg(cellAttr(dashboard, r, col)), colorIndex(laneColor(THEMES.dark, last.task)));

    // The code pane marks each task's suspension line in its colour.
    for (const [task, fn] of [[1, 'tum'], [2, 'pak']] as const) {
      const m = rowOf(lines, new RegExp(`▶ +yield\\* new Awaitable\\(\\); ◀ ${fn}`));
      const mark = lines[m]!.indexOf('▶');
      assert.equal(attrFg(cellAttr(dashboard, m, mark)), colorIndex(laneColor(THEMES.dark, task)));
      assert.match(lines[m - 2]!, new RegExp(`function\\* ${fn}\\(\\)`));
    }
    // The ready queue shows the draw that picked the last task, as a place among the
    // candidates (not a number the list below uses for the queue after the tick).
    const ready = paneText(dashboard, 'ready').replace(/\s+/g, ' ');
    const pick = dashboard.player.view.pick!;
    const picked = pick.task === 1 ? 'tum' : 'pak';
    assert.match(ready, new RegExp(`drew ${picked} \\(${pick.index === 0 ? '1st' : '2nd'} of 2\\)`));
    assert.ok(!/#\d/.test(ready), 'no index that collides with the list numbering');
    assert.match(lines[lines.length - 1]!, /space pause.*\? help {2}q quit/);
  } finally {
    dashboard.close(0);
  }
});

test('keys: a step advances one tick, a step back returns to the same screen, + changes the speed', async () => {
  const { term, dashboard } = openDashboard(tumpakLoaded, 100, 30);
  try {
    dashboard.start();
    dashboard.player.seek(7);
    dashboard.renderNow();
    const before = screenText(dashboard);
    type(term, 's');
    await settle(dashboard);
    assert.equal(dashboard.player.tick, 8);
    assert.match(headerText(dashboard), /tick 8 /);
    type(term, RIGHT);
    await settle(dashboard);
    assert.equal(dashboard.player.tick, 9);
    type(term, LEFT);
    type(term, '\x1b[5~'); // PageUp, what a clicker sends
    await settle(dashboard);
    assert.equal(dashboard.player.tick, 7);
    assert.deepEqual(screenText(dashboard), before);
    type(term, '+');
    await settle(dashboard);
    assert.match(headerText(dashboard), /speed 20\/s/);
    type(term, '-');
    type(term, '-');
    await settle(dashboard);
    assert.match(headerText(dashboard), /speed 5\/s/);
    type(term, 'r');
    await settle(dashboard);
    assert.equal(dashboard.player.tick, 0);
    assert.equal(dashboard.player.seed, 42);
    type(term, 'R');
    await settle(dashboard);
    assert.notEqual(dashboard.player.seed, 42);
    assert.match(headerText(dashboard), new RegExp(`seed ${dashboard.player.seed} `));
  } finally {
    dashboard.close(0);
  }
});

test('space pauses and resumes; a finished run stays on screen, marked done', async () => {
  const { term, dashboard } = openDashboard(tumpakLoaded, 100, 30);
  try {
    dashboard.start();
    type(term, ' ');
    await settle(dashboard);
    assert.equal(dashboard.player.state, 'running');
    type(term, ' ');
    await settle(dashboard);
    assert.equal(dashboard.player.state, 'paused');
    dashboard.player.seek(1000);
    dashboard.renderNow();
    const lines = screenText(dashboard);
    assert.match(headerText(dashboard), /DONE/);
    assert.match(paneText(dashboard, 'ready').replace(/\s+/g, ' '), /run over: returned \[undefined, undefined\]/);
    assert.match(lines[rowOf(lines, /^│[▶ ] tum /)]!, /tum\s+done\s+11 .*✓ returned undefined/);
    type(term, ' '); // nothing to resume
    await settle(dashboard);
    assert.equal(dashboard.player.state, 'done');
    assert.equal(dashboard.closed, false);
  } finally {
    dashboard.close(0);
  }
});

test('a task that throws is shown failed in its lane and the run goes on', () => {
  const { dashboard } = openDashboard(mixedLoaded, 120, 40);
  try {
    dashboard.start();
    dashboard.player.seek(1000);
    dashboard.renderNow();
    const lines = screenText(dashboard);
    const r = rowOf(lines, /^│[▶ ] boom /);
    assert.match(lines[r]!, /boom\s+failed\s+2 .*✗ Error: boom/);
    assert.match(lines[rowOf(lines, /^│[▶ ] waitJob /)]!, /░/);
    assert.match(lines.join('\n'), /all done/);
    assert.match(headerText(dashboard), /DONE/);
  } finally {
    dashboard.close(0);
  }
});

test('resizing re-lays out every pane, the chart included; too small shows a message', async () => {
  const { term, dashboard } = openDashboard(tumpakLoaded, 100, 30);
  try {
    dashboard.start();
    dashboard.player.seek(12);
    dashboard.renderNow();
    term.resize(160, 45);
    await settle(dashboard);
    let lines = screenText(dashboard);
    assert.equal(lines.length, 45);
    assert.equal(lines[0]!.length, 160);
    assert.match(lines[1]!, /^┌─ lanes · ticks 1–12 ─+┐$/, 'the title fits beside the status at 160 columns: one header row');
    assert.match(lines[44]!, /q quit/);
    term.resize(50, 15);
    await settle(dashboard);
    lines = screenText(dashboard);
    assert.match(lines.join('\n'), /needs 64×20 at least \(this is 50×15\)/);
    assert.ok(!lines.join('\n').includes('lanes'));
    term.resize(100, 30);
    await settle(dashboard);
    assert.match(headerText(dashboard), /tick 12/);
  } finally {
    dashboard.close(0);
  }
});

test('? opens the help overlay and closes it again', async () => {
  const { term, dashboard } = openDashboard(tumpakLoaded, 100, 30);
  try {
    dashboard.start();
    type(term, '?');
    await settle(dashboard);
    assert.match(screenText(dashboard).join('\n'), /one tick back: replay, same seed/);
    type(term, '?');
    await settle(dashboard);
    assert.ok(!screenText(dashboard).join('\n').includes('one tick back: replay'));
  } finally {
    dashboard.close(0);
  }
});

test('q closes with 0 and leaves the alternate screen; a crash in the dashboard closes with 1', async () => {
  const closed: [number, unknown][] = [];
  const { term, dashboard } = openDashboard(tumpakLoaded, 100, 30, {}, { onClose: (code, error) => closed.push([code, error]) });
  dashboard.start();
  term.written = '';
  type(term, 'q');
  await settle(dashboard);
  assert.deepEqual(closed, [[0, undefined]]);
  assert.ok((dashboard.screen as any).destroyed);
  assert.ok(term.written.includes('\x1b[?1049l'), 'alternate screen left');
  assert.ok(term.written.includes('\x1b[?25h'), 'cursor shown');

  const crashed: [number, unknown][] = [];
  const second = openDashboard(tumpakLoaded, 100, 30, {}, { onClose: (code, error) => crashed.push([code, error]) });
  second.dashboard.start();
  second.dashboard.act = () => {
    throw new Error('a bug in a key handler');
  };
  type(second.term, 's');
  await settle(second.dashboard);
  assert.equal(crashed.length, 1);
  assert.equal(crashed[0]![0], 1);
  assert.ok((second.dashboard.screen as any).destroyed);
});

test('runDashboard: a crash in the dashboard restores the terminal, then one line on stderr, exit 1', () => {
  const script = fileURLToPath(new URL('./fixtures/crash-run.js', import.meta.url));
  const run = spawnSync(process.execPath, [script], { encoding: 'utf8', env: { ...process.env, COROSCOPE_CRASH_FIXTURE: '1' } });
  assert.equal(run.status, 1);
  assert.deepEqual(JSON.parse(run.stdout), { code: 1, leftAltScreen: true, cursorShown: true });
  assert.equal(run.stderr, 'coroscope: the dashboard crashed: the title exploded\n');
});

test('n / p switch demos from the playlist without leaving the dashboard, keeping the seed', async () => {
  const { term, dashboard } = openDashboard(tumpakLoaded, 120, 40, { playlist: [tumpakLoaded, mixedLoaded], seed: 7 });
  try {
    dashboard.start();
    type(term, 'n');
    await settle(dashboard);
    assert.match(headerText(dashboard), /Waiter, gather, a failure .*policy asyncio │ seed 7 /);
    type(term, 's');
    await settle(dashboard);
    assert.match(paneText(dashboard, 'lanes'), /mixedMain/);
    type(term, 'p');
    await settle(dashboard);
    assert.match(headerText(dashboard), /Tum\/Pak.*policy random │ seed 7 .*tick 0 /);
    // A seed drawn with R is the one that carries on.
    type(term, 'R');
    await settle(dashboard);
    const drawn = dashboard.player.seed;
    assert.notEqual(drawn, 7);
    type(term, 'n');
    type(term, 'p');
    type(term, 'r');
    await settle(dashboard);
    assert.match(headerText(dashboard), new RegExp(`Tum/Pak.*seed ${drawn} .*tick 0 `));
  } finally {
    dashboard.close(0);
  }
});

test('themes: contrast draws each lane with its own glyph, light paints a light background', () => {
  const contrast = openDashboard(tumpakLoaded, 100, 30, { theme: 'contrast' });
  try {
    contrast.dashboard.start();
    contrast.dashboard.player.seek(12);
    contrast.dashboard.renderNow();
    const lanes = paneText(contrast.dashboard, 'lanes');
    // The loop keeps █; each task its own shape.
    assert.match(lanes, /tum .*▓/);
    assert.match(lanes, /pak .*●/);
    assert.ok(!/pak .*[█▓]/.test(lanes) && !/tum .*[█●]/.test(lanes), 'no lane uses another’s glyph');
  } finally {
    contrast.dashboard.close(0);
  }
  const light = openDashboard(tumpakLoaded, 100, 30, { theme: 'light' });
  try {
    light.dashboard.start();
    assert.equal(cellAttr(light.dashboard, 10, 50) & 0x1ff, colorIndex(THEMES.light.bg));
  } finally {
    light.dashboard.close(0);
  }
});

test('b shows the output as big text', async () => {
  const { term, dashboard } = openDashboard(tumpakLoaded, 100, 30);
  try {
    dashboard.start();
    dashboard.player.seek(12);
    type(term, 'B');
    await settle(dashboard);
    // The block font (bigfont.ts; the details are in talk.test.ts).
    assert.match(paneText(dashboard, 'output'), /██████\n {2}██ {4}██ {2}██|████ {12}██\n██ {2}██ {4}████/);
  } finally {
    dashboard.close(0);
  }
});

test('with cues on, the run pauses at a cue and shows its narration', () => {
  const demo = {
    ...tumpakLoaded.demo,
    cues: [{ id: 'pak', when: (e: { type: string; text?: string }) => e.type === 'print' && e.text === 'Pak', narration: { en: 'Pak speaks at last.', fr: 'Pak parle enfin.' } }],
  };
  const { dashboard } = openDashboard({ ...tumpakLoaded, demo }, 100, 30, { cues: true }, { paused: false });
  try {
    dashboard.start();
    dashboard.player.advance(100);
    dashboard.renderNow();
    const { events } = recordRun(demo, { seed: 42 });
    const firstPak = events.find((e) => e.type === 'print' && e.text === 'Pak')!;
    assert.equal(dashboard.player.tick, firstPak.tick);
    assert.equal(dashboard.player.state, 'paused');
    const text = screenText(dashboard).join('\n');
    assert.match(text, /space ▸/);
    assert.ok(!text.includes('cue: pak'), 'no internal cue id on screen');
    assert.match(text, /Pak speaks at last\./);
  } finally {
    dashboard.close(0);
  }
});

test('tapOutput sees every byte sent to the terminal from the first frame, until detached', async () => {
  const { term, dashboard } = openDashboard(tumpakLoaded, 100, 30);
  try {
    let seen = '';
    const detach = dashboard.tapOutput((data) => (seen += data));
    dashboard.start();
    await new Promise((r) => setImmediate(r)); // blessed flushes its buffer on the next tick
    assert.ok(seen.includes(' lanes '), 'the first frame went through the tap');
    assert.ok(term.written.endsWith(seen.slice(-200)), 'and on to the terminal, unchanged');
    detach();
    const before = seen.length;
    dashboard.player.stepForward();
    dashboard.renderNow();
    await new Promise((r) => setImmediate(r));
    assert.equal(seen.length, before);
  } finally {
    dashboard.close(0);
  }
});

test('the first frame is on the terminal when start() returns, not a turn later (launch: the run starts and the playlist loads in that turn)', () => {
  const { term, dashboard } = openDashboard(tumpakLoaded, 100, 30);
  try {
    dashboard.start();
    assert.ok(term.written.includes(' lanes '), 'the whole first frame was sent synchronously');
    const before = term.written.length;
    dashboard.player.stepForward();
    dashboard.renderNow();
    assert.ok(term.written.length > before, 'and so is every frame drawn after it');
  } finally {
    dashboard.close(0);
  }
});

test('the real demos/tumpak.ts: its lines are marked where tum and pak wait', async () => {
  const { loadBuiltin } = await import('../../src/registry.js');
  const tumpak = await loadBuiltin('tumpak');
  const { dashboard } = openDashboard(tumpak, 100, 30, { seed: 1 });
  try {
    dashboard.start();
    dashboard.player.seek(5);
    dashboard.renderNow();
    const lines = screenText(dashboard);
    // tumpak is now the seed's own manager (a managed run), not the random policy.
    // At 100 columns the policy's long name keeps the room its word would take.
    assert.match(headerText(dashboard), /random frenetic_coros_manager │ seed 1 │ speed 10\/s │ PAUSED │ t 0\.000s │ tick 5 \/ 22 $/);
    const code = paneText(dashboard, 'code');
    assert.match(code, /▶ +yield\* new Awaitable\(\); ◀ tum/);
    assert.match(code, /▶ +yield\* new Awaitable\(\); ◀ pak/);
    const { events } = recordRun(tumpak.demo, { seed: 1 });
    const printed = events.filter((e) => e.type === 'print' && e.tick <= 5).map((e) => (e as { text: string }).text);
    assert.ok(printed.length > 0);
    assert.deepEqual(dashboard.player.view.output.map((l) => l.text), printed);
    for (const text of printed) assert.match(paneText(dashboard, 'output'), new RegExp(`(tum|pak) +${text}`));
  } finally {
    dashboard.close(0);
  }
});

test('a view with 200k tasks: a frame draws, and the output names column fits the lines shown', () => {
  const { dashboard } = openDashboard(tumpakLoaded, 100, 30);
  try {
    dashboard.start();
    dashboard.player.seek(12);
    const view = dashboard.player.view;
    // Lanes that never printed, with long names: only what the output pane shows sizes it.
    for (let task = 1000; task < 201_000; task++) view.apply({ seq: 0, tick: 12, time: 0, type: 'task-spawn', task, name: `a-long-task-name-${task}`, coro: null, parent: null });
    dashboard.renderNow();
    assert.match(paneText(dashboard, 'output'), /^ *\d+ (tum|pak) (Tum|Pak)$/m);
  } finally {
    dashboard.close(0);
  }
});

test('the ready pane reads no more of the queue than it shows', async () => {
  const { defineDemo } = await import('../../src/demo.js');
  const { gather, sleep } = await import('../../src/index.js');
  function* spin() {
    for (;;) yield* sleep(0);
  }
  const many = defineDemo({ name: 'many', title: { en: 'many', fr: 'many' }, narration: { en: '', fr: '' }, main: () => gather(...Array.from({ length: 2000 }, spin)) });
  const { dashboard } = openDashboard({ ...tumpakLoaded, demo: many }, 100, 30);
  try {
    dashboard.start();
    dashboard.player.seek(3);
    // Read by index, only as far as the pane shows: never the whole queue.
    const sched = dashboard.player.view.sched!;
    let reads = 0;
    const readyAt = sched.readyAt.bind(sched);
    sched.readyAt = (i: number) => (reads++, readyAt(i));
    const { lines, total } = readyLines(dashboard.player, STRINGS.en, 10);
    assert.equal(lines.length, 10);
    assert.ok(total > 2000, `${total} lines in all`);
    assert.match(lines[0]!.text, /^ready \(\d{4}\):$/);
    assert.ok(reads <= 10, `${reads} ready items read`);
    dashboard.renderNow();
    assert.match(paneText(dashboard, 'ready'), /… \d{4} more lines$/);
  } finally {
    dashboard.close(0);
  }
});

test('a demo file that shows no line (empty once read) gets a note in the code pane, not a crash', () => {
  const empty = join(mkdtempSync(join(tmpdir(), 'coroscope-empty-')), 'empty.ts');
  writeFileSync(empty, '');
  const { dashboard } = openDashboard({ ...tumpakLoaded, sourceFile: empty }, 100, 30);
  try {
    dashboard.start();
    assert.match(paneText(dashboard, 'code'), /the source file is empty/);
  } finally {
    dashboard.close(0);
  }
});
