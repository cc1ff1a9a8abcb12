/**
 * The talk kit on a real dashboard in process (blessed on PassThrough streams): themes,
 * cues with their narration, big text, the --record recording and the --export-trace
 * trace of a session, read back from the files it wrote.
 *
 * Deterministic: the pacing (and frame sampling) runs on RxJS's async scheduler, whose
 * timers are setInterval; the test runner's mock timers stand in for it, so no tick is
 * ever run by the clock — only by the test (advance, keys), each frame drawn by settle.
 * Under CPU load a real 100 ms interval would otherwise run ticks in the middle of a test.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, mock, test } from 'node:test';
import type { LoopEvent } from '../../src/core/events.js';
import { defineDemo, type Cue, type Demo } from '../../src/demo.js';
import { sleep } from '../../src/index.js';
import { parseAsciicast, VIEWER_RESTORE } from '../../src/export/asciicast.js';
import type { TraceEvent } from '../../src/export/chrome-trace.js';
import { recordRun } from '../../src/player/session.js';
import { bigText } from '../../src/tui/bigfont.js';
import { runDashboard, type Dashboard } from '../../src/tui/dashboard.js';
import { THEME_NAMES, type LoadedDemo } from '../../src/tui/options.js';
import { attrFg, colorIndex, CONTRAST_RAN, laneColor, THEMES } from '../../src/tui/theme.js';
import { cellAttr, headerText, FakeTerminal, openDashboard, paneText, screenText, type, settle } from './fixtures/screen.js';
import { mixedLoaded, tumpakLoaded } from './fixtures/tumpak.js';

// The injected scheduler: setInterval (RxJS's `interval` and `auditTime`) never fires unless the test ticks it.
mock.timers.enable({ apis: ['setInterval'] });
after(() => mock.timers.reset());

const dir = mkdtempSync(join(tmpdir(), 'coroscope-talk-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const tmp = () => mkdtempSync(join(dir, 'case-'));

/** Let typed keys through, then draw. */

const isPak = (e: LoopEvent) => e.type === 'print' && e.text === 'Pak';
const pakCue: Cue = { id: 'pak', when: isPak, narration: { en: 'Pak speaks at last.', fr: 'Pak parle enfin.' } };

/**
 * The seed whose random.choice draws (CPython's Mersenne Twister) make Pak print at ticks
 * 5, 6, 10, 12…: two cues on consecutive ticks, then one with a tick before and after it (was seed 42
 * under the former mulberry32 generator).
 */
const CUE_SEED = 622;

function withCues(cues: Cue[]): LoadedDemo {
  return { ...tumpakLoaded, demo: { ...tumpakLoaded.demo, seed: CUE_SEED, cues } };
}

/** Ticks at which tumpak (CUE_SEED) prints Pak. */
function pakTicks(demo: Demo): number[] {
  return recordRun(demo, { seed: CUE_SEED }).events.filter(isPak).map((e) => e.tick);
}

// ─────────────────────────────────────── themes ───────────────────────────────────────

/** Lane rows of the lanes pane: name → the cells right of the labels. */
function laneCells(dashboard: Dashboard): Map<string, { row: number; col: number; cells: string }> {
  const lines = screenText(dashboard);
  const rect = dashboard.layout!.lanes;
  const out = new Map<string, { row: number; col: number; cells: string }>();
  for (let row = rect.top + 1; row < rect.top + rect.height - 1; row++) {
    const m = /^│[▶ ] (\S+) +\S* +\d+ /.exec(lines[row]!);
    if (m === null) continue;
    out.set(m[1]!, { row, col: m[0].length, cells: lines[row]!.slice(m[0].length, rect.left + rect.width - 1) });
  }
  return out;
}

const RAN = new RegExp(`[${CONTRAST_RAN.join('')}]`, 'g');

test('the theme names the CLI offers are the THEMES, in order, the default first', () => {
  assert.deepEqual(Object.keys(THEMES), [...THEME_NAMES]);
  assert.equal(THEME_NAMES[0], 'dark');
});

