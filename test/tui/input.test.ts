/**
 * The keys in their modes (input.ts), typed as a terminal sends them and read off the
 * screen: `g` goes to a tick, `b` / `.` blank the screen as a clicker's "black screen"
 * button expects, `B` is big text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadBuiltin } from '../../src/registry.js';
import { KEYS } from '../../src/tui/keys.js';
import { STRINGS } from '../../src/tui/strings.js';
import { openDashboard, screenText, settle, type } from './fixtures/screen.js';

const ENTER = '\r';
const ESC = '\x1b';
const BACKSPACE = '\x7f';

async function keys(term: Parameters<typeof type>[0], dashboard: { renderNow(): void }, ...typed: string[]): Promise<void> {
  for (const k of typed) {
    type(term, k);
    await settle(dashboard);
  }
}

const footer = (rows: string[]) => rows[rows.length - 1]!;

test('g: the footer prompts for a tick, digits and Enter go there; Esc cancels; Backspace edits', async () => {
  const gather = await loadBuiltin('gather');
  const { term, dashboard } = openDashboard(gather, 100, 30);
  try {
    dashboard.start();
    await keys(term, dashboard, 'g', '1');
    assert.match(footer(screenText(dashboard)), /^ go to tick: 1▏ +Enter go · Esc cancel/);
    await keys(term, dashboard, '2', ENTER);
    assert.equal(dashboard.player.tick, 12);
    assert.match(footer(screenText(dashboard)), /space pause/, 'the prompt is gone');
    // Esc cancels: the cursor stays.
    await keys(term, dashboard, 'g', '5', ESC);
    assert.equal(dashboard.prompt, null);
    assert.equal(dashboard.player.tick, 12);
    // Backspace edits what was typed.
    await keys(term, dashboard, 'g', '5', BACKSPACE, '3', ENTER);
    assert.equal(dashboard.player.tick, 3);
    // Beyond the end of a run whose end is known: its last tick.
    await keys(term, dashboard, 'g', '9', '9', '9', ENTER);
    assert.equal(dashboard.player.tick, dashboard.player.endTick);
    // Keys typed into the prompt do nothing else: q is text here, not quit.
    await keys(term, dashboard, 'g', 'q', 's');
    assert.ok(!dashboard.closed);
    assert.equal(dashboard.player.tick, dashboard.player.endTick, 's did not step');
    assert.match(footer(screenText(dashboard)), /go to tick: qs▏/);
    await keys(term, dashboard, ENTER);
    assert.match(footer(screenText(dashboard)), /^ not a tick number: qs +$/, 'bad input: one line in the footer');
    assert.ok(!dashboard.closed, 'never a crash');
  } finally {
    dashboard.close(0);
  }
});

test('g: a number too long to be a tick is a note; Ctrl-C in the prompt still quits', async () => {
  const gather = await loadBuiltin('gather');
  const closed: number[] = [];
  const { term, dashboard } = openDashboard(gather, 100, 30, {}, { onClose: (code) => closed.push(code) });
  dashboard.start();
  await keys(term, dashboard, 'g', ...'12345678901'.split(''), ENTER);
  assert.match(footer(screenText(dashboard)), /not a tick number: 12345678901/);
  assert.equal(dashboard.player.tick, 0);
  await keys(term, dashboard, 'g', '\x03');
  assert.deepEqual(closed, [0]);
});

test('b and . blank the screen like a projector; any key brings it back and does nothing else; B is big text', async () => {
  const tumpak = await loadBuiltin('tumpak');
  const closed: number[] = [];
  const { term, dashboard } = openDashboard(tumpak, 100, 30, {}, { onClose: (code) => closed.push(code) });
  try {
    dashboard.start();
    const before = screenText(dashboard).join('\n');
    for (const key of ['b', '.']) {
      await keys(term, dashboard, key);
      assert.ok(dashboard.blanked, `${key} blanks`);
      assert.ok(screenText(dashboard).every((row) => row.trim() === ''), `${key}: nothing on screen`);
      await keys(term, dashboard, 's');
      assert.ok(!dashboard.blanked);
      assert.equal(dashboard.player.tick, 0, 'the key that brought it back did not step');
      assert.equal(screenText(dashboard).join('\n'), before, 'the screen as it was');
    }
    // With the help open only its own keys act (b too), and the help says what b does.
    await keys(term, dashboard, '?', 'b');
    assert.ok(!dashboard.blanked);
    assert.match(screenText(dashboard).join('\n'), /b \. +blank the screen like a projector; any key brings it back/);
    await keys(term, dashboard, ESC, 'B');
    assert.ok(dashboard.bigText, 'B: big text');
    assert.ok(!dashboard.blanked);
    await keys(term, dashboard, 'b', '\x03');
    assert.deepEqual(closed, [0], 'Ctrl-C quits even from the blank');
  } finally {
    dashboard.close(0);
  }
});

test('? at 80×24: every key is in the help, and the line that says how to close it (two to a row when the full list is too tall)', async () => {
  const tumpak = await loadBuiltin('tumpak');
  for (const [cols, rows, compact] of [
    [80, 24, true],
    [100, 30, false],
  ] as const) {
    const { term, dashboard } = openDashboard(tumpak, cols, rows);
    try {
      dashboard.start();
      await keys(term, dashboard, '?');
      const screen = screenText(dashboard).join('\n');
      assert.match(screen, /\? or Esc closes this help/, `${cols}×${rows}`);
      for (const k of KEYS) {
        const words = STRINGS.en.keys[k.action];
        const label = (words.label ?? k.label).replace(/[.?+[\]]/g, '\\$&');
        // A key with no help of its own shares the line above (`+ -  faster / slower`, `j k`).
        let help = words.help;
        for (let i = KEYS.indexOf(k); help === '' && i > 0; ) help = STRINGS.en.keys[KEYS[--i]!.action].help;
        const text = (compact ? words.short : help.split(' ').slice(0, 3).join(' ')).replace(/[.?+()[\]]/g, '\\$&');
        assert.match(screen, new RegExp(`${label}${compact ? '' : '(?: [^ ]+)?'} +${text}`), `${cols}×${rows}: ${k.action}`);
      }
    } finally {
      dashboard.close(0);
    }
  }
});
