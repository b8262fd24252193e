/**
 * What happens to orders in the demo business. Each handler reads the order as the app would,
 * decides like a person at the counter would (seeded), runs the domain transition and applies
 * its patch; then it schedules what happens next. Quantities only ever move through domain
 * functions, so conservation and the stock law hold by construction (and verify.ts checks them).
 */
import {
  approveRetailerOrder,
  bill,
  DEFAULT_EXPIRY,
  deleteOrder,
  dueForExpiry,
  DEFAULT_RETENTION_DAYS,
  dueForPurge,
  purgeIfDue,
  expireOrder,
  goneTrimMax,
  lineKey,
  parsePlaceOrder,
  parseRetailerRequest,
  PATHS,
  placeOrder,
  rejectRetailerOrder,
  revertOrder,
  sendToBilling,
  SERVER_TIMESTAMP,
  setDeliveryStatus,
  setPicked,
  setRemarks,
  setStock,
  submitRetailerOrder,
  type DeletedRecord,
  type Line,
  type OrderId,
  type Party,
  type Patch,
  type PartyId,
  type PendingRecord,
  type Product,
  type ProductId,
  type Result,
  type RetailerOrder,
  type SentId,
  type SentRecord,
  type SkuId,
  type ImportRecord,
  type StockTarget,
  type Uid,
} from './domain.ts';
import { ADJUST_NOTES, DELETE_FREE_TEXT, DELETE_PRESETS, ORDER_NOTES, REJECT_REASONS, REMARKS, RETAILER_NOTES } from './texts.ts';
import { childrenOf, getAt } from './tree.ts';
import type { World } from './world.ts';

/** One stock-keeping unit and how fast it sells. */
export type Sku = { id: SkuId; line: Omit<Line, 'qty'>; weekly: number; isScarce: boolean; isActive: boolean };

/** Everything the handlers need besides the world: the catalogue, parties and demand. */
export type Business = {
  world: World;
  catalog: Readonly<Record<string, Product>>;
  parties: Readonly<Record<string, Party>>;
  /** Active products with popularity running sums, for weighted picks. */
  products: { ids: ProductId[]; sums: number[] };
  /** Parties with ordering-activity running sums. */
  partyPick: { ids: PartyId[]; sums: number[] };
  skus: Sku[];
  /** Orders whose expiry is never reverted (so the demo always shows expired orders). */
  keepExpired: Set<OrderId>;
  /** Retailer requests decided so far. */
  decisions: number;
  /** Pending parts handled so far. */
  pendingProcessed: number;
};

/**
 * How an order is handled: normally; partly sent and then forgotten; forgotten outright (it
 * expires); or partly sent and partly billed at once and then left (the demo's showcase).
 */
export type Plan = 'normal' | 'carryPartial' | 'neglect' | 'showcase';

function ok<T>(r: Result<T>, what: string): T {
  if (!r.ok) throw new Error(`${what} refused by the domain: ${JSON.stringify(r.errors)}`);
  return r.value;
}

/** A cart: 1–5 products by popularity, 1–3 colours each, a run of sizes (sometimes all) per colour. */
export function orderLines(b: Business, maxProducts = 5): Line[] {
  const r = b.world.random;
  const nProducts = Math.min(maxProducts, r.weighted([1, 2, 3, 4, 5], [45, 30, 15, 7, 3]));
  const chosen = new Set<ProductId>();
  while (chosen.size < nProducts) chosen.add(r.weightedFrom(b.products.ids, b.products.sums));
  const lines: Line[] = [];
  for (const productId of chosen) {
    const p = b.catalog[productId] as Product;
    const colours = r.sample(p.colors, Math.min(p.colors.length, r.weighted([1, 2, 3], [55, 30, 15])));
    for (const c of colours) {
      let sizes = p.sizes;
      if (r.chance(0.8)) {
        const len = r.int(1, Math.min(4, p.sizes.length));
        const from = r.int(0, p.sizes.length - len);
        sizes = p.sizes.slice(from, from + len);
      }
      const pattern = r.weighted(['ones', 'twos', 'mixed', 'box'] as const, [30, 20, 42, 8]);
      for (const size of sizes) lines.push({ productId, color: c.code, size, qty: pattern === 'ones' ? 1 : pattern === 'twos' ? 2 : pattern === 'box' ? 6 : r.int(1, 4) });
    }
  }
  return lines;
}

