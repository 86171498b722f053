import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Clock, getClockOffsetMs, offsetFromDateHeader, setClockOffsetMs } from '../../src/clock';
import { InvalidRequestError, beijingTimestamp } from '../../src/index';

// Instant → Beijing wall time, across day, month, year and leap-day boundaries and US DST.
const CASES: Array<[string, string]> = [
  ['2026-01-01T00:30:00Z', '2026-01-01 08:30:00'],
  ['2025-12-31T15:59:59Z', '2025-12-31 23:59:59'],
  ['2025-12-31T16:00:00Z', '2026-01-01 00:00:00'],
  ['2026-06-30T16:00:00.999Z', '2026-07-01 00:00:00'],
  ['2026-03-08T10:30:00Z', '2026-03-08 18:30:00'],
  ['2028-02-28T16:00:00Z', '2028-02-29 00:00:00'],
  ['2026-11-23T23:59:59Z', '2026-11-24 07:59:59'],
];

// Expected host offsets (minutes, as getTimezoneOffset gives them) on 2026-01-01.
const ZONES: Array<[string, number]> = [
  ['UTC', 0],
  ['America/Los_Angeles', 480],
  ['Asia/Shanghai', -480],
  ['Pacific/Kiritimati', -840],
];

describe('beijingTimestamp under every host time zone', () => {
  it.each(ZONES)('gives Beijing wall time under TZ=%s', (zone, hostOffset) => {
    const probe = join(__dirname, '..', 'support', 'clock-probe.ts');
    const output = execFileSync(process.execPath, ['--import', 'tsx', probe, ...CASES.map(([iso]) => iso)], {
      env: { ...process.env, TZ: zone },
      encoding: 'utf8',
    });
    const result = JSON.parse(output) as { tz: string; hostOffsetMinutes: number; timestamps: string[] };
    expect(result.tz).toBe(zone);
    expect(result.hostOffsetMinutes).toBe(hostOffset);
    expect(result.timestamps).toEqual(CASES.map(([, beijing]) => beijing));
  });

  it.each(CASES)('in this process too: %s → %s', (iso, beijing) => {
    expect(beijingTimestamp(new Date(iso))).toBe(beijing);
  });

  it('rejects an invalid date', () => {
    expect(() => beijingTimestamp(new Date('nope'))).toThrow(InvalidRequestError);
  });
});

describe('clock offset', () => {
  afterEach(() => {
    setClockOffsetMs(0);
    jest.useRealTimers();
  });

  it('shifts the next timestamps of the default clock', () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:30:00Z') });
    expect(beijingTimestamp()).toBe('2026-01-01 08:30:00');
    setClockOffsetMs(90_000);
    expect(getClockOffsetMs()).toBe(90_000);
    expect(beijingTimestamp()).toBe('2026-01-01 08:31:30');
    setClockOffsetMs(-3_600_000);
    expect(beijingTimestamp()).toBe('2026-01-01 07:30:00');
  });

  it('follows the time as it passes (the per-second cache expires)', () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:30:00.900Z') });
    const clock = new Clock();
    expect(clock.timestamp()).toBe('2026-01-01 08:30:00');
    jest.advanceTimersByTime(100);
    expect(clock.timestamp()).toBe('2026-01-01 08:30:01');
  });

  it('keeps each clock separate and rejects a non-finite offset', () => {
    const clock = new Clock();
    clock.setOffsetMs(5_000);
    expect(getClockOffsetMs()).toBe(0);
    expect(() => clock.setOffsetMs(Number.NaN)).toThrow(InvalidRequestError);
  });

  it('derives the offset from a server Date header against the request midpoint', () => {
    const sent = Date.parse('2026-01-01T00:00:00.000Z');
    const received = sent + 200;
    // The server says 00:02:00 (its true time within that second: +500 ms on average).
    expect(offsetFromDateHeader('Thu, 01 Jan 2026 00:02:00 GMT', sent, received)).toBe(120_000 + 500 - 100);
    expect(offsetFromDateHeader(undefined, sent, received)).toBeUndefined();
    expect(offsetFromDateHeader('garbage', sent, received)).toBeUndefined();
  });
});
