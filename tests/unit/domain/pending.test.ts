import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPIRY } from '../../../src/domain/lifecycle.ts';
import { lineKey } from '../../../src/domain/lines.ts';
import { DAY_MS } from '../../../src/domain/patch.ts';
import { parse } from '../../../src/domain/schema.ts';
import {
  ageLabel,
  clampQty,
  coverage,
  daysSince,
  deleteReason,
  DELETE_REASONS,
  expiryInfo,
  expiryLabel,
  expiryLevel,
  exportMarkSchema,
  filterByParties,
  groupItems,
  mergePicked,
  newestFirst,
  partiesOf,
  pickRows,
  pickTotals,
  sortByUrgency,
  summariseByParty,
  type PendingOrder,
} from '../../../src/domain/pending.ts';
import type { PartyId, PendingRecord, ProductId, SkuId } from '../../../src/domain/types.ts';
import { catalog, L, P1, P2, STAFF } from './support/fixtures.ts';

const T0 = 1_700_000_000_000;
const b = (q: number) => L(P1, 'BLACK', 'T2', q);
const s = (q: number) => L(P1, 'SKIN', 'T1', q);
const v = (q: number) => L(P2, 'GR.W', 'M', q);
const rec = (partyId: string, partyName: string, createdAt: number, lines = [b(2)], extra: Partial<PendingRecord> = {}): PendingRecord => ({
  number: 'K1',
  partyId: partyId as PartyId,
  partyName,
  note: '',
  source: 'staff',
  createdAt,
  createdBy: STAFF,
  lines,
  ordered: lines,
  ...extra,
});
const nameOf = (id: ProductId) => catalog[id]?.name ?? id;

describe('age and expiry', () => {
  it.each([
    [0, 0],
    [DAY_MS - 1, 0],
    [DAY_MS, 1],
    [10.5 * DAY_MS, 10],
    [-DAY_MS, 0], // a clock behind the server never shows a negative age
  ])('daysSince after %d ms is %d', (elapsed, days) => expect(daysSince(T0, T0 + elapsed)).toBe(days));

  it.each([
    [-3, 'expired'],
    [0, 'expired'],
    [1, 'critical'],
    [5, 'critical'],
    [6, 'warning'],
    [10, 'warning'],
    [11, 'normal'],
    [40, 'normal'],
  ] as const)('%d days left is %s', (days, level) => expect(expiryLevel(days)).toBe(level));

  it('counts days left to createdAt + afterDays, or to expiresAt when set, rounding partial days up', () => {
    const r = rec('a', 'A', T0);
    expect(expiryInfo(r, T0, DEFAULT_EXPIRY)).toEqual({ deadline: T0 + 40 * DAY_MS, daysLeft: 40, level: 'normal', progress: 1 });
    const late = expiryInfo(r, T0 + 35.5 * DAY_MS, DEFAULT_EXPIRY);
    expect(late.daysLeft).toBe(5);
    expect(late.level).toBe('critical');
    expect(late.progress).toBeCloseTo(4.5 / 40);
    expect(expiryInfo(r, T0 + 41 * DAY_MS, DEFAULT_EXPIRY)).toMatchObject({ daysLeft: -1, level: 'expired', progress: 0 });
    const reverted = rec('a', 'A', T0 - 60 * DAY_MS, [b(1)], { expiresAt: T0 + 8 * DAY_MS });
    expect(expiryInfo(reverted, T0, DEFAULT_EXPIRY)).toMatchObject({ deadline: T0 + 8 * DAY_MS, daysLeft: 8, level: 'warning' });
    expect(expiryInfo(r, T0, { afterDays: 10, graceDays: 2 }).daysLeft).toBe(10);
  });

  it('labels ages and days left', () => {
    expect([0, 1, 7].map(ageLabel)).toEqual(['today', '1 day ago', '7 days ago']);
    expect([-2, 0, 1, 9].map((d) => expiryLabel({ daysLeft: d }))).toEqual(['Expired', 'Expired', '1 day left', '9 days left']);
  });
});

