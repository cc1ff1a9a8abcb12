/**
 * The contract between the CLI (src/cli.ts) and the dashboard (src/tui/dashboard.ts):
 * the CLI parses flags, loads the demo, checks stdout is a terminal, then calls
 *   const code = await runDashboard(options)   // resolves with the exit code
 * and exits with it. The dashboard owns the terminal from then on and restores it.
 */
import type { PolicyName } from '../core/policies.js';
import type { Demo, Lang } from '../demo.js';
import type { SourceFactory } from '../player/player.js';

export interface LoadedDemo {
  demo: Demo;
  /** The file the demo's author wrote (the .ts source when it ran compiled): the code pane shows it. */
  sourceFile: string;
  /** What loadDemo takes to load it again (in the engine's worker): a built-in's name or the file's absolute path. */
  ref: string;
}

/**
 * The themes' names, the default first. theme.ts's THEMES must have exactly these keys
 * (its type says so); the CLI reads them here so that --trace never loads blessed.
 */
export const THEME_NAMES = ['dark', 'light', 'contrast'] as const;
export type ThemeName = (typeof THEME_NAMES)[number];

export interface DashboardOptions {
  current: LoadedDemo;
  /** Every demo, in listing order, for `n` / `p` (next / previous demo). */
  playlist: LoadedDemo[];
  seed: number;
  /** Ticks per second; Infinity is "max". */
  speed: number;
  /** Overrides the demo's own policy when set. */
  policy?: PolicyName;
  lang: Lang;
  theme: ThemeName;
  /** Pause at the demo's cue points and show their narration. */
  cues: boolean;
  /** Open paused at tick 0 (--paused: the speaker talks first, then presses space). */
  paused?: boolean;
  /** asciicast v2 recording of the session, when set. */
  recordFile?: string;
  /** Chrome trace of the run, written when the dashboard closes, when set. */
  exportTraceFile?: string;
  /**
   * Makes the source of each run (a demo and a seed). By default the engine runs the
   * demo in a worker thread; tests pass inline sources, `--replay` a recorded log.
   */
  source?: SourceFactory;
  /**
   * The same demo in the other language, for `y`: its code file and its source (the
   * Python original of a TypeScript demo, or the TypeScript demo a Python one was written
   * from); null when it has none.
   */
  twin?: (demo: Demo) => { file: string; source: SourceFactory } | null;
  /** Pass the demo's console lines (from its worker) to this process's stdout / stderr: the shell holds those. */
  passConsole?: boolean;
  /** Input and output streams (process.stdin / process.stdout unless a test injects others). */
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}