for (const name of ['dark', 'light', 'contrast'] as const) {
  test(`theme ${name}: every pane drawn in the theme's colours, each task lane in its own colour`, () => {
    const theme = THEMES[name];
    const { dashboard } = openDashboard(mixedLoaded, 120, 40, { theme: name });
    try {
      dashboard.start();
      dashboard.player.seek(14);
      dashboard.renderNow();
      const lanes = laneCells(dashboard);
      const tasks = [...dashboard.player.view.lanes];
      assert.ok(tasks.length >= 5, 'the fixture has five tasks');
      const fgs = new Set<number>();
      for (const lane of tasks) {
        const shown = lanes.get(lane.name)!;
        assert.ok(shown !== undefined, `lane ${lane.name} on screen`);
        const at = shown.cells.search(RAN);
        assert.ok(at >= 0, `${lane.name} ran: ${shown.cells}`);
        const fg = attrFg(cellAttr(dashboard, shown.row, shown.col + at));
        assert.equal(fg, colorIndex(laneColor(theme, lane.index)), `${lane.name} in its colour`);
        fgs.add(fg);
      }
      assert.equal(fgs.size, tasks.length, 'no two lanes share a colour');
      // The background is the theme's everywhere: a pane's inside, the code, the footer.
      const code = dashboard.layout!.code;
      for (const [row, col] of [[code.top + 2, code.left + 3], [39, 100], [2, 60]] as const) {
        assert.equal(cellAttr(dashboard, row, col) & 0x1ff, colorIndex(theme.bg), `bg at ${row},${col}`);
      }
      assert.match(headerText(dashboard), /tick 14 /);
    } finally {
      dashboard.close(0);
    }
  });
}

test('theme contrast: the lanes read apart in the screenshot text alone (one glyph per lane)', () => {
  const { dashboard } = openDashboard(mixedLoaded, 120, 40, { theme: 'contrast' });
  try {
    dashboard.start();
    dashboard.player.seek(14);
    dashboard.renderNow();
    const lanes = laneCells(dashboard);
    const glyphOf = new Map<string, string>();
    for (const lane of dashboard.player.view.lanes) {
      const glyphs = new Set(lanes.get(lane.name)!.cells.match(RAN));
      assert.equal(glyphs.size, 1, `${lane.name} draws its steps with one glyph: ${[...glyphs]}`);
      glyphOf.set(lane.name, [...glyphs][0]!);
    }
    assert.equal(new Set(glyphOf.values()).size, glyphOf.size, `every lane its own glyph: ${JSON.stringify([...glyphOf])}`);
    // And the same screen in dark draws them all alike: the glyphs are the contrast theme's.
    const dark = openDashboard(mixedLoaded, 120, 40, { theme: 'dark' });
    dark.dashboard.start();
    dark.dashboard.player.seek(14);
    dark.dashboard.renderNow();
    const darkGlyphs = new Set([...laneCells(dark.dashboard).values()].flatMap((l) => l.cells.match(RAN) ?? []));
    dark.dashboard.close(0);
    assert.deepEqual([...darkGlyphs], ['█']);
  } finally {
    dashboard.close(0);
  }
});

// ──────────────────────────────────────── cues ────────────────────────────────────────

