/**
 * Pure counting over request logs: how many requests any sliding window saw, how many requests broke
 * a limit, and how many a perfect limiter could have sent. The tests and `bench/limiter.ts` judge
 * every limiter (ours and the peers) with these same functions.
 *
 * A window is half-open, `(t - windowMs, t]`: two requests exactly `windowMs` apart never share one.
 * The maximum over all windows is reached by a window that ends on a request, so it is enough to look
 * at the windows ending on each timestamp.
 */

export interface WindowRule {
  limit: number;
  windowMs: number;
}

function sorted(timestampsMs: readonly number[]): number[] {
  return [...timestampsMs].sort((a, b) => a - b);
}

/** For each request (in time order), how many requests the window ending on it holds, itself included. */
function windowCounts(timestampsMs: readonly number[], windowMs: number): number[] {
  const ts = sorted(timestampsMs);
  const counts: number[] = [];
  let first = 0;
  for (let i = 0; i < ts.length; i++) {
    const end = ts[i] as number;
    while ((ts[first] as number) <= end - windowMs) first++;
    counts.push(i - first + 1);
  }
  return counts;
}

/** The most requests that any sliding window of `windowMs` saw. */
export function maxInSlidingWindow(timestampsMs: readonly number[], windowMs: number): number {
  return windowCounts(timestampsMs, windowMs).reduce((max, count) => Math.max(max, count), 0);
}

/** How many requests arrived while the window ending on them already held `limit` others. */
export function countWindowViolations(timestampsMs: readonly number[], windowMs: number, limit: number): number {
  return windowCounts(timestampsMs, windowMs).filter((count) => count > limit).length;
}

/**
 * How many requests a perfect limiter (zero latency, exact sliding windows) starts in the closed span
 * `[0, spanMs]` when it has work from the first instant: each request goes at the earliest moment that
 * no rule forbids. Greedy is optimal here, so `sent / idealCountWithin(span)` is the utilisation.
 */
export function idealCountWithin(spanMs: number, rules: readonly WindowRule[]): number {
  return idealCountAfter([], 0, spanMs, rules);
}

/**
 * How many requests a perfect limiter starts in `[fromMs, toMs]` when the requests before `fromMs`
 * are those of `history` (they still fill their windows). It judges a stream from the middle: how
 * much of what the limits allowed after a moment (say, a crash) was used, whatever the phase of the
 * windows at that moment.
 */
export function idealCountAfter(
  history: readonly number[],
  fromMs: number,
  toMs: number,
  rules: readonly WindowRule[],
): number {
  const starts = sorted(history.filter((t) => t < fromMs));
  const before = starts.length;
  for (;;) {
    let next = fromMs;
    for (const { limit, windowMs } of rules) {
      const blocker = starts[starts.length - limit];
      if (blocker !== undefined) next = Math.max(next, blocker + windowMs);
    }
    if (next > toMs) return starts.length - before;
    starts.push(next);
  }
}

/** Sent requests over what a perfect limiter could have sent between the first and the last one. */
export function utilisation(timestampsMs: readonly number[], rules: readonly WindowRule[]): number {
  if (timestampsMs.length === 0) return 0;
  const ts = sorted(timestampsMs);
  const span = (ts[ts.length - 1] as number) - (ts[0] as number);
  return ts.length / idealCountWithin(span, rules);
}
