/**
 * The Stock screen's view of `stock`: SKUs grouped by product and colour, in catalogue order,
 * filtered by a search, with totals and marks for low stock and for anything the catalogue does
 * not know (the original's red border: an unknown item, or a colour the item does not list).
 */
import { formatPaise } from './newProduct.ts';
import { productLabel, UNKNOWN_PRODUCT } from './productLabel.ts';
import type { Product, SkuId, StockRecord } from './types.ts';

/** One size of one colour. */
export type SizeCell = { skuId: SkuId; size: string; qty: number; isLow: boolean; isKnownSize: boolean; updatedAt: number };
/** One colour of a product with its sizes. */
export type ColorGroup = { color: string; colorName: string; isKnownColor: boolean; total: number; sizes: SizeCell[] };
/** One product with its colours. */
export type ProductGroup = {
  productId: string;
  name: string;
  isKnownProduct: boolean;
  /** True when the product, or one of its colours or sizes, is not in the catalogue. */
  hasUnknown: boolean;
  total: number;
  lowCount: number;
  colors: ColorGroup[];
};
/** What the screen shows. */
export type StockView = { products: ProductGroup[]; total: number; skuCount: number; lowCount: number; allTotal: number; lastChange: number | null };

/** The default low-stock threshold: a SKU with this many or fewer is marked. */
export const DEFAULT_LOW_AT = 2;

/** Parses the low-stock threshold typed by a person: a whole number 0..1,000,000, else null. */
export function parseLowAt(text: string): number | null {
  const s = text.trim();
  if (!/^\d{1,7}$/.test(s)) return null;
  const n = Number(s);
  return n <= 1_000_000 ? n : null;
}

const norm = (s: string): string => s.toLocaleLowerCase().replace(/\s+/g, ' ').trim();

const orderOf = (list: readonly string[], value: string): number => {
  const i = list.indexOf(value);
  return i < 0 ? list.length : i;
};

/**
 * Groups the stock for display. `query` is split into words; a SKU shows when every word is
 * found in its product name or id, colour code or name, or size. Totals cover what is shown.
 */
export function buildStockView(
  stock: ReadonlyMap<string, StockRecord>,
  catalog: ReadonlyMap<string, Product>,
  opts: { query?: string; lowAt?: number; onlyLow?: boolean } = {},
): StockView {
  const lowAt = opts.lowAt ?? DEFAULT_LOW_AT;
  const words = norm(opts.query ?? '').split(' ').filter((w) => w !== '');
  const byProduct = new Map<string, ProductGroup>();
  let total = 0;
  let allTotal = 0;
  let skuCount = 0;
  let lowCount = 0;
  let lastChange: number | null = null;
  for (const [key, r] of stock) {
    allTotal += r.qty;
    if (lastChange === null || r.updatedAt > lastChange) lastChange = r.updatedAt;
    const product = catalog.get(r.productId);
    const colour = product?.colors.find((c) => c.code === r.color);
    const name = productLabel(product);
    const colorName = colour?.name ?? r.color;
    if (words.length > 0) {
      const hay = [name, r.productId, r.color, colorName, r.size].map(norm);
      if (!words.every((w) => hay.some((h) => h.includes(w)))) continue;
    }
    const isLow = r.qty <= lowAt;
    if (opts.onlyLow === true && !isLow) continue;
    let group = byProduct.get(r.productId);
    if (group === undefined) {
      group = { productId: r.productId, name, isKnownProduct: product !== undefined, hasUnknown: product === undefined, total: 0, lowCount: 0, colors: [] };
      byProduct.set(r.productId, group);
    }
    let cg = group.colors.find((c) => c.color === r.color);
    if (cg === undefined) {
      cg = { color: r.color, colorName, isKnownColor: colour !== undefined, total: 0, sizes: [] };
      group.colors.push(cg);
    }
    const isKnownSize = product?.sizes.includes(r.size) ?? false;
    cg.sizes.push({ skuId: key as SkuId, size: r.size, qty: r.qty, isLow, isKnownSize, updatedAt: r.updatedAt });
    cg.total += r.qty;
    group.total += r.qty;
    if (!cg.isKnownColor || !isKnownSize) group.hasUnknown = true;
    if (isLow) {
      group.lowCount++;
      lowCount++;
    }
    total += r.qty;
    skuCount++;
  }
  const products = [...byProduct.values()].sort((a, b) => a.name.localeCompare(b.name) || a.productId.localeCompare(b.productId));
  for (const g of products) {
    const p = catalog.get(g.productId);
    const colourCodes = p?.colors.map((c) => c.code) ?? [];
    const sizes = p?.sizes ?? [];
    g.colors.sort((a, b) => orderOf(colourCodes, a.color) - orderOf(colourCodes, b.color) || a.color.localeCompare(b.color));
    for (const c of g.colors) c.sizes.sort((a, b) => orderOf(sizes, a.size) - orderOf(sizes, b.size) || a.size.localeCompare(b.size));
  }
  return { products, total, skuCount, lowCount, allTotal, lastChange };
}

/** The export sheet's rows (reference §4.6): header, then Item Name, Color, Size, Quantity per SKU. */
export function stockExportRows(stock: ReadonlyMap<string, StockRecord>, catalog: ReadonlyMap<string, Product>): (string | number)[][] {
  const view = buildStockView(stock, catalog, { lowAt: -1 });
  const rows: (string | number)[][] = [['Item Name', 'Color', 'Size', 'Quantity']];
  // The bare name, as the stock import matches it (a sheet exported here imports back).
  const nameOf = (id: string): string => catalog.get(id)?.name ?? UNKNOWN_PRODUCT;
  for (const p of view.products) for (const c of p.colors) for (const s of c.sizes) rows.push([nameOf(p.productId), c.colorName, s.size, s.qty]);
  return rows;
}

/** "stock_export_20240305_1403.xlsx" for a local date and time. */
export function stockExportFileName(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `stock_export_${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}_${p(d.getHours())}${p(d.getMinutes())}.xlsx`;
}

/** One label to print: the code and what it names; `mrp` ("MRP ₹1,299.00") when the colour lists one for the size. */
export type BarcodeLabel = { skuId: SkuId; code: string; productName: string; colorName: string; size: string; mrp?: string };

/**
 * Labels for the selected SKUs, in the given order: one per code assigned to the SKU. SKUs with
 * no code are returned in `missing` so the screen can say so (nothing is skipped silently).
 */
export function barcodeLabels(
  selected: readonly SkuId[],
  codesBySku: ReadonlyMap<SkuId, readonly string[]>,
  ref: (sku: SkuId) => { productId: string; color: string; size: string },
  catalog: ReadonlyMap<string, Product>,
): { labels: BarcodeLabel[]; missing: SkuId[] } {
  const labels: BarcodeLabel[] = [];
  const missing: SkuId[] = [];
  for (const skuId of selected) {
    const codes = codesBySku.get(skuId) ?? [];
    if (codes.length === 0) {
      missing.push(skuId);
      continue;
    }
    const r = ref(skuId);
    const product = catalog.get(r.productId);
    const color = product?.colors.find((c) => c.code === r.color);
    const colorName = color?.name ?? r.color;
    const paise = color?.mrp?.find((m) => m.size === r.size)?.paise;
    const mrp = paise === undefined ? {} : { mrp: `MRP ${formatPaise(paise)}` };
    for (const code of codes) labels.push({ skuId, code, productName: productLabel(product), colorName, size: r.size, ...mrp });
  }
  return { labels, missing };
}
