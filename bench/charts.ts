/**
 * The SVG charts of `npm run bench`, drawn from the parts' raw data (svg.ts, no charting library):
 * - bench/chart-limiter-windows.svg: for open1688, Bottleneck's reservoir and p-throttle under the
 *   same burst (limiter.ts), the calls in the sliding window that ends at each request, against the
 *   limit: one bar a request, red when the window holds more than the limit;
 * - bench/chart-e2e.svg: calls per second and client CPU per call, open1688 next to the peers, at
 *   each concurrency (e2e.ts's `data`, read through `e2eChartData`, the one place that knows its shape);
 * - bench/chart-signing.svg: signing ops per CPU second, open1688's md5 next to its raw digest and
 *   the peer SDKs, for each parameter set (sign-peers.ts).
 * A chart is only rewritten when its part reported in this run, so a partial run keeps the others.
 * `tsx bench/charts.ts` redraws them from bench/results.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PartOutcome, RunResults } from './report';
import { Svg, ticks } from './svg';

const OK = '#4c78a8';
const OVER = '#d62728';
const INK = '#222';
const GRID = '#e3e3e3';

// ---------------------------------------------------------------------------------------------
// Calls in each sliding window, against the limit.

interface WindowRule {
  limit: number;
  windowMs: number;
}

interface LimiterData {
  limits: { qps: WindowRule; minute: WindowRule };
  arrivals: Record<string, number[]>;
}

/** Contenders shown, in order: ours and the two peers people reach for first. */
const WINDOW_CONTENDERS = [
  'open1688 (sliding windows)',
  'Bottleneck reservoir + refresh',
  'p-throttle',
  'p-throttle (strict)',
];

/** For each arrival, the arrivals in the window (t - W, t] that ends with it. */
function windowCounts(arrivals: readonly number[], windowMs: number): number[] {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let start = 0;
  return sorted.map((t, i) => {
    while ((sorted[start] as number) <= t - windowMs) start++;
    return i - start + 1;
  });
}

export function limiterWindowsChart(data: LimiterData): string | undefined {
  const names = WINDOW_CONTENDERS.filter((name) => data.arrivals[name] !== undefined);
  if (names.length === 0) return undefined;
  const rules = [data.limits.qps, data.limits.minute];
  const panelWidth = 430;
  const panelHeight = 120;
  const left = 60;
  const top = 70;
  const gapX = 50;
  const gapY = 58;
  const width = left + rules.length * panelWidth + (rules.length - 1) * gapX + 20;
  const height = top + names.length * (panelHeight + gapY) + 24;
  const svg = new Svg(width, height);
  svg.text(left, 24, 'Calls in the sliding window ending at each request, one burst of the same calls', {
    size: 16,
    weight: 'bold',
  });
  svg.rect(left, 38, 12, 12, OK).text(left + 18, 48, 'within the limit', { size: 12 });
  svg.rect(left + 130, 38, 12, 12, OVER).text(left + 148, 48, 'over the limit (a violation)', { size: 12 });
  svg.line(left + 330, 44, left + 360, 44, INK, { dash: '5 3', width: 1.5 }).text(left + 366, 48, 'the limit', {
    size: 12,
  });
  const endMs = Math.max(...names.flatMap((name) => data.arrivals[name] ?? [0])) + 200;
  rules.forEach((rule, column) => {
    const counts = names.map((name) => windowCounts(data.arrivals[name] ?? [], rule.windowMs));
    const yMax = Math.max(rule.limit + 2, ...counts.flat()) + 1;
    const x0 = left + column * (panelWidth + gapX);
    names.forEach((name, row) => {
      const y0 = top + row * (panelHeight + gapY) + 36;
      const x = (ms: number) => x0 + (ms / endMs) * panelWidth;
      const y = (count: number) => y0 + panelHeight - (count / yMax) * panelHeight;
      const rowCounts = counts[row] as number[];
      const over = rowCounts.filter((c) => c > rule.limit).length;
      const most = Math.max(0, ...rowCounts);
      svg.text(x0, y0 - 8, `${name}: at most ${most} in ${rule.windowMs} ms, ${over} over`, {
        size: 12,
        weight: 'bold',
        fill: over > 0 ? OVER : INK,
      });
      for (const value of ticks(yMax, 4)) {
        svg.line(x0, y(value), x0 + panelWidth, y(value), GRID);
        svg.text(x0 - 6, y(value) + 4, String(value), { size: 10, anchor: 'end', fill: '#555' });
      }
      const sorted = [...(data.arrivals[name] ?? [])].sort((a, b) => a - b);
      sorted.forEach((t, i) => {
        const count = rowCounts[i] as number;
        const fill = count > rule.limit ? OVER : OK;
        svg.rect(
          x(t) - 1.5,
          y(count),
          3,
          y0 + panelHeight - y(count),
          fill,
          `${t.toFixed(0)} ms: ${count} in the window`,
        );
      });
      svg.line(x0, y(rule.limit), x0 + panelWidth, y(rule.limit), INK, { dash: '5 3', width: 1.5 });
      svg.text(x0 + panelWidth, y(rule.limit) - 4, `limit ${rule.limit}`, { size: 10, anchor: 'end' });
      svg.line(x0, y0 + panelHeight, x0 + panelWidth, y0 + panelHeight, INK);
      if (row === names.length - 1) {
        for (const value of ticks(endMs, 5)) {
          svg.text(x(value), y0 + panelHeight + 14, `${value / 1000} s`, { size: 10, anchor: 'middle', fill: '#555' });
        }
      }
    });
    svg.text(x0 + panelWidth / 2, top, `window ${rule.windowMs} ms, limit ${rule.limit}`, {
      size: 13,
      anchor: 'middle',
      weight: 'bold',
    });
  });
  return svg.toString();
}