/** A non-empty part of `lines`, smaller than the whole when that is possible. */
function partOf(b: Business, lines: readonly Line[]): Line[] {
  const r = b.world.random;
  const part = lines.map((l) => ({ ...l, qty: r.chance(0.55) ? l.qty : r.chance(0.6) ? r.int(0, l.qty) : 0 }));
  if (part.every((l, i) => l.qty === lines[i]?.qty)) {
    const i = r.int(0, part.length - 1);
    (part[i] as Line).qty -= 1;
  }
  if (part.every((l) => l.qty === 0)) (part[0] as Line).qty = 1;
  return part.filter((l) => l.qty > 0);
}

/** True when `part` holds all of `whole` (so billing it would leave nothing behind). */
function containsAll(part: readonly Line[], whole: readonly Line[]): boolean {
  return whole.every((l) => part.some((p) => lineKey(p) === lineKey(l) && p.qty >= l.qty));
}

function deleteReason(b: Business): string {
  const r = b.world.random;
  const x = r.next();
  if (x < 0.15) return r.pick(DELETE_FREE_TEXT);
  if (x < 0.25) return r.sample(DELETE_PRESETS, 2).join(', ');
  return r.weighted(DELETE_PRESETS, [30, 20, 35, 15]);
}

/** A staff member places an order for a party (weighted by how often it orders); returns its id. */
export function placeStaffOrder(b: Business, plan: Plan): OrderId {
  const w = b.world;
  const r = w.random;
  const partyId = r.weightedFrom(b.partyPick.ids, b.partyPick.sums);
  const note = r.chance(0.25) ? r.pick(ORDER_NOTES) : '';
  const input = ok(parsePlaceOrder({ partyId, note, lines: orderLines(b) }, { catalog: b.catalog, parties: b.parties }), 'order form');
  const id = w.newId() as OrderId;
  w.apply(placeOrder(id, input, w.counter(), w.ctx(w.onDuty())).patch);
  if (plan !== 'neglect') w.at(w.afterMinutes(20, 36 * 60), () => processPending(b, id, plan));
  return id;
}

/** A retailer submits a request in the portal; staff decide on it later (unless `isLast`). */
export function submitRetailer(b: Business, who: { uid: Uid; partyId: PartyId }, isLast = false): void {
  const w = b.world;
  const r = w.random;
  const request = ok(parseRetailerRequest({ note: r.chance(0.4) ? r.pick(RETAILER_NOTES) : '', lines: orderLines(b, 2) }, b.catalog), 'retailer request');
  const id = w.newId() as OrderId;
  w.apply(submitRetailerOrder(id, request, who, SERVER_TIMESTAMP).patch);
  if (!isLast) w.at(w.afterMinutes(30, 20 * 60), () => decideRetailer(b, id));
}

function decideRetailer(b: Business, id: OrderId): void {
  const w = b.world;
  const request = getAt(w.tree, 'retailerOrders', id) as RetailerOrder | undefined;
  if (request?.status !== 'submitted') return;
  const { rev } = w.state(id);
  const ctx = w.ctx(w.onDuty());
  // About one in eight is rejected, and always the first one, so the portal shows a rejection.
  if (w.random.chance(0.12) || ++b.decisions === 1) {
    w.apply(rejectRetailerOrder({ id, rev }, request, w.random.pick(REJECT_REASONS), ctx).patch);
    return;
  }
  const party = b.parties[request.partyId] as Party;
  w.apply(approveRetailerOrder({ id, rev }, request, party.name, w.counter(), ctx).patch);
  w.at(w.afterMinutes(30, 24 * 60), () => processPending(b, id, 'normal'));
}

/** The pending part: delete it, save picking progress, or send (part of) it to billing. */
function processPending(b: Business, id: OrderId, plan: Plan): void {
  const w = b.world;
  const r = w.random;
  const s = w.state(id);
  const pending = s.pending;
  if (pending === undefined) return;
  const ctx = w.ctx(w.onDuty());
  // About one in twenty is deleted, and always the fifth handled, so the demo has a deletion.
  if (plan === 'normal' && (r.chance(0.05) || ++b.pendingProcessed === 5)) {
    w.apply(deleteOrder(s, 'pending', deleteReason(b), ctx).patch);
    if (r.chance(0.2)) w.at(w.afterDays(1, 3), () => revert(b, id, 'deleted'));
    return;
  }
  if (plan === 'normal' && pending.picked === undefined && pending.lines.length >= 3 && r.chance(0.12)) {
    w.apply(setPicked(s, partOf(b, pending.lines), ctx).patch);
    w.at(w.afterMinutes(30, 240), () => processPending(b, id, plan));
    return;
  }
  const picked = pending.picked ?? (plan === 'normal' && r.chance(0.65) ? pending.lines : partOf(b, pending.lines));
  w.apply(sendToBilling(s, picked, ctx).patch);
  if (plan === 'showcase') w.at(w.afterMinutes(30, 120), () => processBilling(b, id, 0, true));
  else w.at(w.afterMinutes(60, 30 * 60), () => processBilling(b, id, 0));
  if (plan === 'normal' && getAt(w.tree, 'orders', id) !== undefined && r.chance(0.8)) w.at(w.afterDays(2, 8), () => processPending(b, id, plan));
}

