/**
 * The dashboard: a Player (pace, pause, step, replay) shown on a blessed screen.
 * `runDashboard(options)` is what the CLI calls (see options.ts); `Dashboard` is the same
 * thing without process-level wiring, for tests and benchmarks.
 *
 * Invariants:
 * - Frames are sampled: the player's changes$ (and resizes) go through auditTime, so a
 *   frame is drawn at most FPS times a second whatever the tick rate; nothing renders
 *   per tick, and nothing renders while paused and untouched.
 * - Every way out (q, Ctrl-C, SIGTERM, SIGINT, a crash anywhere in the dashboard) goes
 *   through `close(code)`, which destroys the screen first, exactly once, so the
 *   terminal is always restored before anything else is printed.
 * - Panes only paint; the layout (computeLayout) is recomputed on resize and whenever
 *   the number of lanes changes.
 */
import blessed from 'blessed';
import type { Widgets } from 'blessed';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { Subject, auditTime, merge, type Subscription } from 'rxjs';
import type { LoopEvent } from '../core/events.js';
import { describeError } from '../core/errors.js';
import { Player } from '../player/player.js';
import { KEYS, type Action } from './keys.js';
import { computeLayout, MIN_COLS, MIN_ROWS, type Layout, type Rect } from './layout.js';
import { onPaint } from './paint.js';
import {
  Attrs,
  helpLines,
  paintCode,
  paintFooter,
  paintHeader,
  paintLanes,
  paintOutput,
  paintReady,
  paintStatsShares,
  statsRows,
  type FrameContext,
} from './panes.js';
import type { DashboardOptions, LoadedDemo } from './options.js';
import { createScreen, restoreTerminal } from './terminal.js';
import { colorIndex, themeByName, type Theme } from './theme.js';

// Only the bar chart: blessed-contrib's index loads every widget (~70 ms at launch).
const contribBar = createRequire(import.meta.url)('blessed-contrib/lib/widget/charts/bar.js') as (options: object) => any;

/** Frames per second at most. */
export const FPS = 30;

export interface DashboardExtras {
  /** Start paused at tick 0 (tests). */
  paused?: boolean;
  /** Called once when the dashboard closes, after the screen is destroyed. */
  onClose?: (code: number, error?: unknown) => void;
}

export class Dashboard {
  readonly screen: Widgets.Screen;
  readonly player: Player;
  readonly theme: Theme;
  /** Emits after each frame is drawn, with the tick shown (issue 5: a recorder's markers). */
  readonly frames$ = new Subject<{ tick: number }>();
  /** Every event of the live run (issue 5: cues, traces). */
  readonly events$ = new Subject<LoopEvent>();
  layout: Layout | null = null;
  bigText = false;
  /** False only for the first frame (see start). */
  whereReady = true;
  helpOpen = false;
  closed = false;

  private current: LoadedDemo;
  private readonly attrs: Attrs;
  private panes!: Record<'header' | 'lanes' | 'code' | 'output' | 'ready' | 'stats' | 'footer', Widgets.BoxElement>;
  private bar!: any;
  private help!: Widgets.BoxElement;
  private cueBox!: Widgets.BoxElement;
  private tooSmall!: Widgets.BoxElement;
  /** Asks for a frame (resize, help, big text): sampled with the player's changes. */
  private readonly redraw$ = new Subject<void>();
  private frames: Subscription | null = null;
  private laneCount = -1;
  private statsVersion = -1;

  constructor(
    private readonly options: DashboardOptions,
    private readonly extras: DashboardExtras = {},
  ) {
    this.current = options.current;
    this.theme = themeByName(options.theme);
    this.attrs = new Attrs(this.theme);
    this.player = new Player(options.current.demo, {
      seed: options.seed,
      speed: options.speed,
      policy: options.policy,
      cues: options.cues,
      paused: extras.paused,
      onEvent: (event) => this.events$.next(event),
    });
    this.screen = createScreen({ input: options.input, output: options.output, title: `coroscope: ${options.current.demo.name}` });
    try {
      this.build();
    } catch (error) {
      restoreTerminal(this.screen);
      throw error;
    }
  }

