/**
 * The dashboard: a Player (pace, pause, step, replay) shown on a blessed screen — the
 * composition of the player, the panes (panes/, each a pure paint of the frame context),
 * the boxes and their layout (screen-layout.ts) and the keys (input.ts).
 * `runDashboard(options)` (shell.ts) is what the CLI calls; `Dashboard` is the same
 * thing without process-level wiring, for tests and benchmarks.
 *
 * Invariants:
 * - Frames are sampled: the player's changes$ (and resizes) go through auditTime, so a
 *   frame is drawn at most FPS times a second whatever the tick rate; nothing renders
 *   per tick, and nothing renders while paused and untouched.
 * - Every way out (q, Ctrl-C, SIGTERM, SIGINT, a crash anywhere in the dashboard) goes
 *   through `close(code)`, exactly once: it stops the recording (--record) and then
 *   destroys the screen, so the terminal is always restored before anything else is
 *   printed, and the teardown is not in the recording; the trace (--export-trace) is
 *   written after that.
 * - Recording and trace files are opened before the screen exists: a bad path is a
 *   SetupError (one line, exit 2), never a broken screen.
 * - Panes only paint; the layout is placed again on resize and whenever one of its
 *   inputs (lanes, cue rows, header rows, big text) changes — checked once per frame.
 */
import type { Widgets } from 'blessed';
import { basename } from 'node:path';
import { Subject, auditTime, merge, type Subscription } from '../rx.js';
import { Recording } from './recording.js';
import { TraceExport } from './trace-export.js';
import { signalExit } from '../exit-codes.js';
import { Stopped } from '../export/long-write.js';
import { Player } from '../player/player.js';
import type { HistoryOptions } from '../player/history.js';
import type { Action } from './keys.js';
import { bindKeys, perform, type Controls } from './input.js';
import type { Layout } from './layout.js';
import { paintCode } from './panes/code.js';
import { paintFooter } from './panes/footer.js';
import { Attrs, type FrameContext } from './panes/frame.js';
import { headerRows, paintHeader } from './panes/header.js';
import { paintLanes } from './panes/lanes.js';
import { paintOutput } from './panes/output.js';
import { paintReady } from './panes/ready.js';
import { paintStats, statsRows, type StatsRow } from './panes/stats.js';
import { FOLLOW, focusLane, pageOf, scrollLanes, type LaneUi } from './panes/lanes.js';
import type { LaneAction } from './keys.js';
import { ScreenLayout, cueRows as screenCueRows, type LayoutInputs } from './screen-layout.js';
import type { Cue } from '../demo.js';
import { workerSources } from '../sources/worker.js';
import type { SourceFactory } from '../player/player.js';
import type { ConsoleLine } from '../sources/source.js';
import type { DashboardOptions, LoadedDemo } from './options.js';
import { createScreen, restoreTerminal } from './terminal.js';
import { stringsFor, type Strings } from './strings.js';
import { themeByName, type Theme } from './theme.js';

// The process shell (signals, exit codes, stderr) lives in shell.ts; re-exported for existing importers.
export { runDashboard, holdStderr, SetupError } from './shell.js';

/** Frames per second at most. */
export const FPS = 30;

/** How long a footer note (a restart while paused) stays. */
const FLASH_MS = 2000;

export { TRACE_MAX_TICKS } from './trace-export.js';

export interface DashboardExtras {
  /** Start paused at tick 0 (tests). */
  paused?: boolean;
  /**
   * Called once when the dashboard closes, after the screen is destroyed and the files
   * are written; `problems` say what could not be written (a full disk…) and `notes` what
   * else to know about the files, one line each, for stderr.
   */
  onClose?: (code: number, error?: unknown, problems?: string[], notes?: string[]) => void;
  /** Called once the terminal is restored at the close, before the files are written (the shell lets held output out). */
  onRestored?: () => void;
  /** Where a long file write at the close shows its progress line (the shell's stderr). */
  progress?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Monotonic milliseconds for the trace's wall-clock samples (default performance.now; tests inject one). */
  clock?: () => number;
  /** Ticks a trace holds at most (default TRACE_MAX_TICKS; tests lower it). */
  traceMaxTicks?: number;
  /** Bytes of events a trace records at most (default TRACE_MAX_BYTES; tests lower it). */
  traceMaxBytes?: number;
  /** The player's history bounds (default HISTORY_DEFAULTS; tests lower them). */
  history?: HistoryOptions;
}