/** The billing part: bill what the shelf allows (or beyond it, confirmed), hold some back, or cancel. */
function processBilling(b: Business, id: OrderId, attempt: number, isShowcase = false): void {
  const w = b.world;
  const r = w.random;
  let s = w.state(id);
  if (s.billing === undefined) return;
  const ctx = w.ctx(w.onDuty());
  if (isShowcase) {
    // Bill part of what the shelf holds and leave the rest in billing.
    const billed = partOf(b, s.billing.lines.map((l) => ({ ...l, qty: Math.min(l.qty, w.stockQty(lineKey(l))) })).filter((l) => l.qty > 0));
    if (billed.length > 0 && !containsAll(billed, s.billing.lines)) w.apply(bill(s, billed, Object.fromEntries(billed.map((l) => [lineKey(l), w.stockQty(lineKey(l))])), ctx).patch);
    return;
  }
  if (r.chance(0.03)) {
    w.apply(deleteOrder(s, 'billing', deleteReason(b), ctx).patch);
    if (r.chance(0.15)) w.at(w.afterDays(1, 3), () => revert(b, id, 'deleted'));
    return;
  }
  if (s.billing.remarks === '' && r.chance(0.25)) {
    w.apply(setRemarks(s, r.chance(0.5) ? `Bill no. ${r.int(1000, 9999)}` : r.pick(REMARKS), ctx).patch);
    s = w.state(id);
  }
  const lines = s.billing?.lines ?? [];
  const isHoldingBack = r.chance(0.15);
  const isConfirmingShortfall = r.chance(0.5);
  const stock: Partial<Record<SkuId, number>> = {};
  const billed: Line[] = [];
  for (const l of lines) {
    const sku = lineKey(l);
    const available = w.stockQty(sku);
    stock[sku] = available;
    let qty = isHoldingBack && r.chance(0.4) ? r.int(0, l.qty - 1) : l.qty;
    if (available < qty && !isConfirmingShortfall) qty = available;
    if (qty > 0) billed.push({ ...l, qty });
  }
  if (billed.length === 0) {
    if (attempt >= 2 || r.chance(0.35)) w.apply(deleteOrder(s, 'billing', DELETE_PRESETS[3], ctx).patch);
    else w.at(w.afterDays(2, 5), () => processBilling(b, id, attempt + 1));
    return;
  }
  const result = bill(s, billed, stock, ctx);
  w.apply(result.patch);
  if (r.chance(0.88)) w.at(w.afterDays(1, 4), () => deliver(b, id, result.sentId));
  if (getAt(w.tree, 'billing', id) !== undefined && r.chance(0.75)) w.at(w.afterDays(1, 5), () => processBilling(b, id, attempt + 1));
}

function deliver(b: Business, id: OrderId, sentId: SentId): void {
  const w = b.world;
  const stored = getAt(w.tree, 'sent', sentId) as (Omit<SentRecord, 'lines'> & { lines: SentRecord['lines'] | Record<string, SentRecord['lines'][number]> }) | undefined;
  if (stored === undefined) return;
  // Stored lines are keyed by line key; the domain takes them as a list (the retailer's dispatch copies them).
  const sent: SentRecord = { ...stored, lines: Array.isArray(stored.lines) ? stored.lines : Object.values(stored.lines) };
  w.apply(setDeliveryStatus(w.state(id), sentId, sent, 'delivered', w.ctx(w.onDuty())).patch);
}

function revert(b: Business, id: OrderId, from: 'deleted' | 'expired'): void {
  const w = b.world;
  const s = w.state(id);
  if (s[from] === undefined) return;
  w.apply(revertOrder(s, from, w.clock, DEFAULT_EXPIRY, w.ctx(w.onDuty())).patch);
  if (w.random.chance(0.7)) w.at(w.afterDays(0, 2), () => processPending(b, id, 'normal'));
}

/**
 * The morning sweep, as the staff devices' housekeeping job runs it (src/data/expiryJob.ts):
 * deleted orders past the retention period are purged, and every pending order past its deadline
 * moves to expired; a few of those are reverted; tombstones of pending orders older than the
 * keep window are trimmed. Without the purge a seeded year would leave thousands of purges to
 * the first sign-in.
 */
