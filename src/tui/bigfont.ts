/**
 * A block font for the big-text output (`b`), so "Tum" / "Pak" read from the last row of
 * a room. Glyphs are drawn on a 6-pixel-high grid — capitals and digits on rows 0–4,
 * lower case on rows 1–4 with ascenders on row 0 and descenders on row 5 — and printed
 * with half blocks (▀ ▄ █), two pixel rows per text row: 3 rows of text per line. A
 * terminal cell is about twice as tall as it is wide, so a half-block pixel is square.
 * At scale 2 a pixel is two cells wide and one row tall: the same shape, twice the size.
 *
 * Pure functions of the text; letters outside the font lose their accents first (é → e)
 * and are drawn as `?` when still unknown.
 */

/** Pixel rows per glyph. */
const PX_ROWS = 6;
/** Text rows a line takes at scale 1. */
export const BIG_ROWS = PX_ROWS / 2;

// One entry per character: its 6 pixel rows, `#` on, anything else off. Rows may be
// written shorter than the glyph; missing rows are blank.
const SOURCE: Record<string, string[]> = {
  A: ['.#.', '#.#', '###', '#.#', '#.#'],
  B: ['##.', '#.#', '##.', '#.#', '##.'],
  C: ['.##', '#..', '#..', '#..', '.##'],
  D: ['##.', '#.#', '#.#', '#.#', '##.'],
  E: ['###', '#..', '##.', '#..', '###'],
  F: ['###', '#..', '##.', '#..', '#..'],
  G: ['.##', '#..', '#.#', '#.#', '.##'],
  H: ['#.#', '#.#', '###', '#.#', '#.#'],
  I: ['###', '.#.', '.#.', '.#.', '###'],
  J: ['..#', '..#', '..#', '#.#', '.#.'],
  K: ['#.#', '#.#', '##.', '#.#', '#.#'],
  L: ['#..', '#..', '#..', '#..', '###'],
  M: ['#...#', '##.##', '#.#.#', '#...#', '#...#'],
  N: ['#..#', '##.#', '#.##', '#..#', '#..#'],
  O: ['.#.', '#.#', '#.#', '#.#', '.#.'],
  P: ['##.', '#.#', '##.', '#..', '#..'],
  Q: ['.#.', '#.#', '#.#', '##.', '.##'],
  R: ['##.', '#.#', '##.', '#.#', '#.#'],
  S: ['.##', '#..', '.#.', '..#', '##.'],
  T: ['###', '.#.', '.#.', '.#.', '.#.'],
  U: ['#.#', '#.#', '#.#', '#.#', '###'],
  V: ['#.#', '#.#', '#.#', '#.#', '.#.'],
  W: ['#...#', '#...#', '#.#.#', '##.##', '#...#'],
  X: ['#.#', '#.#', '.#.', '#.#', '#.#'],
  Y: ['#.#', '#.#', '.#.', '.#.', '.#.'],
  Z: ['###', '..#', '.#.', '#..', '###'],
  a: ['...', '.##', '#.#', '#.#', '.##'],
  b: ['#..', '##.', '#.#', '#.#', '##.'],
  c: ['...', '.##', '#..', '#..', '.##'],
  d: ['..#', '.##', '#.#', '#.#', '.##'],
  e: ['...', '.#.', '###', '#..', '.##'],
  f: ['.##', '#..', '##.', '#..', '#..'],
  g: ['...', '.##', '#.#', '.##', '..#', '##.'],
  h: ['#..', '##.', '#.#', '#.#', '#.#'],
  i: ['#', '.', '#', '#', '#'],
  j: ['.#', '..', '.#', '.#', '.#', '#.'],
  k: ['#..', '#.#', '##.', '##.', '#.#'],
  l: ['#', '#', '#', '#', '#'],
  m: ['.....', '##.#.', '#.#.#', '#.#.#', '#.#.#'],
  n: ['...', '##.', '#.#', '#.#', '#.#'],
  o: ['...', '.#.', '#.#', '#.#', '.#.'],
  p: ['...', '##.', '#.#', '#.#', '##.', '#..'],
  q: ['...', '.##', '#.#', '#.#', '.##', '..#'],
  r: ['...', '#.#', '##.', '#..', '#..'],
  s: ['...', '.##', '#..', '..#', '##.'],
  t: ['.#.', '###', '.#.', '.#.', '.##'],
  u: ['...', '#.#', '#.#', '#.#', '.##'],
  v: ['...', '#.#', '#.#', '#.#', '.#.'],
  w: ['.....', '#...#', '#.#.#', '#.#.#', '.#.#.'],
  x: ['...', '#.#', '.#.', '.#.', '#.#'],
  y: ['...', '#.#', '#.#', '.##', '..#', '##.'],
  z: ['...', '###', '..#', '.#.', '###'],
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['##.', '..#', '.#.', '#..', '###'],
  '3': ['##.', '..#', '.#.', '..#', '##.'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '##.', '..#', '##.'],
  '6': ['.##', '#..', '##.', '#.#', '.#.'],
  '7': ['###', '..#', '.#.', '.#.', '.#.'],
  '8': ['.#.', '#.#', '.#.', '#.#', '.#.'],
  '9': ['.#.', '#.#', '.##', '..#', '##.'],
  ' ': ['..'],
  '.': ['.', '.', '.', '.', '#'],
  ',': ['..', '..', '..', '..', '.#', '#.'],
  '!': ['#', '#', '#', '.', '#'],
  '?': ['##.', '..#', '.#.', '...', '.#.'],
  ':': ['.', '#', '.', '#', '.'],
  ';': ['..', '.#', '..', '.#', '#.'],
  "'": ['#', '#'],
  '"': ['#.#', '#.#'],
  '`': ['#.', '.#'],
  '-': ['...', '...', '###'],
  '+': ['...', '.#.', '###', '.#.'],
  '=': ['...', '###', '...', '###'],
  '*': ['...', '#.#', '.#.', '#.#'],
  '_': ['...', '...', '...', '...', '###'],
  '/': ['..#', '..#', '.#.', '#..', '#..'],
  '\\': ['#..', '#..', '.#.', '..#', '..#'],
  '|': ['#', '#', '#', '#', '#'],
  '(': ['.#', '#.', '#.', '#.', '.#'],
  ')': ['#.', '.#', '.#', '.#', '#.'],
  '[': ['##', '#.', '#.', '#.', '##'],
  ']': ['##', '.#', '.#', '.#', '##'],
  '{': ['.##', '.#.', '##.', '.#.', '.##'],
  '}': ['##.', '.#.', '.##', '.#.', '##.'],
  '<': ['..#', '.#.', '#..', '.#.', '..#'],
  '>': ['#..', '.#.', '..#', '.#.', '#..'],
  '#': ['#.#', '###', '#.#', '###', '#.#'],
  '%': ['#.#', '..#', '.#.', '#..', '#.#'],
  '&': ['.#.', '#.#', '.#.', '#.#', '.##'],
  '@': ['.#.', '#.#', '###', '#..', '.##'],
  $: ['.##', '##.', '.#.', '.##', '##.'],
  '^': ['.#.', '#.#'],
  '~': ['...', '...', '.##', '##.'],
};

