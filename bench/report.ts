/** One figure of a benchmark: printed as a table row by bench/run.ts. */
export interface Row {
  name: string;
  value: number;
  unit: string;
  /** The target, in words (`≥ 1.0`); rows with a target also say whether it is met. */
  target?: string;
  ok?: boolean;
}

/** CPU milliseconds this process has used so far (user + system): benchmarks compare CPU time, not wall time, on shared machines. */
export function cpuNowMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export function printRows(title: string, rows: readonly Row[]): void {
  process.stdout.write(`\n${title}\n`);
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const row of rows) {
    const value = Number.isFinite(row.value) ? (Math.abs(row.value) >= 100 ? row.value.toFixed(0) : row.value.toFixed(2)) : 'n/a';
    const verdict = row.target === undefined ? '' : `   target ${row.target}: ${row.ok ? 'met' : 'NOT MET'}`;
    process.stdout.write(`  ${row.name.padEnd(width)}  ${value.padStart(8)} ${row.unit}${verdict}\n`);
  }
}
