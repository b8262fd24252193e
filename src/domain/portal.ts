/**
 * The retailer portal's ordering rules, pure: what a retailer may send (quantities, reference,
 * note, products), the per-retailer count of orders awaiting a decision, availability bands, and
 * Reorder. The same limits are enforced again by the database rules (rules/portal.ts).
 */
import { normalizeLines } from './lines.ts';
import { increment, type Patch } from './patch.ts';
import type { Line, OrderId, Product, Uid } from './types.ts';
import { checkAgainstCatalog } from './validate.ts';

/** Orders one retailer may have awaiting a decision at once (rules/portal.ts enforces it). */
export const MAX_AWAITING = 20;
/** The most pieces of one line a retailer may order. */
export const RETAIL_MAX_QTY = 100_000;
/** The longest reference (the retailer's own order number or name for it). */
export const REFERENCE_MAX = 40;
/** A SKU with this many pieces or fewer (and more than 0) is "low". */
export const LOW_STOCK_MAX = 10;

/** `retailerAwaiting/{uid}`: orders ever submitted and ever decided, and the order that moved it last. */
export const AWAITING = 'retailerAwaiting';
/** `stockBands/{skuId}`: the band of each SKU's stock, written with every stock change. */
export const STOCK_BANDS = 'stockBands';

/** What a retailer sees of a SKU's stock when the distributor shows bands only. */
export type StockBand = 'in' | 'low' | 'out';
/** What retailers see of stock: exact quantities or bands (the admin's choice; bands by default). */
export type RetailerStockView = 'exact' | 'bands';
export const DEFAULT_RETAILER_STOCK_VIEW: RetailerStockView = 'bands';

/** The band of a stock quantity: 0 (or less) out, up to LOW_STOCK_MAX low, else in stock. */
export function stockBand(qty: number): StockBand {
  return qty <= 0 ? 'out' : qty <= LOW_STOCK_MAX ? 'low' : 'in';
}

/** Words for a band, as a retailer reads them. */
export const BAND_WORDS: Record<StockBand, string> = { in: 'In stock', low: 'Low', out: 'Out of stock' };

/** One SKU's availability as shown to a retailer: exact (a number) or a band. */
export type Availability = { kind: 'exact'; qty: number } | { kind: 'band'; band: StockBand };

/** The patch that moves `retailerAwaiting/{uid}`: `submitted` with a new order, `decided` with its approval or rejection. */
export function awaitingMove(uid: Uid, orderId: OrderId, field: 'submitted' | 'decided'): Patch {
  return { [`${AWAITING}/${uid}/${field}`]: increment(1), [`${AWAITING}/${uid}/by`]: orderId };
}

/** How many orders are awaiting a decision by the stored counter (never below 0). */
export function awaitingCount(stored: unknown): number {
  const v = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const n = (k: string): number => (typeof v[k] === 'number' && Number.isSafeInteger(v[k]) ? (v[k] as number) : 0);
  return Math.max(0, n('submitted') - n('decided'));
}

/** A line of a past order that cannot be ordered again, and why. */
export type GoneLine = { line: Line; reason: string };

/**
 * Reorder: the lines of a past order that can be ordered again (product still sold, colour and
 * size still offered, quantity capped at RETAIL_MAX_QTY), and the ones that cannot, with why.
 */
export function reorderLines(lines: readonly Line[], catalog: Readonly<Record<string, Product>>): { lines: Line[]; gone: GoneLine[] } {
  const ok: Line[] = [];
  const gone: GoneLine[] = [];
  for (const l of lines) {
    const problems = checkAgainstCatalog([l], catalog);
    if (problems.length === 0) ok.push({ ...l, qty: Math.min(l.qty, RETAIL_MAX_QTY) });
    else gone.push({ line: l, reason: problems[0]?.message === 'names a product that is not in the catalogue' ? 'is no longer in the catalogue' : (problems[0]?.message ?? 'cannot be ordered') });
  }
  return { lines: normalizeLines(ok), gone };
}
