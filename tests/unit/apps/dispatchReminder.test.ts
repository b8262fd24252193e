import { describe, expect, it } from 'vitest';
import type { DispatchPending } from '../../../src/domain/delivery.ts';
import { reminderText } from '../../../src/distributor/screens/sent/dispatchReminder.ts';

const due = (n: number): DispatchPending[] => Array.from({ length: n }, (_, i) => ({ number: `K${i + 1}`, partyName: `P${i + 1}`, days: 2 }) as DispatchPending);

describe('the daily reminder text', () => {
  it.each([
    ['a few, all read', 2, false, /^Dispatch pending \(2\): K1 P1 \(2 days\), K2 P2 \(2 days\)\. Mark/],
    ['more than five, all read', 7, false, /^Dispatch pending \(7\): .*K5 P5 \(2 days\) and 2 more\. Mark/],
    ['the read stopped at its limit: "+" and "or more"', 25, true, /^Dispatch pending \(25\+\): .* and 20 or more others\. Mark/],
    ['few due but the read was cut', 3, true, /^Dispatch pending \(3\+\): .*K3 P3 \(2 days\) and possibly more\. Mark/],
  ])('%s', (_what, n, isCapped, want) => {
    expect(reminderText(due(n), isCapped)).toMatch(want);
  });
});
