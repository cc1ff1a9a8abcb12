/**
 * What a speaker on stage runs into at 100×30 (the smallest size speakers use) and
 * 160×45, read off the screen as a person would see it: the seed kept across demos, cues
 * that hide nothing, a French screen that is French, code lines that read whole, twin
 * tasks told apart, a header that does not jitter, themes and speeds as asked.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Dashboard } from '../../src/tui/dashboard.js';
import { loadBuiltin } from '../../src/registry.js';
import type { LoadedDemo } from '../../src/tui/options.js';
import { STRINGS } from '../../src/tui/strings.js';
import { CELL, cellGlyph } from '../../src/player/view.js';
import { CONTRAST_RAN, colorIndex, laneColor, THEMES, attrFg } from '../../src/tui/theme.js';
import type { Rect } from '../../src/tui/layout.js';
import { gaugeLoaded } from '../../src/tui/screen-layout.js';
import { cellAttr, headerText, openDashboard, paneText, screenText, type, settle } from './fixtures/screen.js';
import { tumpakLoaded } from './fixtures/tumpak.js';


const demos = new Map<string, LoadedDemo>();
async function demo(name: string): Promise<LoadedDemo> {
  let loaded = demos.get(name);
  if (loaded === undefined) demos.set(name, (loaded = await loadBuiltin(name)));
  return loaded;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

// ─────────────────────────────────────── 1. seed ──────────────────────────────────────

test('1. the seed given on the command line stays through n, p and r', async () => {
  const tumpak = await demo('tumpak');
  const gather = await demo('gather');
  const { term, dashboard } = openDashboard(tumpak, 100, 30, { seed: 7, playlist: [tumpak, gather] });
  try {
    dashboard.start();
    for (const key of ['n', 'p', 'r']) {
      type(term, key);
      await settle(dashboard);
      assert.match(headerText(dashboard), /seed 7 /, `after ${key}`);
    }
  } finally {
    dashboard.close(0);
  }
});

// ─────────────────────────────────────── 2. cues ──────────────────────────────────────

test('2. the tumpak cue sits in rows of its own: the ready queue’s draw line it points at stays in view, and ? covers it', async () => {
  const tumpak = await demo('tumpak');
  const { term, dashboard } = openDashboard(tumpak, 100, 30, { seed: 7, cues: true }, { paused: false });
  try {
    dashboard.start();
    dashboard.player.advance(100);
    await settle(dashboard);
    assert.ok(dashboard.player.cue !== null, 'paused at the first cue');
    const layout = dashboard.layout!;
    assert.ok(layout.cue.height >= 3, 'the cue has a band');
    for (const pane of ['lanes', 'code', 'output', 'ready', 'stats'] as const) assert.ok(!overlaps(layout.cue, layout[pane]), `the cue does not cover ${pane}`);
    const screen = screenText(dashboard).join('\n');
    assert.match(screen, /Watch the ready queue/);
    assert.match(paneText(dashboard, 'ready'), /^drew (tum|pak) /, 'the draw line the cue points at is on screen');
    assert.match(screen, /space ▸/);
    assert.ok(!/cue: /.test(screen), 'no internal cue id');
    // The help opens over the cue, whole.
    type(term, '?');
    await settle(dashboard);
    const withHelp = screenText(dashboard).join('\n');
    assert.match(withHelp, /\? or Esc closes this help/);
    for (const line of STRINGS.en.keys.toggle.help.split('\n')) assert.ok(withHelp.includes(line));
    const help = dashboard.screenLayout.help;
    const cueBox = dashboard.screenLayout.cueBox;
    const rows = screenText(dashboard);
    assert.ok(rows.some((r) => r.includes('keys')), 'the help box title');
    assert.ok(help.index > cueBox.index, 'the help is in front of the cue');
  } finally {
    dashboard.close(0);
  }
});

// ─────────────────────────────────────── 3. French ────────────────────────────────────

test('3. --lang fr: every word on screen is French, asyncio terms kept', async () => {
  const gather = await demo('gather');
  const { term, dashboard } = openDashboard(gather, 100, 30, { lang: 'fr' });
  try {
    dashboard.start();
    dashboard.player.seek(12);
    dashboard.renderNow();
    const screen = screenText(dashboard).join('\n');
    for (const word of ['politique', 'graine', 'vitesse', 'EN PAUSE', 'tick', 'tâches', 'sortie', "file d'attente", 'étapes · part', 'en attente', 'terminée', 'prêtes', 'a renvoyé', 'retour', 'quitter', 'gather']) {
      assert.ok(screen.includes(word), `${word} on the French screen:\n${screen}`);
    }
    // Outside the code pane (the demo's own source), no English word of the dashboard's.
    const rect = dashboard.layout!.code;
    const outside = screenText(dashboard).map((l, i) => (i >= rect.top && i < rect.top + rect.height ? l.slice(rect.width) : l)).join('\n');
    for (const word of ['policy', 'seed', 'PAUSED', 'lanes', 'parked', 'timers', 'returned', 'quit', 'ready queue', 'output']) assert.ok(!new RegExp(`\\b${word}\\b`).test(outside), `no English "${word}":\n${outside}`);
    type(term, '?');
    await settle(dashboard);
    const help = screenText(dashboard).join('\n');
    assert.match(help, /touches/);
    assert.match(help, /\? ou Échap ferme cette aide/);
    assert.match(help, /recommencer avec la même graine/);
    type(term, '\x1b');
    await settle(dashboard);
    dashboard.player.seek(1000);
    dashboard.renderNow();
    assert.match(headerText(dashboard), /TERMINÉ/);
    assert.match(paneText(dashboard, 'ready').replace(/\s+/g, ' '), /exécution finie : a renvoyé|exécution finie: a renvoyé/);
    term.resize(50, 15);
    await settle(dashboard);
    assert.match(screenText(dashboard).join('\n'), /coroscope a besoin de 64×20 au moins \(ici 50×15\)/);
  } finally {
    dashboard.close(0);
  }
});

test('3. the strings table: French has every key English has (the type says so; this says it at run time too)', () => {
  const keys = (o: object): string[] => Object.entries(o).flatMap(([k, v]) => (v !== null && typeof v === 'object' ? keys(v).map((x) => `${k}.${x}`) : [k]));
  assert.deepEqual(keys(STRINGS.fr).sort(), keys(STRINGS.en).sort());
});

// ─────────────────────────────────────── 4. code ──────────────────────────────────────

test('4. at 100×30 a marked line reads whole: the mark is in the gutter, in the task’s colour; names only where they fit', async () => {
  const pong = await demo('pong');
  const { dashboard } = openDashboard(pong, 100, 30);
  try {
    dashboard.start();
    dashboard.player.seek(3);
    dashboard.renderNow();
    const code = paneText(dashboard, 'code');
    const line = code.split('\n').find((l) => l.startsWith('15'))!;
    assert.match(line, /^15 ▶ +client\.write\(yield\* client\.read\(\)\);$/, 'the whole line, no name squeezed in');
    const rect = dashboard.layout!.code;
    const row = screenText(dashboard).findIndex((l, i) => i > rect.top && l.slice(rect.left + 1).startsWith('15 ▶'));
    const lane = dashboard.player.view.lanes.find((l) => l.name === 'pong_handler')!;
    assert.equal(attrFg(cellAttr(dashboard, row, rect.left + 4)), colorIndex(laneColor(THEMES.dark, lane.index)));
    dashboard.player.seek(5);
    dashboard.renderNow();
    assert.match(paneText(dashboard, 'code'), /^16 ▶ +yield\* client\.flush\(\);$/m, 'no room for the name: the mark alone');
  } finally {
    dashboard.close(0);
  }
  // Where the name fits after the whole line, it follows it.
  const wide = openDashboard(pong, 160, 45);
  try {
    wide.dashboard.start();
    wide.dashboard.player.seek(5);
    wide.dashboard.renderNow();
    assert.match(paneText(wide.dashboard, 'code'), /^16 ▶ +yield\* client\.flush\(\); ◀ pong_handler$/m);
  } finally {
    wide.dashboard.close(0);
  }
});

test('4. a marked line scrolled out of the code pane is named in a note; big text keeps the code readable', async () => {
  const pong = await demo('pong');
  // Room for both marks: the pane shows both (it keeps the task that ran and as many marks as fit).
  const roomy = openDashboard(pong, 64, 20);
  try {
    roomy.dashboard.start();
    roomy.dashboard.player.seek(4);
    roomy.dashboard.renderNow();
    const code = paneText(roomy.dashboard, 'code');
    assert.match(code, /^15 ▶ /m);
    assert.match(code, /^24 ▶ /m);
  } finally {
    roomy.dashboard.close(0);
  }
  // Scrolled (↑) so that one leaves the pane: it is named in a note.
  const { term, dashboard } = openDashboard(pong, 64, 20);
  try {
    dashboard.start();
    dashboard.player.seek(4);
    dashboard.renderNow(); // tick 4 on screen; then the speaker scrolls
    type(term, '\x1b[A'); // ↑: three rows up
    await settle(dashboard);
    const code = paneText(dashboard, 'code');
    assert.match(code, /^15 ▶ /m);
    assert.match(code, /▼ main: line 24$/);
  } finally {
    dashboard.close(0);
  }
  const big = openDashboard(pong, 100, 30);
  try {
    big.dashboard.start();
    type(big.term, 'B');
    await settle(big.dashboard);
    assert.ok(big.dashboard.layout!.code.width >= 36, `code ${big.dashboard.layout!.code.width} wide in big mode`);
  } finally {
    big.dashboard.close(0);
  }
  void term;
});

test('4. several tasks on one line: one gutter mark each, in their colours', async () => {
  const gather = await demo('gather');
  const { dashboard } = openDashboard(gather, 100, 30);
  try {
    dashboard.start();
    dashboard.player.seek(9);
    dashboard.renderNow();
    const marks = dashboard.player.suspensions();
    const here = [...marks.entries()].filter(([, at]) => at.line === 8);
    assert.ok(here.length >= 2, 'two squares sleep on line 8');
    const rect = dashboard.layout!.code;
    const row = screenText(dashboard).findIndex((l, i) => i > rect.top && l.slice(rect.left + 1).startsWith(' 8 '));
    const gutter = screenText(dashboard)[row]!.slice(rect.left + 4, rect.left + 4 + here.length);
    assert.equal(gutter, '▶'.repeat(here.length));
    const colours = new Set([...gutter].map((_, k) => attrFg(cellAttr(dashboard, row, rect.left + 4 + k))));
    assert.equal(colours.size, here.length);
  } finally {
    dashboard.close(0);
  }
});

// ─────────────────────────────────────── 5. names ─────────────────────────────────────

test('5. twins read apart (by the Task-N asyncio names them, as in the text trace) and a wide terminal cuts no name', async () => {
  const gather = await demo('gather');
  const { dashboard } = openDashboard(gather, 160, 45);
  try {
    dashboard.start();
    dashboard.player.seek(12);
    dashboard.renderNow();
    const lanes = paneText(dashboard, 'lanes');
    for (const label of ['simple_print Task-2', 'simple_print Task-3', 'square Task-4', 'square Task-5', 'square Task-6']) assert.match(lanes, new RegExp(`${label} `));
    const output = paneText(dashboard, 'output');
    // The output pane is narrow: names stand over their lines, whole.
    assert.match(output, /^simple_print Task-2\n +2 Hello$/m);
    assert.match(output, /^simple_print Task-3\n +3 World$/m);
    const stats = paneText(dashboard, 'stats');
    for (const label of ['loop', 'main', 'simple_print Task-2', 'simple_print Task-3', 'square Task-4', 'square Task-5', 'square Task-6']) assert.match(stats, new RegExp(`^${label} +█`, 'm'));
    assert.ok(!/…/.test(lanes + output + stats), 'nothing cut');
  } finally {
    dashboard.close(0);
  }
  const awaitables = await demo('awaitables');
  const wide = openDashboard(awaitables, 160, 45);
  try {
    wide.dashboard.start();
    wide.dashboard.player.seek(1000);
    wide.dashboard.renderNow();
    assert.match(paneText(wide.dashboard, 'lanes'), /AsyncTask \(yield\) +done/);
  } finally {
    wide.dashboard.close(0);
  }
});

test('5/10. at 100×30 the steps pane lists every task with its share', async () => {
  const gather = await demo('gather');
  const { dashboard } = openDashboard(gather, 100, 30);
  try {
    dashboard.start();
    dashboard.player.seek(12);
    dashboard.renderNow();
    const stats = paneText(dashboard, 'stats');
    assert.equal(stats.split('\n').filter((l) => /\d+%$/.test(l)).length, 1 + dashboard.player.view.lanes.length);
  } finally {
    dashboard.close(0);
  }
});

// ─────────────────────────────────────── 6. header ────────────────────────────────────

test('6. the header never jitters: the status sits at the same columns whatever the tick or speed; the title is whole', async () => {
  const tumpak = await demo('tumpak');
  const { term, dashboard } = openDashboard(tumpak, 100, 30, { seed: 7 });
  try {
    dashboard.start();
    const bars = () => {
      const rect = dashboard.layout!.header;
      const row = screenText(dashboard)[rect.top + rect.height - 1]!;
      return [...row].flatMap((ch, i) => (ch === '│' ? [i] : []));
    };
    const at0 = bars();
    for (const key of ['s', '+', '+', '+', '+', '+', '+', '+', '+', '+', '+', '-']) {
      type(term, key);
      await settle(dashboard);
      assert.deepEqual(bars(), at0, `after ${key}: ${headerText(dashboard)}`);
    }
    dashboard.player.seek(15);
    dashboard.renderNow();
    assert.deepEqual(bars(), at0);
    assert.ok(headerText(dashboard).includes(tumpak.demo.title.en), `the whole title: ${headerText(dashboard)}`);
  } finally {
    dashboard.close(0);
  }
});

// ─────────────────────────────────────── 7. ready ─────────────────────────────────────

test('7. "… N more lines" counts exactly the lines not shown', async () => {
  const { dashboard } = openDashboard(tumpakLoaded, 64, 20);
  const { readyLines } = await import('../../src/tui/panes/ready.js');
  try {
    dashboard.start();
    dashboard.player.seek(3);
    dashboard.renderNow();
    const ready = paneText(dashboard, 'ready').split('\n');
    const all = readyLines(dashboard.player, STRINGS.en).lines;
    const m = /… (\d+) more lines?$/.exec(ready[ready.length - 1]!);
    assert.ok(m !== null, ready.join('\n'));
    // The lines read whole above the note (wrapped ones joined), against all there are.
    const shown = ready.slice(0, -1).join(' ').replace(/\s+/g, ' ');
    const whole = all.filter((l) => shown.includes(l.text)).length;
    assert.ok(whole > 0);
    assert.equal(Number(m[1]), all.length - whole);
  } finally {
    dashboard.close(0);
  }
});

// ─────────────────────────────────────── 8. themes ────────────────────────────────────

for (const name of ['light', 'contrast'] as const) {
  test(`8. theme ${name}: frame lines and titles are on the theme’s background`, () => {
    const { dashboard } = openDashboard(tumpakLoaded, 100, 30, { theme: name });
    try {
      dashboard.start();
      dashboard.renderNow();
      const bg = colorIndex(THEMES[name].bg);
      for (const pane of ['lanes', 'code', 'output', 'ready', 'stats'] as const) {
        const r = dashboard.layout![pane];
        for (const [row, col] of [[r.top, r.left], [r.top, r.left + r.width - 1], [r.top + 1, r.left], [r.top + r.height - 1, r.left + 2], [r.top, r.left + 3]] as const) {
          assert.equal(cellAttr(dashboard, row, col) & 0x1ff, bg, `${pane} frame at ${row},${col}`);
        }
      }
    } finally {
      dashboard.close(0);
    }
  });
}

test('8. contrast: the loop and the next tasks all get different glyphs before any repeats', () => {
  const glyphs = CONTRAST_RAN.map((_, i) => cellGlyph(THEMES.contrast.glyphs, CELL.RAN, i));
  assert.equal(new Set(glyphs).size, CONTRAST_RAN.length);
  assert.ok(!glyphs.includes(THEMES.contrast.glyphs.polled));
  // The seventh task (mutex's Lock F) no longer draws like main.
  assert.notEqual(cellGlyph(THEMES.contrast.glyphs, CELL.RAN, 7), cellGlyph(THEMES.contrast.glyphs, CELL.RAN, 1));
});

// ─────────────────────────────────────── 10. smaller ──────────────────────────────────

test('10. --speed 7 is honoured as 7/s; + and - go to the next presets', async () => {
  const { term, dashboard } = openDashboard(tumpakLoaded, 100, 30, { speed: 7 });
  try {
    dashboard.start();
    dashboard.renderNow();
    assert.match(headerText(dashboard), /speed 7\/s/);
    type(term, '+');
    await settle(dashboard);
    assert.match(headerText(dashboard), /speed 10\/s/);
    dashboard.player.setSpeed(7);
    type(term, '-');
    await settle(dashboard);
    assert.match(headerText(dashboard), /speed 5\/s/);
  } finally {
    dashboard.close(0);
  }
});

test('10. with the help open only ?, Esc and q act', async () => {
  const { term, dashboard } = openDashboard(tumpakLoaded, 100, 30);
  try {
    dashboard.start();
    type(term, '?');
    await settle(dashboard);
    assert.ok(dashboard.helpOpen);
    for (const key of ['s', ' ', '+', 'r', 'B', 'n']) type(term, key);
    await settle(dashboard);
    assert.equal(dashboard.player.tick, 0);
    assert.equal(dashboard.player.state, 'paused');
    assert.equal(dashboard.player.speed, 10);
    assert.equal(dashboard.bigText, false);
    type(term, '\x1b');
    await settle(dashboard);
    assert.ok(!dashboard.helpOpen);
    type(term, 's');
    await settle(dashboard);
    assert.equal(dashboard.player.tick, 1);
  } finally {
    dashboard.close(0);
  }
});

test('10. r while paused says it restarted', async () => {
  const { term, dashboard } = openDashboard(tumpakLoaded, 100, 30);
  try {
    dashboard.start();
    dashboard.player.seek(5);
    type(term, 'r');
    await settle(dashboard);
    assert.equal(dashboard.player.tick, 0);
    assert.match(screenText(dashboard).at(-1)!, /↺ restarted · seed 42/);
  } finally {
    dashboard.close(0);
  }
});

test('stats: a blessed-contrib gauge shows each task’s share in its lane colour, re-laid out on resize', async () => {
  const { term, dashboard } = openDashboard(tumpakLoaded, 100, 30);
  try {
    dashboard.start();
    dashboard.player.advance(1000);
    dashboard.renderNow(); // the first frame with shares asks for the gauge's module
    await gaugeLoaded();
    const theme = THEMES.dark;
    const share = () => {
      dashboard.renderNow();
      const rect = dashboard.layout!.stats;
      const counts = new Map<number, number>();
      let width = 0;
      for (let row = rect.top + 1; row < rect.top + rect.height - 1; row++) {
        let coloured = 0;
        for (let col = rect.left + 1; col < rect.left + rect.width - 1; col++) {
          const bg = cellAttr(dashboard, row, col) & 0x1ff;
          if (bg === colorIndex(theme.bg) || bg === 0x1ff) continue;
          counts.set(bg, (counts.get(bg) ?? 0) + 1);
          coloured++;
        }
        width = Math.max(width, coloured);
      }
      return { counts, width, inner: rect.width - 2 };
    };
    const view = dashboard.player.view;
    const colourOf = (name: string) => colorIndex(laneColor(theme, view.lanes.find((l) => view.label(l) === name)!.index));
    let { counts, width, inner } = share();
    const tum = counts.get(colourOf('tum')) ?? 0;
    const pak = counts.get(colourOf('pak')) ?? 0;
    assert.ok(tum > 0 && pak > 0, `gauge cells: ${JSON.stringify([...counts])}`);
    assert.ok(Math.abs(tum - pak) <= 4, 'tum and pak took 11 steps each: equal slices');
    assert.ok(width >= inner - 6, `the gauge spans the pane (${width} of ${inner})`);
    term.resize(160, 45);
    ({ counts, width, inner } = share());
    assert.ok(width >= inner - 6, `after a resize it spans the new width (${width} of ${inner})`);
  } finally {
    dashboard.close(0);
  }
});
