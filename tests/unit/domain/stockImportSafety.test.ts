/** Issue 12's import safety: unknown colours and sizes confirmed row by row, mass zeroing gated, unreadable files told apart. */
import { describe, expect, it } from 'vitest';
import { skuId } from '../../../src/domain/ids.ts';
import {
  importPatch,
  isZeroingConfirmed,
  parseStockSheet,
  previewImport,
  productTitle,
  sheetFileKind,
  sheetFileProblem,
  skuLabel,
  staleSkus,
  unreadableSheetMessage,
  type ParsedSheet,
  type Zeroing,
} from '../../../src/domain/stockImport.ts';
import type { Product, SkuId, Uid } from '../../../src/domain/types.ts';

const BRA: Product = { name: 'Comfort Bra', sizes: ['32B', '34B'], colors: [{ code: 'BLK', name: 'Black', swatch: '#111' }], active: true };
const CATALOG = new Map<string, Product>([['P-BRA', BRA]]);
const parsed = (...data: unknown[][]): ParsedSheet => {
  const r = parseStockSheet([['Product Name', 'CLS'], ...data], CATALOG);
  if ('message' in r) throw new Error(r.message);
  return r;
};
const BLK32 = skuId('P-BRA', 'BLK', '32B');
const BLK34 = skuId('P-BRA', 'BLK', '34B');
const PUR32 = skuId('P-BRA', 'PURPLE', '32B');
const BLK40 = skuId('P-BRA', 'BLK', '40D');

describe('previewImport: unknown colours and sizes', () => {
  // Rows 2..5: a known SKU, an unknown colour, an unknown size, the unknown colour again.
  const sheet = parsed(['COMFORT BRA, BLACK, 32B', 5], ['COMFORT BRA, PURPLE, 32B', 7], ['COMFORT BRA, BLACK, 40D', 2], ['COMFORT BRA, PURPLE, 32B', 1]);
  const current: Partial<Record<SkuId, number>> = { [BLK32]: 1, [BLK34]: 3, [PUR32]: 4 };

  it.each<[string, number[], { added: SkuId[]; changed: SkuId[]; included: number[] }]>([
    ['none confirmed: only the known row applies; unknown SKUs keep their quantity', [], { added: [], changed: [BLK32], included: [] }],
    ['one row of a SKU confirmed but not the other: the SKU is still kept', [3], { added: [], changed: [BLK32], included: [3] }],
    ['the unknown size confirmed: a new SKU', [4], { added: [BLK40], changed: [BLK32], included: [4] }],
    ['both rows of the unknown colour confirmed: summed', [3, 5], { added: [], changed: [BLK32, PUR32], included: [3, 5] }],
    ['every row confirmed', [3, 4, 5], { added: [BLK40], changed: [BLK32, PUR32], included: [3, 4, 5] }],
  ])('%s', (_n, confirmed, want) => {
    const pv = previewImport(sheet, current, new Set(confirmed));
    expect(pv.added.map((c) => c.skuId)).toEqual(want.added);
    expect(pv.changed.map((c) => c.skuId).sort()).toEqual([...want.changed].sort());
    expect(pv.unknown.filter((u) => u.isIncluded).map((u) => u.row)).toEqual(want.included);
    // Held SKUs are neither written nor zeroed, but their quantity is part of the basis (staleness).
    const targeted = new Set(pv.targets.map((t) => skuId(t.productId, t.color, t.size)));
    if (!confirmed.includes(3) || !confirmed.includes(5)) expect(targeted.has(PUR32)).toBe(false);
    expect(pv.removed.map((c) => c.skuId)).toEqual([BLK34]);
    expect(pv.basis[PUR32]).toBe(4);
  });

  it('lists every unknown row with its row, product, the unknown part and its CLS, not as a note', () => {
    const pv = previewImport(sheet, current);
    expect(pv.unknown).toEqual([
      { row: 3, skuId: PUR32, productId: 'P-BRA', qty: 7, unknown: { color: 'PURPLE' }, isIncluded: false },
      { row: 4, skuId: BLK40, productId: 'P-BRA', qty: 2, unknown: { size: '40D' }, isIncluded: false },
      { row: 5, skuId: PUR32, productId: 'P-BRA', qty: 1, unknown: { color: 'PURPLE' }, isIncluded: false },
    ]);
    expect(pv.notes).toEqual([]);
  });

  it('writes nothing for unconfirmed rows and the confirmed ones through the ledger', () => {
    let n = 0;
    const ctx = { now: 5, actor: 'u1' as Uid, newId: () => `id-${++n}` };
    const none = importPatch(previewImport(sheet, current), { actorName: 'A', file: 'f.xlsx', rows: 4 }, ctx);
    expect(Object.keys(none.patch).filter((k) => k.includes('PURPLE') || k.includes('40D'))).toEqual([]);
    const some = importPatch(previewImport(sheet, current, new Set([4])), { actorName: 'A', file: 'f.xlsx', rows: 4 }, ctx);
    expect(some.changes).toContainEqual({ skuId: BLK40, before: 0, after: 2 });
    expect(some.changes.some((c) => c.skuId === PUR32)).toBe(false);
  });

  it('is stale when a held SKU moved since the preview', () => {
    expect(staleSkus(previewImport(sheet, current), { ...current, [PUR32]: 9 })).toEqual([PUR32]);
  });
});