export class Dashboard {
  readonly screen: Widgets.Screen;
  readonly player: Player;
  readonly theme: Theme;
  /** Emits after each frame is drawn, with the tick shown (issue 5: a recorder's markers). */
  readonly frames$ = new Subject<{ tick: number }>();
  /** Where the panes are (null: the terminal is too small). */
  get layout(): Layout | null {
    return this.screenLayout.layout;
  }
  bigText = false;
  helpOpen = false;
  /** The `g` prompt's text while it is open (the footer shows it), else null. */
  prompt: string | null = null;
  /** `b` / `.`: the screen is blanked, as a projector does. */
  blanked = false;
  closed = false;
  /** The --record recording, when on; it is the screen's output. */
  readonly recording: Recording | null;
  /** The --export-trace file, when asked for. */
  private readonly trace: TraceExport | null;
  /** The trace being written at the close (from close() until it is written): stopWriting aborts it. */
  private writing: AbortController | null = null;
  /** The exit code the close reports: the first close's, or the signal's that stopped the write. */
  private closeCode = 0;
  /** Resolves once the dashboard has closed (recording stopped, screen destroyed, trace written). */
  readonly done: Promise<void>;

  private current: LoadedDemo;
  private readonly attrs: Attrs;
  /** Every word shown, in the --lang language. */
  private readonly s: Strings;
  /** The footer's moment note and the timer that clears it. */
  private flash: string | null = null;
  private flashTimer: NodeJS.Timeout | null = null;
  /** The blessed boxes and where they are. */
  screenLayout!: ScreenLayout;
  /** What the keys act on (input.ts). */
  private controls!: Controls;
  /** Asks for a frame (resize, help, big text): sampled with the player's changes. */
  private readonly redraw$ = new Subject<void>();
  private frames: Subscription | null = null;
  /** The stats rows of the frame being drawn: computed once, read by the bar chart and the shares line. */
  private stats: StatsRow[] = [];
  private statsTotal = 0;
  private statsKey = '';
  /** The lanes pane's focus and scrolling (j k J K Tab f). */
  private laneUi: LaneUi = FOLLOW;
  /** Lane rows the layout keeps: the most lanes this demo's run is known to have (reset with the demo). */
  private laneReserve = 0;
  private resolveDone!: () => void;

  constructor(
    private readonly options: DashboardOptions,
    private readonly extras: DashboardExtras = {},
  ) {
    this.current = options.current;
    this.theme = themeByName(options.theme);
    this.attrs = new Attrs(this.theme);
    this.s = stringsFor(options.lang);
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    const trace = options.exportTraceFile === undefined ? null : new TraceExport(options.exportTraceFile, extras.clock ?? (() => performance.now()), extras.traceMaxTicks, extras.traceMaxBytes);
    this.trace = trace;
    this.player = new Player(options.current.demo, {
      seed: options.seed,
      speed: options.speed,
      source: options.source ?? workerSources([options.current, ...options.playlist], options.policy),
      onConsole: (line) => this.passConsole(line),
      cues: options.cues,
      paused: extras.paused ?? options.paused,
      onClock: trace === null ? undefined : (tick) => trace.sample(tick, this.player.state === 'running'),
      onEvents: trace === null ? undefined : (events) => (events === null ? trace.record.reset() : trace.record.append(events)),
      history: extras.history,
    });
    trace?.sample(0, false);
    try {
      const { demo } = options.current;
      this.recording = options.recordFile === undefined ? null : new Recording(options.recordFile, options.output ?? process.stdout, demo.title[options.lang] ?? demo.name);
    } catch (error) {
      this.player.dispose();
      throw error;
    }
    this.screen = createScreen({ input: options.input, output: this.recording?.recorder ?? options.output, title: `coroscope: ${options.current.demo.name}` });
    try {
      this.build();
    } catch (error) {
      restoreTerminal(this.screen);
      void this.recording?.close();
      throw error;
    }
  }