  private build(): void {
    const style = { fg: this.theme.fg, bg: this.theme.bg, border: { fg: this.theme.border }, label: { fg: this.theme.accent, bold: true } };
    const box = (label: string | undefined, border: boolean) =>
      blessed.box({ parent: this.screen, label, border: border ? { type: 'line' } : undefined, style: border ? style : { fg: this.theme.fg, bg: this.theme.bg }, tags: false });
    this.panes = {
      header: box(undefined, false),
      lanes: box(undefined, true), // its title (the tick range) is painted per frame
      code: box(' code ', true),
      output: box(' output ', true),
      ready: box(' ready queue ', true),
      stats: box(' steps · share ', true),
      footer: box(undefined, false),
    };
    const ctx = () => this.context();
    onPaint(this.panes.header, (p) => paintHeader(p, ctx()));
    onPaint(this.panes.lanes, (p) => paintLanes(p, ctx()));
    onPaint(this.panes.code, (p) => paintCode(p, ctx()));
    onPaint(this.panes.output, (p) => paintOutput(p, ctx()));
    onPaint(this.panes.ready, (p) => paintReady(p, ctx()));
    onPaint(this.panes.stats, (p) => paintStatsShares(p, ctx()));
    onPaint(this.panes.footer, (p) => paintFooter(p, ctx()));
    this.bar = contribBar({
      parent: this.panes.stats,
      // Children are placed from the parent's outer corner: step over the border and the shares line.
      top: 2,
      left: 1,
      width: '100%-2',
      height: '100%-3',
      barWidth: 4,
      barSpacing: 7,
      xOffset: 1,
      maxHeight: 1,
      // The chart's canvas takes 256-colour indexes, not names or #rrggbb.
      barBgColor: colorIndex(this.theme.barBg),
      barFgColor: colorIndex(this.theme.barFg),
      labelColor: colorIndex(this.theme.fg),
      style: { fg: this.theme.fg, bg: this.theme.bg },
    });
    this.help = blessed.box({
      parent: this.screen,
      hidden: true,
      label: ' keys ',
      border: { type: 'line' },
      style,
      tags: false,
      content: helpLines().join('\n') + '\n\n? or Esc closes this help',
      padding: { left: 1, right: 1 },
    });
    this.cueBox = blessed.box({ parent: this.screen, hidden: true, label: ' cue ', border: { type: 'line' }, style, tags: false, padding: { left: 1, right: 1 } });
    this.tooSmall = blessed.box({ parent: this.screen, hidden: true, align: 'center', style: { fg: this.theme.fg, bg: this.theme.bg }, tags: false });
    this.bindKeys();
    this.screen.on('resize', () => this.guard(() => this.onResize()));
  }

  /**
   * Lay out, draw the first frame, start pacing and frame sampling. The first frame goes
   * out without code marks: the runtime's first location lookup lists every loaded
   * script (~80 ms); the marks follow in the next frame.
   */
  start(): void {
    this.relayout();
    this.whereReady = false;
    this.renderNow();
    this.whereReady = true;
    setImmediate(() => this.requestFrame());
    this.frames = merge(this.player.changes$, this.redraw$)
      .pipe(auditTime(1000 / FPS))
      .subscribe(() => this.guard(() => this.renderNow()));
    this.player.start();
  }

