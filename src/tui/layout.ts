/**
 * Where each pane goes for a terminal size and a number of lanes: a pure function, so
 * a resize is "compute again and move every pane". Lanes get the room they need up to
 * ~65 % of the height; the rest is code | output | (ready queue over stats). A cue's
 * narration gets rows of its own between the lanes and the panes (which shrink): a cue
 * tells the audience to watch something, so it must not cover it. The caller asks for
 * the lanes the run will need and the cue rows the demo's cues will need (not only what
 * shows now), so that the panes stay where they are as tasks spawn and cues come and go.
 */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Layout {
  cols: number;
  rows: number;
  header: Rect;
  lanes: Rect;
  /** The cue box's band (height 0 when no cue shows). */
  cue: Rect;
  /** Lane rows that fit inside the lanes box. */
  laneRows: number;
  code: Rect;
  output: Rect;
  ready: Rect;
  stats: Rect;
  footer: Rect;
}

export const MIN_COLS = 64;
export const MIN_ROWS = 20;

export interface LayoutExtras {
  /** Header rows: 2 when the title does not fit beside the status fields. */
  headerRows?: number;
  /** Rows the cue box asks for, borders included (0: no cue); it gets fewer on a short screen. */
  cueRows?: number;
}

/** The bottom panes keep at least this many rows: a cue box gets what is left above it. */
const MIN_BOTTOM = 10;

/** The layout, or null when the terminal is too small to show anything readable. */
export function computeLayout(cols: number, rows: number, laneCount: number, bigOutput = false, extras: LayoutExtras = {}): Layout | null {
  if (cols < MIN_COLS || rows < MIN_ROWS) return null;
  const headerRows = Math.max(1, extras.headerRows ?? 1);
  const body = rows - headerRows - 1; // header and footer
  const minBottom = 12;
  const maxLaneRows = Math.max(3, Math.min(Math.floor(body * 0.65), body - minBottom) - 2);
  const laneRows = Math.max(1, Math.min(laneCount, maxLaneRows));
  const lanesHeight = laneRows + 2;
  const cueTop = headerRows + lanesHeight;
  const cueHeight = (extras.cueRows ?? 0) > 0 ? Math.max(3, Math.min(extras.cueRows!, rows - 1 - cueTop - MIN_BOTTOM)) : 0;
  const bottomTop = cueTop + cueHeight;
  const bottomHeight = rows - 1 - bottomTop;
  // Code lines are the longest text on screen; printed lines are usually short, so a
  // narrow terminal gives the code more. In big-text mode (`b`) the output takes more,
  // for the block font, but the code keeps enough to read a line of it.
  const codeWidth = Math.floor(cols * (bigOutput ? 0.38 : cols < 140 ? 0.46 : 0.44));
  const outputWidth = Math.floor(cols * (bigOutput ? 0.36 : 0.26));
  const rightWidth = cols - codeWidth - outputWidth;
  // The chart needs height more than the queue does (its bars are a few rows tall).
  const readyHeight = Math.floor(bottomHeight * 0.45);
  return {
    cols,
    rows,
    header: { left: 0, top: 0, width: cols, height: headerRows },
    lanes: { left: 0, top: headerRows, width: cols, height: lanesHeight },
    cue: { left: 0, top: cueTop, width: cols, height: cueHeight },
    laneRows,
    code: { left: 0, top: bottomTop, width: codeWidth, height: bottomHeight },
    output: { left: codeWidth, top: bottomTop, width: outputWidth, height: bottomHeight },
    ready: { left: codeWidth + outputWidth, top: bottomTop, width: rightWidth, height: readyHeight },
    stats: { left: codeWidth + outputWidth, top: bottomTop + readyHeight, width: rightWidth, height: bottomHeight - readyHeight },
    footer: { left: 0, top: rows - 1, width: cols, height: 1 },
  };
}