describe('sorting, grouping and filtering', () => {
  const orders: PendingOrder[] = [
    { id: 'o1', record: rec('ravi', 'RAVI STORES', T0 + 2 * DAY_MS, [b(2), s(1)]) },
    { id: 'o2', record: rec('asha', 'ASHA TRADERS', T0 + 1 * DAY_MS, [v(4)]) },
    { id: 'o3', record: rec('ravi', 'RAVI STORES', T0 + 5 * DAY_MS, [b(3), v(1)]) },
    // Placed last but reverted with a near deadline: the most urgent.
    { id: 'o4', record: rec('asha', 'ASHA TRADERS', T0 + 6 * DAY_MS, [s(5)], { expiresAt: T0 + 3 * DAY_MS }) },
  ];

  it('sorts by urgency: earliest deadline first, then oldest', () => {
    expect(sortByUrgency(orders, DEFAULT_EXPIRY).map((o) => o.id)).toEqual(['o4', 'o2', 'o1', 'o3']);
    const same = [orders[0]!, { ...orders[0]!, id: 'o0' }];
    expect(sortByUrgency(same, DEFAULT_EXPIRY).map((o) => o.id)).toEqual(['o0', 'o1']);
  });

  it('lists newest first', () => expect(newestFirst(orders).map((o) => o.id)).toEqual(['o4', 'o3', 'o1', 'o2']));

  it('summarises one row per party: date range, unique items, total quantity, orders newest first', () => {
    expect(summariseByParty(orders, nameOf)).toEqual([
      { partyId: 'asha', partyName: 'ASHA TRADERS', from: T0 + DAY_MS, to: T0 + 6 * DAY_MS, items: ['Sports Vest', 'Classic Brief'], totalQty: 9, orders: [orders[3], orders[1]] },
      { partyId: 'ravi', partyName: 'RAVI STORES', from: T0 + 2 * DAY_MS, to: T0 + 5 * DAY_MS, items: ['Classic Brief', 'Sports Vest'], totalQty: 7, orders: [orders[2], orders[0]] },
    ]);
    expect(summariseByParty([], nameOf)).toEqual([]);
  });

  it('lists parties with their order counts by name, and filters by the selected ones', () => {
    expect(partiesOf(orders)).toEqual([
      { partyId: 'asha', name: 'ASHA TRADERS', orders: 2 },
      { partyId: 'ravi', name: 'RAVI STORES', orders: 2 },
    ]);
    expect(filterByParties(orders, null).map((o) => o.id)).toEqual(['o1', 'o2', 'o3', 'o4']);
    expect(filterByParties(orders, new Set(['asha'])).map((o) => o.id)).toEqual(['o2', 'o4']);
    expect(filterByParties(orders, new Set())).toEqual([]);
  });

  it('groups lines by product and colour with sizes as size/qty', () => {
    expect(groupItems([b(2), s(1), L(P1, 'BLACK', 'T3', 4), v(1)])).toEqual([
      { productId: P1, color: 'BLACK', sizes: 'T2/2, T3/4', qty: 6 },
      { productId: P1, color: 'SKIN', sizes: 'T1/1', qty: 1 },
      { productId: P2, color: 'GR.W', sizes: 'M/1', qty: 1 },
    ]);
  });
});

describe('picking', () => {
  it.each([
    [5, 5, 'enough'],
    [5, 9, 'enough'],
    [5, 4, 'partial'],
    [5, 1, 'partial'],
    [5, 0, 'none'],
  ] as const)('qty %d with stock %d is covered: %s', (qty, stock, c) => expect(coverage(qty, stock)).toBe(c));

  it('makes one row per pending line with its picked quantity (capped at the line) and coverage', () => {
    const stock: Partial<Record<SkuId, number>> = { [lineKey(b(1))]: 10, [lineKey(s(1))]: 1 };
    const rows = pickRows({ lines: [b(3), s(2), v(1)], picked: [b(2), s(5)] }, (k) => stock[k] ?? 0);
    expect(rows.map((r) => [r.line.size, r.picked, r.available, r.coverage])).toEqual([
      ['T2', 2, 10, 'enough'],
      ['T1', 2, 1, 'partial'],
      ['M', 0, 0, 'none'],
    ]);
    expect(rows[0]?.key).toBe(lineKey(b(1)));
  });

  it.each([
    [3, 5, 3],
    [7, 5, 5],
    [-1, 5, 0],
    [2.7, 5, 2],
    [Number.NaN, 5, 0],
    [Number.POSITIVE_INFINITY, 5, 0],
  ])('clampQty(%d, %d) = %d', (value, max, out) => expect(clampQty(value, max)).toBe(out));

  it('merges typed overrides into the saved picked lines, clamped, zeros dropped, lines not pending ignored', () => {
    const lines = [b(3), s(2)];
    expect(mergePicked(lines, [b(1), s(2)], new Map([[lineKey(b(1)), 9]]))).toEqual([b(3), s(2)]);
    expect(mergePicked(lines, [b(1), s(2)], new Map([[lineKey(s(1)), 0]]))).toEqual([b(1)]);
    expect(mergePicked(lines, [v(1)], new Map([[lineKey(v(1)), 1]]))).toEqual([]);
  });

  it('totals order, removed and pending', () => {
    expect(pickTotals([b(3), s(2)], [b(2)])).toEqual({ order: 5, removed: 2, pending: 3 });
    expect(pickTotals([b(3)], [b(5)])).toEqual({ order: 3, removed: 3, pending: 0 });
  });
});

describe('delete reason and export mark', () => {
  it('has the four presets of the original', () => expect(DELETE_REASONS).toHaveLength(4));

  it.each([
    [[], '', ''],
    [[], '   ', ''],
    [['Duplicate order'], '', 'Duplicate order'],
    [['Order placed by mistake', 'Duplicate order'], '', 'Order placed by mistake, Duplicate order'],
    [[], '  party  closed\nshop ', 'party closed shop'],
    [['Order cancelled by party'], 'phoned at 5', 'Order cancelled by party: phoned at 5'],
  ])('presets %j with text %j give %j', (presets, text, out) => expect(deleteReason(presets, text)).toBe(out));

  it('reads an export mark and refuses anything else', () => {
    expect(parse(exportMarkSchema, { at: T0, by: 'u1' }).ok).toBe(true);
    expect(parse(exportMarkSchema, { at: T0 }).ok).toBe(false);
    expect(parse(exportMarkSchema, { at: T0, by: 'u1', extra: 1 }).ok).toBe(false);
  });
});
