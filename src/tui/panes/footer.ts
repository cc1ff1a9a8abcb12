/** The footer (keys, or a moment's note) and the help overlay's lines. */
import { footerText, KEYS } from '../keys.js';
import type { Strings } from '../strings.js';
import { fit, type Painter } from '../paint.js';
import { cellText } from '../terminal.js';
import { wrap, type FrameContext } from './frame.js';

export function paintFooter(p: Painter, ctx: FrameContext): void {
  p.fill(0, 0, p.width, ' ', ctx.attrs.footer);
  if (ctx.prompt !== null) {
    // `g`: what was typed, a cursor after it, and the keys that end it.
    const col = p.text(0, 0, ` ${ctx.s.goPrompt} ${cellText(ctx.prompt)}`, ctx.attrs.header);
    p.text(0, col, '▏', ctx.attrs.header);
    p.text(0, col + 3, fit(ctx.s.goKeys, Math.max(0, p.width - col - 3), false), ctx.attrs.footer);
    return;
  }
  if (ctx.flash !== null) {
    // A moment's note (a restart while paused changes little else on screen).
    p.text(0, 0, fit(` ${ctx.flash}`, p.width, false), ctx.attrs.header);
    return;
  }
  p.text(0, 0, fit(footerText(p.width, ctx.s.keys), p.width, false), ctx.attrs.footer);
}

/** Cells the help's key column takes (the key's name and a space). */
const HELP_KEY_COLUMN = 9;

/**
 * The help overlay's lines for an inside `width` cells wide and `height` rows high: each
 * key (or pair of keys: an empty help joins the line above, `+ -`, `j k`) and what it
 * does, a long line continued under the text; when that is too tall (80×24), each key
 * with its short word, two to a row. The closing line comes last.
 */
export function helpLines(s: Strings, width = Infinity, height = Infinity): string[] {
  const label = (k: (typeof KEYS)[number]) => (s.keys[k.action].label ?? k.label).padEnd(HELP_KEY_COLUMN - 1);
  const entries: { keys: string; help: string }[] = [];
  for (const k of KEYS) {
    const key = s.keys[k.action].label ?? k.label;
    const help = s.keys[k.action].help;
    if (help === '' && entries.length > 0) entries[entries.length - 1]!.keys += ` ${key}`;
    else entries.push({ keys: key, help });
  }
  const full = entries.flatMap((e) =>
    wrap(e.help, width - HELP_KEY_COLUMN, width - HELP_KEY_COLUMN).map((piece, i) => `${(i === 0 ? e.keys : '').padEnd(HELP_KEY_COLUMN - 1)} ${piece}`),
  );
  if (full.length + 2 <= height) return [...full, '', s.helpClose];
  const half = Math.floor((width - 1) / 2);
  const cells = KEYS.map((k) => fit(`${label(k)} ${s.keys[k.action].short}`, half));
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += 2) rows.push(`${cells[i]!} ${cells[i + 1] ?? ''}`.trimEnd());
  return [...rows, '', s.helpClose];
}