for (const lang of ['en', 'fr'] as const) {
  test(`a cue pauses the run on its tick and shows its narration (${lang})`, async () => {
    const loaded = withCues([pakCue]);
    // 0.5 ticks/s: the next tick (another Pak, another cue) cannot come while the test looks.
    const { term, dashboard } = openDashboard(loaded, 100, 30, { cues: true, lang, speed: 0.5 }, { paused: false });
    try {
      dashboard.start();
      dashboard.player.advance(1000);
      dashboard.renderNow();
      const [first] = pakTicks(loaded.demo);
      assert.equal(dashboard.player.tick, first);
      assert.equal(dashboard.player.state, 'paused');
      const text = screenText(dashboard).join('\n');
      assert.match(text, lang === 'en' ? /PAUSED/ : /EN PAUSE/);
      assert.match(text, lang === 'en' ? /space ▸/ : /espace ▸/);
      assert.ok(!text.includes('cue: pak'), 'no internal cue id on screen');
      assert.match(text, lang === 'en' ? /Pak speaks at last\./ : /Pak parle enfin\./);
      assert.ok(!text.includes(lang === 'en' ? 'Pak parle' : 'Pak speaks'), 'only the chosen language');
      // Space continues: the narration goes, the run goes on.
      type(term, ' ');
      await settle(dashboard);
      assert.equal(dashboard.player.state, 'running');
      assert.ok(!/Pak (speaks|parle)/.test(screenText(dashboard).join('\n')));
    } finally {
      dashboard.close(0);
    }
  });
}

test('cues: each matching event pauses; back over a cue and forward again shows it again; r starts the cues over', async () => {
  const loaded = withCues([pakCue]);
  const paks = pakTicks(loaded.demo);
  // Pak prints on ticks 5, 6, 10…: the third has a tick without a cue before it.
  assert.deepEqual(paks.slice(0, 3), [5, 6, 10]);
  const { term, dashboard } = openDashboard(loaded, 100, 30, { cues: true });
  const player = dashboard.player;
  const cueShown = () => screenText(dashboard).join('\n').includes('Pak speaks at last.');
  try {
    dashboard.start();
    player.advance(1000);
    await settle(dashboard);
    assert.equal(player.tick, paks[0]);
    assert.ok(cueShown());
    // On to the next matches (one on the very next tick), without the pacing timer: what a pulse does.
    for (const next of [paks[1], paks[2]]) {
      type(term, ' ');
      await settle(dashboard);
      player.advance(1000);
      await settle(dashboard);
      assert.equal(player.tick, next);
      assert.ok(cueShown());
    }
    const shown = player.cuesShown;
    // Back over it: gone; forward onto it again: shown again, as a new cue.
    type(term, '\x1b[D');
    await settle(dashboard);
    assert.equal(player.tick, paks[2]! - 1);
    assert.ok(!cueShown());
    type(term, 's');
    await settle(dashboard);
    assert.equal(player.tick, paks[2]);
    assert.ok(cueShown());
    assert.equal(player.cuesShown, shown + 1);
    assert.equal(player.state, 'paused');
    // A step past it does not stop twice on the same tick.
    type(term, 's');
    await settle(dashboard);
    assert.equal(player.tick, paks[2]! + 1);
    assert.ok(!cueShown());
    // r: from the start, the first cue stops the run again.
    type(term, 'r');
    await settle(dashboard);
    assert.equal(player.tick, 0);
    assert.ok(!cueShown());
    player.advance(1000);
    await settle(dashboard);
    assert.equal(player.tick, paks[0]);
    assert.ok(cueShown());
  } finally {
    dashboard.close(0);
  }
});

test('cues: two cues on one tick show one after the other, then space resumes', async () => {
  const second: Cue = { id: 'pak-again', when: isPak, narration: { en: 'Still Pak.', fr: 'Encore Pak.' } };
  // Seed 58: Pak prints at ticks 4 then 14, so once resumed the run meets no cue for ten
  // ticks (with CUE_SEED the next Pak is on the very next tick: a pacing pulse during
  // settle() could stop the run there again, on a loaded machine).
  const loaded = { ...withCues([pakCue, second]), demo: { ...withCues([pakCue, second]).demo, seed: 58 } };
  const { term, dashboard } = openDashboard(loaded, 100, 30, { cues: true });
  try {
    dashboard.start();
    dashboard.player.advance(1000);
    await settle(dashboard);
    const tick = dashboard.player.tick;
    assert.match(screenText(dashboard).join('\n'), /space ▸[\s\S]*Pak speaks at last/);
    type(term, ' ');
    await settle(dashboard);
    assert.equal(dashboard.player.tick, tick);
    assert.equal(dashboard.player.state, 'paused');
    assert.match(screenText(dashboard).join('\n'), /space ▸[\s\S]*Still Pak\./);
    assert.ok(!screenText(dashboard).join('\n').includes('Pak speaks'), 'the first cue gave way');
    type(term, ' ');
    await settle(dashboard);
    assert.equal(dashboard.player.state, 'running');
  } finally {
    dashboard.close(0);
  }
});

