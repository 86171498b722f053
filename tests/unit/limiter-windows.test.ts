import {
  countWindowViolations,
  idealCountAfter,
  idealCountWithin,
  maxInSlidingWindow,
  utilisation,
} from '../../src/limiter/index';

describe('sliding-window counting', () => {
  it('counts the fullest half-open window', () => {
    expect(maxInSlidingWindow([], 1000)).toBe(0);
    expect(maxInSlidingWindow([0, 999, 1000, 1001], 1000)).toBe(3); // (1, 1001] holds 999, 1000, 1001
    expect(maxInSlidingWindow([0, 1000, 2000], 1000)).toBe(1); // exactly one window apart never share one
    expect(maxInSlidingWindow([5, 1, 3, 2, 4], 10)).toBe(5); // order does not matter
  });

  it('counts each request that found its window already full', () => {
    expect(countWindowViolations([0, 100, 200], 1000, 3)).toBe(0);
    expect(countWindowViolations([0, 100, 200, 300], 1000, 3)).toBe(1);
    // A fixed window of 3 refilled at 1000: three at 900-999 and three at 1000-1001 are six in 1 s.
    expect(countWindowViolations([900, 950, 999, 1000, 1000.5, 1001], 1000, 3)).toBe(3);
    expect(countWindowViolations([0, 1, 2, 1000, 1001, 1002], 1000, 3)).toBe(0);
  });

  it('knows what a perfect limiter sends', () => {
    expect(idealCountWithin(0, [{ limit: 5, windowMs: 1000 }])).toBe(5);
    expect(idealCountWithin(999, [{ limit: 5, windowMs: 1000 }])).toBe(5);
    expect(idealCountWithin(1000, [{ limit: 5, windowMs: 1000 }])).toBe(10);
    // 5 a second and 12 in 3 s: 5 at 0, 5 at 1 s, 2 at 2 s, then 5 at 3 s (the window (0, 3] holds 7).
    const rules = [
      { limit: 5, windowMs: 1000 },
      { limit: 12, windowMs: 3000 },
    ];
    expect(idealCountWithin(2000, rules)).toBe(12);
    expect(idealCountWithin(3000, rules)).toBe(17);
    expect(utilisation([0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000], [{ limit: 5, windowMs: 1000 }])).toBe(1);
    expect(utilisation([0, 0, 0, 0, 0, 2000], [{ limit: 5, windowMs: 1000 }])).toBeCloseTo(6 / 15);
  });

  it('knows what a perfect limiter sends from the middle of a stream', () => {
    const rule = [{ limit: 5, windowMs: 1000 }];
    // Five at 0: nothing more before 1000, then five at 1000, five at 2000.
    expect(idealCountAfter([0, 0, 0, 0, 0], 500, 2500, rule)).toBe(10);
    // Spread history: each slot comes back one window after its own request.
    expect(idealCountAfter([100, 300, 500, 700, 900], 1000, 1500, rule)).toBe(3); // 1100, 1300, 1500
    expect(idealCountAfter([], 1000, 1000, rule)).toBe(5);
    expect(idealCountAfter([0, 0, 0, 0, 0], 500, 2500, rule)).toBe(idealCountWithin(2000, rule) - 5);
  });
});