  /** Draw a frame now (frames are otherwise sampled). */
  renderNow(): void {
    if (this.closed) return;
    const laneCount = visibleCount(this.player);
    if (laneCount !== this.laneCount) this.relayout();
    if (this.layout !== null) {
      this.updateStats();
      this.updateCue();
    }
    this.screen.render();
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
        player.restart();
        break;
      case 'reseed':
        player.restart(1 + Math.floor(Math.random() * 999_999));
        break;
      case 'help':
        this.helpOpen = !this.helpOpen;
        this.showHelp();
        break;
      case 'big':
        this.bigText = !this.bigText;
        this.requestFrame();
        break;
      case 'next-demo':
      case 'prev-demo':
        this.switchDemo(action === 'next-demo' ? 1 : -1);
        break;
      case 'quit':
        this.close(0);
        break;
    }
  }

  /** Destroy the screen (terminal restored) and report the exit code, once. */
  close(code: number, error?: unknown): void {
    if (this.closed) return;
    this.closed = true;
    this.frames?.unsubscribe();
    try {
      this.player.dispose();
    } catch {
      // closing must not fail
    }
    restoreTerminal(this.screen);
    this.frames$.complete();
    this.events$.complete();
    this.extras.onClose?.(code, error);
  }

  /** Run `fn`; a crash in the dashboard closes it with exit code 1. */
  guard(fn: () => void): void {
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
      title: this.current.demo.title[this.options.lang] ?? this.current.demo.name,
      lang: this.options.lang,
      sourceFile: this.current.sourceFile,
      bigText: this.bigText,
      where: this.whereReady,
    };
  }

  private requestFrame(): void {
    this.redraw$.next();
  }

  private bindKeys(): void {
    for (const binding of KEYS) {
      this.screen.key(binding.keys as string[], () => this.guard(() => this.act(binding.action)));
    }
    this.screen.key(['escape'], () =>
      this.guard(() => {
        if (this.helpOpen) this.act('help');
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
    const layout = computeLayout(cols, rows, this.laneCount);
    const sizeChanged = this.layout === null || layout === null || layout.cols !== this.layout.cols || layout.rows !== this.layout.rows || layout.stats.height !== this.layout.stats.height;
    this.layout = layout;
    const panes = Object.entries(this.panes) as [keyof typeof this.panes, Widgets.BoxElement][];
    if (layout === null) {
      for (const [, pane] of panes) pane.hide();
      this.help.hide();
      this.cueBox.hide();
      this.tooSmall.show();
      place(this.tooSmall, { left: 0, top: Math.max(0, Math.floor(rows / 2) - 1), width: cols, height: Math.min(rows, 2) });
      this.tooSmall.setContent(`coroscope needs ${MIN_COLS}×${MIN_ROWS} at least (this is ${cols}×${rows}).\nEnlarge the terminal, or press q.`);
      return;
    }
    this.tooSmall.hide();
    this.panes.code.setLabel(` code · ${basename(this.current.sourceFile)} `);
    this.panes.stats.setLabel(layout.stats.width >= 40 ? ' steps per task · share of ticks ' : ' steps · share ');
    for (const [name, pane] of panes) {
      pane.show();
      place(pane, layout[name]);
    }
    const helpWidth = Math.min(64, cols - 4);
    const helpHeight = Math.min(KEYS.length + 5, rows - 2);
    place(this.help, { left: Math.floor((cols - helpWidth) / 2), top: Math.floor((rows - helpHeight) / 2), width: helpWidth, height: helpHeight });
    this.showHelp();
    if (sizeChanged) {
      // blessed-contrib canvases keep their first size: re-attach, then data again.
      this.bar.emit('attach');
      this.statsVersion = -1;
    }
  }

  private showHelp(): void {
    if (this.helpOpen && this.layout !== null) {
      this.help.show();
      this.help.setFront();
    } else this.help.hide();
    this.requestFrame();
  }

  private updateStats(): void {
    const version = this.player.view.version;
    if (version === this.statsVersion || this.bar.ctx === undefined) return;
    this.statsVersion = version;
    const width = (this.bar.width as number) - 2;
    const rows = statsRows(this.player.view, this.player.tick);
    const spacing = Math.max(4, Math.min(8, Math.floor((width - 1) / Math.max(1, rows.length))));
    const shown = rows.slice(0, Math.max(1, Math.floor((width - 1) / spacing)));
    this.bar.options.barSpacing = spacing;
    this.bar.options.barWidth = Math.max(1, spacing - 3);
    this.bar.setData({ titles: shown.map((r) => r.name.slice(0, spacing - 1)), data: shown.map((r) => r.steps) });
  }

  private updateCue(): void {
    const cue = this.player.cue;
    if (cue === null) {
      this.cueBox.hide();
      return;
    }
    const layout = this.layout!;
    const text = cue.narration[this.options.lang] ?? cue.narration.en;
    const height = Math.min(6, layout.rows - 4);
    place(this.cueBox, { left: 2, top: layout.rows - 1 - height, width: layout.cols - 4, height });
    this.cueBox.setLabel(` cue: ${cue.id} · space continues `);
    this.cueBox.setContent(text);
    this.cueBox.show();
    this.cueBox.setFront();
  }

  private switchDemo(delta: number): void {
    const list = this.options.playlist;
    if (list.length === 0) return;
    const at = list.findIndex((d) => d.demo === this.current.demo || d.demo.name === this.current.demo.name);
    const next = list[(((at < 0 ? 0 : at + delta) % list.length) + list.length) % list.length]!;
    this.current = next;
    this.player.load(next.demo);
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

/**
 * What the CLI calls: show the dashboard until the user quits; resolve with the exit
 * code (0 on q / Ctrl-C, 130 on SIGINT, 143 on SIGTERM, 1 when the dashboard crashed,
 * 2 when stdout is not a terminal). The terminal is restored before this resolves.
 */
export function runDashboard(options: DashboardOptions): Promise<number> {
  const output = (options.output ?? process.stdout) as NodeJS.WriteStream;
  if (!output.isTTY) {
    process.stderr.write('coroscope: the dashboard needs a terminal; for a file or a pipe use the headless outputs (see --help: --trace, --json)\n');
    return Promise.resolve(2);
  }
  return new Promise<number>((resolveCode) => {
    let dashboard: Dashboard | null = null;
    const signals: [NodeJS.Signals, number][] = [
      ['SIGTERM', 143],
      ['SIGINT', 130],
      ['SIGHUP', 129],
    ];
    // Close on the next turn: blessed's own handler runs after ours in the same emit, and
    // would exit(0) if it found no other listener left (closing removes them).
    const handlers = signals.map(([signal, code]) => [signal, () => void setImmediate(() => dashboard?.close(code))] as const);
    const onCrash = (error: unknown) => (dashboard === null ? finish(1, error) : dashboard.close(1, error));
    const stderr = holdStderr(output);
    const finish = (code: number, error?: unknown) => {
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
      process.removeListener('uncaughtException', onCrash);
      stderr.release();
      if (error !== undefined) process.stderr.write(`coroscope: the dashboard crashed: ${oneLine(error)}\n`);
      resolveCode(code);
    };
    for (const [signal, handler] of handlers) process.on(signal, handler);
    process.on('uncaughtException', onCrash);
    try {
      dashboard = new Dashboard(options, { onClose: finish });
      // Issue 5 attaches its recorder here (options.recordFile), through dashboard.tapOutput.
      dashboard.start();
    } catch (error) {
      if (dashboard !== null) dashboard.close(1, error);
      else finish(1, error);
    }
  });
}

/**
 * While the dashboard owns the terminal, what the process writes to stderr (an
 * "Exception in callback" from the loop, a Node warning) would land in the middle of
 * the screen: hold it, and write it out once the terminal is restored.
 */
function holdStderr(output: NodeJS.WriteStream): { release(): void } {
  const stderr = process.stderr;
  if (!stderr.isTTY || output !== process.stdout) return { release() {} };
  const held: (string | Uint8Array)[] = [];
  const write = stderr.write;
  stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    held.push(chunk);
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  }) as typeof stderr.write;
  return {
    release() {
      if (stderr.write === write) return;
      stderr.write = write;
      for (const chunk of held) stderr.write(chunk);
    },
  };
}

function oneLine(error: unknown): string {
  return describeError(error).split('\n')[0]!;
}