test('without --cues the same demo runs through its cue points', () => {
  const loaded = withCues([pakCue]);
  const { dashboard } = openDashboard(loaded, 100, 30, { cues: false });
  try {
    dashboard.start();
    dashboard.player.advance(1000);
    assert.equal(dashboard.player.state, 'done');
    assert.equal(dashboard.player.cue, null);
  } finally {
    dashboard.close(0);
  }
});

// ────────────────────────────────────── big text ──────────────────────────────────────

test('b draws the newest lines in the block font, in the printing task’s colour, and gives the output room', async () => {
  const { term, dashboard } = openDashboard(tumpakLoaded, 100, 30);
  try {
    dashboard.start();
    dashboard.player.seek(12);
    dashboard.renderNow();
    const narrow = dashboard.layout!.output.width;
    type(term, 'B');
    await settle(dashboard);
    assert.ok(dashboard.layout!.output.width > narrow, 'the output pane widens in big-text mode');
    const out = dashboard.player.view.output;
    const last = out[out.length - 1]!;
    const pane = paneText(dashboard, 'output').split('\n');
    // The newest line is the bottom one, drawn twice the size (it fits at 100 columns).
    const glyphs = bigText(last.text, 2);
    const rows = pane.slice(pane.length - glyphs.length);
    assert.deepEqual(rows, glyphs.map((g) => g.trimEnd()));
    const rect = dashboard.layout!.output;
    const row = rect.top + rect.height - 1 - glyphs.length + glyphs.findIndex((g) => g.startsWith('█'));
    assert.equal(attrFg(cellAttr(dashboard, row, rect.left + 1)), colorIndex(laneColor(THEMES.dark, last.task!)));
    // The line before it, above, with one blank row between.
    const before = bigText(out[out.length - 2]!.text, 2);
    assert.deepEqual(pane.slice(pane.length - 2 * glyphs.length - 1, pane.length - glyphs.length), [...before.map((g) => g.trimEnd()), '']);
    // b again: back to the normal output.
    type(term, 'B');
    await settle(dashboard);
    assert.equal(dashboard.layout!.output.width, narrow);
    assert.match(paneText(dashboard, 'output'), new RegExp(`${last.tick} (tum|pak) +${last.text}`));
  } finally {
    dashboard.close(0);
  }
});

test('big text: a line too wide for twice the size wraps, still twice the size', async () => {
  const { term, dashboard } = openDashboard(mixedLoaded, 100, 30);
  try {
    dashboard.start();
    dashboard.player.seek(1000);
    type(term, 'B');
    await settle(dashboard);
    const pane = paneText(dashboard, 'output').split('\n');
    const out = dashboard.player.view.output;
    assert.equal(out[out.length - 1]!.text, 'all done');
    // 'all done' is wider than the pane at twice the size: 'done' under 'all', one blank row between.
    const done = bigText('done', 2);
    const all = bigText('all', 2);
    assert.equal(done.length, 6, 'the large font, not the 3-row one');
    assert.deepEqual(pane.slice(pane.length - 6), done.map((g) => g.trimEnd()));
    assert.deepEqual(pane.slice(pane.length - 13, pane.length - 6), [...all.map((g) => g.trimEnd()), '']);
  } finally {
    dashboard.close(0);
  }
});

// ───────────────────────────────────── recording ──────────────────────────────────────

