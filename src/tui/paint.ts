/**
 * Direct cell painting: a pane is a blessed box (border, label, position), and its
 * inside is written straight into the screen's cell buffer from the box's 'render'
 * event. No tag strings to build and parse per frame: this is what keeps a 200×60
 * frame with 32 lanes within a few milliseconds.
 */
import type { Widgets } from 'blessed';
import { cellText } from './terminal.js';

export interface Coords {
  xi: number;
  xl: number;
  yi: number;
  yl: number;
}

/** The inside of a box during its render: row/col are relative, everything is clipped. */
export class Painter {
  readonly x0: number;
  readonly y0: number;
  readonly width: number;
  readonly height: number;
  private readonly lines: any[];

  constructor(element: Widgets.BoxElement, coords: Coords) {
    const el = element as any;
    this.x0 = coords.xi + el.ileft;
    this.y0 = coords.yi + el.itop;
    this.width = Math.max(0, coords.xl - el.iright - this.x0);
    this.height = Math.max(0, coords.yl - el.ibottom - this.y0);
    this.lines = (element.screen as any).lines;
  }

  /** Write `text` (already single-width) at (row, col); returns the column after it. */
  text(row: number, col: number, text: string, attr: number): number {
    if (row < 0 || row >= this.height) return col;
    const line = this.lines[this.y0 + row];
    if (line === undefined) return col;
    const end = Math.min(this.width, col + text.length);
    for (let c = Math.max(0, col), i = c - col; c < end; c++, i++) {
      const cell = line[this.x0 + c];
      if (cell === undefined) break;
      cell[0] = attr;
      cell[1] = text[i];
    }
    line.dirty = true;
    return col + text.length;
  }

  /** Write one cell (the lanes' hot path). */
  cell(row: number, col: number, ch: string, attr: number): void {
    const cell = this.lines[this.y0 + row]?.[this.x0 + col];
    if (cell === undefined || col >= this.width || row >= this.height) return;
    cell[0] = attr;
    cell[1] = ch;
  }

  /** Write over the box's top border, after `col` (a title that changes every frame). */
  title(col: number, text: string, attr: number): void {
    const line = this.lines[this.y0 - 1];
    if (line === undefined) return;
    for (let i = 0; i < text.length && col + i < this.width; i++) {
      const cell = line[this.x0 + col + i];
      if (cell === undefined) break;
      cell[0] = attr;
      cell[1] = text[i];
    }
    line.dirty = true;
  }

  dirty(row: number): void {
    const line = this.lines[this.y0 + row];
    if (line !== undefined) line.dirty = true;
  }

  fill(row: number, col: number, count: number, ch: string, attr: number): void {
    this.text(row, col, ch.repeat(Math.max(0, count)), attr);
  }
}

/** Fit `text` into `width` cells: cut with an ellipsis, or pad with spaces. */
export function fit(text: string, width: number, pad = true): string {
  if (width <= 0) return '';
  const clean = cellText(text);
  if (clean.length > width) return width === 1 ? '…' : clean.slice(0, width - 1) + '…';
  return pad ? clean.padEnd(width) : clean;
}

/** Paint through `paint` each time `box` renders. */
export function onPaint(box: Widgets.BoxElement, paint: (p: Painter) => void): void {
  box.on('render', (coords: Coords) => paint(new Painter(box, coords)));
}

/** Cells the lanes and stats panes give a step count: a wider count is written in k / M / G (fitCount). */
export const COUNT_WIDTH = 5;

const UNITS: readonly [string, number][] = [
  ['T', 1e12],
  ['G', 1e9],
  ['M', 1e6],
  ['k', 1e3],
];

/**
 * A count in at most `width` cells (`width` ≥ 4): as it is when it fits, else in the largest
 * unit below it, rounded down so a figure never reads more than happened (8,812,345 → `8.8M`).
 */
export function fitCount(n: number, width: number): string {
  const plain = String(n);
  if (plain.length <= width) return plain;
  for (const [unit, size] of UNITS) {
    if (n < size) continue;
    const v = n / size;
    return v < 10 ? `${(Math.floor(v * 10) / 10).toFixed(1)}${unit}` : `${Math.floor(v)}${unit}`;
  }
  return plain;
}