  private build(): void {
    const ctx = () => this.context();
    this.screenLayout = new ScreenLayout(this.screen, this.theme, this.s, {
      header: (p) => paintHeader(p, ctx()),
      lanes: (p) => paintLanes(p, ctx()),
      code: (p) => paintCode(p, ctx()),
      output: (p) => paintOutput(p, ctx()),
      ready: (p) => paintReady(p, ctx()),
      stats: (p) => paintStats(p, ctx()),
      footer: (p) => paintFooter(p, ctx()),
    });
    this.controls = this.makeControls();
    bindKeys(this.screen, this.controls);
    this.screen.on('resize', () => this.guard(() => this.onResize()));
  }

  /** What the keys act on (input.ts): the player and this dashboard's UI state. */
  private makeControls(): Controls {
    return {
      player: this.player,
      s: this.s,
      helpOpen: () => this.helpOpen,
      prompt: () => this.prompt,
      setPrompt: (text) => {
        this.prompt = text;
        this.requestFrame();
      },
      blanked: () => this.blanked,
      setBlank: (on) => {
        this.blanked = on;
        this.screenLayout.showBlank(on);
        this.requestFrame();
      },
      guard: (fn) => this.guard(fn),
      act: (action) => this.act(action),
      toggleHelp: () => {
        this.helpOpen = !this.helpOpen;
        this.screenLayout.showHelp(this.helpOpen);
        this.requestFrame();
      },
      toggleBigText: () => {
        this.bigText = !this.bigText;
        this.relayout();
        this.requestFrame();
      },
      switchDemo: (delta) => this.switchDemo(delta),
      switchLanguage: () => this.switchLanguage(),
      scrollCode: (rows) => {
        this.codeScroll += rows;
        this.requestFrame();
      },
      lanes: (action) => this.laneAction(action),
      showFlash: (text) => this.showFlash(text),
      close: (code) => this.close(code),
    };
  }

  /** Lay out, draw the first frame, start pacing and frame sampling. */
  start(): void {
    this.relayout();
    this.renderNow();
    this.frames = merge(this.player.changes$, this.redraw$)
      .pipe(auditTime(1000 / FPS))
      .subscribe(() => this.guard(() => this.renderNow()));
    this.player.start();
  }

  /** Draw a frame now (frames are otherwise sampled). */
  renderNow(): void {
    if (this.closed) return;
    this.screenLayout.update(this.layoutInputs(), this.helpOpen);
    if (this.player.tick !== this.codeScrollTick) {
      this.codeScrollTick = this.player.tick;
      this.codeScroll = 0;
    }
    const key = `${this.player.view.version}:${this.player.tick}`;
    if (key !== this.statsKey) {
      this.statsKey = key;
      // Only the rows the pane can show: the gauge shows only when they are all the rows.
      const { rows, total } = statsRows(this.player.view, this.player.tick, Math.max(1, (this.screenLayout.layout?.stats.height ?? 3) - 2));
      this.stats = rows;
      this.statsTotal = total;
      this.screenLayout.showGauge(rows);
    }
    this.screen.render();
    // blessed would send the frame on the next turn, after whatever else this turn does
    // (at launch: starting the run and loading the playlist, ~40 ms): send it now, and a
    // recording's marker follows it.
    (this.screen as any).program.flush();
    this.recording?.mark(this.player.tick, this.player.cuesShown, this.player.cue);
    this.frames$.next({ tick: this.player.tick });
  }

  /**
   * See every byte written to the terminal (issue 5: an asciicast recorder's `o` events).
   * Attach before start() to get the first frame; returns a function that detaches.
   */
  tapOutput(fn: (data: string) => void): () => void {
    const program = (this.screen as any).program;
    const original = program._owrite;
    const tapped = function (this: unknown, text: string) {
      fn(text);
      return original.call(this, text);
    };
    program._owrite = program.write = tapped;
    return () => {
      if (program._owrite === tapped) program._owrite = program.write = original;
    };
  }

