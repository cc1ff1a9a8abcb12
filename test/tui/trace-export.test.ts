/**
 * --export-trace records the run from tick 0 whatever the player's bounded history keeps:
 * the same log gives the same trace file, byte for byte, however the dashboard was paced
 * (frame timing, batch sizes), with its ticks in order and no gap in the middle.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, mock, test } from 'node:test';
import type { LoopEvent } from '../../src/core/events.js';
import { defineDemo } from '../../src/demo.js';
import type { TraceEvent } from '../../src/export/chrome-trace.js';
import { gather, print, sleep } from '../../src/index.js';
import type { Player } from '../../src/player/player.js';
import { recordRun } from '../../src/player/session.js';
import { ReplaySource } from '../../src/sources/replay.js';
import { batchText } from '../../src/sources/source.js';
import type { LoadedDemo } from '../../src/tui/options.js';
import { TraceRecord } from '../../src/tui/trace-export.js';
import { openDashboard } from './fixtures/screen.js';
import { tumpakLoaded } from './fixtures/tumpak.js';

// The injected scheduler: setInterval (RxJS's `interval` and `auditTime`) never fires unless the test ticks it.
mock.timers.enable({ apis: ['setInterval'] });
after(() => mock.timers.reset());

const dir = mkdtempSync(join(tmpdir(), 'coroscope-trace-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function* spin(): Generator<unknown, void, unknown> {
  for (;;) yield* sleep(0);
}
const spinners: LoadedDemo = {
  ...tumpakLoaded,
  demo: defineDemo({ name: 'spinners', title: { en: 'spinners', fr: 'spinners' }, narration: { en: '', fr: '' }, main: () => gather(spin(), spin()) }),
};
/** A run of 3000 ticks as a log (what --replay plays). */
const LOG: readonly LoopEvent[] = recordRun(spinners.demo, {}, 3000).events;
const LAST = LOG[LOG.length - 1]!.tick;

/** A history far smaller than the log: it must drop ticks while the run plays. */
const SMALL_HISTORY = { budgetBytes: 300_000, headBytes: 40_000, cacheEvents: 500 };

/**
 * Play the whole log in the dashboard with `--export-trace`, `step` ticks a frame, and
 * return the trace file and the close notes. The wall clock is the tick shown (a sample
 * taken at tick N reads N ms): a pacing-independent clock, so that only what the trace
 * records can differ.
 */
async function playAndExport(name: string, step: number, extras: { traceMaxBytes?: number } = {}): Promise<{ text: string; notes: string[]; dropped: boolean }> {
  const file = join(dir, `${name}.json`);
  const notes: string[] = [];
  let player: Player | null = null;
  const { dashboard } = openDashboard(
    spinners,
    100,
    30,
    { exportTraceFile: file, source: () => new ReplaySource(LOG), speed: Infinity },
    { clock: () => player?.tick ?? 0, history: SMALL_HISTORY, onClose: (_code, _error, _problems, more) => notes.push(...(more ?? [])), ...extras },
  );
  player = dashboard.player;
  while (!player.finished) player.advance(step);
  assert.equal(player.tick, LAST);
  const dropped = player.history.heldFromStart < LAST;
  dashboard.close(0);
  await dashboard.done;
  return { text: readFileSync(file, 'utf8'), notes, dropped };
}

test('the same log gives the same trace, byte for byte, whatever the pacing; the bounded history dropped ticks meanwhile', async () => {
  const fine = await playAndExport('fine', 1);
  const coarse = await playAndExport('coarse', 700);
  const uneven = await playAndExport('uneven', 37);
  assert.ok(fine.dropped && coarse.dropped && uneven.dropped, 'the history kept a window only');
  assert.deepEqual(fine.notes, []);
  assert.equal(coarse.text, fine.text);
  assert.equal(uneven.text, fine.text);
  // Every tick, in order, none missing in the middle: one slice per tick.
  const ticks = (JSON.parse(fine.text) as { traceEvents: TraceEvent[] }).traceEvents.filter((e) => e.ph === 'X').map((e) => Number(e.args!.tick));
  assert.deepEqual(ticks, Array.from({ length: LAST }, (_, i) => i + 1));
});

