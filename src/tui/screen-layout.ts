/**
 * The screen's boxes and where they go: one blessed box per pane, the help overlay, the
 * cue box and the too-small note, placed by computeLayout (layout.ts), and the stats
 * pane's shares gauge. The dashboard decides what to show; this module only builds and
 * places boxes — it never reads the player.
 *
 * Invariants:
 * - `layout` is what every box is placed by: computeLayout of the screen's size and the
 *   last `LayoutInputs`, or null when the terminal is too small (then only the too-small
 *   note shows). `update` places again only when one of those changed.
 * - Panes only paint, from the frame context, through the painters given at build time.
 * - The cue box has a band of its own in the layout (never over a pane), kept while no cue
 *   shows; the help overlay, when open, is in front of everything, cue included.
 * - The gauge's canvas is sized to the bottom of the stats pane, and it shows only while
 *   every stats row still fits above its bar (naming the tasks comes first).
 */
import blessed from './blessed.js';
import type { Widgets } from 'blessed';
import { computeLayout, MIN_COLS, MIN_ROWS, type Layout, type Rect } from './layout.js';
import { onPaint, type Painter } from './paint.js';
import { KEYS } from './keys.js';
import { helpLines } from './panes/footer.js';
import { wrap } from './panes/frame.js';
import type { StatsRow } from './panes/stats.js';
import type { Strings } from './strings.js';
import { cellText, colorIndex } from './terminal.js';
import { laneColor, type Theme } from './theme.js';

// Only the gauge: blessed-contrib's index loads every widget (~70 ms at launch). Loaded
// when it would first show (a frame with task shares), not before the first frame: it
// brings its canvas libraries and the whole of blessed. Until it is in (a frame or so),
// its rows stay blank; the layout already counts them.
let contribGauge: ((options: object) => ContribGauge) | null = null;
let gaugeLoading: Promise<unknown> | null = null;
/** Settles once the gauge's module is in, if it was asked for (a test waits on it). */
export const gaugeLoaded = (): Promise<unknown> => gaugeLoading ?? Promise.resolve();
interface ContribGauge extends Widgets.BoxElement {
  setStack(stack: { percent: number; stroke: number }[]): void;
}
/**
 * The shares gauge's canvas is 4 rows and draws its bar on rows 2–3; the pane's text is
 * painted after its children render, so rows 0–1 are left to the text: the gauge costs 2.
 */
const GAUGE_CANVAS_ROWS = 4;
const GAUGE_BAR_ROWS = 2;

export type PaneName = 'header' | 'lanes' | 'code' | 'output' | 'ready' | 'stats' | 'footer';

/** What the layout depends on besides the screen's size. */
export interface LayoutInputs {
  /** Lane rows to make room for (the loop's included): what the run will need, not only what shows now. */
  laneCount: number;
  bigText: boolean;
  headerRows: number;
  /** The cue's narration, wrapped (cueLines); empty without a cue. */
  cueLines: string[];
  /**
   * Rows kept for the cue box, borders included, whether a cue shows or not (cueRows):
   * opening or closing a cue moves no pane. 0: no band.
   */
  cueRows: number;
  /** The code pane's title. */
  codeLabel: string;
}

export class ScreenLayout {
  layout: Layout | null = null;
  readonly panes: Record<PaneName, Widgets.BoxElement>;
  readonly help: Widgets.BoxElement;
  readonly cueBox: Widgets.BoxElement;
  readonly tooSmall: Widgets.BoxElement;
  /** `b` / `.`: covers the whole screen, black, as a projector's blank does. */
  readonly blank: Widgets.BoxElement;
  /** Rows at the bottom of the stats pane the gauge's bar takes (0 while it does not show). */
  gaugeRows = 0;
  /** Made when it first shows (see loadGauge); placed at gaugeRect. */
  private gauge: ContribGauge | null = null;
  /** This layout waits for the gauge's module (and redraws once it is in). */
  private gaugeAwaited = false;
  private gaugeRect: Rect | null = null;
  private statsInner = { width: 0, height: 0 };
  private stats: StatsRow[] = [];
  private inputs: LayoutInputs | null = null;
  private size = '';
  private helpOpen = false;
  private cueLabel = '';

