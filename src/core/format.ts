/**
 * How `print` turns values into text: Python's rules, JavaScript's values.
 * Top-level strings print raw; inside containers they print quoted ('a'), as in
 * Python's print(list). `undefined` prints as `undefined` (the seeds' `None`).
 */
import { inspect } from 'node:util';

/** Python's str(): a string as it is, an exception as its message (`boom`), anything else as repr. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error && !(value as { describe?: unknown }).describe) {
    const args = (value as { args?: unknown }).args;
    if (Array.isArray(args)) return args.length === 1 ? formatValue(args[0]) : args.length === 0 ? '' : formatRepr(args);
    return value.message;
  }
  return formatRepr(value);
}

/** Python's repr of a str: single quotes unless the text has ' and no ", escapes for \\, \t, \n, \r, control characters. */
export function pyStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

/** Python's repr of a float where it differs from JavaScript's: -0.0, 1e-07, inf, nan. */
export function pyNumberRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (Object.is(n, -0)) return '-0.0';
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e16) && !(Number.isInteger(n) && abs < 1e16)) {
    // Python switches to exponent form below 1e-4 and writes at least two exponent digits.
    return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(n);
}

export function formatRepr(value: unknown): string {
  return repr(value, []);
}

/** `within`: the arrays being printed around this value; one seen again is a cycle, `[...]` as in Python. */
function repr(value: unknown, within: unknown[]): string {
  switch (typeof value) {
    case 'string':
      return pyStringRepr(value);
    case 'number':
      return pyNumberRepr(value);
    case 'bigint':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return `<function ${value.name || 'anonymous'}>`;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (within.includes(value)) return '[...]';
    within.push(value);
    const text = `[${value.map((item) => repr(item, within)).join(', ')}]`;
    within.pop();
    return text;
  }
  // As Python's repr: ValueError('boom'), ValueError() without a message, or the `args` an error carries.
  if (value instanceof Error) {
    const args = (value as { args?: unknown }).args;
    if (Array.isArray(args)) return `${value.name}(${args.map((arg) => repr(arg, within)).join(', ')})`;
    return value.message ? `${value.name}(${formatRepr(value.message)})` : `${value.name}()`;
  }
  const described = (value as { describe?: () => string }).describe;
  if (typeof described === 'function') return `<${described.call(value)}>`;
  return inspect(value, { breakLength: Infinity, depth: 2 });
}

/** Python's print(*values): each value formatted, joined by one space. */
export function formatPrint(values: readonly unknown[]): string {
  return values.length === 1 ? formatValue(values[0]) : values.map(formatValue).join(' ');
}
