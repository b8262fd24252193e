import { describe, expect, it } from 'vitest';
import { skuId } from '../../../src/domain/ids.ts';
import { barcodeLabels, buildStockView, parseLowAt, stockExportFileName, stockExportRows } from '../../../src/domain/stockView.ts';
import type { LedgerId, Product, ProductId, StockRecord } from '../../../src/domain/types.ts';

const CATALOG = new Map<string, Product>([
  ['P-TEE', { name: 'Cotton Tee', sizes: ['S', 'M', 'L'], colors: [{ code: 'RED', name: 'Red', swatch: '#f00' }, { code: 'NVY', name: 'Navy', swatch: '#00f' }], active: true }],
  ['P-BRA', { name: 'Comfort Bra', sizes: ['32B', '34B'], colors: [{ code: 'BLK', name: 'Black', swatch: '#111' }], active: true }],
]);
const rec = (productId: string, color: string, size: string, qty: number, updatedAt = 1): [string, StockRecord] => [
  skuId(productId, color, size),
  { productId: productId as ProductId, color, size, qty, updatedAt, ledgerId: 'l' as LedgerId },
];
const STOCK = new Map([
  rec('P-TEE', 'NVY', 'L', 2, 50),
  rec('P-TEE', 'RED', 'M', 120, 10),
  rec('P-TEE', 'RED', 'S', 0, 20),
  rec('P-BRA', 'BLK', '34B', 4),
  rec('P-BRA', 'PUR', '32B', 3),
  rec('P-OLD', 'X', 'S', 9),
]);

describe('buildStockView', () => {
  it('groups by product (by name), colour and size in catalogue order, with totals and low marks', () => {
    const v = buildStockView(STOCK, CATALOG);
    expect(v.products.map((p) => [p.name, p.total, p.lowCount, p.hasUnknown])).toEqual([
      ['Comfort Bra', 7, 0, true],
      ['Cotton Tee', 122, 2, false],
      // A product the catalogue no longer has: never named by its id.
      ['Unknown product', 9, 0, true],
    ]);
    const tee = v.products[1];
    expect(tee?.colors.map((c) => [c.colorName, c.total, c.sizes.map((s) => `${s.size}:${s.qty}${s.isLow ? '!' : ''}`)])).toEqual([
      ['Red', 120, ['S:0!', 'M:120']],
      ['Navy', 2, ['L:2!']],
    ]);
    expect(v.products[0]?.colors.map((c) => [c.color, c.isKnownColor])).toEqual([['BLK', true], ['PUR', false]]);
    expect(v.products[2]?.isKnownProduct).toBe(false);
    expect(v).toMatchObject({ total: 138, allTotal: 138, skuCount: 6, lowCount: 2, lastChange: 50 });
  });

  it.each<[string, string, number, number]>([
    ['product name words', 'cotton tee', 3, 122],
    ['colour name and size together', 'red m', 1, 120],
    ['colour code', 'nvy', 1, 2],
    ['product id', 'p-old', 1, 9],
    ['no match', 'silk', 0, 0],
  ])('searches %s', (_n, query, skus, total) => {
    const v = buildStockView(STOCK, CATALOG, { query });
    expect([v.skuCount, v.total, v.allTotal]).toEqual([skus, total, 138]);
  });

  it('uses the threshold given and can show only low stock', () => {
    expect(buildStockView(STOCK, CATALOG, { lowAt: 4 }).lowCount).toBe(4);
    expect(buildStockView(STOCK, CATALOG, { lowAt: 0, onlyLow: true }).products.map((p) => p.productId)).toEqual(['P-TEE']);
  });

  it('has no last change for empty stock', () => {
    expect(buildStockView(new Map(), CATALOG)).toMatchObject({ products: [], total: 0, lastChange: null });
  });
});

describe('parseLowAt', () => {
  it.each<[string, number | null]>([['2', 2], [' 0 ', 0], ['1000000', 1_000_000], ['1000001', null], ['-1', null], ['1.5', null], ['', null], ['abc', null]])('%j → %j', (s, n) => {
    expect(parseLowAt(s)).toBe(n);
  });
});

describe('export', () => {
  it('writes Item Name, Color, Size, Quantity per SKU with names from the catalogue', () => {
    expect(stockExportRows(new Map([rec('P-TEE', 'RED', 'M', 120), rec('P-OLD', 'X', 'S', 9)]), CATALOG)).toEqual([
      ['Item Name', 'Color', 'Size', 'Quantity'],
      ['Cotton Tee', 'Red', 'M', 120],
      ['Unknown product', 'X', 'S', 9],
    ]);
  });

  it('names the file by local date and minute', () => {
    expect(stockExportFileName(new Date(2024, 2, 5, 14, 3))).toBe('stock_export_20240305_1403.xlsx');
  });
});

describe('barcodeLabels', () => {
  it('makes one label per code of each selected SKU and lists SKUs without a code', () => {
    const a = skuId('P-TEE', 'RED', 'M');
    const b = skuId('P-BRA', 'BLK', '34B');
    const ref = (s: string) => {
      const [productId = '', color = '', size = ''] = s.split('~');
      return { productId, color, size };
    };
    expect(barcodeLabels([a, b], new Map([[a, ['111', '222']]]), ref, CATALOG)).toEqual({
      labels: [
        { skuId: a, code: '111', productName: 'Cotton Tee', colorName: 'Red', size: 'M' },
        { skuId: a, code: '222', productName: 'Cotton Tee', colorName: 'Red', size: 'M' },
      ],
      missing: [b],
    });
  });

  it("adds the colour's MRP for the label's size in rupees, and none where the size has no MRP", () => {
    const catalog = new Map<string, Product>([
      ['P-TEE', { name: 'Cotton Tee', sizes: ['S', 'M'], colors: [{ code: 'RED', name: 'Red', swatch: '#f00', mrp: [{ size: 'M', paise: 129_900 }] }], active: true }],
    ]);
    const ref = (s: string) => {
      const [productId = '', color = '', size = ''] = s.split('~');
      return { productId, color, size };
    };
    const m = skuId('P-TEE', 'RED', 'M');
    const s = skuId('P-TEE', 'RED', 'S');
    expect(barcodeLabels([m, s], new Map([[m, ['111']], [s, ['222']]]), ref, catalog).labels).toEqual([
      { skuId: m, code: '111', productName: 'Cotton Tee', colorName: 'Red', size: 'M', mrp: 'MRP ₹1,299.00' },
      { skuId: s, code: '222', productName: 'Cotton Tee', colorName: 'Red', size: 'S' },
    ]);
  });
});
