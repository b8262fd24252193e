import { describe, expect, it } from 'vitest';
import { skuId } from '../../../src/domain/ids.ts';
import { columnLetter, importPatch, parseStockSheet, previewImport, staleSkus, type ImportRow, type ParsedSheet } from '../../../src/domain/stockImport.ts';
import type { UnknownParts } from '../../../src/domain/stockImport.ts';
import type { Product, SkuId, Uid } from '../../../src/domain/types.ts';

const CATALOG = new Map<string, Product>([
  ['P-BRA', { name: 'Comfort Bra', sizes: ['32B', '34B'], colors: [{ code: 'BLK', name: 'Black', swatch: '#111' }, { code: 'SKN', name: 'Skin', swatch: '#eee' }], active: true }],
  ['P-TSH', { name: 'T-Shirt Classic', sizes: ['S', 'M'], colors: [{ code: 'RED', name: 'Red', swatch: '#f00' }], active: true }],
  ['P-T', { name: 'T', sizes: ['S'], colors: [{ code: 'RED', name: 'Red', swatch: '#f00' }], active: true }],
  ['P-DUP1', { name: 'Twin', code: 'TW-1', sizes: ['S'], colors: [{ code: 'RED', name: 'Red', swatch: '#f00' }], active: true }],
  ['P-DUP2', { name: 'twin', sizes: ['S'], colors: [{ code: 'RED', name: 'Red', swatch: '#f00' }], active: true }],
]);

const HEADER = ['Sr', 'Product Name', 'x', 'CLS'];
/** A DMS-like sheet: 6 title rows, the header on row 7, data from row 8. */
const sheet = (...data: unknown[][]): unknown[][] => [['DIXDMS stock report'], [], [], [], [], [], HEADER, ...data];
const parsed = (rows: unknown[][]): ParsedSheet => {
  const r = parseStockSheet(rows, CATALOG);
  if ('message' in r) throw new Error(r.message);
  return r;
};
const only = (rows: ImportRow[]) => {
  expect(rows).toHaveLength(1);
  return rows[0] as ImportRow;
};
const BLK32 = skuId('P-BRA', 'BLK', '32B');
const BLK34 = skuId('P-BRA', 'BLK', '34B');
const SKN32 = skuId('P-BRA', 'SKN', '32B');

describe('parseStockSheet: header', () => {
  it('finds the header row by its cells and numbers rows as the spreadsheet does', () => {
    const p = parsed(sheet([1, 'COMFORT BRA-CB01, BLACK, 32B', null, 5]));
    expect(p.headerRow).toBe(7);
    expect(p.nameColumn).toBe('B (Product Name)');
    expect(p.clsColumn).toBe('D (CLS)');
    expect(only(p.rows)).toEqual({ kind: 'ok', row: 8, line: { productId: 'P-BRA', color: 'BLK', size: '32B', qty: 5 }, name: 'COMFORT BRA-CB01, BLACK, 32B', notes: [] });
  });

  it('uses the origin of the sheet range for row numbers and column letters', () => {
    const p = parseStockSheet([['Product Name', 'CLS'], ['COMFORT BRA, BLACK, 32B', 1]], CATALOG, { row: 3, col: 4 });
    expect(p).toMatchObject({ headerRow: 3, nameColumn: 'E (Product Name)', clsColumn: 'F (CLS)', rows: [{ kind: 'ok', row: 4 }] });
  });

  it.each([
    ['no header at all', [['a', 'b'], [1, 2]]],
    ['only one of the two headers', [['Product Name', 'Qty']]],
    ['the header after row 50', [...Array.from({ length: 50 }, () => []), ['Product Name', 'CLS']]],
  ])('says what is wrong when there is %s', (_n, rows) => {
    expect(parseStockSheet(rows, CATALOG)).toEqual({ message: expect.stringContaining('No header row with "Product Name" and "CLS"') as unknown });
  });

  it('refuses more than 50,000 data rows instead of cutting them', () => {
    const rows = [['Product Name', 'CLS'], ...Array.from({ length: 50_001 }, () => ['COMFORT BRA, BLACK, 32B', 1])];
    expect(parseStockSheet(rows, CATALOG)).toEqual({ message: expect.stringContaining('50001 rows') as unknown });
  });

  it.each([[0, 'A'], [1, 'B'], [11, 'L'], [25, 'Z'], [26, 'AA'], [701, 'ZZ'], [702, 'AAA']])('column %d is %s', (i, letter) => {
    expect(columnLetter(i)).toBe(letter);
  });
});

