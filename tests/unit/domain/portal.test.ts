import { describe, expect, it } from 'vitest';
import { awaitingCount, awaitingMove, reorderLines, stockBand, type Availability } from '../../../src/domain/portal.ts';
import { fieldName, linesOverStock, parsePortalOrder, problemText } from '../../../src/domain/portalOrder.ts';
import { stockWrite } from '../../../src/domain/stock.ts';
import type { LedgerEntry, LedgerId, Line, OrderId, Product, ProductId, SkuId, Uid } from '../../../src/domain/types.ts';
import { lineKey } from '../../../src/domain/lines.ts';

const product: Product = { name: 'Classic Brief', sizes: ['S', 'M'], colors: [{ code: 'BLACK', name: 'Black', swatch: '#000' }], active: true };
const catalog: Record<string, Product> = { p1: product, off: { ...product, name: 'Old Vest', active: false } };
const L = (qty: unknown, productId = 'p1', size = 'S'): Line => ({ productId: productId as ProductId, color: 'BLACK', size, qty: qty as number });
const order = (over: Record<string, unknown> = {}) => ({ reference: '', note: '', lines: [L(5)], ...over });
const errorsOf = (input: unknown): string[] => {
  const r = parsePortalOrder(input, catalog);
  return r.ok ? [] : problemText(r.errors);
};

describe('parsePortalOrder: every bad input refused with a message naming the field', () => {
  it.each([
    ['quantity 0', order({ lines: [L(0)] }), 'Line 1 quantity'],
    ['a negative quantity', order({ lines: [L(-1)] }), 'Line 1 quantity'],
    ['a fractional quantity', order({ lines: [L(1.5)] }), 'Line 1 quantity'],
    ['above 100,000', order({ lines: [L(100_001)] }), 'Line 1 quantity'],
    ['two lines adding up above 100,000', order({ lines: [L(60_000), L(60_000)] }), 'Line 1 quantity'],
    ['an unknown product', order({ lines: [L(1, 'nope')] }), 'Line 1 product'],
    ['a removed product', order({ lines: [L(1, 'off')] }), 'Line 1 product'],
    ['a size the product lacks', order({ lines: [L(1, 'p1', 'XXL')] }), 'Line 1 size'],
    ['a note of 10,000 characters', order({ note: 'x'.repeat(10_000) }), 'Note'],
    ['HTML in the note', order({ note: '<script>alert(1)</script>' }), 'Note'],
    ['a reference of 41 characters', order({ reference: 'r'.repeat(41) }), 'Your reference'],
    ['HTML in the reference', order({ reference: '<b>x</b>' }), 'Your reference'],
    ['an empty cart', order({ lines: [] }), 'Cart'],
  ])('%s', (_what, input, field) => {
    const errors = errorsOf(input);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(new RegExp(`^${field}: `));
  });

  it('a good order passes, trimmed and merged; "<" in plain words is fine', () => {
    const r = parsePortalOrder(order({ reference: ' PO-7 ', note: ' qty < 5 ', lines: [L(2), L(3), L(100_000, 'p1', 'M')] }), catalog);
    expect(r).toEqual({ ok: true, value: { reference: 'PO-7', note: 'qty < 5', lines: [L(5), L(100_000, 'p1', 'M')] } });
  });

  it('names fields for people', () => {
    expect(fieldName('lines[2].qty')).toBe('Line 3 quantity');
    expect(fieldName('note')).toBe('Note');
  });
});

describe('stock bands and lines above availability', () => {
  it('bands: 0 out, 1..10 low, more in', () => {
    expect([-1, 0, 1, 10, 11].map(stockBand)).toEqual(['out', 'out', 'low', 'low', 'in']);
  });

  it('every stock write carries the band of the quantity after it', () => {
    const entry = { skuId: 'p1~BLACK~S' as SkuId, reason: 'adjust', before: 12, delta: -3, actor: 'u' as Uid, at: 1 } as LedgerEntry;
    expect(stockWrite('p1~BLACK~S' as SkuId, L(1), 9, 'l1' as LedgerId, entry, 1)['stockBands/p1~BLACK~S']).toBe('low');
  });

  it('marks lines above exact stock, and lines a band cannot cover', () => {
    const exact = (qty: number) => (): Availability => ({ kind: 'exact', qty });
    expect([...linesOverStock([L(5)], exact(4))]).toEqual([[lineKey(L(5)), 4]]);
    expect(linesOverStock([L(5)], exact(5)).size).toBe(0);
    const band = (b: 'in' | 'low' | 'out') => (): Availability => ({ kind: 'band', band: b });
    expect(linesOverStock([L(1)], band('out')).size).toBe(1);
    expect(linesOverStock([L(11)], band('low')).size).toBe(1);
    expect(linesOverStock([L(10)], band('low')).size).toBe(0);
    expect(linesOverStock([L(5000)], band('in')).size).toBe(0);
  });
});

describe('the awaiting counter', () => {
  it('moves by a server increment and names the order', () => {
    expect(awaitingMove('u1' as Uid, 'o1' as OrderId, 'submitted')).toEqual({ 'retailerAwaiting/u1/submitted': { '.sv': { increment: 1 } }, 'retailerAwaiting/u1/by': 'o1' });
  });
  it('counts submitted − decided, never below 0', () => {
    expect(awaitingCount({ submitted: 20, decided: 3 })).toBe(17);
    expect(awaitingCount({ submitted: 1, decided: 4 })).toBe(0);
    expect(awaitingCount(null)).toBe(0);
  });
});

describe('reorderLines', () => {
  it('keeps lines still sold and marks the rest with why', () => {
    const r = reorderLines([L(2), L(3, 'off'), L(1, 'gone'), L(4, 'p1', 'XXL')], catalog);
    expect(r.lines).toEqual([L(2)]);
    expect(r.gone.map((g) => [g.line.productId, g.reason])).toEqual([
      ['off', 'Old Vest is no longer sold'],
      ['gone', 'is no longer in the catalogue'],
      ['p1', '"XXL" is not a size of Classic Brief'],
    ]);
  });
});
