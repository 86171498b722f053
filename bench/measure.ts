/** Small benchmarking helpers: interleaved rounds, median ops/s, so that two contenders share the same machine state. */

export interface Contender {
  name: string;
  run: () => unknown;
}

export interface Measurement {
  name: string;
  /** The median of the rounds. */
  opsPerSecond: number;
  /** Ops/s in each round, in round order (the same round of every contender ran back to back). */
  rates: number[];
}

// Keeps results alive so that the engine cannot drop the work as dead code.
let sink: unknown;
export function consume(value: unknown): void {
  sink = value;
}

/**
 * `wall`: elapsed time. `cpu`: the process's user + system CPU time, which leaves out the time spent
 * waiting for a core while other processes run: on a shared machine, a wall-clock batch of a
 * CPU-bound function measures the neighbours as much as the function.
 */
export type Clock = 'wall' | 'cpu';

function timeBatch(run: () => unknown, iterations: number, clock: Clock): number {
  if (clock === 'cpu') {
    const start = process.cpuUsage();
    for (let i = 0; i < iterations; i++) sink = run();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1e6;
  }
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink = run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Runs each contender in turn for `rounds` rounds of about `roundMs`, and reports the median rate. */
export function compare(
  contenders: Contender[],
  { rounds = 15, roundMs = 100, clock = 'wall' as Clock } = {},
): Measurement[] {
  const iterations = contenders.map((c) => {
    timeBatch(c.run, 2_000, clock); // warm-up
    const seconds = Math.max(timeBatch(c.run, 2_000, clock), 1e-4);
    return Math.max(1_000, Math.round((2_000 * roundMs) / 1000 / seconds));
  });
  const rates: number[][] = contenders.map(() => []);
  for (let round = 0; round < rounds; round++) {
    contenders.forEach((c, i) => {
      const n = iterations[i] as number;
      rates[i]?.push(n / timeBatch(c.run, n, clock));
    });
  }
  if (sink === Symbol.for('never')) console.log('unreachable');
  return contenders.map((c, i) => ({
    name: c.name,
    opsPerSecond: median(rates[i] as number[]),
    rates: rates[i] ?? [],
  }));
}

/**
 * How many times faster `a` is than `b`: the median over rounds of a's rate over b's rate in the
 * same round. Pairing the rounds cancels the drift of a shared machine's load, which moves both.
 */
export function pairedRatio(a: Measurement, b: Measurement): number {
  return median(a.rates.map((rate, i) => rate / (b.rates[i] as number)));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function formatRate(opsPerSecond: number): string {
  return `${Math.round(opsPerSecond).toLocaleString('en-US')} ops/s`;
}
