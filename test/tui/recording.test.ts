/**
 * --record's close is bounded by progress, not by wall time: a recording whose last
 * writes are slow (a loaded machine, a busy disk) is finished, one that stops writing is
 * given up and said to be incomplete.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, mock, test } from 'node:test';
import { AsciicastRecorder, parseAsciicast } from '../../src/export/asciicast.js';
import { RECORDING_CLOSE_MS, Recording } from '../../src/tui/recording.js';

mock.timers.enable({ apis: ['setTimeout'] });
after(() => mock.timers.reset());

const dir = mkdtempSync(join(tmpdir(), 'coroscope-recording-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A Recording whose recorder's close takes `closeMs` (timers the test moves), its bytes on
 * disk the test's to set: what a slow disk looks like from the close.
 */
function slowRecording(name: string, closeMs: number) {
  const file = join(dir, name);
  const recording = new Recording(file, Object.assign(new PassThrough(), { columns: 80, rows: 24, isTTY: true }), name);
  const recorder = recording.recorder;
  const disk = { bytes: 0 };
  Object.defineProperty(recorder, 'bytesWritten', { get: () => disk.bytes });
  recorder.close = () => new Promise<void>((resolve) => setTimeout(() => resolve(AsciicastRecorder.prototype.close.call(recorder)), closeMs));
  return { file, recording, disk };
}

/** Let promise callbacks and I/O run (setImmediate is not mocked). */
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Turns until `done` (the real file's last write and rename are real I/O: a few ms). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100_000 && !done(); i++) await turn();
}

test('a slow close that keeps writing is waited for, past RECORDING_CLOSE_MS, and the file is whole', async () => {
  const { file, recording, disk } = slowRecording('slow.cast', 3 * RECORDING_CLOSE_MS);
  let result: string | null | undefined;
  void recording.close().then((r) => (result = r));
  for (let t = 0; t < 3 * RECORDING_CLOSE_MS; t += RECORDING_CLOSE_MS / 2) {
    disk.bytes += 4096;
    mock.timers.tick(RECORDING_CLOSE_MS / 2);
    await turn();
  }
  await until(() => result !== undefined);
  assert.equal(result, null);
  assert.equal(parseAsciicast(readFileSync(file, 'utf8')).header.title, 'slow.cast');
});

test('a close that writes nothing for RECORDING_CLOSE_MS is given up, and said to be incomplete', async () => {
  const { file, recording, disk } = slowRecording('stuck.cast', 100 * RECORDING_CLOSE_MS);
  disk.bytes = 1234;
  let result: string | null | undefined;
  void recording.close().then((r) => (result = r));
  mock.timers.tick(RECORDING_CLOSE_MS - 1);
  await turn();
  assert.equal(result, undefined);
  mock.timers.tick(1);
  await turn();
  assert.equal(result, `the recording ${file} is incomplete: nothing written for ${RECORDING_CLOSE_MS / 1000} s (1234 bytes in)`);
  assert.ok(!existsSync(file));
  mock.timers.tick(100 * RECORDING_CLOSE_MS); // the recorder's own close finishes (the file put in place)
  await until(() => existsSync(file));
});
