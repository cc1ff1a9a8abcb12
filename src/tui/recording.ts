/**
 * --record from the dashboard: the screen's output passes through an asciicast recorder,
 * with a marker at each tick shown and at each cue, so the asciinema player jumps there.
 *
 * Invariants: the recorder is opened before the screen exists (a bad path is a
 * SetupError, one line, exit 2); a marker follows the frame it names; closing is bounded
 * by progress: it waits while the file keeps growing and gives up after RECORDING_CLOSE_MS
 * without a byte written (a hung disk), so a loaded machine that writes slowly still gets
 * the whole recording; one that could not be completed is said, not hidden.
 */
import { oneLine } from '../core/errors.js';
import type { Cue } from '../demo.js';
import { AsciicastRecorder } from '../export/asciicast.js';
import { SetupError } from './shell.js';

/** Longest the screen waits at the close for the recording's next bytes to reach the disk before it is torn down anyway. */
export const RECORDING_CLOSE_MS = 3000;

export class Recording {
  readonly recorder: AsciicastRecorder;
  private markedTick = -1;
  private markedCues = 0;

  constructor(
    readonly file: string,
    terminal: NodeJS.WritableStream,
    title: string,
  ) {
    try {
      this.recorder = new AsciicastRecorder(terminal, file, { title });
    } catch (error) {
      throw new SetupError(`cannot record to ${file}: ${oneLine(error)}`);
    }
  }

  /**
   * Markers after a frame's output (jumping to a marker shows that frame): `tick N` when
   * the frame shows a new tick, `cue: ID` when it shows a new cue. One per frame, not per
   * tick: at human speeds every tick gets its frame and so its marker; at "max" the ticks
   * between two frames were never on screen, and a marker each would flood the timeline.
   */
  mark(tick: number, cuesShown: number, cue: Cue | null): void {
    if (tick !== this.markedTick) {
      this.markedTick = tick;
      this.recorder.marker(`tick ${tick}`);
    }
    if (cuesShown !== this.markedCues) {
      this.markedCues = cuesShown;
      if (cue !== null) this.recorder.marker(`cue: ${cue.id}`);
    }
  }

  /**
   * Finish the file; resolves with what went wrong, or null. Given up after `stallMs`
   * without progress (not after `stallMs` in all: on a busy machine a long recording's
   * last writes take longer, and a wall-clock bound would lose the whole file).
   */
  async close(stallMs = RECORDING_CLOSE_MS): Promise<string | null> {
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<void>((_, reject) => {
      let seen = -1;
      const check = () => {
        const written = this.recorder.bytesWritten;
        if (written === seen) reject(new Error(`nothing written for ${stallMs / 1000} s (${written} bytes in)`));
        else {
          seen = written;
          timer = setTimeout(check, stallMs);
        }
      };
      check();
    });
    try {
      await Promise.race([this.recorder.close(), stalled]);
      return null;
    } catch (failure) {
      return `the recording ${this.file} is incomplete: ${oneLine(failure)}`;
    } finally {
      clearTimeout(timer);
    }
  }
}
