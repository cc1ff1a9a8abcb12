import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, test } from 'node:test';
import blessed from 'blessed';
import { AsciicastRecorder, parseAsciicast, VIEWER_RESTORE } from '../../src/export/asciicast.js';
import { createScreen } from '../../src/tui/terminal.js';

type FakeTerminal = PassThrough & { columns: number; rows: number; isTTY: boolean };

function terminal(columns = 100, rows = 30): FakeTerminal {
  return Object.assign(new PassThrough(), { columns, rows, isTTY: true });
}

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function castFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'coroscope-cast-'));
  dirs.push(dir);
  return join(dir, 'talk.cast');
}

/** A clock the test moves by hand (milliseconds, like performance.now). */
function manualClock(start = 5000) {
  let now = start;
  return { read: () => now, set: (ms: number) => void (now = ms) };
}

const bytes = (...parts: (string | number[] | Buffer)[]) => Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p as string))));

test('a recording passes everything through, keeps split UTF-8 characters whole, and parses back', async () => {
  const term = terminal();
  const file = castFile();
  const clock = manualClock();
  const rec = new AsciicastRecorder(term, file, { title: 'event demo', clock: clock.read, timestamp: 1_700_000_000, env: { SHELL: '/bin/zsh' }, flushMs: 60_000 });
  const passed: Buffer[] = [];
  term.on('data', (chunk: Buffer) => passed.push(chunk));

  const euro = Buffer.from('€'); // 3 bytes
  const party = Buffer.from('🎉'); // 4 bytes
  const chunks: (Buffer | string)[] = [
    'tick 1 ',
    bytes('caf', [0xc3]), // é split after its first byte
    bytes([0xa9], ' ', euro.subarray(0, 1)),
    euro.subarray(1, 2),
    bytes(euro.subarray(2), ' '),
    party.subarray(0, 2),
    bytes(party.subarray(2), ' │ 漢字\x1b[0m\r\n'),
  ];
  clock.set(5000.0004); // rounds to 0 µs… then grows
  rec.write(chunks[0]!);
  rec.marker('tick 1');
  clock.set(5250.5);
  for (const chunk of chunks.slice(1, 4)) rec.write(chunk);
  clock.set(5100); // a clock that steps back must not reorder the recording
  rec.write(chunks[4]!);
  term.columns = 120;
  term.rows = 40;
  term.emit('resize');
  clock.set(7000);
  rec.resize(90, 25);
  rec.write(chunks[5]!);
  rec.marker('cue: waiter fires');
  rec.write(chunks[6]!);
  await rec.close();
  await rec.close(); // idempotent

  const written = Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));
  assert.deepEqual(Buffer.concat(passed), written, 'the terminal got every byte, unchanged');

  const { header, events } = parseAsciicast(readFileSync(file, 'utf8'));
  assert.deepEqual(header, { version: 2, width: 100, height: 30, timestamp: 1_700_000_000, title: 'event demo', env: { TERM: 'xterm-256color', SHELL: '/bin/zsh' } });
  const output = events.filter(([, code]) => code === 'o').map(([, , data]) => data);
  assert.equal(output.join(''), written.toString('utf8') + VIEWER_RESTORE, 'everything, then the viewer’s terminal given back');
  assert.ok(output.every((data) => data !== '' && !data.includes('\ufffd')), 'no empty event, no broken character');
  assert.deepEqual(output, ['tick 1 ', 'caf', 'é ', '€ ', '🎉 │ 漢字\x1b[0m\r\n', VIEWER_RESTORE]);
  assert.deepEqual(
    events.filter(([, code]) => code !== 'o'),
    [
      [0, 'm', 'tick 1'],
      [0.2505, 'r', '120x40'],
      [2, 'r', '90x25'],
      [2, 'm', 'cue: waiter fires'],
    ],
  );
  const times = events.map(([t]) => t);
  assert.deepEqual(times, [...times].sort((a, b) => a - b), 'times never decrease');
  assert.deepEqual(times, [0, 0, 0.2505, 0.2505, 0.2505, 0.2505, 2, 2, 2, 2]);

  // After close the terminal still gets everything; the recording has stopped.
  rec.write('bye');
  assert.equal(Buffer.concat(passed).toString('utf8').endsWith('bye'), true);
  assert.equal(parseAsciicast(readFileSync(file, 'utf8')).events.length, events.length);
});

