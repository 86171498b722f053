/** memoryDedupe: the two states, their lifetimes, and the size bound. */
import { memoryDedupe } from '../../../src/messages/index';

describe('memoryDedupe', () => {
  let now = 1_000;
  const clock = () => now;

  it('claims once, stays processing until done or abandoned, done until the TTL', async () => {
    const dedupe = memoryDedupe({ ttlMs: 1_000, processingMs: 100, now: clock });
    expect(await dedupe.begin('a')).toBe('new');
    expect(await dedupe.begin('a')).toBe('processing');
    await dedupe.abandon('a');
    expect(await dedupe.begin('a')).toBe('new');
    await dedupe.complete('a');
    await dedupe.abandon('a'); // a done id is not dropped by a late abandon
    now += 999;
    expect(await dedupe.begin('a')).toBe('done');
    now += 2;
    expect(await dedupe.begin('a')).toBe('new');
  });

  it('a claim lapses after processingMs', async () => {
    const dedupe = memoryDedupe({ processingMs: 100, now: clock });
    expect(await dedupe.begin('b')).toBe('new');
    now += 101;
    expect(await dedupe.begin('b')).toBe('new');
  });

  it('keeps at most maxEntries ids, dropping the oldest', async () => {
    const dedupe = memoryDedupe({ maxEntries: 2, now: clock });
    for (const id of ['x', 'y', 'z']) {
      await dedupe.begin(id);
      await dedupe.complete(id);
    }
    expect(await dedupe.begin('z')).toBe('done');
    expect(await dedupe.begin('x')).toBe('new');
  });

  it('refuses nonsense settings', () => {
    expect(() => memoryDedupe({ ttlMs: 0 })).toThrow(/ttlMs/);
    expect(() => memoryDedupe({ maxEntries: 1.5 })).toThrow(/maxEntries/);
  });
});