describe('parseStockSheet: names', () => {
  it.each<[string, string, string, string, string, string[], UnknownParts?]>([
    ['colour and size by code', 'COMFORT BRA-CB01, BLK, 32B', 'P-BRA', 'BLK', '32B', []],
    ['colour by name, any case and spacing', '  comfort   bra-CB01 ,  black , 34b ', 'P-BRA', 'BLK', '34B', []],
    ['item by product id', 'P-BRA, Skin, 32B', 'P-BRA', 'SKN', '32B', []],
    ['an item name containing "-" is not cut at the first one (bug 15)', 'T-SHIRT CLASSIC-TS01, RED, M', 'P-TSH', 'RED', 'M', []],
    ['the longest catalogue match wins over a shorter one', 'T-Shirt Classic, RED, S', 'P-TSH', 'RED', 'S', []],
    ['an unknown colour of a known item is kept as written and flagged', 'COMFORT BRA-CB01, PURPLE, 32B', 'P-BRA', 'PURPLE', '32B', [], { color: 'PURPLE' }],
    ['an unknown size is kept and flagged', 'COMFORT BRA-CB01, BLACK, 40D', 'P-BRA', 'BLK', '40D', [], { size: '40D' }],
    ['an unknown colour and size together', 'COMFORT BRA, Teal, 99Z', 'P-BRA', 'Teal', '99Z', [], { color: 'Teal', size: '99Z' }],
    ['commas inside the item stay in the item', 'COMFORT BRA, CB01, BLACK, 32B', 'P-BRA', 'BLK', '32B', []],
  ])('%s', (_n, name, productId, color, size, notes, unknown) => {
    const r = only(parsed(sheet([1, name, null, 3])).rows);
    expect(r).toMatchObject({ kind: 'ok', line: { productId, color, size, qty: 3 }, notes });
    expect((r as { unknown?: unknown }).unknown).toEqual(unknown);
  });

  it.each<[string, unknown, string]>([
    ['a missing name', null, 'Product Name is empty'],
    ['a blank name', '   ', 'Product Name is empty'],
    ['a number', 12345, 'Product Name must be text, not a number'],
    ['no commas', 'COMFORT BRA BLACK 32B', 'is not in the form ITEM, COLOUR, SIZE'],
    ['an empty colour', 'COMFORT BRA, , 32B', 'has an empty colour'],
    ['an empty size', 'COMFORT BRA, BLACK, ', 'has an empty size'],
    ['no item', ', BLACK, 32B', 'has no item before the colour'],
    ['an unknown item', 'SILK ROBE-SR1, BLACK, M', 'item "SILK ROBE-SR1" is not in the catalogue'],
    ['an item matching two products', 'TWIN-1, RED, S', 'item "TWIN" matches 2 catalogue products (Twin · TW-1, twin)'],
    ['formula-looking text', '=HYPERLINK("http://x","COMFORT BRA, BLACK, 32B")', 'looks like a formula'],
    ['a formula-looking colour', 'COMFORT BRA, @SUM(A1), 32B', 'colour "@SUM(A1)" looks like a formula'],
    ['markup', '<script>alert(1)</script>, BLACK, 32B', 'item "<script>alert(1)</script>" is not in the catalogue'],
    ['1000 characters', `COMFORT BRA, BLACK, ${'X'.repeat(980)}`, 'is 1000 characters long; at most 300'],
    ['control characters', 'COMFORT BRA, BL\u0000ACK, 32B', 'contains control characters'],
    ['a colour over 40 characters', `COMFORT BRA, ${'C'.repeat(41)}, 32B`, 'is longer than 40 characters'],
  ])('reports %s on the Product Name column with its row', (_n, name, message) => {
    const r = only(parsed(sheet([1, name, null, 4])).rows);
    expect(r).toMatchObject({ kind: 'error', row: 8, column: 'B (Product Name)', sku: null });
    expect((r as { message: string }).message).toContain(message);
  });
});