test('--record: a real session as asciicast v2, with tick and cue markers after their frames, a resize, and no teardown', async () => {
  const file = join(tmp(), 'talk.cast');
  const loaded = withCues([pakCue]);
  const paks = pakTicks(loaded.demo);
  const { term, dashboard } = openDashboard(loaded, 100, 30, { cues: true, recordFile: file });
  assert.ok(dashboard.recording !== null);
  dashboard.start();
  for (let i = 0; i < 3; i++) {
    type(term, 's');
    await settle(dashboard);
  }
  term.resize(120, 40);
  await settle(dashboard);
  dashboard.player.advance(1000); // on to the first Pak: a cue
  await settle(dashboard);
  assert.equal(dashboard.player.tick, paks[0]);
  type(term, 'q');
  await dashboard.done;
  assert.ok((dashboard.screen as any).destroyed);

  const { header, events } = parseAsciicast(readFileSync(file, 'utf8')); // also checks times never go back
  assert.equal(header.width, 100);
  assert.equal(header.height, 30);
  assert.equal(header.title, loaded.demo.title.en);
  assert.equal(header.env?.TERM, 'xterm-256color');
  const markers = events.filter((e) => e[1] === 'm').map((e) => e[2]);
  assert.deepEqual(markers, ['tick 0', 'tick 1', 'tick 2', 'tick 3', `tick ${paks[0]}`, 'cue: pak']);
  // Each marker comes right after the frame it names (not before it, on blessed's next
  // turn): jumping to a marker in a player shows that tick.
  for (const [i, e] of events.entries()) if (e[1] === 'm') assert.ok(events[i - 1]![1] === 'o' || events[i - 1]![1] === 'm', `${e[2]} follows its frame`);
  const resize = events.findIndex((e) => e[1] === 'r');
  assert.ok(resize > 0 && events[resize]![2] === '120x40', 'the resize is recorded');
  assert.ok(events.slice(resize).some((e) => e[1] === 'o'), 'and the frames after it');
  const output = events.filter((e) => e[1] === 'o' && e[2] !== VIEWER_RESTORE).map((e) => e[2]).join('');
  assert.ok(output.includes('\x1b[?1049h'), 'the recording enters the alternate screen');
  assert.ok(!output.includes('\x1b[?1049l'), 'the teardown is not recorded');
  assert.ok(term.written.includes('\x1b[?1049l'), 'but the terminal got it');
});

test('--record: a crash in the dashboard still ends the recording whole, before the screen goes', async () => {
  const file = join(tmp(), 'crash.cast');
  const closed: number[] = [];
  const { term, dashboard } = openDashboard(tumpakLoaded, 100, 30, { recordFile: file }, { onClose: (code) => closed.push(code) });
  dashboard.start();
  dashboard.act = () => {
    throw new Error('a bug in a key handler');
  };
  type(term, 's');
  await dashboard.done;
  assert.deepEqual(closed, [1]);
  const { events } = parseAsciicast(readFileSync(file, 'utf8'));
  const output = events.filter((e) => e[1] === 'o' && e[2] !== VIEWER_RESTORE).map((e) => e[2]).join('');
  assert.ok(output.includes('\x1b[?1049h') && !output.includes('\x1b[?1049l'));
  assert.deepEqual(events.filter((e) => e[1] === 'm').map((e) => e[2]), ['tick 0']);
});

test('--record / --export-trace to a path that cannot be written: one line, exit 2, the screen never taken', async () => {
  for (const flag of ['recordFile', 'exportTraceFile'] as const) {
    const term = new FakeTerminal(100, 30);
    let stderr = '';
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof write;
    let code: number;
    try {
      code = await runDashboard({ current: tumpakLoaded, playlist: [tumpakLoaded], seed: 42, speed: 10, lang: 'en', theme: 'dark', cues: false, input: term.input, output: term.output, [flag]: '/nonexistent-dir/x.out' });
    } finally {
      process.stderr.write = write;
    }
    assert.equal(code, 2);
    const what = flag === 'recordFile' ? 'record to' : 'write the trace to';
    assert.equal(stderr, `coroscope: cannot ${what} /nonexistent-dir/x.out: ENOENT: no such file or directory\n`);
    assert.equal(term.written, '', 'nothing sent to the terminal');
  }
});

