/**
 * The audience view of a demo file: the program, as the seed shows it, without the demo's
 * plumbing. A pure function of the file's text; the code pane shows `lines` and keeps the
 * original line numbers in its gutter (`lineOf`), and places the marks of suspension lines,
 * await chains and drivers (1-based lines of the file) with `shownOf`.
 *
 * The convention (what is folded away):
 * - the `import` statements at the top level (single- or multi-line);
 * - the `export default defineDemo({ … });` statement — title, narration, cues — except its
 *   `main:` or `manager:` property: it is the program's entry point (`manager: () =>
 *   frenetic_coros_manager(tum(), pak())`, the seed's last line), shown dedented;
 * - any block between `// #region` and `// #endregion` lines (both included), for helpers a
 *   demo wants off screen;
 * - blank lines left at the top or the bottom, and a blank line next to another once the
 *   folded lines are gone.
 */

export interface AudienceSource {
  /** The lines to show, in order. */
  lines: string[];
  /** The file's 1-based line number of shown line `shown` (0-based index into `lines`). */
  lineOf(shown: number): number;
  /** The index in `lines` of the file's 1-based line `original`, or null when it is folded away. */
  shownOf(original: number): number | null;
}

export function audienceSource(text: string): AudienceSource {
  const source = text.split(/\r?\n/);
  if (source.length > 0 && source[source.length - 1] === '') source.pop();
  const hidden = new Array<boolean>(source.length).fill(false);
  const replaced = new Map<number, string>();

  hideImports(source, hidden);
  hideRegions(source, hidden);
  hideDefineDemo(source, hidden, replaced);
  // A file that does not follow the convention (a demo written on one line, its `main:`
  // inside the defineDemo line) would fold away whole: show it as written instead.
  if (source.every((_, i) => hidden[i] || isBlank(source, replaced, i))) {
    hidden.fill(false);
    replaced.clear();
  }

  // Blank lines: none at the top or bottom, never two in a row once the folds are gone.
  const kept: number[] = [];
  for (let i = 0; i < source.length; i++) {
    if (hidden[i]) continue;
    const blank = (replaced.get(i) ?? source[i]!).trim() === '';
    if (blank && (kept.length === 0 || isBlank(source, replaced, kept[kept.length - 1]!))) continue;
    kept.push(i);
  }
  while (kept.length > 0 && isBlank(source, replaced, kept[kept.length - 1]!)) kept.pop();

  const lines = kept.map((i) => replaced.get(i) ?? source[i]!);
  const shown = new Map<number, number>();
  kept.forEach((original, index) => shown.set(original + 1, index));
  return {
    lines,
    lineOf: (index) => {
      const original = kept[index];
      if (original === undefined) throw new RangeError(`no shown line ${index} (there are ${kept.length})`);
      return original + 1;
    },
    shownOf: (original) => shown.get(original) ?? null,
  };
}

function isBlank(source: string[], replaced: Map<number, string>, i: number): boolean {
  return (replaced.get(i) ?? source[i]!).trim() === '';
}

/** Top-level `import …;` statements, however many lines each takes. */
function hideImports(source: string[], hidden: boolean[]): void {
  for (let i = 0; i < source.length; i++) {
    if (!/^import[\s{*'"]/.test(source[i]!)) continue;
    let j = i;
    // A multi-line import ends at its `from '…'` (or its `;`).
    while (j < source.length - 1 && !/(from\s*['"][^'"]*['"]|^import\s*['"][^'"]*['"]|;)\s*(\/\/.*)?$/.test(source[j]!)) j++;
    for (let k = i; k <= j; k++) hidden[k] = true;
    i = j;
  }
}

/** `// #region …` to `// #endregion`, nested regions included. */
function hideRegions(source: string[], hidden: boolean[]): void {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const line = source[i]!.trim();
    if (/^\/\/\s*#region\b/.test(line)) depth++;
    if (depth > 0) hidden[i] = true;
    if (/^\/\/\s*#endregion\b/.test(line) && depth > 0) depth--;
  }
}

/** The `export default defineDemo(…)` statement, but for its one-line `main:` / `manager:` property. */
function hideDefineDemo(source: string[], hidden: boolean[], replaced: Map<number, string>): void {
  const start = source.findIndex((line) => /^export\s+default\s+defineDemo\s*\(/.test(line));
  if (start < 0) return;
  const scanner = new Scanner();
  let end = source.length - 1;
  const depthAt: number[] = [];
  for (let i = start; i < source.length; i++) {
    depthAt[i] = scanner.depth;
    scanner.scan(source[i]!);
    if (scanner.depth === 0 && scanner.opened) {
      end = i;
      break;
    }
  }
  for (let i = start; i <= end; i++) hidden[i] = true;
  // `defineDemo({` puts the object's own properties at depth 2: show the entry point's
  // lines, from its `main:` / `manager:` to the next line back at depth 2, dedented.
  for (let i = start; i <= end; i++) {
    if (depthAt[i] !== 2 || !/^\s*(main|manager)\s*:/.test(source[i]!)) continue;
    const indent = /^\s*/.exec(source[i]!)![0].length;
    let j = i;
    while (j < end && depthAt[j + 1] !== 2) j++;
    for (let k = i; k <= j; k++) {
      hidden[k] = false;
      const line = source[k]!;
      replaced.set(k, line.slice(Math.min(indent, /^\s*/.exec(line)![0].length)));
    }
    break;
  }
}

/**
 * Bracket depth across lines, skipping strings, template literals (a `${` inside one
 * counts as a bracket) and comments: enough to find where a statement ends.
 */
class Scanner {
  depth = 0;
  opened = false;
  quote: string | null = null;
  inBlockComment = false;
  /** Depths at which a template literal's `${` opened: its `}` goes back into the template. */
  private readonly templates: number[] = [];

  scan(line: string): void {
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (this.inBlockComment) {
        if (c === '*' && line[i + 1] === '/') {
          this.inBlockComment = false;
          i++;
        }
        continue;
      }
      if (this.quote !== null) {
        if (c === '\\') i++;
        else if (c === this.quote) this.quote = null;
        else if (this.quote === '`' && c === '$' && line[i + 1] === '{') {
          this.quote = null;
          this.templates.push(this.depth);
          this.depth++;
          i++;
        }
        continue;
      }
      if (c === '/' && line[i + 1] === '/') return;
      if (c === '/' && line[i + 1] === '*') {
        this.inBlockComment = true;
        i++;
      } else if (c === "'" || c === '"' || c === '`') this.quote = c;
      else if (c === '(' || c === '{' || c === '[') {
        this.depth++;
        this.opened = true;
      } else if (c === ')' || c === '}' || c === ']') {
        this.depth--;
        if (c === '}' && this.templates.length > 0 && this.templates[this.templates.length - 1] === this.depth) {
          this.templates.pop();
          this.quote = '`';
        }
      }
    }
    // A quote left open at the end of a line: only template literals span lines.
    if (this.quote !== null && this.quote !== '`') this.quote = null;
  }
}
