/**
 * The dashboard: a Player (pace, pause, step, replay) shown on a blessed screen.
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
 * - Panes only paint; the layout (computeLayout) is recomputed on resize and whenever
 *   the number of lanes changes.
 */
import blessed from './blessed.js';
import type { Widgets } from 'blessed';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { Subject, auditTime, merge, type Subscription } from '../rx.js';
import { Recording } from './recording.js';
import { TraceExport } from './trace-export.js';
import { signalExit } from '../exit-codes.js';
import { Stopped } from '../export/long-write.js';
import { Player } from '../player/player.js';
import { HELP_KEYS, KEYS, type Action } from './keys.js';
import { computeLayout, MIN_COLS, MIN_ROWS, type Layout, type Rect } from './layout.js';
import { onPaint } from './paint.js';
import { paintCode } from './panes/code.js';
import { helpLines, paintFooter } from './panes/footer.js';
import { Attrs, wrap, type FrameContext } from './panes/frame.js';
import { headerRows, paintHeader } from './panes/header.js';
import { paintLanes } from './panes/lanes.js';
import { paintOutput } from './panes/output.js';
import { paintReady } from './panes/ready.js';
import { paintStats, statsRows, type StatsRow } from './panes/stats.js';
import { workerSources } from '../sources/worker.js';
import type { SourceFactory } from '../player/player.js';
import type { ConsoleLine } from '../sources/source.js';
import type { DashboardOptions, LoadedDemo } from './options.js';
import { cellText, createScreen, restoreTerminal } from './terminal.js';
import { stringsFor, type Strings } from './strings.js';
import { laneColor, themeByName, type Theme } from './theme.js';
import { colorIndex } from './terminal.js';

// The process shell (signals, exit codes, stderr) lives in shell.ts; re-exported for existing importers.
export { runDashboard, holdStderr, SetupError } from './shell.js';

// Only the gauge: blessed-contrib's index loads every widget (~70 ms at launch). Loaded
// when it first shows (a frame with task shares), not before the first frame: it brings
// its canvas libraries and the whole of blessed (~40 ms).
let contribGauge: ((options: object) => ContribGauge) | null = null;
const loadGauge = () => (contribGauge ??= createRequire(import.meta.url)('blessed-contrib/lib/widget/gauge.js') as (options: object) => ContribGauge);
interface ContribGauge extends Widgets.BoxElement {
  setStack(stack: { percent: number; stroke: number }[]): void;
}
/**
 * The shares gauge's canvas is 4 rows and draws its bar on rows 2–3; the pane's text is
 * painted after its children render, so rows 0–1 are left to the text: the gauge costs 2.
 */
const GAUGE_CANVAS_ROWS = 4;
const GAUGE_BAR_ROWS = 2;

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
}