/** Each glyph as columns of pixel bits (bit r = pixel row r). */
const GLYPHS = new Map<string, number[]>();
for (const [ch, rows] of Object.entries(SOURCE)) {
  const width = Math.max(...rows.map((r) => r.length));
  const cols: number[] = [];
  for (let c = 0; c < width; c++) {
    let bits = 0;
    for (let r = 0; r < PX_ROWS; r++) if (rows[r]?.[c] === '#') bits |= 1 << r;
    cols.push(bits);
  }
  GLYPHS.set(ch, cols);
}

function glyph(ch: string): number[] {
  return GLYPHS.get(ch) ?? GLYPHS.get(ch.normalize('NFD').replace(/\p{M}/gu, '')) ?? GLYPHS.get('?')!;
}

/** The pixel columns of `text`, glyphs one blank column apart. */
function columns(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    if (out.length > 0) out.push(0);
    out.push(...glyph(ch));
  }
  return out;
}

/** Cells `text` takes across at `scale`. */
export function bigWidth(text: string, scale = 1): number {
  return columns(text).length * scale;
}

/** `text` in the block font: BIG_ROWS × scale strings of equal length (spaces where nothing is drawn). */
export function bigText(text: string, scale = 1): string[] {
  const cols = columns(text);
  const rows: string[] = [];
  if (scale === 1) {
    for (let r = 0; r < PX_ROWS; r += 2) {
      let line = '';
      for (const bits of cols) line += HALF[((bits >> r) & 1) | (((bits >> (r + 1)) & 1) << 1)];
      rows.push(line);
    }
  } else {
    for (let r = 0; r < PX_ROWS; r++) {
      let line = '';
      for (const bits of cols) line += ((bits >> r) & 1 ? '█' : ' ').repeat(scale);
      for (let k = 0; k < scale / 2; k++) rows.push(line);
    }
  }
  return rows;
}

/** Upper pixel in bit 0, lower in bit 1. */
const HALF = [' ', '▀', '▄', '█'];

/**
 * Cut `text` into pieces no wider than `width` cells at `scale`: at spaces when a word
 * fits, else inside the word. Empty text gives one empty piece.
 */
export function bigWrap(text: string, width: number, scale = 1): string[] {
  const pieces: string[] = [];
  let line = '';
  const fits = (s: string) => bigWidth(s, scale) <= width;
  for (const word of text.split(/ +/)) {
    const joined = line === '' ? word : `${line} ${word}`;
    if (fits(joined)) {
      line = joined;
      continue;
    }
    if (line !== '') pieces.push(line);
    line = '';
    for (const ch of word) {
      if (line !== '' && !fits(line + ch)) {
        pieces.push(line);
        line = '';
      }
      line += ch;
    }
  }
  pieces.push(line);
  return pieces;
}
