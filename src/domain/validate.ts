/**
 * Boundary validators: every record read back from the database (as `unknown`), every form and
 * every retailer request goes through one of these before the domain uses it. Errors name the
 * field (`lines[2].qty`) and the reason; unknown fields are refused.
 */
import type { FieldError } from './errors.ts';
import { parseSkuId, keyProblem } from './ids.ts';
import { lineKey, lineLabel, normalizeLines, qtyMap } from './lines.ts';
import { PRODUCT_CODE_MAX, PRODUCT_CODE_PATTERN } from './productLabel.ts';
import type { TallyLine } from './orderRecords.ts';
import { at, bool, id, int, keyed, list, object, oneOf, parse, recordOf, refine, text, time, type Result, type Schema } from './schema.ts';
import type {
  AdjustEntry,
  Adjustments,
  AuditEntry,
  BillingRecord,
  DeletedRecord,
  ExpiredRecord,
  LedgerEntry,
  LedgerId,
  Line,
  OrderId,
  Party,
  PartyId,
  PendingRecord,
  Product,
  ProductId,
  RecordCount,
  RetailerOrder,
  SentId,
  SentRecord,
  SkuId,
  StockRecord,
  Uid,
  UserRecord,
} from './types.ts';

/** Length and size limits of stored fields (the database rules repeat the important ones). */
export const LIMITS = {
  name: 80,
  area: 60,
  note: 500,
  remarks: 200,
  reason: 200,
  colorCode: 40,
  colorName: 60,
  size: 20,
  lines: 500,
  qty: 1_000_000,
  stockQty: 1_000_000_000,
  sizes: 40,
  colors: 100,
} as const;

const noEdgeSpace = { pattern: /^\S(?:[^]*\S)?$/, patternMessage: 'must not start or end with a space' };
const uid = id<Uid>();
const colorText = text({ min: 1, max: LIMITS.colorCode, ...noEdgeSpace });
const sizeText = text({ min: 1, max: LIMITS.size, ...noEdgeSpace });

/** A line as stored: quantity ≥ 1. */
export const lineSchema: Schema<Line> = object({ productId: id<ProductId>(), color: colorText, size: sizeText, qty: int(1, LIMITS.qty) });

const noDuplicates = (lines: Line[], field: string): FieldError[] => {
  const seen = new Set<string>();
  return lines.flatMap((l, i) => {
    const k = lineKey(l);
    if (!seen.has(k)) return (seen.add(k), []);
    return [{ field: at(field, i), message: `${lineLabel(l)} appears twice` }];
  });
};
/** Lines in a list (retailer requests, audit entries): 1..500 normalised lines. */
const storedLines = refine(list(lineSchema, 1, LIMITS.lines), noDuplicates);
/** Lines of an order record as stored: 1..500 lines keyed by their line key (docs/data-model.md), read into a list. */
const keyedLines = keyed(lineSchema, 1, LIMITS.lines, lineKey);

/** Problems where `part` holds more of a line than `whole` (or a line `whole` lacks). */
function within(part: readonly Line[], whole: readonly Line[], field: string, wholeName: string): FieldError[] {
  const have = qtyMap(whole);
  return part.flatMap((l, i) =>
    l.qty > (have.get(lineKey(l)) ?? 0) ? [{ field: at(at(field, i), 'qty'), message: `${l.qty} is more than the ${have.get(lineKey(l)) ?? 0} in ${wholeName}` }] : [],
  );
}

const base = {
  number: text({ min: 2, max: 16, pattern: /^K[1-9]\d{0,14}$/, patternMessage: 'must be K followed by a number' }),
  partyId: id<PartyId>(),
  partyName: text({ min: 1, max: LIMITS.name }),
  note: text({ max: LIMITS.note, multiline: true }),
  source: oneOf(['staff', 'retailer'] as const),
  createdAt: time,
  createdBy: uid,
  lines: keyedLines,
  ordered: keyedLines,
};
type Based = { lines: Line[]; ordered: Line[] };
const linesWithinOrdered = <T extends Based>(s: Schema<T>): Schema<T> => refine(s, (r, f) => within(r.lines, r.ordered, at(f, 'lines'), 'ordered'));

