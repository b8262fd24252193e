/**
 * The retailer portal's ordering rules, pure: what a retailer may send (quantities, reference,
 * note, products), the per-retailer count of orders awaiting a decision, availability bands, and
 * Reorder. The same limits are enforced again by the database rules (rules/portal.ts).
 */
import { lineKey, normalizeLines } from './lines.ts';
import { increment, type Patch } from './patch.ts';
import type { FieldError } from './errors.ts';
import { at, int, list, object, parse, text, type Result } from './schema.ts';
import type { Line, OrderId, Product, Uid } from './types.ts';
import { checkAgainstCatalog, LIMITS } from './validate.ts';

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

/** Pieces a retailer can count on for a line: exact stock, or for bands the most the band promises (out: 0; low/in: unknown). */
function knownShort(line: Line, a: Availability | undefined): number | null {
  if (a === undefined) return null;
  if (a.kind === 'exact') return a.qty < line.qty ? a.qty : null;
  if (a.band === 'out') return 0;
  if (a.band === 'low' && line.qty > LOW_STOCK_MAX) return LOW_STOCK_MAX;
  return null;
}

/** Lines asking for more than is available: with exact stock, more than on hand; with bands, anything out of stock or more than "low" can hold. */
export function linesOverStock(lines: readonly Line[], availability: (line: Line) => Availability | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lines) {
    const short = knownShort(l, availability(l));
    if (short !== null) out.set(lineKey(l), short);
  }
  return out;
}

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

/** A portal order as typed: reference, note and lines. */
export type PortalOrderInput = { reference: string; note: string; lines: Line[] };

const noEdgeSpace = { pattern: /^\S(?:[^]*\S)?$/, patternMessage: 'must not start or end with a space' };
const portalLine = object({
  productId: text({ min: 1, max: 128 }),
  color: text({ min: 1, max: LIMITS.colorCode, ...noEdgeSpace }),
  size: text({ min: 1, max: LIMITS.size, ...noEdgeSpace }),
  qty: int(1, RETAIL_MAX_QTY),
});
/** No HTML in free text (the rules refuse it too: NO_MARKUP in rules/portal.ts); "qty < 5" is fine. */
const noMarkup = { pattern: /^(?![^]*<[A-Za-z!?/])[^]*$/, patternMessage: 'must not contain HTML such as <b>' };
const portalForm = object({
  reference: text({ max: REFERENCE_MAX, trim: true, ...noMarkup }),
  note: text({ max: LIMITS.note, multiline: true, trim: true, ...noMarkup }),
  lines: list(portalLine, 1, LIMITS.lines),
});

/** Names a field for a person: `lines[2].qty` → "Line 3 quantity". */
export function fieldName(field: string): string {
  const m = /^lines\[(\d+)\]\.?(\w*)$/.exec(field);
  if (m !== null) {
    const what = { qty: 'quantity', productId: 'product', color: 'colour', size: 'size' }[m[2] ?? ''] ?? '';
    return `Line ${Number(m[1]) + 1}${what === '' ? '' : ` ${what}`}`;
  }
  return { reference: 'Your reference', note: 'Note', lines: 'Cart' }[field] ?? field;
}

/** "Line 1 quantity: must be at most 100000" for each problem. */
export const problemText = (errors: readonly FieldError[]): string[] => errors.map((e) => `${fieldName(e.field)}: ${e.message}`);

/**
 * A retailer's order checked before sending: whole quantities 1..100,000, every product in the
 * catalogue and still sold (colour and size offered), a reference of at most 40 characters and a
 * note of at most 500. The party is never part of the input: it comes from the user record.
 */
export function parsePortalOrder(input: unknown, catalog: Readonly<Record<string, Product>>): Result<PortalOrderInput> {
  const r = parse(portalForm, input);
  if (!r.ok) return r;
  const lines = r.value.lines as Line[];
  const errors = checkAgainstCatalog(lines, catalog);
  if (errors.length > 0) return { ok: false, errors };
  const merged = normalizeLines(lines);
  const over = merged.findIndex((l) => l.qty > RETAIL_MAX_QTY);
  if (over >= 0) return { ok: false, errors: [{ field: at(at('lines', over), 'qty'), message: `adds up to more than ${RETAIL_MAX_QTY}` }] };
  return { ok: true, value: { reference: r.value.reference, note: r.value.note, lines: merged } };
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
