import { describe, expect, it } from 'vitest';
import { lineKey } from '../../../src/domain/lines.ts';
import { setStock } from '../../../src/domain/stock.ts';
import { ctxAt, L, P1, P2, STAFF } from './support/fixtures.ts';

const NOW = 5000;
const b = (q: number) => L(P1, 'BLACK', 'T2', q);
const v = (q: number) => L(P2, 'GR.W', 'L/XL', q);
const kb = lineKey(b(0));
const kv = lineKey(v(0));

describe('setStock', () => {
  it('writes each changed SKU as an increment from the quantity read, with its ledger entry', () => {
    const r = setStock([b(150), v(2)], { [kb]: 40, [kv]: 2 }, 'import', { ...ctxAt(NOW), importId: 'imp-1' });
    expect(r.changes).toEqual([{ skuId: kb, before: 40, after: 150 }]);
    expect(r.patch).toEqual({
      [`stock/${kb}/qty`]: { '.sv': { increment: 110 } },
      [`stock/${kb}/productId`]: P1,
      [`stock/${kb}/color`]: 'BLACK',
      [`stock/${kb}/size`]: 'T2',
      [`stock/${kb}/updatedAt`]: NOW,
      [`stock/${kb}/ledgerId`]: 'id-1',
      'stockLedger/id-1': { skuId: kb, reason: 'import', before: 40, delta: 110, actor: STAFF, at: NOW, importId: 'imp-1' },
      [`stockBands/${kb}`]: 'in', // what retailers see of 150 pieces
    });
  });

  it.each<[string, Parameters<typeof setStock>[0], Record<string, number>, boolean, Record<string, number>]>([
    ['sums duplicate rows (the original kept the maximum)', [b(3), b(4)], {}, false, { [kb]: 7 }],
    ['keeps quantities of 100 and more (the original dropped them)', [b(100), v(12345)], {}, false, { [kb]: 100, [kv]: 12345 }],
    ['a full import zeroes SKUs it does not list', [b(1)], { [kb]: 5, [kv]: 9 }, true, { [kb]: 1, [kv]: 0 }],
    ['a partial adjustment leaves other SKUs alone', [b(1)], { [kb]: 5, [kv]: 9 }, false, { [kb]: 1 }],
    ['unchanged quantities write nothing', [b(5)], { [kb]: 5 }, false, {}],
  ])('%s', (_n, rows, current, zeroMissing, after) => {
    const r = setStock(rows, current, 'import', { ...ctxAt(NOW), zeroMissing, importId: 'imp-1' });
    expect(Object.fromEntries(r.changes.map((c) => [c.skuId, c.after]))).toEqual(after);
    expect(Object.keys(r.patch).filter((k) => k.endsWith('/qty'))).toHaveLength(Object.keys(after).length);
  });

  it.each([-1, 1.5, Number.NaN, 2e9])('refuses quantity %d naming the row', (q) => {
    expect(() => setStock([b(1), b(q)], {}, 'adjust', ctxAt(NOW))).toThrow('rows[1].qty must be a whole number between 0 and 1000000000');
  });

  it('an import names its stockImports record, and only an import does', () => {
    expect(() => setStock([b(1)], {}, 'import', ctxAt(NOW))).toThrow('importId an import names its stockImports record');
    expect(() => setStock([b(1)], {}, 'adjust', { ...ctxAt(NOW), note: 'recount', importId: 'imp-1' })).toThrow('importId only an import names a stockImports record');
  });

  it('records a note on adjustments', () => {
    const r = setStock([b(2)], { [kb]: 3 }, 'adjust', { ...ctxAt(NOW), note: 'damaged' });
    expect(r.patch['stockLedger/id-1']).toEqual({ skuId: kb, reason: 'adjust', before: 3, delta: -1, actor: STAFF, at: NOW, note: 'damaged' });
  });
});
