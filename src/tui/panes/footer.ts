/** The footer (keys, or a moment's note) and the help overlay's lines. */
import { footerText, KEYS } from '../keys.js';
import type { Strings } from '../strings.js';
import { fit, type Painter } from '../paint.js';
import { cellText } from '../terminal.js';
import type { FrameContext } from './frame.js';

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

/** One line per key, or per pair of keys (an empty help joins the line above: `+ -`, `j k`). */
export function helpLines(s: Strings): string[] {
  const lines: { keys: string; help: string }[] = [];
  for (const k of KEYS) {
    const key = s.keys[k.action].label ?? k.label;
    const help = s.keys[k.action].help;
    if (help === '' && lines.length > 0) lines[lines.length - 1]!.keys += ` ${key}`;
    else lines.push({ keys: key, help });
  }
  return lines.map((l) => `${l.keys.padEnd(8)} ${l.help}`);
}
