/**
 * Themes: every colour and lane glyph the dashboard draws comes from one Theme object,
 * so a theme is data (issue 5: light for lit rooms, contrast for colour-blind viewers,
 * where lanes stay distinguishable by glyph alone). Colours are names or #rrggbb that
 * blessed maps to the 256-colour palette.
 */
import type { ThemeName } from './options.js';
import { colorIndex } from './terminal.js';
import { GLYPHS, type Glyphs } from '../player/view.js';

export interface Theme {
  name: ThemeName;
  fg: string;
  bg: string;
  /** Secondary text: tick numbers, line numbers, hints. */
  dim: string;
  border: string;
  /** Pane titles and highlights. */
  accent: string;
  barFg: string;
  barBg: string;
  running: string;
  paused: string;
  done: string;
  error: string;
  /** The loop's own lane and callbacks. */
  loop: string;
  /** Task colours, by spawn order (cycled). */
  tasks: readonly string[];
  /** Glyph per cell kind (view.ts GLYPHS, the text trace's too); RAN is per task (cycled). */
  glyphs: Glyphs;
}

/** The contrast theme's `ran` glyphs: the loop's █, then one per task (single-width, none like ░ or the ▶ marker). */
export const CONTRAST_RAN: readonly string[] = ['█', '▓', '●', '▲', '◆', '■', '★', '♥', '♣', '♠', '#', '@', '%', '&'];

const PALETTE = ['#5fafff', '#ffaf00', '#87d75f', '#ff5f87', '#af87ff', '#5fd7d7', '#d7d75f', '#ff8700', '#87afd7', '#d787af'];

export const THEMES: Record<ThemeName, Theme> = {
  dark: {
    name: 'dark',
    fg: '#d0d0d0',
    bg: 'default',
    dim: '#808080',
    border: '#5f87af',
    accent: '#87d7ff',
    barFg: '#000000',
    barBg: '#87d7ff',
    running: '#87d75f',
    paused: '#ffd75f',
    done: '#87afff',
    error: '#ff5f5f',
    loop: '#a8a8a8',
    tasks: PALETTE,
    glyphs: GLYPHS,
  },
  light: {
    name: 'light',
    fg: '#1c1c1c',
    bg: '#ffffff',
    dim: '#6c6c6c',
    border: '#005f87',
    accent: '#005faf',
    barFg: '#ffffff',
    barBg: '#005faf',
    running: '#008700',
    paused: '#af5f00',
    done: '#005faf',
    error: '#d70000',
    loop: '#585858',
    // Each ≥ 4.5:1 on white (WCAG AA for text), as the palette entry the terminal shows.
    tasks: ['#005fd7', '#af5f00', '#008700', '#d7005f', '#5f00d7', '#005f5f', '#5f5f00', '#870087'],
    glyphs: GLYPHS,
  },
  contrast: {
    name: 'contrast',
    fg: '#ffffff',
    bg: '#000000',
    dim: '#bcbcbc',
    border: '#ffffff',
    accent: '#ffff00',
    barFg: '#000000',
    barBg: '#ffffff',
    running: '#00ff00',
    paused: '#ffff00',
    done: '#00ffff',
    error: '#ff0000',
    loop: '#ffffff',
    // Okabe–Ito, the colour-blind safe palette (its blue lightened to #0087d7: #0072b2 shows
    // as #005faf, 3.3:1 on black); the glyphs carry the difference anyway.
    tasks: ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0087d7', '#d55e00', '#cc79a7', '#ffffff'],
    // Shapes that differ in outline, not only in texture, so they read apart from the back
    // of a room (the loop keeps █; tasks take the rest before any repeats).
    glyphs: { ...GLYPHS, ran: CONTRAST_RAN },
  },
};

export function themeByName(name: ThemeName | undefined): Theme {
  return THEMES[name ?? 'dark'] ?? THEMES.dark;
}

/** A task's colour: index 0 is the loop, 1… are tasks in spawn order. */
export function laneColor(theme: Theme, index: number): string {
  return index === 0 ? theme.loop : theme.tasks[(index - 1) % theme.tasks.length]!;
}

export const BOLD = 1;
export const INVERSE = 8;

/** A blessed cell attribute: flags << 18 | fg << 9 | bg (what Element.sattr computes). */
export function attr(fg: string, bg: string, flags = 0): number {
  return (flags << 18) | (colorIndex(fg) << 9) | colorIndex(bg);
}

/** The foreground colour index of a cell attribute (tests read colours back with it). */
export function attrFg(a: number): number {
  return (a >> 9) & 0x1ff;
}

export { colorIndex };
