/**
 * Every text colour of every theme reads at WCAG AA (≥ 4.5:1) on its background, computed
 * from the theme tables — both for the #rrggbb written there and for the 256-palette entry
 * the terminal actually shows (blessed maps each colour to its nearest entry).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import blessed from 'blessed';
import { THEMES, colorIndex, type Theme } from '../../src/tui/theme.js';

type Rgb = readonly [number, number, number];

/** A dark theme's `default` background: assumed black, as dark terminals are (or near it). */
const DEFAULT_BG = '#000000';

function rgbOf(color: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  assert.ok(m, `${color} is #rrggbb`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

/** The palette entry the terminal shows for a colour. */
function shownRgb(color: string): Rgb {
  const index = colorIndex(color);
  const entry = (blessed as unknown as { colors: { vcolors: Rgb[] } }).colors.vcolors[index];
  assert.ok(entry, `${color} maps to palette entry ${index}`);
  return entry;
}

function luminance([r, g, b]: Rgb): number {
  const [R, G, B] = [r, g, b].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
}

function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The text colours of a theme, each with the background it is drawn on. */
function textPairs(theme: Theme): [string, string, string][] {
  const bg = theme.bg === 'default' ? DEFAULT_BG : theme.bg;
  const onBg = (['fg', 'dim', 'accent', 'running', 'paused', 'done', 'error', 'loop'] as const).map((k): [string, string, string] => [k, theme[k], bg]);
  return [...onBg, ...theme.tasks.map((c, i): [string, string, string] => [`tasks[${i}]`, c, bg]), ['barFg on barBg', theme.barFg, theme.barBg]];
}

test('the contrast formula is WCAG’s (black on white 21:1, a grey at 4.5:1)', () => {
  assert.equal(contrast([0, 0, 0], [255, 255, 255]), 21);
  assert.equal(contrast([255, 255, 255], [255, 255, 255]), 1);
  assert.equal(Math.round(contrast(rgbOf('#767676'), [255, 255, 255]) * 100) / 100, 4.54);
});

for (const theme of Object.values(THEMES)) {
  test(`${theme.name}: every text colour is at least 4.5:1 on its background, as written and as shown`, () => {
    const low: string[] = [];
    for (const [what, fg, bg] of textPairs(theme)) {
      const written = contrast(rgbOf(fg), rgbOf(bg));
      const shown = contrast(shownRgb(fg), shownRgb(bg));
      if (Math.min(written, shown) < 4.5) low.push(`${what} ${fg} on ${bg}: ${written.toFixed(2)}:1 written, ${shown.toFixed(2)}:1 shown`);
    }
    assert.deepEqual(low, []);
  });
}