describe('previewImport: mass zeroing', () => {
  const stock = (n: number, zeros = 0): Partial<Record<SkuId, number>> =>
    Object.fromEntries([...Array.from({ length: n }, (_, i) => [skuId('P-X', 'C', `S${i}`), 1]), ...Array.from({ length: zeros }, (_, i) => [skuId('P-X', 'Z', `S${i}`), 0])]);
  it.each<[string, number, number, Zeroing]>([
    ['nothing in stock', 0, 0, { count: 0, stocked: 0, needsTypedConfirm: false }],
    ['1 of 10 (exactly 10 %)', 10, 9, { count: 1, stocked: 10, needsTypedConfirm: false }],
    ['2 of 10', 10, 8, { count: 2, stocked: 10, needsTypedConfirm: true }],
    ['10 of 100', 100, 90, { count: 10, stocked: 100, needsTypedConfirm: false }],
    ['11 of 100', 100, 89, { count: 11, stocked: 100, needsTypedConfirm: true }],
    ['4645 of 5000', 5000, 355, { count: 4645, stocked: 5000, needsTypedConfirm: true }],
  ])('%s', (_n, stocked, listed, want) => {
    const current = stock(stocked, 7); // SKUs already at 0 neither count nor get zeroed
    const rows = Object.keys(current)
      .filter((k) => k.includes('~C~'))
      .slice(0, listed);
    const catalog = new Map<string, Product>([['P-X', { name: 'X', sizes: Array.from({ length: 5000 }, (_, i) => `S${i}`), colors: [{ code: 'C', name: 'C', swatch: '#000' }], active: true }]]);
    const p = parseStockSheet([['Product Name', 'CLS'], ...rows.map((k) => [`P-X, C, ${k.split('~')[2] ?? ''}`, 1])], catalog);
    if ('message' in p) throw new Error(p.message);
    expect(previewImport(p, current).zeroing).toEqual(want);
  });

  it.each<[string, Zeroing, string, boolean]>([
    ['no gate: anything', { count: 1, stocked: 100, needsTypedConfirm: false }, '', true],
    ['the count', { count: 4645, stocked: 5000, needsTypedConfirm: true }, '4645', true],
    ['the count with a thousands separator and blanks', { count: 4645, stocked: 5000, needsTypedConfirm: true }, ' 4,645 ', true],
    ['empty', { count: 4645, stocked: 5000, needsTypedConfirm: true }, '', false],
    ['a wrong number', { count: 4645, stocked: 5000, needsTypedConfirm: true }, '4644', false],
    ['a word', { count: 4645, stocked: 5000, needsTypedConfirm: true }, 'ZERO', false],
  ])('typed confirmation: %s', (_n, z, typed, ok) => {
    expect(isZeroingConfirmed(z, typed)).toBe(ok);
  });
});

describe('labels never show internal ids', () => {
  it.each<[string, Product, string]>([
    ['a product with a code', { ...BRA, code: 'CB01' } as Product, 'Comfort Bra (CB01)'],
    ['a product without a code', BRA, 'Comfort Bra'],
    ['a blank code', { ...BRA, code: '  ' } as Product, 'Comfort Bra'],
    ['a code equal to the name', { ...BRA, code: 'comfort bra' } as Product, 'Comfort Bra'],
  ])('%s', (_n, p, title) => {
    expect(productTitle(p)).toBe(title);
  });

  it('names colour and size, and a SKU whose product is gone without its id', () => {
    expect(skuLabel(BLK32, CATALOG)).toEqual({ product: 'Comfort Bra', color: 'Black', size: '32B' });
    expect(skuLabel(PUR32, CATALOG)).toEqual({ product: 'Comfort Bra', color: 'PURPLE', size: '32B' });
    const gone = skuLabel(skuId('-P0zZrMP6DTARn2kTM-Y', 'BLK', 'M'), CATALOG);
    expect(JSON.stringify(gone)).not.toContain('P0zZrMP6DTARn2kTM');
  });
});

describe('unreadable files', () => {
  const bytes = (s: string | number[]) => (typeof s === 'string' ? new TextEncoder().encode(s) : new Uint8Array(s));
  it.each<[string, Uint8Array, string]>([
    ['an xlsx (zip)', bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]), 'zip'],
    ['an xls (OLE compound file)', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'cfb'],
    ['an XML spreadsheet', bytes('<?xml version="1.0"?>'), 'markup'],
    ['an HTML table saved as .xls, after a BOM and blanks', bytes([0xef, 0xbb, 0xbf, 0x20, 0x0a, 0x3c, 0x68]), 'markup'],
    ['plain text', bytes('hello, this is not a sheet'), 'other'],
    ['a PDF', bytes('%PDF-1.4'), 'other'],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'other'],
    ['a few bytes of a zip header only', bytes([0x50, 0x4b]), 'other'],
    ['nothing', bytes([]), 'other'],
  ])('%s is %s', (_n, head, kind) => {
    expect(sheetFileKind(head)).toBe(kind);
  });

  it.each<[string, number, Uint8Array, string | null]>([
    ['empty', 0, new Uint8Array(0), 'the file is empty (0 bytes)'],
    ['too large', 30 * 1048576, new Uint8Array([0x50, 0x4b, 3, 4]), 'the file is 30.0 MB; at most 20 MB'],
    ['text', 20, new TextEncoder().encode('not a spreadsheet'), 'it is not an Excel workbook (.xlsx or .xls); its content is of another kind'],
    ['a zip', 2000, new Uint8Array([0x50, 0x4b, 3, 4]), null],
  ])('%s', (_n, size, head, problem) => {
    expect(sheetFileProblem(size, head, 20 * 1048576)).toBe(problem);
  });

  it('names the file without control characters', () => {
    expect(unreadableSheetMessage('stock\u0007.xlsx', 'the file is empty (0 bytes)')).toBe('"stock.xlsx" cannot be read as a spreadsheet: the file is empty (0 bytes).');
  });
});