  /** Act as if the key bound to `action` was pressed. */
  act(action: Action): void {
    perform(this.controls, action);
  }

  /**
   * Close, once: stop the run, stop the recording (awaited, bounded), destroy the screen
   * (terminal restored), write the trace (in slices: stopWriting can stop it), then report
   * the exit code.
   */
  close(code: number, error?: unknown): void {
    if (this.closed) return;
    this.closed = true;
    this.closeCode = code;
    if (this.trace !== null) this.writing = new AbortController();
    this.frames?.unsubscribe();
    if (this.flashTimer !== null) clearTimeout(this.flashTimer);
    this.trace?.sample(this.player.tick, this.player.state === 'running');
    try {
      this.player.pause(); // no more ticks while the recording closes
    } catch {
      // closing must not fail
    }
    const problems: string[] = [];
    const notes: string[] = [];
    const finish = async () => {
      restoreTerminal(this.screen);
      this.frames$.complete();
      this.extras.onRestored?.();
      if (this.trace !== null) {
        const title = this.current.demo.title[this.options.lang] ?? this.current.demo.name;
        await this.trace.write(this.player, title, problems, notes, { signal: this.writing?.signal, progress: this.extras.progress });
        this.writing = null;
      }
      try {
        this.player.dispose();
      } catch {
        // as above
      }
      this.extras.onClose?.(this.closeCode, error, problems, notes);
      this.resolveDone();
    };
    if (this.recording === null) return void finish();
    void this.recording.close().then((problem) => {
      if (problem !== null) problems.push(problem);
      return finish();
    });
  }

  /**
   * A signal once closing (Ctrl-C is one once the terminal is restored): stop the trace's
   * write, the previous file left as it was; the close then reports 128 + n.
   */
  stopWriting(signal: NodeJS.Signals): void {
    if (this.writing === null || this.writing.signal.aborted) return;
    this.closeCode = signalExit(signal);
    this.writing.abort(new Stopped(signal));
  }

  /**
   * A line the demo wrote to its console in the worker: on to this process's stdout or
   * stderr, which the shell holds (bounded, made safe) until the terminal is restored;
   * dropped when no shell holds them (tests on in-memory terminals).
   */
  private passConsole(line: ConsoleLine): void {
    if (this.options.passConsole) (line.stream === 'stdout' ? process.stdout : process.stderr).write(line.line + '\n');
  }

  /** Run `fn`; a crash in the dashboard closes it with exit code 1. */
  guard(fn: () => void): void {
    if (this.closed) return; // a key or a resize while the recording closes
    try {
      fn();
    } catch (error) {
      this.close(1, error);
    }
  }

  private context(): FrameContext {
    return {
      player: this.player,
      theme: this.theme,
      attrs: this.attrs,
      title: this.title(),
      lang: this.options.lang,
      sourceFile: this.current.sourceFile,
      bigText: this.bigText,
      stats: this.stats,
      statsTotal: this.statsTotal,
      lanes: this.laneUi,
      statsRowsFree: this.screenLayout.gaugeRows,
      s: this.s,
      flash: this.flash,
      codeScroll: this.codeScroll,
      prompt: this.prompt,
    };
  }

  /** j k J K Tab S-Tab f: scroll the lanes, focus one, follow the action again. */
  private laneAction(action: LaneAction): void {
    const view = this.player.view;
    const rows = this.screenLayout.layout?.laneRows ?? 1;
    const ui = this.laneUi;
    const by = action === 'lanes-down' ? 1 : action === 'lanes-up' ? -1 : action === 'lanes-page-down' ? pageOf(rows) : action === 'lanes-page-up' ? -pageOf(rows) : 0;
    if (by !== 0) this.laneUi = scrollLanes(view, rows, ui, by);
    else if (action === 'follow') this.laneUi = FOLLOW;
    else this.laneUi = focusLane(view, rows, ui, action === 'focus-next' ? 1 : -1);
    this.requestFrame();
  }