// ---------------------------------------------------------------------------------------------
// Horizontal grouped bars: one group a contender, one bar a series.

interface BarGroup {
  label: string;
  values: Array<number | undefined>;
}

interface BarPanel {
  title: string;
  unit: string;
  groups: BarGroup[];
}

const SERIES_COLOURS = ['#9ecae9', '#3182bd', '#08519c'];

function barPanels(title: string, series: string[], panels: BarPanel[], highlight: (label: string) => boolean): string {
  // About 7 px a character at 12 px, whatever sans-serif font the viewer substitutes.
  const longest = Math.max(...panels.flatMap((p) => p.groups.map((g) => g.label.length)));
  const labelWidth = Math.max(160, longest * 7 + 20);
  const panelWidth = 330;
  const barHeight = 13;
  const groupGap = 10;
  const groups = Math.max(...panels.map((p) => p.groups.length));
  const groupHeight = series.length * barHeight + groupGap;
  const top = 76;
  const width = labelWidth + panels.length * (panelWidth + 90) + 10;
  const height = top + groups * groupHeight + 40;
  const svg = new Svg(width, height);
  svg.text(10, 24, title, { size: 16, weight: 'bold' });
  series.forEach((name, i) => {
    svg.rect(10 + i * 150, 36, 12, 12, SERIES_COLOURS[i] as string).text(28 + i * 150, 46, name, { size: 12 });
  });
  panels.forEach((panel, p) => {
    const x0 = labelWidth + p * (panelWidth + 90);
    const max = Math.max(...panel.groups.flatMap((g) => g.values.filter((v): v is number => v !== undefined)));
    const scale = (value: number) => (value / max) * panelWidth;
    svg.text(x0, top - 10, panel.title, { size: 13, weight: 'bold' });
    for (const value of ticks(max, 4)) {
      svg.line(x0 + scale(value), top, x0 + scale(value), top + groups * groupHeight, GRID);
      svg.text(x0 + scale(value), top + groups * groupHeight + 14, value.toLocaleString('en-US'), {
        size: 10,
        anchor: 'middle',
        fill: '#555',
      });
    }
    panel.groups.forEach((group, g) => {
      const y0 = top + g * groupHeight;
      if (p === 0) {
        svg.text(labelWidth - 10, y0 + (series.length * barHeight) / 2 + 4, group.label, {
          size: 12,
          anchor: 'end',
          weight: highlight(group.label) ? 'bold' : 'normal',
        });
      }
      group.values.forEach((value, s) => {
        if (value === undefined) return;
        const y = y0 + s * barHeight;
        svg.rect(
          x0,
          y,
          scale(value),
          barHeight - 2,
          SERIES_COLOURS[s] as string,
          `${group.label}, ${series[s]}: ${value}`,
        );
        svg.text(
          x0 + scale(value) + 4,
          y + barHeight - 3,
          `${Math.round(value).toLocaleString('en-US')} ${panel.unit}`,
          {
            size: 10,
            fill: '#333',
          },
        );
      });
    });
    svg.line(x0, top, x0, top + groups * groupHeight, INK);
  });
  return svg.toString();
}

interface E2EStats {
  callsPerSecond: number;
  cpuMicrosPerCall: number;
}

/**
 * The hook between e2e.ts and its chart: e2e.ts's `data` as `{ concurrency<N>: { <client>: { callsPerSecond,
 * cpuMicrosPerCall, … } } }`, or undefined when the part did not report in that shape (a chart is
 * then not drawn rather than drawn wrong).
 */
