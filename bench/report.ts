/**
 * results.json and RESULTS.md from the parts' results. The Markdown is also copied into the README
 * between the `bench:results` markers, so the README always shows the latest committed table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import type { PartResult, Table } from './emit';
import type { Machine } from './machine';

export interface PartOutcome {
  part: string;
  script: string;
  /** Present when the part ran and reported. */
  result?: PartResult;
  /** Why the part has no result (missing, failed, timed out). */
  failure?: string;
  seconds: number;
}

export interface RunResults {
  startedAt: string;
  seconds: number;
  machine: Machine;
  loadAverageAtEnd: [number, number, number];
  command: string;
  parts: PartOutcome[];
}

const escapeCell = (cell: string) => cell.replace(/\|/g, '\\|');

function markdownTable(table: Table): string {
  const lines = [
    `**${table.title}**`,
    '',
    `| ${table.header.map(escapeCell).join(' | ')} |`,
    `| ${table.header.map((_, i) => (i < (table.textColumns ?? 1) ? '---' : '---:')).join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/**
 * Every target of the run in one table: part, target, measured value, met or NOT met. A part that
 * did not report counts as NOT met (its targets were not checked).
 */
export function summaryTable(run: Pick<RunResults, 'parts'>): Table {
  const rows: string[][] = [];
  for (const part of run.parts) {
    if (!part.result) {
      rows.push([part.part, `every target of ${part.script}`, part.failure ?? 'no result', 'NOT met']);
      continue;
    }
    for (const t of part.result.targets) rows.push([part.part, t.what, t.value, t.met ? 'met' : 'NOT met']);
  }
  return { title: 'Targets of this run', header: ['part', 'target', 'measured', 'verdict'], rows, textColumns: 4 };
}

export function renderMarkdown(run: RunResults): string {
  const m = run.machine;
  const out: string[] = [
    `Measured ${run.startedAt} with \`${run.command}\` (${run.seconds.toFixed(0)} s in all) on ${m.cpu}, ` +
      `${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}, ${m.platform}. Load average at start ` +
      `${m.loadAverage.join(' / ')}, at end ${run.loadAverageAtEnd.join(' / ')} (1/5/15 min; the machine ` +
      'is shared, so absolute rates move with it; the ratios are measured side by side in one run).',
  ];
  out.push(markdownTable(summaryTable(run)));
  for (const part of run.parts) {
    if (!part.result) {
      out.push(`### ${part.part}\n\nNot measured: ${part.failure ?? 'no result'}.`);
      continue;
    }
    const r = part.result;
    out.push(`### ${r.title}`);
    for (const table of r.tables) out.push(markdownTable(table));
    const lines = [
      ...r.targets.map((t) => `- target ${t.what}: **${t.value}** — ${t.met ? 'met' : 'NOT met'}`),
      ...r.notes.map((n) => `- ${n}`),
    ];
    if (lines.length > 0) out.push(lines.join('\n'));
  }
  return `${out.join('\n\n')}\n`;
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Writes Markdown as the project's Prettier would, so that `prettier --check .` stays clean. */
export async function writeMarkdown(file: string, text: string): Promise<void> {
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
}

/** Replaces the README block between the markers; returns false when the markers are absent. */
export async function updateReadme(readmePath: string, markdown: string): Promise<boolean> {
  const text = readFileSync(readmePath, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return false;
  // Headings one level down: the README's section is "## Performance".
  const body = markdown.replace(/^### /gm, '#### ');
  await writeMarkdown(readmePath, `${text.slice(0, start + START.length)}\n\n${body}\n${text.slice(end)}`);
  return true;
}