/** `orders/{id}` read back. */
export const pendingSchema: Schema<PendingRecord> = refine(
  linesWithinOrdered(object(base, { expiresAt: time, picked: keyed(lineSchema, 0, LIMITS.lines, lineKey), revertedAt: time, revertedBy: uid, updatedAt: time })),
  (r, f) => within(r.picked ?? [], r.lines, at(f, 'picked'), 'pending'),
);
/** `billing/{id}` read back. */
export const billingSchema: Schema<BillingRecord> = linesWithinOrdered(
  object({ ...base, remarks: text({ max: LIMITS.remarks, multiline: true }), queuedAt: time, queuedBy: uid }),
);
/** `sent/{id}` read back. */
export const sentSchema: Schema<SentRecord> = linesWithinOrdered(
  object({
    ...base,
    orderId: id<OrderId>(),
    billedAt: time,
    billedBy: uid,
    remarks: text({ max: LIMITS.remarks, multiline: true }),
    deliveryStatus: oneOf(['undelivered', 'delivered'] as const),
  }),
);
/** `deleted/{id}` read back. */
export const deletedSchema: Schema<DeletedRecord> = linesWithinOrdered(
  object({ ...base, reason: text({ min: 1, max: LIMITS.reason, multiline: true }), deletedAt: time, deletedBy: uid, from: oneOf(['pending', 'billing', 'both'] as const) }),
);
/** `expired/{id}` read back. */
export const expiredSchema: Schema<ExpiredRecord> = linesWithinOrdered(object({ ...base, expiredAt: time, expiresAt: time }));

/** One line of `orderTally/{orderId}` read back. */
export const tallyLineSchema: Schema<TallyLine> = object(
  { productId: id<ProductId>(), color: colorText, size: sizeText, ordered: int(1, LIMITS.qty), sent: int(0, LIMITS.qty), purged: int(0, LIMITS.qty) },
  { lastSent: id<SentId>() },
);
/** `orderTally/{orderId}` read back, as a list in key order. */
export const orderTallySchema: Schema<TallyLine[]> = keyed(tallyLineSchema, 1, LIMITS.lines, lineKey);

/** `counts/orders` or `counts/billing` read back: a whole number ≥ 0 and the order that last moved it. */
export const recordCountSchema: Schema<RecordCount> = object({ n: int(0, Number.MAX_SAFE_INTEGER), by: id<OrderId>() });

/** One changed line: a reduction (`to` < `from`; 0 removed it). */
const adjustEntrySchema: Schema<AdjustEntry> = refine(object({ line: int(0, LIMITS.lines - 1), from: int(1, LIMITS.qty), to: int(0, LIMITS.qty) }), (e, f) =>
  e.to < e.from ? [] : [{ field: at(f, 'to'), message: 'must be less than from (approval only reduces)' }],
);
/** `retailerOrders/{id}/adjustments` read back: 1..500 entries keyed by valid line keys. */
const adjustmentsSchema: Schema<Adjustments> = (v, field, errors) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    errors.push({ field, message: 'must be an object keyed by line' });
    return {};
  }
  const entries = Object.entries(v);
  if (entries.length < 1 || entries.length > LIMITS.lines) errors.push({ field, message: `must have 1 to ${LIMITS.lines} lines` });
  const out: Adjustments = {};
  for (const [k, e] of entries) {
    try {
      parseSkuId(k);
    } catch {
      errors.push({ field: at(field, k), message: 'is not a line key' });
    }
    out[k] = adjustEntrySchema(e, at(field, k), errors);
  }
  return out;
};

/** `retailerOrders/{id}` read back. */
export const retailerOrderSchema: Schema<RetailerOrder> = object(
  {
    retailerUid: uid,
    partyId: id<PartyId>(),
    note: text({ max: LIMITS.note, multiline: true }),
    lines: storedLines,
    createdAt: time,
    status: oneOf(['submitted', 'rejected', 'approved', 'inBilling', 'partlySent', 'sent', 'cancelled', 'expired'] as const),
  },
  {
    reference: text({ min: 1, max: 40 }),
    orderNumber: base.number,
    decidedBy: uid,
    decidedAt: time,
    rejectReason: text({ min: 1, max: LIMITS.reason, multiline: true }),
    decidedByName: text({ min: 1, max: LIMITS.name }),
    pickingAt: time,
    billingAt: time,
    endedAt: time,
    // One entry per billing event of the order (src/domain/tracking.ts).
    dispatches: recordOf(object({ at: time, lines: keyedLines }, { deliveredAt: time }), 10_000),
    adjustments: adjustmentsSchema,
    adjustReason: text({ min: 1, max: LIMITS.reason, multiline: true }),
  },
);

/** `users/{uid}` read back or submitted by the admin form; a retailer must have a party, staff must not. */
export const userSchema: Schema<UserRecord> = refine(
  object(
    {
      name: text({ min: 1, max: LIMITS.name }),
      email: text({ min: 3, max: 254, pattern: /^[^\s@]+@[^\s@]+$/, patternMessage: 'must be an email address' }),
      role: oneOf(['admin', 'staff', 'retailer'] as const),
      status: oneOf(['pending', 'active', 'removed', 'disabled'] as const),
    },
    { partyId: id<PartyId>() },
  ),
  (u, f) =>
    u.role === 'retailer' && u.partyId === undefined
      ? [{ field: at(f, 'partyId'), message: 'is required for a retailer' }]
      : u.role !== 'retailer' && u.partyId !== undefined
        ? [{ field: at(f, 'partyId'), message: 'is only for retailers' }]
        : [],
);

