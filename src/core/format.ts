/**
 * How `print` turns values into text: Python's rules, JavaScript's values.
 * Top-level strings print raw; inside containers they print quoted ('a'), as in
 * Python's print(list). `undefined` prints as `undefined` (the seeds' `None`).
 */
import { inspect } from 'node:util';

export function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : formatRepr(value);
}

export function formatRepr(value: unknown): string {
  return repr(value, []);
}

/** `within`: the arrays being printed around this value; one seen again is a cycle, `[...]` as in Python. */
function repr(value: unknown, within: unknown[]): string {
  switch (typeof value) {
    case 'string':
      return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    case 'number':
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
