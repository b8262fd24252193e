import { describe, expect, it } from 'vitest';
import { skuId } from '../../../src/domain/ids.ts';
import { collectionSource, readStoredSnapshot, resumeFrom, saveDelay, snapshotKey, toStoredSnapshot, withChanges } from '../../../src/domain/snapshot.ts';
import type { LedgerId, ProductId, StockRecord } from '../../../src/domain/types.ts';
import { stockSchema } from '../../../src/domain/validate.ts';

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