export function e2eChartData(data: unknown): Map<number, Map<string, E2EStats>> | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const out = new Map<number, Map<string, E2EStats>>();
  for (const [key, value] of Object.entries(data)) {
    const match = /^concurrency(\d+)$/.exec(key);
    if (!match || typeof value !== 'object' || value === null) continue;
    const clients = new Map<string, E2EStats>();
    for (const [name, stats] of Object.entries(value as Record<string, unknown>)) {
      const s = stats as Partial<E2EStats> | null;
      if (typeof s?.callsPerSecond === 'number' && typeof s.cpuMicrosPerCall === 'number') {
        clients.set(name, { callsPerSecond: s.callsPerSecond, cpuMicrosPerCall: s.cpuMicrosPerCall });
      }
    }
    if (clients.size > 0) out.set(Number(match[1]), clients);
  }
  return out.size > 0 ? out : undefined;
}

export function e2eChart(data: unknown): string | undefined {
  const byConcurrency = e2eChartData(data);
  if (byConcurrency === undefined) return undefined;
  const levels = [...byConcurrency.keys()].sort((a, b) => a - b);
  const names = [...new Set(levels.flatMap((c) => [...(byConcurrency.get(c)?.keys() ?? [])]))];
  const panel = (title: string, unit: string, pick: (s: E2EStats) => number): BarPanel => ({
    title,
    unit,
    groups: names.map((label) => ({
      label,
      values: levels.map((c) => {
        const stats = byConcurrency.get(c)?.get(label);
        return stats === undefined ? undefined : pick(stats);
      }),
    })),
  });
  return barPanels(
    'End to end against the sandbox: open1688 next to the peers',
    levels.map((c) => `concurrency ${c}`),
    [
      panel('calls per second (higher is better)', '/s', (s) => s.callsPerSecond),
      panel('client CPU per call, µs (lower is better)', 'µs', (s) => s.cpuMicrosPerCall),
    ],
    (label) => label.startsWith('open1688'),
  );
}

interface SigningData {
  sets: Array<{ set: string; measurements?: Array<{ name: string; opsPerSecond: number }> }>;
}

/** Signing ops/s: open1688's md5, its raw digest, its floor and the peers, per parameter set. */
export function signingChart(data: SigningData): string | undefined {
  const sets = data.sets.filter((s) => s.measurements !== undefined);
  if (sets.length === 0) return undefined;
  const wanted = (name: string) =>
    name === 'open1688 signTop md5' || name.startsWith('raw one-shot md5') || name.endsWith(' sign');
  const names = [...new Set(sets.flatMap((s) => (s.measurements ?? []).map((m) => m.name).filter(wanted)))];
  const value = (set: SigningData['sets'][number], name: string) =>
    set.measurements?.find((m) => m.name === name)?.opsPerSecond;
  return barPanels(
    'TOP md5 signing, ops per CPU second (higher is better)',
    sets.map((s) => s.set),
    [
      {
        title: 'signatures a second',
        unit: '/s',
        groups: names.map((label) => ({ label, values: sets.map((s) => value(s, label)) })),
      },
    ],
    (label) => label.startsWith('open1688'),
  );
}

// ---------------------------------------------------------------------------------------------

const CHARTS: Array<{ file: string; part: string; draw: (data: unknown) => string | undefined }> = [
  { file: 'bench/chart-limiter-windows.svg', part: 'limiter', draw: (d) => limiterWindowsChart(d as LimiterData) },
  { file: 'bench/chart-e2e.svg', part: 'e2e', draw: e2eChart },
  { file: 'bench/chart-signing.svg', part: 'peers', draw: (d) => signingChart(d as SigningData) },
];

/** Writes every chart whose part reported; returns the files written. */
export function writeCharts(parts: readonly PartOutcome[], root: string): string[] {
  const written: string[] = [];
  for (const chart of CHARTS) {
    const data = parts.find((p) => p.part === chart.part)?.result?.data;
    if (data === undefined) continue;
    let svg: string | undefined;
    try {
      svg = chart.draw(data);
    } catch (error) {
      console.error(`${chart.file}: not drawn: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (svg === undefined) continue;
    writeFileSync(path.join(root, chart.file), svg);
    written.push(chart.file);
  }
  return written;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const run = JSON.parse(readFileSync(path.join(root, 'bench/results.json'), 'utf8')) as RunResults;
  console.log(`wrote ${writeCharts(run.parts, root).join(', ') || 'nothing'}`);
}
