/**
 * The one sanitiser for text a terminal will interpret: a demo's prints, titles, task
 * names, cue narration, error messages, the window title, and the files a terminal plays
 * back (.cast, --trace). A demo author controls that text; none of it may move the cursor,
 * clear the screen, retitle the window, ask the terminal to answer (`ESC [6n` would type
 * into the shell prompt) or write the clipboard (OSC 52).
 *
 * Rule: every C0 control but newline and tab, DEL, and every C1 control (U+0080–U+009F,
 * which some terminals obey like ESC + letter: U+009B is CSI) becomes a visible,
 * single-width stand-in: its Unicode control picture (`␛` for ESC, so `\x1b[2J` reads
 * `␛[2J`), `␡` for DEL, `�` for C1. Printable text, non-ASCII letters and double-width
 * characters are kept as they are. Pure and idempotent.
 */

const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
const CONTROL_OR_NEWLINE = /[\x00-\x1f\x7f-\x9f]/g;

function standIn(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code); // ␀ … ␟ (␛ for ESC)
  if (code === 0x7f) return '\u2421'; // ␡
  return '\ufffd';
}

/** Text safe for a terminal; newlines and tabs kept. */
export function safeText(text: string): string {
  return text.replace(CONTROL, standIn);
}

/** As safeText, on one line: newlines and tabs become spaces (titles, stderr messages). */
export function safeLine(text: string): string {
  return text.replace(CONTROL_OR_NEWLINE, (ch) => (ch === '\n' || ch === '\t' || ch === '\r' ? ' ' : standIn(ch)));
}

/**
 * JSON text that stays inert when a terminal shows it: JSON.stringify escapes C0 but
 * writes DEL and C1 raw; escape those too (still the same JSON value).
 */
export function safeJson(json: string): string {
  return json.replace(/[\x7f-\x9f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
