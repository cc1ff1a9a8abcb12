/**
 * Output files written whole or not at all: the bytes go to a temporary file beside the
 * target (same folder, so the rename is atomic), which replaces the target only once it
 * is complete. A crash, a SIGKILL or a full disk leaves the previous file as it was (and
 * at worst a `.NAME.*.part` beside it), never a truncated one; nothing truncates the
 * target at start.
 *
 *   const out = new AtomicFile('talk.cast');   // throws now if the folder cannot take it
 *   out.write('…'); out.commit();              // or out.abort()
 *   writeFileAtomic('run.json', chunks)         // the same for an iterable of strings
 *   writeAtomicSteps('run.json', chunks)        // the same in steps, to run in slices (slices.ts)
 */
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { runSteps, type Steps } from './slices.js';

let serial = 0;

/** The temporary name a file is written under before it is renamed to `path`. */
export function partName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${serial++}.part`);
}

export class AtomicFile {
  readonly part: string;
  private fd: number | null;

  constructor(readonly path: string) {
    this.part = partName(path);
    this.fd = openSync(this.part, 'wx');
  }

  /** The file descriptor of the temporary file (for a stream that writes it). */
  get descriptor(): number {
    if (this.fd === null) throw new Error(`${this.path}: already closed`);
    return this.fd;
  }

  write(text: string): void {
    writeSync(this.descriptor, text);
  }

  /**
   * Close and put the file in place. No fsync: the guarantee is against the process
   * dying (a signal, a crash, a kill), and an fsync on a busy disk can take seconds the
   * dashboard's bounded close does not have.
   */
  commit(): void {
    const fd = this.descriptor;
    this.fd = null;
    closeSync(fd);
    renameSync(this.part, this.path);
  }

  /** Drop the temporary file; the target is untouched. Safe to call twice. */
  abort(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // already gone
      }
      this.fd = null;
    }
    try {
      unlinkSync(this.part);
    } catch {
      // already gone
    }
  }
}

/** Fail now (one line, before a screen is taken) if `path` could not be written later; touches nothing there. */
export function checkWritable(path: string): void {
  new AtomicFile(path).abort();
}

/** Write `chunks` to `path`, whole or not at all. */
export function writeFileAtomic(path: string, chunks: Iterable<string>): void {
  runSteps(writeAtomicSteps(path, chunks));
}

/**
 * The same as steps (slices.ts): a checkpoint after each batch written, so a long write
 * can run in slices and be stopped; stopped (the generator closed early) or failed, the
 * temporary file is dropped and the target left as it was.
 */
export function* writeAtomicSteps(path: string, chunks: Iterable<string>): Steps<void> {
  const file = new AtomicFile(path);
  let committed = false;
  try {
    let batch = '';
    for (const chunk of chunks) {
      batch += chunk;
      if (batch.length >= 1 << 16) {
        file.write(batch);
        batch = '';
        yield;
      }
    }
    file.write(batch);
    file.commit();
    committed = true;
  } finally {
    if (!committed) file.abort();
  }
}