describe('parseStockSheet: quantities', () => {
  it.each<[unknown, number, string[]]>([
    [0, 0, []],
    [7, 7, []],
    [100, 100, []],
    [12345, 12345, []],
    ['250', 250, []],
    [' 4.000 ', 4, []],
    ['1,200', 1200, []],
    [null, 0, ['CLS is blank: counted as 0']],
    ['  ', 0, ['CLS is blank: counted as 0']],
  ])('CLS %j is %d', (cls, qty, notes) => {
    expect(only(parsed(sheet([1, 'COMFORT BRA, BLACK, 32B', null, cls])).rows)).toMatchObject({ kind: 'ok', line: { qty }, notes });
  });

  it.each<[unknown, string]>([
    [-3, 'CLS -3 is negative'],
    ['-3', 'CLS "-3" is negative'],
    [2.5, 'CLS 2.5 is not a whole number'],
    ['2.5', 'CLS "2.5" is not a whole number'],
    ['abc', 'CLS "abc" is not a number'],
    [true, 'CLS must be a number, not true/false'],
    [Number.NaN, 'CLS is not a number'],
    [2e9, 'CLS 2000000000 is more than 1000000000'],
    [{ f: '=1' }, 'CLS must be a number, not a date or other value'],
  ])('reports CLS %j on the CLS column, naming the SKU it would have set', (cls, message) => {
    expect(only(parsed(sheet([1, 'COMFORT BRA, BLACK, 32B', null, cls])).rows)).toEqual({ kind: 'error', row: 8, column: 'D (CLS)', message, sku: BLK32 });
  });

  it('lists a row with neither name nor CLS as blank, and copes with missing and odd rows', () => {
    const rows: unknown[][] = sheet([], [1, null, null, null], 'not a row' as unknown as unknown[], [1, 'COMFORT BRA, BLACK, 32B', null, 1]);
    expect(parsed(rows).rows.map((r) => [r.kind, r.row])).toEqual([['blank', 8], ['blank', 9], ['blank', 10], ['ok', 11]]);
  });

  it('notes a duplicate row with the row it adds to', () => {
    const p = parsed(sheet([1, 'COMFORT BRA, BLACK, 32B', null, 2], [2, 'Comfort Bra-X, Black, 32B', null, 3]));
    expect(p.rows[1]).toMatchObject({ kind: 'ok', notes: ['same SKU as row 8: quantities added'] });
  });
});