test('the file is written in batches, not per chunk: nothing reaches it before a flush', async () => {
  const file = castFile();
  const rec = new AsciicastRecorder(terminal(), file, { flushMs: 60_000, flushBytes: 1 << 20 });
  for (let i = 0; i < 100; i++) rec.write(`line ${i}\r\n`);
  assert.ok(!existsSync(file), 'the recording is not in place before it is complete');
  const [part] = readdirSync(join(file, '..')).filter((f) => f.endsWith('.part'));
  assert.equal(statSync(join(file, '..', part!)).size, 0);
  await rec.close();
  assert.equal(parseAsciicast(readFileSync(file, 'utf8')).events.length, 101);
  assert.deepEqual(readdirSync(join(file, '..')), ['talk.cast'], 'no temporary file left');
});

test('a new recording never truncates the previous one: it stays whole until the new one is complete', async () => {
  const file = castFile();
  writeFileSync(file, 'the rehearsal\n');
  const rec = new AsciicastRecorder(terminal(), file, { flushBytes: 1 });
  rec.write('x'.repeat(1000));
  await new Promise((r) => setImmediate(r));
  assert.equal(readFileSync(file, 'utf8'), 'the rehearsal\n', 'untouched while recording (a crash here keeps it)');
  await rec.close();
  assert.equal(parseAsciicast(readFileSync(file, 'utf8')).events.length, 2);
});

test('a recording ends by giving the viewer’s terminal back: scroll region reset, cursor on, alternate screen off', async () => {
  const file = castFile();
  const rec = new AsciicastRecorder(terminal(), file);
  rec.write('\x1b[?1049h\x1b[?25l\x1b[3;20r');
  await rec.close();
  const { events } = parseAsciicast(readFileSync(file, 'utf8'));
  const last = events[events.length - 1]!;
  assert.deepEqual(last.slice(1), ['o', VIEWER_RESTORE]);
  for (const code of ['\x1b[r', '\x1b[?25h', '\x1b[?1049l', '\x1b[0m']) assert.ok(VIEWER_RESTORE.includes(code), JSON.stringify(code));
});

test('a file that cannot be opened fails at construction, before the dashboard takes the screen', () => {
  assert.throws(() => new AsciicastRecorder(terminal(), join(castFile(), 'missing-dir', 'x.cast')), /ENOENT/);
});

test('the dashboard’s blessed screen draws and resizes through the recorder', async () => {
  const term = terminal(60, 12);
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => {} });
  const file = castFile();
  const rec = new AsciicastRecorder(term, file);
  const screen = createScreen({ input, output: rec });
  try {
    blessed.box({ parent: screen, top: 0, left: 0, width: 20, height: 3, content: 'Tum ✓ Pak', border: 'line' });
    screen.render();
    assert.equal(screen.width, 60);
    term.columns = 80;
    term.rows = 20;
    term.emit('resize');
    assert.equal(screen.width, 80, 'blessed saw the resize through the recorder');
    await rec.close();
  } finally {
    screen.destroy();
  }
  const { header, events } = parseAsciicast(readFileSync(file, 'utf8'));
  assert.equal(header.width, 60);
  assert.equal(header.height, 12);
  assert.match(events.map(([, , d]) => d).join(''), /│Tum.*✓.*Pak/);
  assert.deepEqual(events.filter(([, code]) => code === 'r').map(([, , d]) => d), ['80x20']);
  assert.ok(!events.slice(0, -1).some(([, code, d]) => code === 'o' && d.includes('\x1b[?1049l')), 'the teardown (leaving the alternate screen) is not recorded');
  assert.equal(events[events.length - 1]![2], VIEWER_RESTORE, 'only the viewer’s restore, last');
});

test('parseAsciicast rejects what players would choke on', () => {
  const head = JSON.stringify({ version: 2, width: 80, height: 24 });
  assert.deepEqual(parseAsciicast(`${head}\n[0.5, "o", "x"]\n`).events, [[0.5, 'o', 'x']]);
  assert.throws(() => parseAsciicast(''), /empty/);
  assert.throws(() => parseAsciicast(JSON.stringify({ version: 1, width: 80, height: 24 })), /version/);
  assert.throws(() => parseAsciicast(JSON.stringify({ version: 2, width: 0, height: 24 })), /width/);
  assert.throws(() => parseAsciicast(`${head}\n[1, "o", "a"]\n[0.5, "o", "b"]`), /line 3: time 0.5 goes back/);
  assert.throws(() => parseAsciicast(`${head}\n[1, "x", "a"]`), /unknown code/);
  assert.throws(() => parseAsciicast(`${head}\n[1, "r", "wide"]`), /COLSxROWS/);
  assert.throws(() => parseAsciicast(`${head}\n[1, "o"]`), /\[time, code, data\]/);
  assert.throws(() => parseAsciicast(`${head}\nnot json`), /line 2: not JSON/);
});