export class Dashboard {
  readonly screen: Widgets.Screen;
  readonly player: Player;
  readonly theme: Theme;
  /** Emits after each frame is drawn, with the tick shown (issue 5: a recorder's markers). */
  readonly frames$ = new Subject<{ tick: number }>();
  layout: Layout | null = null;
  bigText = false;
  helpOpen = false;
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
  private panes!: Record<'header' | 'lanes' | 'code' | 'output' | 'ready' | 'stats' | 'footer', Widgets.BoxElement>;
  private help!: Widgets.BoxElement;
  private cueBox!: Widgets.BoxElement;
  private tooSmall!: Widgets.BoxElement;
  /** Asks for a frame (resize, help, big text): sampled with the player's changes. */
  private readonly redraw$ = new Subject<void>();
  private frames: Subscription | null = null;
  private laneCount = -1;
  /** The cue box's rows (borders included) the layout was computed for; 0 without a cue. */
  private cueRows = 0;
  private cueLines: string[] = [];
  /** Made when it first shows (see loadGauge); placed at gaugeRect. */
  private gauge: ContribGauge | null = null;
  private gaugeRect: Rect | null = null;
  /** Rows at the bottom of the stats pane the gauge's bar takes (0 while it does not show). */
  private gaugeRows = 0;
  private statsInner = { width: 0, height: 0 };
  /** The stats rows of the frame being drawn: computed once, read by the bar chart and the shares line. */
  private stats: StatsRow[] = [];
  private statsKey = '';
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
    const trace = options.exportTraceFile === undefined ? null : new TraceExport(options.exportTraceFile, extras.clock ?? (() => performance.now()), extras.traceMaxTicks);
    this.trace = trace;
    this.player = new Player(options.current.demo, {
      seed: options.seed,
      speed: options.speed,
      source: options.source ?? workerSources([options.current, ...options.playlist], options.policy),
      onConsole: (line) => this.passConsole(line),
      cues: options.cues,
      paused: extras.paused ?? options.paused,
      onClock: trace === null ? undefined : (tick) => trace.sample(tick, this.player.state === 'running'),
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
    // Frame lines and titles on the theme's background too: a light theme in a dark
    // terminal (or contrast in a light one) must not draw its grid on the terminal's own.
    const bg = this.theme.bg;
    const style = { fg: this.theme.fg, bg, border: { fg: this.theme.border, bg }, label: { fg: this.theme.accent, bg, bold: true } };
    const p = this.s.panes;
    const box = (label: string | undefined, border: boolean) =>
      blessed.box({ parent: this.screen, label, border: border ? { type: 'line' } : undefined, style: border ? style : { fg: this.theme.fg, bg: this.theme.bg }, tags: false });
    this.panes = {
      header: box(undefined, false),
      lanes: box(undefined, true), // its title (the tick range) is painted per frame
      code: box(` ${p.code} `, true),
      output: box(` ${p.output} `, true),
      ready: box(` ${p.ready} `, true),
      stats: box(` ${p.stats} `, true),
      footer: box(undefined, false),
    };
    const ctx = () => this.context();
    onPaint(this.panes.header, (p) => paintHeader(p, ctx()));
    onPaint(this.panes.lanes, (p) => paintLanes(p, ctx()));
    onPaint(this.panes.code, (p) => paintCode(p, ctx()));
    onPaint(this.panes.output, (p) => paintOutput(p, ctx()));
    onPaint(this.panes.ready, (p) => paintReady(p, ctx()));
    onPaint(this.panes.stats, (p) => paintStats(p, ctx()));
    onPaint(this.panes.footer, (p) => paintFooter(p, ctx()));
    this.help = blessed.box({
      parent: this.screen,
      hidden: true,
      label: ` ${this.s.helpTitle} `,
      border: { type: 'line' },
      style,
      tags: false,
      content: helpLines(this.s).join('\n') + '\n\n' + this.s.helpClose,
      padding: { left: 1, right: 1 },
    });
    this.cueBox = blessed.box({ parent: this.screen, hidden: true, label: ` ${this.s.cueHint} `, border: { type: 'line' }, style, tags: false, padding: { left: 1, right: 1 } });
    this.tooSmall = blessed.box({ parent: this.screen, hidden: true, align: 'center', style: { fg: this.theme.fg, bg: this.theme.bg }, tags: false });
    this.bindKeys();
    this.screen.on('resize', () => this.guard(() => this.onResize()));
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
    const laneCount = visibleCount(this.player);
    this.cueLines = this.cueText();
    const cueRows = this.cueLines.length === 0 ? 0 : this.cueLines.length + 2;
    if (laneCount !== this.laneCount || cueRows !== this.cueRows || this.headerRows() !== (this.layout?.header.height ?? 1)) this.relayout();
    if (this.player.tick !== this.codeScrollTick) {
      this.codeScrollTick = this.player.tick;
      this.codeScroll = 0;
    }
    const key = `${this.player.view.version}:${this.player.tick}`;
    if (key !== this.statsKey) {
      this.statsKey = key;
      this.stats = statsRows(this.player.view, this.player.tick);
      this.showGauge();
    }
    if (this.layout !== null) this.updateCue();
    this.screen.render();
    if (this.recording !== null) {
      (this.screen as any).program.flush(); // blessed would send the frame on the next turn: the marker follows it
      this.recording.mark(this.player.tick, this.player.cuesShown, this.player.cue);
    }
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
    const player = this.player;
    switch (action) {
      case 'toggle':
        player.togglePause();
        break;
      case 'step':
        player.stepForward();
        break;
      case 'back':
        player.stepBack();
        break;
      case 'faster':
        player.faster();
        break;
      case 'slower':
        player.slower();
        break;
      case 'restart':
      case 'reseed': {
        const wasPaused = player.paused;
        player.restart(action === 'reseed' ? 1 + Math.floor(Math.random() * 999_999) : player.seed);
        // Paused, a restart only sets the tick back: say it happened.
        if (wasPaused) this.showFlash(this.s.restarted(player.seed));
        break;
      }
      case 'help':
        this.helpOpen = !this.helpOpen;
        this.showHelp();
        break;
      case 'big':
        this.bigText = !this.bigText;
        this.relayout();
        this.requestFrame();
        break;
      case 'next-demo':
      case 'prev-demo':
        this.switchDemo(action === 'next-demo' ? 1 : -1);
        break;
      case 'home':
        player.home();
        break;
      case 'language':
        this.switchLanguage();
        break;
      case 'next-cue':
        player.nextCue();
        break;
      case 'prev-cue':
        player.previousCue();
        break;
      case 'code-up':
      case 'code-down':
        this.codeScroll += action === 'code-up' ? -3 : 3;
        this.requestFrame();
        break;
      case 'end':
        player.end();
        break;
      case 'quit':
        this.close(0);
        break;
    }
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
        await this.trace.write(this.player, title, problems, notes, { signal: this.writing?.signal, progress: this.extras.progress }); // from the history: before dispose
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
      statsRowsFree: this.gaugeRows,
      s: this.s,
      flash: this.flash,
      codeScroll: this.codeScroll,
    };
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

  private bindKeys(): void {
    for (const binding of KEYS) {
      // With the help open only its own keys act: nothing changes unseen behind it.
      this.screen.key(binding.keys as string[], () => this.guard(() => (!this.helpOpen || HELP_KEYS.includes(binding.action)) && this.act(binding.action)));
    }
    this.screen.key(['escape'], () =>
      this.guard(() => {
        if (this.helpOpen) this.act('help');
        else this.player.cancelRerun();
      }),
    );
  }

  private onResize(): void {
    this.relayout();
    this.requestFrame();
  }

  /** Place every pane for the current size and lane count (or show the too-small note). */
  private relayout(): void {
    const cols = this.screen.width as number;
    const rows = this.screen.height as number;
    this.laneCount = visibleCount(this.player);
    this.cueRows = this.cueLines.length === 0 ? 0 : this.cueLines.length + 2;
    const layout = computeLayout(cols, rows, this.laneCount, this.bigText, { headerRows: this.headerRows(), cueRows: this.cueRows });
    this.layout = layout;
    const panes = Object.entries(this.panes) as [keyof typeof this.panes, Widgets.BoxElement][];
    if (layout === null) {
      for (const [, pane] of panes) pane.hide();
      this.help.hide();
      this.cueBox.hide();
      this.tooSmall.show();
      place(this.tooSmall, { left: 0, top: Math.max(0, Math.floor(rows / 2) - 1), width: cols, height: Math.min(rows, 2) });
      this.tooSmall.setContent(this.s.tooSmall(MIN_COLS, MIN_ROWS, cols, rows));
      return;
    }
    this.tooSmall.hide();
    this.panes.code.setLabel(` ${this.s.panes.code} · ${basename(this.current.sourceFile)} `);
    for (const [name, pane] of panes) {
      pane.show();
      place(pane, layout[name]);
    }
    this.placeGauge(layout.stats);
    const helpWidth = Math.min(64, cols - 4);
    // As tall as its lines once wrapped (a language's longer words wrap), borders and the closing line included.
    const helpLines = (this.help.getContent() as string).split('\n').flatMap((line) => wrap(line, helpWidth - 4, helpWidth - 4));
    const helpHeight = Math.min(helpLines.length + 2, rows - 2);
    place(this.help, { left: Math.floor((cols - helpWidth) / 2), top: Math.floor((rows - helpHeight) / 2), width: helpWidth, height: helpHeight });
    this.updateCue();
    this.showHelp();
  }

  /**
   * Size the gauge's canvas to the bottom of the stats pane (whether it shows is decided
   * per frame, in showGauge). blessed-contrib canvases keep their first size: re-attach
   * at the new size, then data again.
   */
  private placeGauge(stats: Rect): void {
    this.statsInner = { width: stats.width - 2, height: stats.height - 2 };
    const { width, height } = this.statsInner;
    if (height < GAUGE_CANVAS_ROWS || width < 10) return;
    // Children are placed from the parent's outer corner: step over the border.
    this.gaugeRect = { left: 1, top: 1 + height - GAUGE_CANVAS_ROWS, width, height: GAUGE_CANVAS_ROWS };
    if (this.gauge !== null) {
      place(this.gauge, this.gaugeRect);
      this.gauge.emit('attach');
    }
    this.statsKey = '';
  }

  /**
   * Each task's share of the ticks as one stacked bar in the lanes' colours (blessed-contrib),
   * under the rows that name them. Appended, not given a parent: its canvas is made on 'attach'.
   */
  private makeGauge(): ContribGauge {
    // Its screen said: without a parent, blessed would take the newest screen made (a test may have two).
    const gauge = loadGauge()({ screen: this.screen, showLabel: false, stack: [], style: { bg: this.theme.bg } });
    this.panes.stats.append(gauge);
    place(gauge, this.gaugeRect!);
    gauge.emit('attach');
    this.gauge = gauge;
    return gauge;
  }

  /** The gauge shows when every task's row still fits above its bar: naming them all comes first. */
  private showGauge(): void {
    const { width, height } = this.statsInner;
    const fits = height >= GAUGE_CANVAS_ROWS && width >= 10 && this.stats.length > 0 && this.stats.length + GAUGE_BAR_ROWS <= height;
    this.gaugeRows = fits ? GAUGE_BAR_ROWS : 0;
    if (fits) {
      const gauge = this.gauge ?? this.makeGauge(); // fits: placeGauge has set gaugeRect
      gauge.setStack(this.stats.map((r) => ({ percent: r.share, stroke: colorIndex(laneColor(this.theme, r.index)) })));
      gauge.show();
    } else this.gauge?.hide();
  }

  private showHelp(): void {
    if (this.helpOpen && this.layout !== null) {
      this.help.show();
      this.help.setFront();
    } else this.help.hide();
    this.requestFrame();
  }

  /** The narration of the cue showing, wrapped to the cue box; none without a cue. */
  private cueText(): string[] {
    const cue = this.player.cue;
    if (cue === null) return [];
    const text = cellText(cue.narration[this.options.lang] ?? cue.narration.en);
    const width = (this.screen.width as number) - 4; // borders and padding
    return text.split('\n').flatMap((line) => wrap(line, width, width));
  }

  /** The cue box in its own band of the layout (never over a pane); the help stays on top. */
  private updateCue(): void {
    const layout = this.layout!;
    if (this.cueLines.length === 0 || layout.cue.height === 0) {
      this.cueBox.hide();
      return;
    }
    place(this.cueBox, layout.cue);
    this.cueBox.setContent(this.cueLines.slice(0, layout.cue.height - 2).join('\n'));
    this.cueBox.show();
    if (this.helpOpen) this.help.setFront();
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
    // The seed the speaker chose (or last drew with R) stays: a rehearsed run is rehearsed with it.
    this.player.load(next.demo, this.player.seed);
    this.screen.title = `coroscope: ${next.demo.name}`;
    this.relayout();
  }
}

function visibleCount(player: Player): number {
  return 1 + player.view.lanes.length;
}

function place(element: Widgets.BoxElement, rect: Rect): void {
  element.left = rect.left;
  element.top = rect.top;
  element.width = rect.width;
  element.height = rect.height;
}