  constructor(
    private readonly screen: Widgets.Screen,
    private readonly theme: Theme,
    private readonly s: Strings,
    paint: Record<PaneName, (p: Painter) => void>,
  ) {
    // Frame lines and titles on the theme's background too: a light theme in a dark
    // terminal (or contrast in a light one) must not draw its grid on the terminal's own.
    const bg = theme.bg;
    const style = { fg: theme.fg, bg, border: { fg: theme.border, bg }, label: { fg: theme.accent, bg, bold: true } };
    const p = s.panes;
    const box = (label: string | undefined, border: boolean) =>
      blessed.box({ parent: screen, label, border: border ? { type: 'line' } : undefined, style: border ? style : { fg: theme.fg, bg: theme.bg }, tags: false });
    this.panes = {
      header: box(undefined, false),
      lanes: box(undefined, true), // its title (the tick range) is painted per frame
      code: box(` ${p.code} `, true),
      output: box(` ${p.output} `, true),
      ready: box(` ${p.ready} `, true),
      stats: box(` ${p.stats} `, true),
      footer: box(undefined, false),
    };
    for (const name of Object.keys(this.panes) as PaneName[]) onPaint(this.panes[name], paint[name]);
    this.help = blessed.box({
      parent: screen,
      hidden: true,
      label: ` ${s.helpTitle} `,
      border: { type: 'line' },
      style,
      tags: false,
      padding: { left: 1, right: 1 },
    });
    this.cueBox = blessed.box({ parent: screen, hidden: true, label: ` ${s.cueHint} `, border: { type: 'line' }, style, tags: false, padding: { left: 1, right: 1 } });
    this.tooSmall = blessed.box({ parent: screen, hidden: true, align: 'center', style: { fg: theme.fg, bg: theme.bg }, tags: false });
    this.blank = blessed.box({ parent: screen, hidden: true, style: { bg: 'black' }, tags: false });
  }

  /** A cue's narration wrapped to the cue box (borders and padding excluded). */
  cueLines(narration: string): string[] {
    const width = (this.screen.width as number) - 4;
    return cellText(narration)
      .split('\n')
      .flatMap((line) => wrap(line, width, width));
  }

  /** Place every box again if the size or an input changed; the cue's text is set either way. */
  update(inputs: LayoutInputs, helpOpen: boolean): void {
    const last = this.inputs;
    const changed =
      last === null ||
      this.size !== this.sizeKey() ||
      last.laneCount !== inputs.laneCount ||
      last.bigText !== inputs.bigText ||
      last.headerRows !== inputs.headerRows ||
      last.cueRows !== inputs.cueRows ||
      last.codeLabel !== inputs.codeLabel;
    if (changed) return this.place(inputs, helpOpen);
    this.inputs = inputs;
    this.helpOpen = helpOpen;
    if (this.layout !== null) this.updateCue();
  }

  /** Place every box for the current size and these inputs (or show the too-small note). */
  place(inputs: LayoutInputs, helpOpen: boolean): void {
    this.inputs = inputs;
    this.size = this.sizeKey();
    this.helpOpen = helpOpen;
    if (this.blanked) this.showBlank(true); // the new size
    const cols = this.screen.width as number;
    const rows = this.screen.height as number;
    const layout = computeLayout(cols, rows, inputs.laneCount, inputs.bigText, { headerRows: inputs.headerRows, cueRows: inputs.cueRows });
    this.layout = layout;
    const panes = Object.entries(this.panes) as [PaneName, Widgets.BoxElement][];
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
    this.panes.code.setLabel(inputs.codeLabel);
    for (const [name, pane] of panes) {
      pane.show();
      place(pane, layout[name]);
    }
    this.placeGauge(layout.stats);
    const helpWidth = Math.min(76, cols - 4); // wide enough that a help line rarely wraps: the list is long
    // As tall as its lines once wrapped (a language's longer words wrap), borders and the
    // closing line included; two to a row, short, when that does not fit the screen.
    const lines = helpLines(this.s, helpWidth - 4, rows - 4);
    this.help.setContent(lines.join('\n'));
    const helpHeight = Math.min(lines.length + 2, rows - 2);
    place(this.help, { left: Math.floor((cols - helpWidth) / 2), top: Math.floor((rows - helpHeight) / 2), width: helpWidth, height: helpHeight });
    this.updateCue();
    this.showHelp(helpOpen);
  }

  /** The help overlay open or closed (in front of everything when open, but the blank). */
  showHelp(open: boolean): void {
    this.helpOpen = open;
    if (open && this.layout !== null) {
      this.help.show();
      this.help.setFront();
    } else this.help.hide();
    if (this.blanked) this.blank.setFront();
  }

  private blanked = false;

