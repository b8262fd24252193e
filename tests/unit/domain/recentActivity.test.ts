import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../src/domain/patch.ts';
import { nextLocalDay, RECENT_CAP, recentSince, recentTally, startOfLocalDay } from '../../../src/domain/recentActivity.ts';

/** Local wall-clock times (whatever the machine's time zone): the functions work in local days. */
const local = (y: number, m: number, d: number, h = 0, min = 0): number => new Date(y, m - 1, d, h, min).getTime();

describe("Home's recent-activity windows", () => {
  it.each<[string, number, number]>([
    ['mid-morning', local(2026, 3, 14, 10, 30), local(2026, 3, 14)],
    ['just after midnight', local(2026, 3, 14, 0, 1), local(2026, 3, 14)],
    ['just before midnight', local(2026, 3, 14, 23, 59), local(2026, 3, 14)],
    ['on the first of a month', local(2026, 1, 1, 12), local(2026, 1, 1)],
  ])('"today" starts at 00:00 local time (%s)', (_name, clock, start) => {
    expect(startOfLocalDay(clock)).toBe(start);
    expect(recentSince('sent', clock)).toBe(start);
    expect(nextLocalDay(clock)).toBe(new Date(new Date(start).setDate(new Date(start).getDate() + 1)).getTime());
    expect(nextLocalDay(clock)).toBeGreaterThan(clock);
  });

  it('"this week" is the last 7 days, rolling, for deleted and expired', () => {
    const clock = local(2026, 3, 14, 10, 30);
    expect(recentSince('deleted', clock)).toBe(clock - 7 * DAY_MS);
    expect(recentSince('expired', clock)).toBe(clock - 7 * DAY_MS);
  });
});

describe('capped recent tiles', () => {
  it.each([
    [0, 0],
    [1, 1],
    [RECENT_CAP - 1, RECENT_CAP - 1],
    [RECENT_CAP, { atLeast: RECENT_CAP }],
  ])('%s records read with the cap show %j', (found, want) => {
    expect(recentTally(found)).toEqual(want);
  });
});