// ──────────────────────────────────────── trace ───────────────────────────────────────

test('--export-trace: the previous trace is left whole while the dashboard runs (re-running the rehearsal keeps the backup until the new one is written)', async () => {
  const file = join(tmp(), 'run.json');
  writeFileSync(file, '{"rehearsal":true}');
  const { dashboard } = openDashboard(mixedLoaded, 100, 30, { exportTraceFile: file });
  dashboard.player.advance(3);
  assert.equal(readFileSync(file, 'utf8'), '{"rehearsal":true}');
  dashboard.close(0);
  await dashboard.done; // the trace is written in slices
  assert.ok(Array.isArray(JSON.parse(readFileSync(file, 'utf8')).traceEvents));
});

test('--export-trace: one named track per task, slices never overlap, a pause is a gap of its length, a step back rewinds', async () => {
  const file = join(tmp(), 'run.json');
  let now = 1000;
  const clock = () => (now += 1); // every reading is a millisecond later: batches take time
  const { dashboard } = openDashboard(mixedLoaded, 100, 30, { exportTraceFile: file }, { clock });
  const player = dashboard.player;
  // Driven by hand (no pacing timer): run, pause for 30 s, run, step back twice, step.
  player.togglePause();
  player.advance(5);
  player.togglePause();
  now += 30_000;
  player.togglePause();
  player.advance(5);
  player.togglePause();
  player.stepBack();
  player.stepBack();
  player.stepForward();
  assert.equal(player.tick, 9);
  dashboard.close(0);
  await dashboard.done; // the trace is written in slices

  const trace = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[]; metadata: Record<string, unknown> };
  assert.equal(trace.metadata.timeAxis, 'wall clock: trace time is real time since the first sample');
  const events = trace.traceEvents;
  // One named track per task (and the loop's), named as the lanes are.
  const names = new Map<number, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(e.tid, String(e.args!.name));
  const spawned = recordRun(mixedLoaded.demo, {}).events.filter((e) => e.type === 'task-spawn' && e.tick <= 9).length;
  assert.equal(names.size, spawned + 1);
  assert.deepEqual([...names.values()].sort(), ['boom', 'countUpTo', 'loop (callbacks, timers)', 'mixedMain', 'sleeper', 'waitJob']);
  const slices = events.filter((e) => e.ph === 'X');
  for (const s of slices) assert.ok(names.has(s.tid), `slice on a named track: ${s.name}`);
  // Slices never overlap on a track.
  const byTrack = new Map<number, TraceEvent[]>();
  for (const s of slices) byTrack.set(s.tid, [...(byTrack.get(s.tid) ?? []), s]);
  for (const list of byTrack.values()) {
    list.sort((a, b) => a.ts! - b.ts!);
    for (let i = 1; i < list.length; i++) assert.ok(list[i - 1]!.ts! + list[i - 1]!.dur! <= list[i]!.ts!, `${list[i - 1]!.name} overlaps ${list[i]!.name}`);
  }
  // The timeline as finally played: ticks 1…9, once each, in order.
  const ticks = slices.map((s) => Number(s.args!.tick)).sort((a, b) => a - b);
  assert.deepEqual(ticks, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  // The pause: nothing happens for at least its 30 s, between tick 5 and tick 6.
  const at = (tick: number) => slices.find((s) => s.args!.tick === tick)!;
  const gap = at(6).ts! - (at(5).ts! + at(5).dur!);
  assert.ok(gap >= 30_000_000, `a gap of ${gap} µs`);
  for (let t = 2; t <= 9; t++) if (t !== 6) assert.ok(at(t).ts! - at(t - 1).ts! < 30_000_000, `no gap before tick ${t}`);
});