  /** A note in the footer for FLASH_MS. */
  private showFlash(text: string): void {
    this.flash = text;
    if (this.flashTimer !== null) clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => {
      this.flashTimer = null;
      this.flash = null;
      this.requestFrame();
    }, FLASH_MS);
    this.flashTimer.unref();
    this.requestFrame();
  }

  private headerRows(): number {
    return headerRows(this.screen.width as number, this.title(), this.player, this.s);
  }

  private title(): string {
    return this.current.demo.title[this.options.lang] ?? this.current.demo.name;
  }

  private requestFrame(): void {
    this.redraw$.next();
  }

  private onResize(): void {
    this.relayout();
    this.requestFrame();
  }

  /**
   * What the layout is computed from, now. The lane area is sized by the most lanes the
   * run is known to have (the player's lookahead, kept as a high-water mark for this demo)
   * and the cue band by the demo's longest cue while cues are in use, so that neither a
   * spawn nor a cue moves the panes under the audience's eyes.
   */
  private layoutInputs(): LayoutInputs {
    const cue = this.player.cue;
    this.laneReserve = Math.max(this.laneReserve, this.player.lanesKnown);
    const cueLines = cue === null ? [] : this.cueLinesOf(cue);
    // With --cues, or once `]` has shown one: the band stays for the demo's longest cue.
    const cues = this.options.cues || this.player.cuesShown > 0 ? this.player.demo.cues ?? [] : [];
    const cueRows = Math.max(screenCueRows(cueLines), ...cues.map((c) => screenCueRows(this.cueLinesOf(c))));
    return {
      // No more than the screen has rows: tasks beyond it do not place the panes again.
      laneCount: Math.min(this.laneReserve, this.screen.height as number),
      bigText: this.bigText,
      headerRows: this.headerRows(),
      cueLines,
      cueRows,
      codeLabel: ` ${this.s.panes.code} · ${basename(this.current.sourceFile)} `,
    };
  }

  private cueLinesOf(cue: Cue): string[] {
    return this.screenLayout.cueLines(cue.narration[this.options.lang] ?? cue.narration.en);
  }

  /** Place every pane again, whatever changed. */
  private relayout(): void {
    this.screenLayout.place(this.layoutInputs(), this.helpOpen);
  }

  /**
   * `y`: the same demo in the other language at the same tick — its Python original under
   * CPython, or back — with that program's code in the code pane.
   */
  private switchLanguage(): void {
    const twin = this.options.twin?.(this.current.demo) ?? null;
    if (twin === null) {
      this.showFlash(this.s.noTwin);
      return;
    }
    const back = this.other;
    this.other = { file: this.current.sourceFile, source: this.player.sourceFactoryInUse };
    this.current = { ...this.current, sourceFile: (back ?? twin).file };
    this.player.switchSource((back ?? twin).source);
    this.laneReserve = 0; // the other language's run has lanes of its own
    this.relayout();
  }

  /** While `y` shows the other language: the code file and source to go back to. */
  private other: { file: string; source: SourceFactory } | null = null;
  /** ↑ / ↓: rows the code pane is scrolled from where it follows the marks; back to 0 at each new tick. */
  private codeScroll = 0;
  private codeScrollTick = -1;

  private switchDemo(delta: number): void {
    const list = this.options.playlist;
    if (list.length === 0) return;
    if (this.other !== null) {
      // n / p go on in the demos' own language.
      this.player.switchSource(this.other.source, false);
      this.other = null;
    }
    const at = list.findIndex((d) => d.demo === this.current.demo || d.demo.name === this.current.demo.name);
    const next = list[(((at < 0 ? 0 : at + delta) % list.length) + list.length) % list.length]!;
    this.current = next;
    this.laneUi = FOLLOW; // another demo's tasks: its own action to follow
    // The seed the speaker chose (or last drew with R) stays: a rehearsed run is rehearsed with it.
    this.player.load(next.demo, this.player.seed);
    this.laneReserve = 0;
    this.screen.title = `coroscope: ${next.demo.name}`;
    this.relayout();
  }
}



