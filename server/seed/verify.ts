/**
 * Checks a generated tree the way the app reads it: every record through its domain validator,
 * every order through `checkConservation`, all stock through `checkStock` (and the ledger chain
 * the rules enforce), Home's counters against a full recount, and that the demo shows every
 * state. Throws with the first problems found.
 */
import {
  auditSchema,
  barcodeKey,
  barcodeSchema,
  billingSchema,
  checkConservation,
  checkStock,
  deletedSchema,
  expiredSchema,
  orderTallySchema,
  ledgerSchema,
  parse,
  parseOrderNumber,
  partySchema,
  pendingSchema,
  productSchema,
  recordCountSchema,
  retailerOrderSchema,
  retailerStatus,
  sentSchema,
  skuId,
  stockSchema,
  userSchema,
  importRecordSchema,
  type LedgerEntry,
  type Line,
  type OrderId,
  type OrderRecords,
  type OrderState,
  type Product,
  type Schema,
  type SentRecord,
  type SkuId,
} from './domain.ts';
import { childrenOf, type Tree } from './tree.ts';

/** Counts that describe a generated business. */
export type Summary = {
  /** Records per top-level collection. */
  counts: Record<string, number>;
  orders: { total: number; partlyBilled: number; pendingAndBilling: number; reverted: number };
  /** Bill ledger entries that billed beyond stock. */
  shortfallLines: number;
  retailerStatuses: Record<string, number>;
  deliveryStatuses: Record<string, number>;
  ledgerReasons: Record<string, number>;
  users: { role: string; status: string }[];
};

/** The generated data broke a law or a validator. */
export class SeedInvalidError extends Error {
  constructor(readonly problems: string[]) {
    super(`the generated business is invalid (${problems.length} problem(s)):\n  ${problems.slice(0, 20).join('\n  ')}${problems.length > 20 ? '\n  …' : ''}`);
  }
}

const TOP_LEVEL = new Set(['catalog', 'parties', 'stock', 'stockLedger', 'orders', 'billing', 'sent', 'sentArchive', 'deleted', 'expired', 'retailerOrders', 'users', 'orderRev', 'orderAudit', 'orderTally', 'counters', 'counts', 'orderNumbers', 'audit', 'meta', 'stockImports', 'gone', 'barcodes', 'stockBands', 'retailerAwaiting']);
const tally = (m: Record<string, number>, k: string): void => void (m[k] = (m[k] ?? 0) + 1);