test('--export-trace: a signal while the trace is written at the close stops it, the previous file whole, no temporary file left, exit 128 + n', async () => {
  const folder = tmp();
  const file = join(folder, 'run.json');
  writeFileSync(file, '{"rehearsal":true}');
  function* spin() {
    for (;;) yield* sleep(0);
  }
  const spinner: LoadedDemo = { ...tumpakLoaded, demo: defineDemo({ name: 'spin', title: { en: 'spin', fr: 'spin' }, narration: { en: '', fr: '' }, main: spin }) };
  const closed: { code: number; problems: string[]; notes: string[] }[] = [];
  const { dashboard } = openDashboard(spinner, 100, 30, { exportTraceFile: file }, { onClose: (code, _error, problems = [], notes = []) => closed.push({ code, problems, notes }) });
  dashboard.player.togglePause();
  dashboard.player.advance(20_000); // a trace that takes many slices to build and write
  dashboard.close(0);
  assert.deepEqual(closed, [], 'the write goes on in slices: the close has not reported yet');
  // The first slices have run (the process turned meanwhile), then Ctrl-C.
  await new Promise((resolve) => setImmediate(resolve));
  dashboard.stopWriting('SIGINT');
  await dashboard.done;
  assert.deepEqual(closed, [{ code: 130, problems: [`Ctrl-C: ${file} was not written (a previous ${file} is left as it was)`], notes: [] }]);
  assert.equal(readFileSync(file, 'utf8'), '{"rehearsal":true}');
  assert.deepEqual(readdirSync(folder), ['run.json'], 'no temporary file left');
});

test('--export-trace keeps few wall-clock samples: a running stretch is two, a pause two more, none past the ticks the trace holds', async () => {
  const file = join(tmp(), 'long.json');
  let now = 1000;
  const clock = () => (now += 1);
  function* spin() {
    for (;;) yield* sleep(0);
  }
  const spinner: LoadedDemo = { ...tumpakLoaded, demo: defineDemo({ name: 'spin', title: { en: 'spin', fr: 'spin' }, narration: { en: '', fr: '' }, main: spin }) };
  const notes: string[] = [];
  const { dashboard } = openDashboard(spinner, 100, 30, { exportTraceFile: file }, { clock, traceMaxTicks: 500, onClose: (_code, _error, _problems, more) => notes.push(...(more ?? [])) });
  const samples = (dashboard as unknown as { trace: { samples: unknown[] } }).trace.samples;
  const player = dashboard.player;
  player.togglePause();
  for (let i = 0; i < 200; i++) player.advance(1);
  assert.ok(samples.length <= 3, `a running stretch of 200 batches: ${samples.length} samples`);
  player.togglePause();
  now += 30_000;
  player.togglePause();
  for (let i = 0; i < 400; i++) player.advance(1);
  assert.ok(samples.length <= 6, `then a pause: ${samples.length} samples`);
  // Past the 500 ticks the trace holds, pauses and batches add nothing.
  const past = samples.length;
  for (let i = 0; i < 5; i++) {
    player.togglePause();
    player.togglePause();
    player.advance(10);
  }
  assert.equal(samples.length, past);
  dashboard.close(0);
  await dashboard.done; // the trace is written in slices

  assert.deepEqual(notes, [`the trace ${file} holds the first 500 ticks of ${player.tick} (a trace holds at most 500 ticks)`]);
  const slices = (JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents.filter((e) => e.ph === 'X');
  const at = (tick: number) => slices.find((s) => s.args!.tick === tick)!;
  assert.equal(Math.max(...slices.map((s) => Number(s.args!.tick))), 500);
  // The pause is still a gap of its length, between ticks 200 and 201, and only there.
  assert.ok(at(201).ts! - (at(200).ts! + at(200).dur!) >= 30_000_000, 'the pause is a gap');
  for (const t of [2, 100, 200, 202, 400, 500]) assert.ok(at(t).ts! - at(t - 1).ts! < 1_000_000, `no gap before tick ${t}`);
});
