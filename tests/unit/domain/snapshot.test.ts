import { describe, expect, it } from 'vitest';
import { skuId } from '../../../src/domain/ids.ts';
import { DAY_MS } from '../../../src/domain/patch.ts';
import { CLOCK_MARGIN_MS, collectionSource, GONE_KEEP_DAYS, goneTrimMax, readStoredSnapshot, resumeFrom, resumeWithRemovalsFrom, saveDelay, snapshotKey, toStoredSnapshot, withChanges } from '../../../src/domain/snapshot.ts';
import type { LedgerId, PartyId, PendingRecord, ProductId, StockRecord, Uid } from '../../../src/domain/types.ts';
import { storeRecord } from '../../../src/domain/orderRecords.ts';
import { pendingSchema, stockSchema } from '../../../src/domain/validate.ts';

const rec = (qty: number): StockRecord => ({ productId: 'P-TEE' as ProductId, color: 'RED', size: 'M', qty, updatedAt: 5, ledgerId: 'l1' as LedgerId });
const ITEMS = new Map<string, StockRecord>([
  [skuId('P-TEE', 'RED', 'M'), rec(120)],
  [skuId('P-TEE', 'RED', 'S'), { ...rec(0), size: 'S' }],
]);

describe('stored snapshots', () => {
  it('round-trips the validated records with their owner, path and time', () => {
    const stored = structuredClone(toStoredSnapshot('uid-a', 'stock', 1_000, ITEMS));
    expect(stored).toMatchObject({ uid: 'uid-a', path: 'stock', savedAt: 1_000 });
    const back = readStoredSnapshot(stored, 'uid-a', 'stock', stockSchema);
    expect(back?.savedAt).toBe(1_000);
    expect(back?.items).toEqual(ITEMS);
  });

  it("never returns another user's copy, nor a copy of another path", () => {
    const stored = toStoredSnapshot('uid-a', 'stock', 1_000, ITEMS);
    expect(readStoredSnapshot(stored, 'uid-b', 'stock', stockSchema)).toBeNull();
    expect(readStoredSnapshot(stored, 'uid-a', 'catalog', stockSchema)).toBeNull();
    expect(snapshotKey('uid-a', 'stock')).not.toBe(snapshotKey('uid-b', 'stock'));
    expect(snapshotKey('uid-a', 'stock')).not.toBe(snapshotKey('uid-a', 'catalog'));
  });

  it('drops records that fail their schema and refuses malformed copies', () => {
    const stored = toStoredSnapshot('u', 'stock', 7, ITEMS);
    const damaged = { ...stored, records: { ...stored.records, bad: { ...rec(1), qty: -3 }, worse: 'text' } };
    expect([...(readStoredSnapshot(damaged, 'u', 'stock', stockSchema)?.items.keys() ?? [])]).toEqual([...ITEMS.keys()]);
    for (const raw of [undefined, null, 'x', { ...stored, savedAt: 'yesterday' }, { ...stored, savedAt: Number.NaN }, { ...stored, records: null }, { ...stored, records: [] }]) {
      expect(readStoredSnapshot(raw, 'u', 'stock', stockSchema)).toBeNull();
    }
  });
});

describe('collectionSource', () => {
  it('gives the saved copy only while live is loading or the connection is down, never over a denial', () => {
    expect(collectionSource('loading', true, true)).toBe('saved');
    expect(collectionSource('loading', true, false)).toBe('saved');
    expect(collectionSource('ready', true, false)).toBe('saved');
    expect(collectionSource('ready', true, true)).toBe('live');
    expect(collectionSource('denied', true, false)).toBe('live');
    expect(collectionSource('loading', false, false)).toBe('live');
    expect(collectionSource('ready', false, false)).toBe('live');
  });
});

describe('saveDelay', () => {
  it('writes the first copy at once, then at most once per gap', () => {
    expect(saveDelay(10_000, null, 3_000)).toBe(0);
    expect(saveDelay(10_000, 9_000, 3_000)).toBe(2_000);
    expect(saveDelay(10_000, 7_000, 3_000)).toBe(0);
    expect(saveDelay(10_000, 1_000, 3_000)).toBe(0);
  });
});

describe('resuming a stamped collection from its saved copy', () => {
  const at = (t: number) => ({ updatedAt: t });
  it.each([
    ['an empty copy: read it whole', new Map<string, { updatedAt: number }>(), null],
    ['the newest stamp', new Map([['a', at(5)], ['b', at(9)], ['c', at(7)]]), 9],
    ['a stamp that is not a number is skipped', new Map([['a', at(Number.NaN)], ['b', at(3)]]), 3],
  ])('%s', (_what, items, want) => {
    expect(resumeFrom(items, (r) => r.updatedAt)).toBe(want);
  });

  it('lays the changes over the copy by key, keeping the rest', () => {
    const base = new Map([['a', 1], ['b', 2]]);
    expect([...withChanges(base, new Map([['b', 20], ['c', 3]]))]).toEqual([['a', 1], ['b', 20], ['c', 3]]);
    expect(withChanges(base, new Map())).toBe(base);
    expect([...base]).toEqual([['a', 1], ['b', 2]]);
  });
});

