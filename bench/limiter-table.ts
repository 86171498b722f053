/** One way to judge an arrival log against two window rules, and to print such judgements as a table. */
import { countWindowViolations, maxInSlidingWindow, utilisation, type WindowRule } from '../src/limiter/index';
import type { Table } from './emit';

export interface WindowsRow {
  name: string;
  sent: number;
  maxQps: number;
  maxMinute: number;
  /** Requests that found their window already full, both windows counted. */
  violations: number;
  utilisation: number;
}

export function judge(name: string, arrivals: readonly number[], qps: WindowRule, minute: WindowRule): WindowsRow {
  return {
    name,
    sent: arrivals.length,
    maxQps: maxInSlidingWindow(arrivals, qps.windowMs),
    maxMinute: maxInSlidingWindow(arrivals, minute.windowMs),
    violations:
      countWindowViolations(arrivals, qps.windowMs, qps.limit) +
      countWindowViolations(arrivals, minute.windowMs, minute.limit),
    utilisation: utilisation(arrivals, [qps, minute]),
  };
}

export function windowsTable(title: string, rows: readonly WindowsRow[], qps: WindowRule, minute: WindowRule): Table {
  return {
    title,
    header: [
      'limiter',
      'sent',
      `max in ${qps.windowMs} ms`,
      `max in ${minute.windowMs} ms`,
      'violations',
      'utilisation',
    ],
    rows: rows.map((r) => [
      r.name,
      String(r.sent),
      `${r.maxQps} (limit ${qps.limit})`,
      `${r.maxMinute} (limit ${minute.limit})`,
      String(r.violations),
      `${(r.utilisation * 100).toFixed(1)}%`,
    ]),
  };
}
