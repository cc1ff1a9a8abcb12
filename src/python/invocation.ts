/**
 * Whether a command line asks for Python (`file.py`, `--python [PATH]`, `--real-clock`):
 * read on every launch, so kept apart from the Python CLI (python/cli.ts) and what it
 * loads, which only a Python run needs.
 */

export interface PythonInvocation {
  /** The arguments left for the CLI's parser. */
  rest: string[];
  /** `--python PATH`: the interpreter. */
  python?: string;
  /** `--python` alone: play the built-in demo's Python original. */
  original: boolean;
  realClock: boolean;
}

/** A value after `--python` is an interpreter when it looks like one (a path, or python3.12). */
function looksLikeInterpreter(arg: string | undefined): arg is string {
  return arg !== undefined && !arg.startsWith('-') && (arg.includes('/') || /^python[\d.]*$/.test(arg));
}

/** Whether the command line asks for Python: a `.py` target or a `--python` flag. Null otherwise. */
export function pythonInvocation(argv: readonly string[]): PythonInvocation | null {
  const rest: string[] = [];
  let python: string | undefined;
  let flagged = false;
  let realClock = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--python') {
      flagged = true;
      if (looksLikeInterpreter(argv[i + 1])) python = argv[++i];
    } else if (arg.startsWith('--python=')) {
      flagged = true;
      python = arg.slice('--python='.length);
    } else if (arg === '--real-clock') {
      flagged = true;
      realClock = true;
    } else rest.push(arg);
  }
  const pyTarget = rest.some((a) => !a.startsWith('-') && a.endsWith('.py'));
  if (!flagged && !pyTarget) return null;
  return { rest, python, original: !pyTarget, realClock };
}