test('a trace past its byte cap stops at the same whole tick whatever the pacing, and says so', async () => {
  const fine = await playAndExport('capped-fine', 1, { traceMaxBytes: 150_000 });
  const coarse = await playAndExport('capped-coarse', 900, { traceMaxBytes: 150_000 });
  assert.equal(coarse.text, fine.text);
  assert.equal(fine.notes.length, 1);
  assert.equal(coarse.notes[0], fine.notes[0]!.replace('capped-fine', 'capped-coarse'));
  assert.match(fine.notes[0]!, /holds the first \d+ ticks of 3000 \(a trace holds at most 0\.1 MB of events\)$/);
  const held = Number(/holds the first (\d+) ticks/.exec(fine.notes[0]!)?.[1]);
  assert.ok(held > 100 && held < LAST, fine.notes[0]);
  const ticks = (JSON.parse(fine.text) as { traceEvents: TraceEvent[] }).traceEvents.filter((e) => e.ph === 'X').map((e) => Number(e.args!.tick));
  assert.deepEqual(ticks, Array.from({ length: held }, (_, i) => i + 1));
});

/** The log cut into batches at the given event counts (cycling), as a source might deliver it. */
function batches(log: readonly LoopEvent[], sizes: number[]): LoopEvent[][] {
  const out: LoopEvent[][] = [];
  for (let at = 0, i = 0; at < log.length; i++) {
    const n = sizes[i % sizes.length]!;
    out.push(log.slice(at, at + n));
    at += n;
  }
  return out;
}

function recorded(record: TraceRecord, tick = Infinity): { seqs: number[]; held: number } {
  const { events, held } = record.read(tick);
  return { seqs: events.map((e) => e.seq), held };
}

test('TraceRecord: the cap cuts at the same whole tick however the events are batched, with text from the worker or not', () => {
  const log = LOG.slice(0, 3000);
  const cap = 100_000;
  const results = [[1], [7, 300, 2], [4096]].map((sizes) => {
    const record = new TraceRecord(Infinity, cap);
    for (const batch of batches(log, sizes)) record.append(batch);
    return recorded(record);
  });
  // The worker's batches come with their JSON text (the record keeps that string, and measures it).
  const fromWorker = new TraceRecord(Infinity, cap);
  for (const batch of batches(log, [5, 1000])) {
    const copy = JSON.parse(JSON.stringify(batch)) as LoopEvent[];
    batchText.set(copy, JSON.stringify(batch));
    fromWorker.append(copy);
  }
  results.push(recorded(fromWorker));
  for (const r of results) assert.deepEqual(r, results[0]);
  const { seqs, held } = results[0]!;
  // Whole ticks: every event of the ticks ≤ held, nothing of the next; and within the cap, by the events' own JSON.
  assert.deepEqual(seqs, log.filter((e) => e.tick <= held).map((e) => e.seq));
  assert.ok(log.some((e) => e.tick === held + 1));
  const size = (ticks: number) => log.filter((e) => e.tick <= ticks).reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0);
  assert.ok(size(held) <= cap && size(held + 1) > cap, `held ${held}`);
});

test('TraceRecord: its byte cap counts bytes, not characters (a French print, an emoji)', () => {
  const texts = ['déjà vu', 'ça marche 🎉', 'plain'];
  const demo = defineDemo({
    name: 'accents',
    title: { en: 'accents', fr: 'accents' },
    narration: { en: '', fr: '' },
    *main() {
      for (let i = 0; i < 300; i++) {
        print(texts[i % texts.length]!);
        yield* sleep(0);
      }
    },
  });
  const log = recordRun(demo, { seed: 1 }).events;
  const bytes = (ticks: number) => log.filter((e) => e.tick <= ticks).reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0);
  const cap = bytes(150);
  const record = new TraceRecord(Infinity, cap);
  for (const batch of batches(log, [64])) record.append(batch);
  assert.equal(recorded(record).held, 150, 'the cap is the UTF-8 size of ticks ≤ 150: held to exactly there');
});

test('TraceRecord: a re-run’s repeat is skipped by seq, a new run starts over, the tick cap keeps ticks ≤ it', () => {
  const log = LOG.slice(0, 600);
  const record = new TraceRecord(100);
  const [first, second, third] = [log.slice(0, 200), log.slice(200, 400), log.slice(400)];
  record.append(first!);
  record.append(second!);
  // A re-run from tick 0 delivers the same events again, and then on past them.
  record.append(log.slice(0, 300));
  record.append(log.slice(300, 400));
  record.append(third!);
  const expected = log.filter((e) => e.tick <= 100).map((e) => e.seq);
  assert.deepEqual(recorded(record), { seqs: expected, held: 100 });
  assert.equal(record.capped, 'ticks');
  assert.deepEqual(recorded(record, 40), { seqs: log.filter((e) => e.tick <= 40).map((e) => e.seq), held: 40 });
  record.reset();
  assert.deepEqual(recorded(record), { seqs: [], held: 0 });
  record.append(first!);
  assert.equal(recorded(record).seqs.length, first!.length);
});