describe('resuming a collection whose removals leave tombstones (pending orders)', () => {
  type R = { v: string; updatedAt?: number };
  const r = (v: string, updatedAt?: number): R => (updatedAt === undefined ? { v } : { v, updatedAt });
  const stamp = (x: R): number | undefined => x.updatedAt;
  /** base + changed − gone, as sorted entries. */
  const merged = (base: [string, R][], changed: [string, R][], gone: [string, number][]): [string, string][] =>
    [...withChanges(new Map(base), new Map(changed), { gone: new Map(gone), stamp })].map(([k, x]): [string, string] => [k, x.v]).sort();

  it.each<[string, [string, R][], [string, R][], [string, number][], [string, string][]]>([
    ['a removed record goes', [['a', r('a', 10)], ['b', r('b', 12)]], [], [['a', 20]], [['b', 'b']]],
    ['a record changed, then removed, goes (the change query no longer holds it)', [['a', r('a', 10)]], [], [['a', 30]], []],
    ['a record removed and re-created after stays, as re-created', [['a', r('a-old', 10)]], [['a', r('a-new', 40)]], [['a', 30]], [['a', 'a-new']]],
    ['a stale tombstone of an earlier removal does not take a newer saved record', [['a', r('a', 50)]], [], [['a', 30]], [['a', 'a']]],
    ['a tombstone at the very millisecond of the record\'s stamp wins (the removal came after that change)', [['a', r('a', 30)]], [], [['a', 30]], []],
    ['a record without a stamp (stored before updatedAt) goes with any tombstone', [['a', r('a')]], [], [['a', 1]], []],
    ['a tombstone of a record the copy never had changes nothing', [['b', r('b', 5)]], [], [['zz', 9]], [['b', 'b']]],
    ['new and changed records are laid over the copy', [['a', r('a', 1)]], [['a', r('a2', 5)], ['c', r('c', 6)]], [], [['a', 'a2'], ['c', 'c']]],
  ])('%s', (_what, base, changed, gone, want) => {
    expect(merged(base, changed, gone)).toEqual(want);
  });

  it('with nothing changed and nothing removed, the copy itself', () => {
    const base = new Map([['a', r('a', 1)]]);
    expect(withChanges(base, new Map(), { gone: new Map(), stamp })).toBe(base);
  });

  const NOW = 1_800_000_000_000;
  const keep = GONE_KEEP_DAYS * DAY_MS;
  it.each<[string, Map<string, R>, number | null]>([
    ['no copy or an empty one: read it whole', new Map(), null],
    ['a copy whose records have no stamps: read it whole', new Map([['a', r('a')]]), null],
    ['a recent copy: from its newest stamp', new Map([['a', r('a', NOW - 5 * DAY_MS)], ['b', r('b', NOW - DAY_MS)]]), NOW - DAY_MS],
    ['a copy just inside the keep window (less the clock margin): resumed', new Map([['a', r('a', NOW - keep + CLOCK_MARGIN_MS)]]), NOW - keep + CLOCK_MARGIN_MS],
    ['a copy older than the keep window less the margin: tombstones may be trimmed, read it whole', new Map([['a', r('a', NOW - keep + CLOCK_MARGIN_MS - 1)]]), null],
    ['a copy of last year: read it whole', new Map([['a', r('a', NOW - 365 * DAY_MS)]]), null],
    ['a copy stamped up to the clock margin ahead of the server time estimate: resumed', new Map([['a', r('a', NOW + CLOCK_MARGIN_MS)]]), NOW + CLOCK_MARGIN_MS],
    ['a copy stamped further in the future (made-up times): read it whole', new Map([['a', r('a', NOW + CLOCK_MARGIN_MS + 1)]]), null],
  ])('%s', (_what, items, want) => {
    expect(resumeWithRemovalsFrom(items, stamp, NOW, GONE_KEEP_DAYS)).toBe(want);
  });

  it('the trim takes only tombstones older than the keep window plus the margin, so a copy resumed is never missing one', () => {
    expect(goneTrimMax(NOW)).toBe(NOW - keep - CLOCK_MARGIN_MS);
    // The oldest stamp a resumed copy can have is newer than anything the trim may have removed, with two margins to spare.
    expect(NOW - keep + CLOCK_MARGIN_MS - goneTrimMax(NOW)).toBe(2 * CLOCK_MARGIN_MS);
  });
});

describe('a saved copy of order records', () => {
  const line = { productId: 'P-TEE' as ProductId, color: 'RED', size: 'M', qty: 2 };
  const order: PendingRecord = { number: 'K1', partyId: 'party-a' as PartyId, partyName: 'ASHA', note: '', source: 'staff', createdAt: 1, createdBy: 'u1' as Uid, lines: [line], ordered: [line], picked: [{ ...line, qty: 1 }], updatedAt: 5 };
  const items = new Map([['o1', order]]);

  it('is stored as the database stores it (keyed lines), so it reads back through pendingSchema unchanged', () => {
    const stored = structuredClone(toStoredSnapshot('u1', 'orders', 10, items, storeRecord));
    expect(readStoredSnapshot(stored, 'u1', 'orders', pendingSchema)).toEqual({ savedAt: 10, items });
  });

  it('stored as parsed (line lists), every record would be dropped on reading back: the copy would be empty', () => {
    const stored = structuredClone(toStoredSnapshot('u1', 'orders', 10, items));
    expect(readStoredSnapshot(stored, 'u1', 'orders', pendingSchema)?.items.size).toBe(0);
  });
});