/** Validates everything; with `requireEveryState`, also that every order state appears. Returns the summary. */
export function verifyBusiness(tree: Tree, opts: { requireEveryState: boolean }): Summary {
  const problems: string[] = [];
  for (const k of Object.keys(tree)) if (!TOP_LEVEL.has(k)) problems.push(`unknown top-level path /${k}`);

  function each<T>(collection: string, schema: Schema<T>): Map<string, T> {
    const out = new Map<string, T>();
    for (const [key, value] of Object.entries(childrenOf(tree, collection))) {
      const r = parse(schema, value, `${collection}/${key}`);
      // The parsed copy: order records are stored with keyed lines and held here as lists.
      if (r.ok) out.set(key, r.value);
      else problems.push(...r.errors.map((e) => `${e.field} ${e.message}`));
    }
    return out;
  }

  const catalog = each('catalog', productSchema);
  const parties = each('parties', partySchema);
  const users = each('users', userSchema);
  const stock = each('stock', stockSchema);
  const ledger = each('stockLedger', ledgerSchema);
  const imports = each('stockImports', importRecordSchema);
  // Every import entry names the stockImports record written with it (the rules require it).
  for (const [lid, e] of ledger) if (e.reason === 'import' && (e.importId === undefined || !imports.has(e.importId))) problems.push(`stockLedger/${lid}: an import naming no stockImports record`);
  const pending = each('orders', pendingSchema);
  const billing = each('billing', billingSchema);
  const sent = each('sent', sentSchema);
  // Archived billing events are still billed: conservation and the stock check count them with sent.
  const archived = each('sentArchive', sentSchema);
  for (const id of archived.keys()) if (sent.has(id)) problems.push(`sentArchive/${id} is also in sent`);
  const billed = [...sent.values(), ...archived.values()];
  const deleted = each('deleted', deletedSchema);
  const expired = each('expired', expiredSchema);
  const retailerOrders = each('retailerOrders', retailerOrderSchema);
  const audit = each('audit', auditSchema);
  const tallies = each('orderTally', orderTallySchema);
  const revs = childrenOf(tree, 'orderRev');

  for (const [uid, u] of users) if (u.partyId !== undefined && !parties.has(u.partyId)) problems.push(`users/${uid}.partyId names no party`);

  // Lines name real catalogue variants.
  const knowsLine = (l: Line): boolean => {
    const p: Product | undefined = catalog.get(l.productId);
    return p !== undefined && p.sizes.includes(l.size) && p.colors.some((c) => c.code === l.color);
  };
  const checkLines = (path: string, lines: readonly Line[]): void => {
    for (const l of lines) if (!knowsLine(l)) problems.push(`${path}: ${l.productId} ${l.color} ${l.size} is not in the catalogue`);
  };
  // Barcodes: each stored under its own code's key, naming a catalogue variant, set by a user.
  const barcodes = each('barcodes', barcodeSchema);
  for (const [key, b] of barcodes) {
    if (key !== barcodeKey(b.code)) problems.push(`barcodes/${key} holds the code ${b.code}`);
    if (!knowsLine({ ...b, qty: 1 })) problems.push(`barcodes/${key} names ${b.productId} ${b.color} ${b.size}, which is not a catalogue variant`);
    if (!users.has(b.updatedBy)) problems.push(`barcodes/${key}.updatedBy names no user`);
  }
  for (const [name, records] of [['orders', pending], ['billing', billing], ['sent', sent], ['deleted', deleted], ['expired', expired]] as const) {
    for (const [id, r] of records) {
      checkLines(`${name}/${id}`, r.ordered);
      if (!parties.has(r.partyId)) problems.push(`${name}/${id}.partyId names no party`);
    }
  }
  for (const [id, r] of retailerOrders) {
    checkLines(`retailerOrders/${id}`, r.lines);
    const u = users.get(r.retailerUid);
    if (u?.role !== 'retailer' || u.partyId !== r.partyId) problems.push(`retailerOrders/${id}: retailer ${r.retailerUid} does not belong to party ${r.partyId}`);
  }

  // Conservation, per order.
  const sentByOrder = new Map<string, SentRecord[]>();
  for (const s of billed) sentByOrder.set(s.orderId, [...(sentByOrder.get(s.orderId) ?? []), s]);
  const orderIds = new Set<string>([...pending.keys(), ...billing.keys(), ...deleted.keys(), ...expired.keys(), ...sentByOrder.keys(), ...tallies.keys()]);
  const numbers = new Map<string, string>();
  // The write-once index the rules check every order number against (number → order id).
  const index = childrenOf(tree, 'orderNumbers');
  let maxNumber = 0;
  const summaryOrders = { total: orderIds.size, partlyBilled: 0, pendingAndBilling: 0, reverted: 0 };
  let shortfallLines = 0;
  for (const id of orderIds) {
    const records: OrderRecords = { sent: sentByOrder.get(id) ?? [] };
    const p = pending.get(id);
    const bl = billing.get(id);
    const d = deleted.get(id);
    const e = expired.get(id);
    if (p) records.pending = p;
    if (bl) records.billing = bl;
    if (d) records.deleted = d;
    if (e) records.expired = e;
    const lineTally = tallies.get(id);
    if (lineTally) records.tally = lineTally;
    else problems.push(`orderTally/${id} is missing`);
    problems.push(...checkConservation(id as OrderId, records).map((v) => `${v.subject}${v.line === undefined ? '' : ` ${v.line}`}: ${v.message}`));
    const first = p ?? bl ?? d ?? e ?? records.sent[0];
    if (first !== undefined) {
      const n = parseOrderNumber(first.number) ?? 0;
      maxNumber = Math.max(maxNumber, n);
      const other = numbers.get(first.number);
      if (other !== undefined) problems.push(`orders ${other} and ${id} share the number ${first.number}`);
      numbers.set(first.number, id);
      if (index[first.number] !== id) problems.push(`orderNumbers/${first.number} is ${String(index[first.number])}, not the order ${id} that carries it`);
    }
    const rev = revs[id];
    if (typeof rev !== 'number' || rev < 1) problems.push(`orderRev/${id} is missing`);
    if (p && bl) summaryOrders.pendingAndBilling++;
    if (p && bl && records.sent.length > 0) summaryOrders.partlyBilled++;
    if (p?.revertedAt !== undefined) summaryOrders.reverted++;
    const r = retailerOrders.get(id);
    if (r !== undefined) {
      const state: OrderState = { id: id as OrderId, rev: typeof rev === 'number' ? rev : 0, ...records };
      // An order with no part left (fully sent, or its deleted part purged) has no base for
      // retailerStatus: its tally says whether anything was sent.
      const sentQty = Object.values(lineTally ?? {}).reduce((n, l) => n + l.sent, 0);
      const want = p || bl || d || e ? retailerStatus(state, {}) : sentQty > 0 ? 'sent' : r.status === 'expired' ? 'expired' : 'cancelled';
      if (r.status !== want) problems.push(`retailerOrders/${id}.status is ${r.status}, but its records say ${want}`);
    }
  }
  const counter = (childrenOf(tree, 'counters') as { orderNumber?: unknown }).orderNumber;
  if (orderIds.size > 0 && counter !== maxNumber) problems.push(`counters/orderNumber is ${String(counter)}, the highest order number is K${maxNumber}`);
  const lastOrderId = (childrenOf(tree, 'counters') as { lastOrderId?: unknown }).lastOrderId;
  if (orderIds.size > 0 && (typeof lastOrderId !== 'string' || index[`K${maxNumber}`] !== lastOrderId)) problems.push(`counters/lastOrderId is ${String(lastOrderId)}, not the order numbered K${maxNumber}`);
  // Numbers of orders purged since may stay in the index (it is never deleted); none may point nowhere else.
  for (const [number, id] of Object.entries(index)) {
    if (numbers.has(number) && numbers.get(number) !== id) problems.push(`orderNumbers/${number} names ${String(id)}, but ${String(numbers.get(number))} carries that number`);
  }

  // Pending orders, products and parties resume from their change stamps: every record carries
  // one, and a tombstone (`gone/{collection}/{id}`, the time of the removal) names only a record
  // that is not there.
  const resumed: Record<string, ReadonlyMap<string, { updatedAt?: number }>> = { orders: pending, catalog, parties };
  for (const [k, v] of Object.entries(childrenOf(tree, 'gone'))) if (resumed[k] === undefined) problems.push(`gone/${k} is not a tombstone collection the app keeps (${typeof v})`);
  for (const [c, records] of Object.entries(resumed)) {
    for (const [id, r] of records) if (r.updatedAt === undefined) problems.push(`${c}/${id} has no updatedAt`);
    for (const [id, at] of Object.entries(childrenOf(tree, 'gone', c))) {
      if (typeof at !== 'number') problems.push(`gone/${c}/${id} is not a time`);
      if (records.has(id)) problems.push(`gone/${c}/${id} is a tombstone of a record that is there`);
    }
  }

  // Home's counters equal a full recount of the records they count (absent counts as 0), and name an order.
  const storedCounts = childrenOf(tree, 'counts');
  for (const k of Object.keys(storedCounts)) if (k !== 'orders' && k !== 'billing') problems.push(`counts/${k} is not a counter the app keeps`);
  for (const c of ['orders', 'billing'] as const) {
    const recount = Object.keys(childrenOf(tree, c)).length;
    const stored = storedCounts[c];
    if (stored === undefined) {
      if (recount !== 0) problems.push(`counts/${c} is missing, but ${c} holds ${recount} records`);
      continue;
    }
    const r = parse(recordCountSchema, stored, `counts/${c}`);
    if (!r.ok) problems.push(...r.errors.map((e) => `${e.field} ${e.message}`));
    else if (r.value.n !== recount) problems.push(`counts/${c}/n is ${r.value.n}, but ${c} holds ${recount} records`);
    else if (!orderIds.has(r.value.by)) problems.push(`counts/${c}/by names ${r.value.by}, which is no order`);
  }

  // Audit revisions end at the stored revision.
  const lastRev = new Map<string, number>();
  for (const a of audit.values()) lastRev.set(a.orderId, Math.max(lastRev.get(a.orderId) ?? 0, a.rev));
  for (const [id, rev] of Object.entries(revs)) if (lastRev.get(id) !== rev) problems.push(`orderRev/${id} is ${String(rev)} but its audit ends at ${lastRev.get(id) ?? 'nothing'}`);
  // orderAudit names each order's latest entry (the one of its current revision).
  const latest = childrenOf(tree, 'orderAudit');
  for (const [id, rev] of Object.entries(revs)) {
    const named = audit.get(String(latest[id]));
    if (named?.orderId !== id || named.rev !== rev) problems.push(`orderAudit/${id} is ${String(latest[id])}, not the audit entry of revision ${String(rev)}`);
  }

  // Stock: keys, the ledger chain (push ids sort in write order), and the domain's laws.
  const stockQty: Partial<Record<SkuId, number>> = {};
  for (const [key, s] of stock) {
    stockQty[key as SkuId] = s.qty;
    if (key !== skuId(s.productId, s.color, s.size)) problems.push(`stock/${key} holds ${s.productId} ${s.color} ${s.size}`);
    if (!knowsLine({ ...s, qty: 1 })) problems.push(`stock/${key} is not a catalogue variant`);
    if (ledger.get(s.ledgerId)?.skuId !== key) problems.push(`stock/${key}.ledgerId names no ledger entry of this SKU`);
  }
  const running = new Map<string, { qty: number; last: string }>();
  for (const [lid, e] of [...ledger].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const now = running.get(e.skuId) ?? { qty: 0, last: '' };
    if (e.before !== now.qty) problems.push(`stockLedger/${lid}: before ${e.before} but the stock was ${now.qty}`);
    running.set(e.skuId, { qty: e.before + e.delta, last: lid });
  }
  for (const [sku, { last }] of running) if (stock.get(sku)?.ledgerId !== last) problems.push(`stock/${sku}.ledgerId is not its last ledger entry ${last}`);
  const entries: LedgerEntry[] = [...ledger.values()];
  problems.push(...checkStock(stockQty, entries, billed).map((v) => `${v.subject}${v.line === undefined ? '' : ` ${v.line}`}: ${v.message}`));
  for (const e of entries) if (e.reason === 'bill' && (e.shortfall ?? 0) > 0 && e.orderId !== undefined) shortfallLines++;
  for (const sku of new Set(entries.map((e) => e.skuId))) if (!stock.has(sku)) problems.push(`stockLedger names ${sku}, which has no stock record`);

  const summary: Summary = {
    counts: Object.fromEntries([...TOP_LEVEL].map((k) => [k, Object.keys(childrenOf(tree, k)).length])),
    orders: summaryOrders,
    shortfallLines,
    retailerStatuses: {},
    deliveryStatuses: {},
    ledgerReasons: {},
    users: [...users.values()].map((u) => ({ role: u.role, status: u.status })),
  };
  for (const r of retailerOrders.values()) tally(summary.retailerStatuses, r.status);
  for (const s of sent.values()) tally(summary.deliveryStatuses, s.deliveryStatus);
  for (const e of entries) tally(summary.ledgerReasons, e.reason);

  if (opts.requireEveryState) {
    const need: [boolean, string][] = [
      [pending.size > 0, 'pending orders'],
      [billing.size > 0, 'orders in billing'],
      [summaryOrders.partlyBilled > 0, 'a partly billed order (in orders and billing, with a sent part)'],
      [sent.size > 0, 'sent orders'],
      [[...deleted.values()].some((d) => d.reason !== ''), 'deleted orders with reasons'],
      [expired.size > 0, 'expired orders'],
      [['submitted', 'rejected'].every((s) => (summary.retailerStatuses[s] ?? 0) > 0), 'submitted and rejected retailer orders'],
    ];
    for (const [isPresent, what] of need) if (!isPresent) problems.push(`the demo has no ${what}`);
  }
  if (problems.length > 0) throw new SeedInvalidError(problems);
  return summary;
}
