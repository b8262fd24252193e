import { beforeEach, describe, expect, it } from 'vitest';
import { checkStock } from '../../../src/domain/conservation.ts';
import { skuId } from '../../../src/domain/ids.ts';
import { setStock } from '../../../src/domain/stock.ts';
import { importPatch, parseStockSheet, previewImport, type ParsedSheet } from '../../../src/domain/stockImport.ts';
import type { Product, Uid } from '../../../src/domain/types.ts';
import { ctxAt, STAFF } from './support/fixtures.ts';
import { readLedger, readStock } from './support/readBack.ts';
import { RulesDb } from './support/rulesDb.ts';

const CATALOG = new Map<string, Product>([['P-BRA', { name: 'Comfort Bra', sizes: ['32B', '34B'], colors: [{ code: 'BLK', name: 'Black', swatch: '#111' }], active: true }]]);
const B32 = skuId('P-BRA', 'BLK', '32B');
const B34 = skuId('P-BRA', 'BLK', '34B');
const sheet = (q32: number): ParsedSheet => {
  const r = parseStockSheet([['Product Name', 'CLS'], ['COMFORT BRA-1, BLACK, 32B', q32]], CATALOG);
  if ('message' in r) throw new Error(r.message);
  return r;
};

let db: RulesDb;
beforeEach(() => {
  db = new RulesDb();
  db.seed(`users/${STAFF}`, { name: 'Asha', email: 's@x.in', role: 'staff', status: 'active' });
  db.seed('users/ret-1', { name: 'R', email: 'r@x.in', role: 'retailer', status: 'active', partyId: 'party-1' });
  // Set-up as the owner: the tests below check what the rules allow.
  db.ownerUpdate(setStock([{ productId: 'P-BRA' as never, color: 'BLK', size: '34B', qty: 4 }], {}, 'adjust', { ...ctxAt(undefined, STAFF, 'seed'), note: 'opening stock' }).patch);
});

describe('stock import and adjustment through the rules file', () => {
  it('accepts an import patch by staff: stock equals the sheet, the ledger sums, the import is recorded', () => {
    const { patch } = importPatch(previewImport(sheet(150), readStock(db)), { actorName: 'Asha', file: 'a.xlsx', rows: 1 }, ctxAt(undefined, STAFF, 'imp'));
    expect(db.update(patch, STAFF)).toEqual({ ok: true });
    expect(readStock(db)).toEqual({ [B32]: 150, [B34]: 0 });
    expect(checkStock(readStock(db), readLedger(db))).toEqual([]);
    expect(db.get('stockImports/imp-1')).toMatchObject({ actor: STAFF, actorName: 'Asha', file: 'a.xlsx', added: 1, removed: 1 });
  });

  it('refuses a stale import whole (a bill changed a SKU after the preview)', () => {
    const preview = previewImport(sheet(150), readStock(db));
    expect(db.update(setStock([{ productId: 'P-BRA' as never, color: 'BLK', size: '34B', qty: 3 }], readStock(db), 'adjust', { ...ctxAt(undefined, STAFF, 'adj'), note: 'sold' }).patch, STAFF)).toEqual({ ok: true });
    const before = structuredClone(db.data);
    expect(db.update(importPatch(preview, { actorName: 'Asha', file: 'a.xlsx', rows: 1 }, ctxAt(undefined, STAFF, 'imp')).patch, STAFF)).toMatchObject({ ok: false });
    expect(db.data).toEqual(before);
  });

  it.each<[string, (p: Record<string, unknown>) => void, string]>([
    ['a forged actor name', (p) => ((p['stockImports/imp-1'] as Record<string, unknown>)['actorName'] = 'Boss'), STAFF],
    ['an unknown field', (p) => ((p['stockImports/imp-1'] as Record<string, unknown>)['extra'] = 1), STAFF],
    ['a retailer', () => undefined, 'ret-1'],
  ])('refuses an import with %s', (_n, spoil, uid) => {
    const { patch } = importPatch(previewImport(sheet(150), readStock(db)), { actorName: 'Asha', file: 'a.xlsx', rows: 1 }, ctxAt(undefined, uid as Uid, 'imp'));
    spoil(patch);
    expect(db.update(patch, uid)).toMatchObject({ ok: false });
  });

  it('refuses an adjustment without a reason, accepts it with one', () => {
    const rows = [{ productId: 'P-BRA' as never, color: 'BLK', size: '34B', qty: 9 }];
    expect(db.update(setStock(rows, readStock(db), 'adjust', ctxAt(undefined, STAFF, 'a')).patch, STAFF)).toMatchObject({ ok: false, reason: expect.stringContaining('reason') as unknown });
    expect(db.update(setStock(rows, readStock(db), 'adjust', { ...ctxAt(undefined, STAFF, 'b'), note: '  ' }).patch, STAFF)).toMatchObject({ ok: false });
    expect(db.update(setStock(rows, readStock(db), 'adjust', { ...ctxAt(undefined, STAFF, 'c'), note: 'recount' }).patch, STAFF)).toEqual({ ok: true });
    expect(readStock(db)[B34]).toBe(9);
  });
});
