/**
 * --export-html: one self-contained page playing a recording with the asciinema web
 * player. Checked as text (inlined, nothing fetched, inert title, cues as chapters) and
 * in headless Chromium (Debian's `chromium`; skipped with a message when it is missing):
 * its DOM shows the recording's last frame, and its screenshot is compared with that frame
 * — the box the recording drew, its colours, where the terminal puts it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { inflateSync } from 'node:zlib';
import { after, test } from 'node:test';
import blessed from 'blessed';
import { AsciicastRecorder } from '../../src/export/asciicast.js';
import { recordingHtml, writeRecordingHtml } from '../../src/export/html.js';
import { createScreen } from '../../src/tui/terminal.js';

const dir = mkdtempSync(join(tmpdir(), 'coroscope-html-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const COLS = 60;
const ROWS = 12;

/** A recording of one frame: a blue box with yellow text at column 2, row 1; a cue marker; a tick marker. */
async function recording(): Promise<string> {
  const file = join(dir, 'talk.cast');
  const term = Object.assign(new PassThrough(), { columns: COLS, rows: ROWS, isTTY: true });
  term.resume();
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => {} });
  const rec = new AsciicastRecorder(term, file, { title: 'Tum and Pak' });
  const screen = createScreen({ input, output: rec, env: { TERM: 'xterm-256color' } });
  blessed.box({ parent: screen, top: 1, left: 2, width: 30, height: 5, content: 'Tum PAK', border: 'line', style: { fg: 'yellow', bg: 'blue' } });
  screen.render();
  (screen as any).program.flush();
  rec.marker('tick 1');
  rec.marker('cue: pak speaks');
  await rec.close();
  screen.destroy();
  return file;
}

test('the page inlines the player and the recording, fetches nothing, and names the cues as chapters', async () => {
  const cast = readFileSync(await recording(), 'utf8');
  const html = recordingHtml(cast, { title: 'Tum </script><script>alert(1)</script>\x1b]0;x\x07' });
  assert.ok(!/<script[^>]*\bsrc=|<link\b/i.test(html), 'no external script or stylesheet');
  assert.ok(html.includes('AsciinemaPlayer'), 'the player is inlined');
  assert.equal(html.match(/<\/script>/g)!.length, 4, 'nothing in the data closes a script element');
  const title = /<title>(.*)<\/title>/.exec(html)![1]!;
  assert.equal(title, 'Tum &#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;␛]0;x␇', 'the title escaped and inert');
  const options = JSON.parse(/<script type="application\/json" id="coroscope-options">(.*?)<\/script>/s.exec(html)![1]!);
  assert.deepEqual(options.markers.map((m: [number, string]) => m[1]), ['pak speaks'], 'cues are chapters; tick markers are not');
  assert.deepEqual([options.cols, options.rows], [COLS, ROWS]);
});

/** Chromium when installed (Debian names it chromium). */
function chromium(): string | null {
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      execFileSync(name, ['--version'], { stdio: 'ignore' });
      return name;
    } catch {
      // next
    }
  }
  return null;
}
const browser = chromium();
const skip = browser === null ? 'chromium is not installed (apt-get install chromium; .ci/run does)' : false;

function headless(args: string[]): string {
  return execFileSync(browser!, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--virtual-time-budget=5000', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 120_000,
  });
}

/** An 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes) as pixel rows. */
function decodePng(png: Buffer): { width: number; height: number; pixel(x: number, y: number): [number, number, number] } {
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 3;
  const data: Buffer[] = [];
  while (pos < png.length) {
    const length = png.readUInt32BE(pos);
    const type = png.toString('ascii', pos + 4, pos + 8);
    const body = png.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      assert.equal(body[8], 8, 'bit depth 8');
      channels = body[9] === 6 ? 4 : body[9] === 2 ? 3 : NaN;
      assert.equal(body[12], 0, 'not interlaced');
    } else if (type === 'IDAT') data.push(body);
    pos += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= channels ? out[y * stride + x - channels]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      out[y * stride + x] = (v + [0, a, b, (a + b) >> 1, paeth][filter]!) & 0xff;
    }
  }
  return { width, height, pixel: (x, y) => [out[y * stride + x * channels]!, out[y * stride + x * channels + 1]!, out[y * stride + x * channels + 2]!] };
}

test('in headless Chromium: the page shows the recording’s last frame, as the screenshot compares', { skip, timeout: 300_000 }, async () => {
  const page = join(dir, 'talk.html');
  writeRecordingHtml(await recording(), page, { title: 'Tum and Pak' });
  const dom = headless(['--dump-dom', `file://${page}`]);
  assert.match(dom, /Tum PAK/, 'the frame’s text is in the player’s terminal');
  assert.match(dom, /ap-marker/, 'the chapter is on the progress bar');

  const shot = join(dir, 'talk.png');
  const width = 800;
  headless([`--window-size=${width},300`, `--screenshot=${shot}`, `file://${page}`]);
  const png = decodePng(readFileSync(shot));
  assert.equal(png.width, width);
  // The terminal is fitted to the width: a cell is width / COLS pixels wide; rows are taller, ~2 cells.
  const cell = width / COLS;
  const at = (col: number, row: number) => png.pixel(Math.floor((col + 0.5) * cell), Math.floor((row + 0.5) * cell * 2.1));
  const isBlue = ([r, g, b]: number[]) => b > 150 && b > r + 60;
  const isDark = ([r, g, b]: number[]) => r < 60 && g < 60 && b < 60;
  // Expected frame: the box's inside (columns 3–30, rows 2–4) is blue; right of it, the dark background.
  for (const [col, row] of [[10, 3], [20, 3], [28, 4], [15, 4]] as const) assert.ok(isBlue(at(col, row)), `blue inside the box at ${col},${row}: ${at(col, row)}`);
  for (const [col, row] of [[45, 3], [55, 6], [10, 9]] as const) assert.ok(isDark(at(col, row)), `background outside it at ${col},${row}: ${at(col, row)}`);
  // The yellow text on the box's first row: some pixels there are yellow (red and green high, blue low).
  let yellow = 0;
  for (let x = Math.floor(3 * cell); x < Math.floor(10 * cell); x++) {
    for (let y = Math.floor(2 * cell * 2.1); y < Math.floor(3 * cell * 2.1); y++) {
      const [r, g, b] = png.pixel(x, y);
      if (r > 150 && g > 120 && b < 110) yellow++;
    }
  }
  assert.ok(yellow > 20, `yellow text pixels: ${yellow}`);
});
