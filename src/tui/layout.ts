/**
 * Where each pane goes for a terminal size and a number of lanes: a pure function, so
 * a resize is "compute again and move every pane". Lanes get the room they need up to
 * ~65 % of the height; the rest is code | output | (ready queue over stats).
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

/** The layout, or null when the terminal is too small to show anything readable. */
export function computeLayout(cols: number, rows: number, laneCount: number, bigOutput = false): Layout | null {
  if (cols < MIN_COLS || rows < MIN_ROWS) return null;
  const body = rows - 2; // header and footer
  const minBottom = 12;
  const maxLaneRows = Math.max(3, Math.min(Math.floor(body * 0.65), body - minBottom) - 2);
  const laneRows = Math.max(1, Math.min(laneCount, maxLaneRows));
  const lanesHeight = laneRows + 2;
  const bottomTop = 1 + lanesHeight;
  const bottomHeight = rows - 1 - bottomTop;
  // Code lines are the longest text on screen; printed lines are usually short.
  // In big-text mode (`b`) the output and the code swap widths: the block font needs room.
  const wide = Math.floor(cols * 0.44);
  const narrow = Math.floor(cols * 0.26);
  const codeWidth = bigOutput ? narrow : wide;
  const outputWidth = bigOutput ? wide : narrow;
  const rightWidth = cols - codeWidth - outputWidth;
  // The chart needs height more than the queue does (its bars are a few rows tall).
  const readyHeight = Math.floor(bottomHeight * 0.45);
  return {
    cols,
    rows,
    header: { left: 0, top: 0, width: cols, height: 1 },
    lanes: { left: 0, top: 1, width: cols, height: lanesHeight },
    laneRows,
    code: { left: 0, top: bottomTop, width: codeWidth, height: bottomHeight },
    output: { left: codeWidth, top: bottomTop, width: outputWidth, height: bottomHeight },
    ready: { left: codeWidth + outputWidth, top: bottomTop, width: rightWidth, height: readyHeight },
    stats: { left: codeWidth + outputWidth, top: bottomTop + readyHeight, width: rightWidth, height: bottomHeight - readyHeight },
    footer: { left: 0, top: rows - 1, width: cols, height: 1 },
  };
}