describe('previewImport', () => {
  const p = parsed(
    sheet(
      [1, 'COMFORT BRA, BLACK, 32B', null, 100], // row 8: changed 10 → 150 (with row 9)
      [2, 'COMFORT BRA, BLACK, 32B', null, 50], // row 9: duplicate, summed
      [3, 'COMFORT BRA, SKIN, 32B', null, 'x'], // row 10: error → SKN 32B kept
      [4, 'T-SHIRT CLASSIC, RED, S', null, 7], // row 11: new
      [5, 'T, RED, S', null, 0], // row 12: listed with 0, not in stock: nothing to do
      [6, null, null, 3], // row 13: error, no SKU
      [],
    ),
  );
  const current: Partial<Record<SkuId, number>> = { [BLK32]: 10, [BLK34]: 4, [SKN32]: 6, [skuId('P-T', 'RED', 'S')]: 0, [skuId('P-GONE', 'X', 'S')]: 0 };
  const pv = previewImport(p, current);

  it('sorts SKUs into added, changed, removed (in stock, not in the sheet) and kept (a bad row names them)', () => {
    expect(pv.changed).toEqual([{ skuId: BLK32, before: 10, after: 150, rows: [8, 9] }]);
    expect(pv.added).toEqual([{ skuId: skuId('P-TSH', 'RED', 'S'), before: 0, after: 7, rows: [11] }]);
    expect(pv.removed).toEqual([{ skuId: BLK34, before: 4, after: 0, rows: [] }]);
    expect(pv.kept).toEqual([{ skuId: SKN32, qty: 6, rows: [10] }]);
    expect(pv.unchanged).toBe(1);
    expect(pv.errors.map((e) => [e.row, e.column])).toEqual([[10, 'D (CLS)'], [13, 'B (Product Name)']]);
    expect(pv.blankRows).toEqual([14]);
    expect(pv.notes).toEqual([{ row: 9, text: 'same SKU as row 8: quantities added' }]);
  });

  it('accounts for every data row exactly once', () => {
    const accounted = new Set([...pv.changed, ...pv.added].flatMap((c) => c.rows));
    for (const r of p.rows) if (r.kind === 'ok' && r.line.qty === 0) accounted.add(r.row);
    for (const e of pv.errors) accounted.add(e.row);
    for (const b of pv.blankRows) accounted.add(b);
    expect([...accounted].sort((a, b) => a - b)).toEqual([8, 9, 10, 11, 12, 13, 14]);
  });

  it('gives setStock targets whose changes are exactly the preview, one ledger entry each', () => {
    let n = 0;
    const { patch, changes, importId } = importPatch(pv, { actorName: 'Asha', file: 'stock\u0007.xlsx', rows: 7 }, { now: 99, actor: 'u1' as Uid, newId: () => `id-${++n}` });
    expect(importId).toBe('id-1');
    expect(changes.map((c) => [c.skuId, c.before, c.after]).sort()).toEqual([...pv.changed, ...pv.added, ...pv.removed].map((c) => [c.skuId, c.before, c.after]).sort());
    const ledger = Object.entries(patch).filter(([k]) => k.startsWith('stockLedger/'));
    expect(ledger).toHaveLength(3);
    for (const [, e] of ledger) expect(e).toMatchObject({ reason: 'import', actor: 'u1', at: 99, note: 'stock.xlsx (stockImports/id-1)', importId: 'id-1' });
    expect(patch['stockImports/id-1']).toEqual({ actor: 'u1', actorName: 'Asha', at: 99, file: 'stock.xlsx', rows: 7, added: 1, changed: 1, removed: 1, errors: 2 });
    expect(Object.keys(patch).some((k) => k.startsWith(`stock/${SKN32}`))).toBe(false);
  });

  it('refuses a duplicate sum above the limit as an error and keeps the SKU', () => {
    const big = previewImport(parsed(sheet([1, 'COMFORT BRA, BLACK, 32B', null, 600_000_000], [2, 'COMFORT BRA, BLACK, 32B', null, 600_000_000])), { [BLK32]: 1 });
    expect(big.errors).toEqual([{ kind: 'error', row: 9, column: 'D (CLS)', message: 'CLS of rows 8, 9 adds up to 1200000000, more than 1000000000', sku: BLK32 }]);
    expect(big.kept).toEqual([{ skuId: BLK32, qty: 1, rows: [8, 9] }]);
    expect(big.targets).toEqual([]);
  });

  it('is stale when any SKU moved since the preview, including unchanged and kept ones', () => {
    expect(staleSkus(pv, current)).toEqual([]);
    expect(staleSkus(pv, { ...current, [SKN32]: 5 })).toEqual([SKN32]);
    expect(staleSkus(pv, { ...current, [skuId('P-T', 'RED', 'S')]: 1 })).toEqual([skuId('P-T', 'RED', 'S')]);
    expect(staleSkus(pv, { ...current, [skuId('P-NEW', 'A', 'B')]: 0 })).toEqual([]);
  });
});
