/** Small benchmarking helpers: interleaved rounds, median ops/s, so that two contenders share the same machine state. */

export interface Contender {
  name: string;
  run: () => unknown;
}

export interface Measurement {
  name: string;
  opsPerSecond: number;
}

// Keeps results alive so that the engine cannot drop the work as dead code.
let sink: unknown;
export function consume(value: unknown): void {
  sink = value;
}

function timeBatch(run: () => unknown, iterations: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink = run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Runs each contender in turn for `rounds` rounds of about `roundMs`, and reports the median rate. */
export function compare(contenders: Contender[], { rounds = 15, roundMs = 100 } = {}): Measurement[] {
  const iterations = contenders.map((c) => {
    timeBatch(c.run, 2_000); // warm-up
    const seconds = timeBatch(c.run, 2_000);
    return Math.max(1_000, Math.round((2_000 * roundMs) / 1000 / seconds));
  });
  const rates: number[][] = contenders.map(() => []);
  for (let round = 0; round < rounds; round++) {
    contenders.forEach((c, i) => {
      const n = iterations[i] as number;
      rates[i]?.push(n / timeBatch(c.run, n));
    });
  }
  if (sink === Symbol.for('never')) console.log('unreachable');
  return contenders.map((c, i) => ({ name: c.name, opsPerSecond: median(rates[i] as number[]) }));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function formatRate(opsPerSecond: number): string {
  return `${Math.round(opsPerSecond).toLocaleString('en-US')} ops/s`;
}
