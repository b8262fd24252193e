import { describe, expect, it } from 'vitest';
import { barcodeKey, barcodeSchema, type BarcodeRecord } from '../../../src/domain/barcodes.ts';
import { parseSkuId, skuId } from '../../../src/domain/ids.ts';
import { productLabel } from '../../../src/domain/productLabel.ts';
import { parse } from '../../../src/domain/schema.ts';
import { barcodeLabels } from '../../../src/domain/stockView.ts';
import type { Product, SkuId, Uid } from '../../../src/domain/types.ts';
import { productSchema } from '../../../src/domain/validate.ts';
import { demoBarcodes, demoEan, ean13CheckDigit } from '../../../server/seed/barcodes.ts';
import { generateCatalog } from '../../../server/seed/catalog.ts';
import { PRODUCT_COUNT } from '../../../server/seed/generate.ts';
import { Random } from '../../../server/seed/random.ts';

let n = 0;
const catalog = generateCatalog(new Random(7), PRODUCT_COUNT, () => `prod-${String(++n).padStart(4, '0')}`);
const ADMIN = 'demo-uid-admin' as Uid;
const records = Object.entries(demoBarcodes(catalog, ADMIN)) as [string, BarcodeRecord][];
const skus = catalog.flatMap((e) => e.product.colors.flatMap((c) => e.product.sizes.map((s) => skuId(e.id, c.code, s))));

describe('demo product codes', () => {
  it('gives every product a valid, unique code, so no label falls back to the name alone', () => {
    const codes = catalog.map((e) => e.product.code);
    expect(codes.every((c) => c !== undefined)).toBe(true);
    expect(new Set(codes).size).toBe(catalog.length);
    for (const e of catalog) expect(parse(productSchema, e.product).ok, `${e.product.name} ${e.product.code}`).toBe(true);
    expect(productLabel(catalog[0]?.product)).toBe('Product SKU-001 · BRF-001');
  });
});

describe('demo barcodes', () => {
  it.each([
    ['400638133393', 1],
    ['890100000001', 9],
    ['590123412345', 7],
  ])('computes the EAN-13 check digit of %s as %i', (first12, digit) => {
    expect(ean13CheckDigit(first12)).toBe(digit);
  });

  it('numbers codes as 13 digits starting 890 with a valid check digit', () => {
    expect(demoEan(1)).toBe('8900000000012');
    for (const [, r] of records) {
      expect(r.code).toMatch(/^890\d{10}$/);
      expect(ean13CheckDigit(r.code.slice(0, 12))).toBe(Number(r.code[12]));
    }
  });

  it('labels about nine SKUs in ten, each at most once, with unique codes', () => {
    const coverage = records.length / skus.length;
    expect(skus.length).toBeGreaterThan(3000);
    expect(coverage).toBeGreaterThan(0.85);
    expect(coverage).toBeLessThan(0.95);
    expect(new Set(records.map(([, r]) => r.code)).size).toBe(records.length);
    expect(new Set(records.map(([, r]) => r.skuId)).size).toBe(records.length);
  });

  it('writes records the app reads: keyed by their code, naming real SKUs, by the admin at the server time', () => {
    const known = new Set(skus);
    for (const [path, r] of records) {
      expect(path).toBe(`barcodes/${barcodeKey(r.code)}`);
      expect(known.has(r.skuId)).toBe(true);
      expect(r.updatedBy).toBe(ADMIN);
      expect(r.updatedAt).toEqual({ '.sv': 'timestamp' });
      expect(parse(barcodeSchema, { ...r, updatedAt: 1 }).ok).toBe(true);
    }
  });

  it("fills Stock's label sheet: a labelled product's SKUs each print their code under the product's label", () => {
    const codesBySku = new Map<SkuId, string[]>();
    for (const [, r] of records) codesBySku.set(r.skuId, [...(codesBySku.get(r.skuId) ?? []), r.code]);
    const products = new Map<string, Product>(catalog.map((e) => [e.id, e.product]));
    const entry = catalog[5]!;
    const selected = entry.product.colors.flatMap((c) => entry.product.sizes.map((s) => skuId(entry.id, c.code, s)));
    const { labels, missing } = barcodeLabels(selected, codesBySku, parseSkuId, products);
    expect(labels.length + missing.length).toBe(selected.length);
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) {
      expect(l.code).toBe(codesBySku.get(l.skuId)?.[0]);
      expect(l.productName).toBe(`${entry.product.name} · ${entry.product.code}`);
    }
  });
});