const swatch = text({ min: 4, max: 15, pattern: /^#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?(?: #[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?)?$/, patternMessage: 'must be #rgb or #rrggbb, or two of them separated by a space' });
const catalogColor = object(
  { code: colorText, name: text({ min: 1, max: LIMITS.colorName }), swatch },
  { mrp: list(object({ size: sizeText, paise: int(0, 100_000_000) }), 1, LIMITS.sizes) },
);
const uniqueBy = <T>(items: T[], key: (t: T) => string, field: string, what: string): FieldError[] => {
  const seen = new Set<string>();
  return items.flatMap((t, i) => (seen.has(key(t)) ? [{ field: at(field, i), message: `${what} "${key(t)}" appears twice` }] : (seen.add(key(t)), [])));
};
/** A product's human code: 1–20 letters, digits, hyphens or inner spaces. */
export const productCode = text({ min: 1, max: PRODUCT_CODE_MAX, pattern: PRODUCT_CODE_PATTERN, patternMessage: 'may hold only letters, digits, hyphens and spaces between them' });
/** `catalog/{productId}`: sizes and colour codes unique; MRP sizes must be sizes of the product. */
export const productSchema: Schema<Product> = refine(
  object({ name: text({ min: 1, max: LIMITS.name }), sizes: list(sizeText, 1, LIMITS.sizes), colors: list(catalogColor, 1, LIMITS.colors), active: bool }, { code: productCode, updatedAt: time }),
  (p, f) => [
    ...uniqueBy(p.sizes, (s) => s, at(f, 'sizes'), 'size'),
    ...uniqueBy(p.colors, (c) => c.code, at(f, 'colors'), 'colour'),
    ...p.colors.flatMap((c, i) => [
      ...(c.mrp ?? []).flatMap((m, j) => (p.sizes.includes(m.size) ? [] : [{ field: at(at(at(at(f, 'colors'), i), 'mrp'), j), message: `size "${m.size}" is not a size of this product` }])),
      ...uniqueBy(c.mrp ?? [], (m) => m.size, at(at(at(f, 'colors'), i), 'mrp'), 'size'),
    ]),
  ],
);

/** `parties/{partyId}`, or the party form (trimmed). */
export const partySchema: Schema<Party> = object(
  { name: text({ min: 1, max: LIMITS.name, trim: true }), area: text({ min: 1, max: LIMITS.area, trim: true }) },
  {
    phone: text({ min: 6, max: 20, trim: true, pattern: /^\+?[0-9][0-9 -]*[0-9]$/, patternMessage: 'must be a phone number' }),
    email: text({ min: 3, max: 254, trim: true, pattern: /^[^\s@]+@[^\s@]+$/, patternMessage: 'must be an email address' }),
    address: text({ max: 300, trim: true, multiline: true }),
    gstin: text({ min: 15, max: 15, trim: true, pattern: /^[0-9]{2}[A-Z0-9]{13}$/, patternMessage: 'must be a 15-character GSTIN' }),
    updatedAt: time,
  },
);

const skuIdSchema: Schema<SkuId> = (v, field, errors) => {
  const problem = typeof v !== 'string' ? 'must be a SKU key' : keyProblem(v);
  if (problem !== null) errors.push({ field, message: problem });
  else {
    try {
      parseSkuId(v as string);
    } catch {
      errors.push({ field, message: 'is not a valid SKU key' });
    }
  }
  return v as SkuId;
};

/** `stock/{skuId}` read back (the key must match via `checkStockKey`). */
export const stockSchema: Schema<StockRecord> = object({
  productId: id<ProductId>(),
  color: colorText,
  size: sizeText,
  qty: int(0, LIMITS.stockQty),
  updatedAt: time,
  ledgerId: id<LedgerId>(),
});
/** `stockLedger/{id}` read back. */
export const ledgerSchema: Schema<LedgerEntry> = refine(
  object(
    {
      skuId: skuIdSchema,
      reason: oneOf(['import', 'adjust', 'bill'] as const),
      before: int(0, LIMITS.stockQty),
      delta: int(-LIMITS.stockQty, LIMITS.stockQty),
      actor: uid,
      at: time,
    },
    // importId is optional when read: import entries written before it existed have none.
    { orderId: id<OrderId>(), sentId: id<SentId>(), billed: int(1, LIMITS.qty * LIMITS.lines), shortfall: int(0, LIMITS.qty * LIMITS.lines), note: text({ max: LIMITS.note }), importId: text({ min: 1, max: 128 }) },
  ),
  (e, f) => (e.before + e.delta < 0 ? [{ field: at(f, 'delta'), message: `would take stock below 0 (before ${e.before})` }] : []),
);
/** `audit/{id}` read back. */
export const auditSchema: Schema<AuditEntry> = object(
  {
    action: oneOf(['place', 'approve', 'reject', 'pick', 'sendToBilling', 'remarks', 'bill', 'delivery', 'delete', 'revert', 'expire', 'purge', 'archive'] as const),
    orderId: id<OrderId>(),
    actor: uid,
    at: time,
    rev: int(1, Number.MAX_SAFE_INTEGER),
  },
  { lines: keyedLines, detail: text({ max: LIMITS.reason * 2, multiline: true }) },
);

/** Parses a record read back from the database at `path` (e.g. 'orders/-Nabc'). */
export const parseRecord = <T>(schema: Schema<T>, value: unknown, path: string): Result<T> => parse(schema, value, path);

/** Catalogue problems of lines: unknown or inactive product, colour or size not offered. */
export function checkAgainstCatalog(lines: readonly Line[], catalog: Readonly<Record<string, Product>>, field = 'lines'): FieldError[] {
  return lines.flatMap((l, i) => {
    const product = Object.hasOwn(catalog, l.productId) ? catalog[l.productId] : undefined;
    const f = at(field, i);
    if (product === undefined) return [{ field: at(f, 'productId'), message: 'names a product that is not in the catalogue' }]; // the field says which line; the id is never shown
    if (!product.active) return [{ field: at(f, 'productId'), message: `${product.name} is no longer sold` }];
    const errs: FieldError[] = [];
    if (!product.colors.some((c) => c.code === l.color)) errs.push({ field: at(f, 'color'), message: `"${l.color}" is not a colour of ${product.name}` });
    if (!product.sizes.includes(l.size)) errs.push({ field: at(f, 'size'), message: `"${l.size}" is not a size of ${product.name}` });
    return errs;
  });
}

/** Lines entered in a form (picked, billed): whole numbers ≥ 0, merged and zero-free after parsing. */
export function parseQuantities(input: unknown, field = 'lines', allowEmpty = false): Result<Line[]> {
  const formLine = object({ productId: id<ProductId>(), color: colorText, size: sizeText, qty: int(0, LIMITS.qty) });
  const r = parse(list(formLine, 0, LIMITS.lines), input, field);
  if (!r.ok) return r;
  const lines = normalizeLines(r.value);
  if (lines.length === 0 && !allowEmpty) return { ok: false, errors: [{ field, message: 'must have at least one quantity above 0' }] };
  return { ok: true, value: lines };
}

/** A validated new order, ready for `placeOrder`. */
export type PlaceOrderInput = { partyId: PartyId; partyName: string; note: string; lines: Line[] };
/** Catalogue and parties an order form is checked against. */
export type OrderRefs = { catalog: Readonly<Record<string, Product>>; parties: Readonly<Record<string, Party>> };

const orderForm = object({ partyId: id<PartyId>(), note: text({ max: LIMITS.note, multiline: true, trim: true }), lines: list(lineSchema, 1, LIMITS.lines) });

/** The staff order form: party from the master list, non-empty cart, every line in the catalogue. */
export function parsePlaceOrder(input: unknown, refs: OrderRefs): Result<PlaceOrderInput> {
  const r = parse(orderForm, input);
  if (!r.ok) return r;
  const party = Object.hasOwn(refs.parties, r.value.partyId) ? refs.parties[r.value.partyId] : undefined;
  const errors = [
    ...(party === undefined ? [{ field: 'partyId', message: 'is not a known party' }] : []),
    ...checkAgainstCatalog(r.value.lines, refs.catalog),
  ];
  if (errors.length > 0 || party === undefined) return { ok: false, errors };
  return { ok: true, value: { partyId: r.value.partyId, partyName: party.name, note: r.value.note, lines: normalizeLines(r.value.lines) } };
}

const retailerForm = object({ note: text({ max: LIMITS.note, multiline: true, trim: true }), lines: list(lineSchema, 1, LIMITS.lines) });

/** A retailer portal request: the party comes from the retailer's user record, never from the request. */
export function parseRetailerRequest(input: unknown, catalog: Readonly<Record<string, Product>>): Result<{ note: string; lines: Line[] }> {
  const r = parse(retailerForm, input);
  if (!r.ok) return r;
  const errors = checkAgainstCatalog(r.value.lines, catalog);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { note: r.value.note, lines: normalizeLines(r.value.lines) } };
}

/** The reason given when deleting or rejecting: required, trimmed. */
export const parseReason = (input: unknown, field = 'reason'): Result<string> => parse(text({ min: 1, max: LIMITS.reason, multiline: true, trim: true }), input, field);
/** Billing remarks: may be empty, trimmed. */
export const parseRemarks = (input: unknown): Result<string> => parse(text({ max: LIMITS.remarks, multiline: true, trim: true }), input, 'remarks');