export function expirySweep(b: Business): void {
  const w = b.world;
  const purgeCtx = w.ctx(w.onDuty());
  for (const id of dueForPurge(childrenOf(w.tree, 'deleted') as Record<string, DeletedRecord>, w.clock, DEFAULT_RETENTION_DAYS) as OrderId[]) {
    const t = purgeIfDue(w.state(id), w.clock, DEFAULT_RETENTION_DAYS, purgeCtx);
    if (t !== null) w.apply(t.patch);
  }
  const due = dueForExpiry(childrenOf(w.tree, 'orders') as Record<string, PendingRecord>, w.clock, DEFAULT_EXPIRY);
  const ctx = w.ctx(w.onDuty());
  for (const id of due as OrderId[]) {
    const t = expireOrder(w.state(id), w.clock, DEFAULT_EXPIRY, ctx);
    if (t === null) continue;
    w.apply(t.patch);
    if (!b.keepExpired.has(id) && w.random.chance(0.2)) w.at(w.afterDays(0, 4), () => revert(b, id, 'expired'));
  }
  const trim: Patch = {};
  for (const [id, at] of Object.entries(childrenOf(w.tree, 'gone', 'orders'))) if (typeof at === 'number' && at <= goneTrimMax(w.clock)) trim[`${PATHS.goneOrders}/${id}`] = null;
  if (Object.keys(trim).length > 0) w.apply(trim);
}

const currentStock = (b: Business): Partial<Record<SkuId, number>> => Object.fromEntries(b.skus.map((s) => [s.id, b.world.stockQty(s.id)]));

/** The first stock upload: every variant of every product, at least one of each. */
export function initialImport(b: Business): void {
  const r = b.world.random;
  // Orders come in runs of a few pieces per size, so even a slow SKU starts with a few lots.
  const targets: StockTarget[] = b.skus.map((s) => ({ ...s.line, qty: s.isScarce ? Math.round(s.weekly * r.next()) + r.int(1, 3) : Math.round(s.weekly * (3 + r.next() * 2)) + r.int(4, 12) }));
  upload(b, targets, {}, 'opening-stock.xlsx', false);
}

/**
 * A stock sheet upload as the app writes it (`importPatch`): the ledger entries name the
 * `stockImports` record written with them, which the rules require of every import.
 */
function upload(b: Business, targets: StockTarget[], current: Partial<Record<SkuId, number>>, file: string, zeroMissing: boolean): void {
  const w = b.world;
  const importId = w.newId();
  const { patch, changes } = setStock(targets, current, 'import', { ...w.ctx(w.admin), importId, zeroMissing, note: `${file} (stockImports/${importId})` });
  const count = (test: (c: (typeof changes)[number]) => boolean): number => changes.filter(test).length;
  const record: ImportRecord<typeof SERVER_TIMESTAMP> = {
    actor: w.admin,
    actorName: String(getAt(w.tree, 'users', w.admin, 'name') ?? 'Admin'),
    at: SERVER_TIMESTAMP,
    file,
    rows: targets.length,
    added: count((c) => c.before === 0),
    changed: count((c) => c.before > 0 && c.after > 0),
    removed: count((c) => c.after === 0),
    errors: 0,
  };
  w.apply({ ...patch, [`stockImports/${importId}`]: record });
}

/** The weekly upload of the godown's stock sheet: low SKUs of active products come back up. */
export function restock(b: Business): void {
  const r = b.world.random;
  const current = currentStock(b);
  const targets: StockTarget[] = b.skus.map((s) => {
    const qty = current[s.id] ?? 0;
    const isLow = s.isActive && qty < Math.max(6, s.weekly * 2);
    return { ...s.line, qty: isLow ? qty + (s.isScarce ? r.int(0, 3) : Math.round(s.weekly * (2 + r.next() * 1.5)) + r.int(4, 10)) : qty };
  });
  upload(b, targets, current, 'weekly-stock.xlsx', true);
}

/** A manual correction of a few SKUs after a recount. */
export function adjustStock(b: Business): void {
  const w = b.world;
  const r = w.random;
  const picked = r.sample(b.skus, r.int(3, 8));
  const current = Object.fromEntries(picked.map((s) => [s.id, w.stockQty(s.id)]));
  const targets: StockTarget[] = picked.map((s) => ({ ...s.line, qty: Math.max(0, (current[s.id] ?? 0) + r.pick([-3, -2, -1, 1, 2])) }));
  w.apply(setStock(targets, current, 'adjust', { ...w.ctx(w.admin), note: r.pick(ADJUST_NOTES) }).patch);
}