  /** The blank over everything, or gone. */
  showBlank(on: boolean): void {
    this.blanked = on;
    if (!on) return void this.blank.hide();
    place(this.blank, { left: 0, top: 0, width: this.screen.width as number, height: this.screen.height as number });
    this.blank.show();
    this.blank.setFront();
  }

  /** The shares gauge for this frame's stats rows: shown when every row still fits above its bar. */
  showGauge(stats: StatsRow[]): void {
    this.stats = stats;
    const { width, height } = this.statsInner;
    const fits = height >= GAUGE_CANVAS_ROWS && width >= 10 && stats.length > 0 && stats.length + GAUGE_BAR_ROWS <= height;
    this.gaugeRows = fits ? GAUGE_BAR_ROWS : 0;
    if (fits && contribGauge === null) {
      if (this.gaugeAwaited) return; // the frames drawn while it loads: one redraw when it is in
      this.gaugeAwaited = true;
      gaugeLoading ??= import('blessed-contrib/lib/widget/gauge.js').then((module: { default: (options: object) => ContribGauge }) => (contribGauge = module.default));
      void gaugeLoading.then(() => {
        if ((this.screen as { destroyed?: boolean }).destroyed) return;
        this.showGauge(this.stats);
        this.screen.render();
      });
    } else if (fits) {
      const gauge = this.gauge ?? this.makeGauge(); // fits: placeGauge has set gaugeRect
      gauge.setStack(stats.map((r) => ({ percent: r.share, stroke: colorIndex(laneColor(this.theme, r.index)) })));
      gauge.show();
    } else this.gauge?.hide();
  }

  /**
   * Each task's share of the ticks as one stacked bar in the lanes' colours (blessed-contrib),
   * under the rows that name them. Appended, not given a parent: its canvas is made on 'attach'.
   */
  private makeGauge(): ContribGauge {
    // Its screen said: without a parent, blessed would take the newest screen made (a test may have two).
    const gauge = contribGauge!({ screen: this.screen, showLabel: false, stack: [], style: { bg: this.theme.bg } });
    this.panes.stats.append(gauge);
    place(gauge, this.gaugeRect!);
    gauge.emit('attach');
    this.gauge = gauge;
    return gauge;
  }

  private sizeKey(): string {
    return `${this.screen.width}x${this.screen.height}`;
  }

  /**
   * Size the gauge's canvas to the bottom of the stats pane. blessed-contrib canvases keep
   * their first size: re-attach at the new size, then give it its data again.
   */
  private placeGauge(stats: Rect): void {
    this.statsInner = { width: stats.width - 2, height: stats.height - 2 };
    const { width, height } = this.statsInner;
    if (height < GAUGE_CANVAS_ROWS || width < 10) return this.showGauge(this.stats);
    // Children are placed from the parent's outer corner: step over the border.
    this.gaugeRect = { left: 1, top: 1 + height - GAUGE_CANVAS_ROWS, width, height: GAUGE_CANVAS_ROWS };
    if (this.gauge !== null) {
      place(this.gauge, this.gaugeRect);
      this.gauge.emit('attach');
    }
    this.showGauge(this.stats);
  }

  /**
   * The cue box in its own band of the layout (never over a pane); the help stays on top.
   * While no cue shows, the band keeps an empty box that says which key brings the next.
   */
  private updateCue(): void {
    const layout = this.layout!;
    const lines = this.inputs?.cueLines ?? [];
    if (layout.cue.height === 0) {
      this.cueBox.hide();
      return;
    }
    place(this.cueBox, layout.cue);
    const key = KEYS.find((k) => k.action === 'next-cue')!;
    const label = lines.length > 0 ? ` ${this.s.cueHint} ` : ` ${key.label} ${this.s.keys['next-cue'].short} `;
    if (this.cueLabel !== label) this.cueBox.setLabel((this.cueLabel = label));
    this.cueBox.setContent(lines.slice(0, layout.cue.height - 2).join('\n'));
    this.cueBox.show();
    if (this.helpOpen) this.help.setFront();
    if (this.blanked) this.blank.setFront();
  }
}

/** The cue box's rows for these wrapped lines, borders included; 0 without a cue. */
export function cueRows(lines: string[]): number {
  return lines.length === 0 ? 0 : lines.length + 2;
}

function place(element: Widgets.BoxElement, rect: Rect): void {
  element.left = rect.left;
  element.top = rect.top;
  element.width = rect.width;
  element.height = rect.height;
}
