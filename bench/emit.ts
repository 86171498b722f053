/**
 * What each benchmark part hands to run-all: plain tables of already formatted cells, free-form
 * notes, and the raw numbers. A part prints its tables itself, and when run-all sets
 * BENCH_RESULT_FILE it also writes them there as JSON, so the parts can run as child processes and
 * still be collected into one results.json and one Markdown report.
 */
import { writeFileSync } from 'node:fs';

export interface Table {
  title: string;
  header: string[];
  rows: string[][];
  /** Leading columns aligned left in Markdown (default 1: the names; the others are numbers). */
  textColumns?: number;
}

export interface PartResult {
  part: string;
  title: string;
  tables: Table[];
  notes: string[];
  /** Targets checked in this part: what, the measured value, met or not. */
  targets: Array<{ what: string; value: string; met: boolean }>;
  /** Raw numbers for results.json. */
  data: unknown;
}

export function printTable(table: Table): void {
  const widths = table.header.map((h, i) => Math.max(h.length, ...table.rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  console.log(`\n${table.title}`);
  console.log(line(table.header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table.rows) console.log(line(row));
}

/** Prints the targets and notes, and writes the result for run-all when asked to. */
export function emit(result: PartResult): void {
  if (result.targets.length > 0) console.log('');
  for (const t of result.targets) console.log(`target ${t.what}: ${t.value} — ${t.met ? 'met' : 'NOT met'}`);
  for (const note of result.notes) console.log(`note: ${note}`);
  const file = process.env.BENCH_RESULT_FILE;
  if (file) writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}

export function ratio(value: number): string {
  return `${value.toFixed(2)}×`;
}
