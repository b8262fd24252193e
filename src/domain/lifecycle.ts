/**
 * Order transitions. Each takes what the client read (`OrderState`) and the action, and returns
 * one multi-path patch that moves quantities between collections, bumps `orderRev/{id}` (the
 * rules reject it if someone else changed the order first) and writes an audit entry.
 * Quantities only move, so for every line: ordered = pending + billing + sent + deleted + expired.
 */
import { fail } from './errors.ts';
import { addLines, lineKey, normalizeLines, subtractLines, totalQty } from './lines.ts';
import { stockWrite } from './stock.ts';
import { recordWrites, storeRecord, tallySent } from './orderRecords.ts';
import { dispatchWrite, isEnded, trackingPatch } from './tracking.ts';
import { countChange, DAY_MS, goneChange, increment, orderPath, PATHS, stamp, type Patch, type Transition, type TransitionCtx } from './patch.ts';
import type {
  BillingRecord,
  DeletedFrom,
  DeletedRecord,
  DeliveryStatus,
  ExpiredRecord,
  LedgerEntry,
  LedgerId,
  Line,
  OrderBase,
  OrderState,
  PendingRecord,
  RetailerOrderStatus,
  SentId,
  SentRecord,
  SkuId,
  Time,
} from './types.ts';

/** How long a pending order lives (from `createdAt`) and how much a revert extends it. */
export type ExpiryPolicy = { afterDays: number; graceDays: number };
/** The original's constants: expire after 40 days, 10 more days on revert. */
export const DEFAULT_EXPIRY: ExpiryPolicy = { afterDays: 40, graceDays: 10 };

type Part = 'pending' | 'billing' | 'deleted' | 'expired';
type After = { pending?: PendingRecord<Time> | null; billing?: BillingRecord<Time> | null; deleted?: DeletedRecord<Time> | null; expired?: ExpiredRecord<Time> | null };
const COLLECTION = { pending: 'orders', billing: 'billing', deleted: 'deleted', expired: 'expired' } as const;

/** The fields shared by all records of the order, from whichever record the client has. */
function baseOf(state: OrderState): OrderBase {
  const r = state.pending ?? state.billing ?? state.deleted ?? state.expired;
  if (r === undefined) fail(`orders/${state.id}`, 'has no records: read the order again');
  const { number, partyId, partyName, note, source, createdAt, createdBy, lines, ordered } = r;
  return { number, partyId, partyName, note, source, createdAt, createdBy, lines, ordered };
}

function need<K extends Part>(state: OrderState, part: K): NonNullable<OrderState[K]> {
  const r = state[part];
  if (r === undefined) fail(`${COLLECTION[part]}/${state.id}`, `does not exist: nothing ${part} to act on`);
  return r as NonNullable<OrderState[K]>;
}

/** The deadline of a pending record: its own `expiresAt`, else createdAt + afterDays. */
export function expiryDeadline(r: Pick<PendingRecord, 'createdAt' | 'expiresAt'>, afterDays: number): number {
  return r.expiresAt ?? r.createdAt + afterDays * DAY_MS;
}

/** What the retailer sees once the records are as in `after` (sent = ordered − the rest). */
export function retailerStatus(state: OrderState, after: After): RetailerOrderStatus {
  const now = (p: Part): Line[] => (after[p] === undefined ? state[p]?.lines : after[p]?.lines) ?? [];
  const open = totalQty(now('pending')) + totalQty(now('billing'));
  const rest = open + totalQty(now('deleted')) + totalQty(now('expired'));
  const sent = totalQty(baseOf(state).ordered) - rest;
  if (open > 0) return sent > 0 ? 'partlySent' : totalQty(now('billing')) > 0 ? 'inBilling' : 'approved';
  if (sent > 0) return 'sent';
  return totalQty(now('expired')) > 0 ? 'expired' : 'cancelled';
}

/**
 * Writes the changed records, the revision, the audit entry, (retailer orders) the status,
 * Home's counters of the pending and billing records this transition creates or removes, and the
 * pending record's change stamp (`updatedAt`) or, when it goes, its tombstone (`gone/orders/{id}`).
 */
function commit(state: OrderState, after: After, audit: Parameters<typeof stamp>[1], ctx: TransitionCtx, lines: Line[], extra: Patch = {}, detail?: string, track: Record<string, unknown> = {}): Transition {
  const t = stamp(state, audit, ctx, { lines, ...(detail === undefined ? {} : { detail }) });
  const patch: Patch = { ...extra };
  for (const part of ['pending', 'billing', 'deleted', 'expired'] as const) {
    const written = after[part];
    if (written === undefined) continue;
    // A pending record created or changed carries the time of this write (devices resume from it).
    const r = part === 'pending' && written !== null ? { ...written, updatedAt: ctx.now } : written;
    Object.assign(patch, recordWrites(orderPath(COLLECTION[part], state.id), state[part], r));
    const had = state[part] !== undefined;
    const has = r !== null;
    if ((part === 'pending' || part === 'billing') && had !== has) Object.assign(patch, countChange(COLLECTION[part], state.id, has ? 1 : -1));
    if (part === 'pending') Object.assign(patch, goneChange(state.id, had, has, ctx.now));
  }
  if (baseOf(state).source === 'retailer') {
    // The retailer's projection (src/domain/tracking.ts): status, when it ended, and this step's progress.
    const status = retailerStatus(state, after);
    Object.assign(patch, trackingPatch(state.id, { status, endedAt: isEnded(status) ? ctx.now : audit === 'revert' ? null : undefined, ...track }));
  }
  return { rev: t.rev, patch: { ...patch, ...t.patch } };
}

/** Lines minus `moved`, or null when nothing is left (no zombie records). */
function rest<R extends { lines: Line[] }>(r: R, moved: Line[], field: string): R | null {
  const left = subtractLines(r.lines, moved, field);
  return left.length === 0 ? null : { ...r, lines: left };
}

/** Checks each entered quantity, then merges; refuses an all-zero list unless `allowEmpty`. */
const checkQuantities = (lines: readonly Line[], field: string, allowEmpty = false): Line[] => {
  lines.forEach((l, i) => {
    if (!Number.isSafeInteger(l.qty) || l.qty < 0) fail(`${field}[${i}].qty`, 'must be a whole number ≥ 0');
  });
  const out = normalizeLines(lines);
  if (out.length === 0 && !allowEmpty) fail(field, 'must have at least one quantity above 0');
  return out;
};

/** Picking progress: saves picked quantities (each ≤ pending) on the pending record. */
export function setPicked(state: OrderState, picked: Line[], ctx: TransitionCtx): Transition {
  const pending = need(state, 'pending');
  const lines = checkQuantities(picked, 'picked', true);
  subtractLines(pending.lines, lines, 'picked');
  const unpicked: PendingRecord = { ...pending };
  delete unpicked.picked;
  // The retailer sees when picking began: the first save that leaves picked quantities.
  const track = pending.picked === undefined && lines.length > 0 ? { pickingAt: ctx.now } : {};
  return commit(state, { pending: lines.length === 0 ? unpicked : { ...unpicked, picked: lines } }, 'pick', ctx, lines, {}, undefined, track);
}

/** Pending → billing for the picked quantities; the rest stays pending; merges into billing/{id}. */
export function sendToBilling(state: OrderState, picked: Line[], ctx: TransitionCtx): Transition {
  const pending = need(state, 'pending');
  const moved = checkQuantities(picked, 'picked');
  const left = rest(pending, moved, 'picked');
  // Picking progress belonged to the quantities now sent: the rest starts unpicked.
  const pendingAfter = left === null ? null : { ...left };
  if (pendingAfter !== null) delete pendingAfter.picked;
  const billing: BillingRecord<Time> = state.billing
    ? { ...state.billing, lines: addLines(state.billing.lines, moved), queuedAt: ctx.now, queuedBy: ctx.actor }
    : { ...baseOf(state), lines: moved, remarks: '', queuedAt: ctx.now, queuedBy: ctx.actor };
  return commit(state, { pending: pendingAfter, billing }, 'sendToBilling', ctx, moved, {}, undefined, { billingAt: ctx.now });
}

/** Sets the billing remarks. */
export function setRemarks(state: OrderState, remarks: string, ctx: TransitionCtx): Transition {
  const billing = need(state, 'billing');
  return commit(state, { billing: { ...billing, remarks } }, 'remarks', ctx, [], {}, remarks);
}

/** A billed line for which stock held less than the quantity billed. */
export type Shortfall = { skuId: SkuId; line: Line; available: number; billed: number };
/** Stock quantities as read, by SKU (absent = 0). */
export type StockView = Readonly<Partial<Record<SkuId, number>>>;
/** The bill's patch, the new sent record's id, the lines billed beyond stock (confirm these first), and whether nothing is left in billing. */
export type BillResult = Transition & { sentId: SentId; shortfalls: Shortfall[]; isFull: boolean };

/**
 * Billing → sent for `billed` (≤ billing); the rest stays in billing. Stock is decremented by
 * server increments, but never below 0: a line billed beyond stock takes what there is, and its
 * ledger entry records the `shortfall`. Each ledger entry carries the stock it read (`before`);
 * the rules reject the patch if stock changed since, so the clamp is computed on true values.
 */
export function bill(state: OrderState, billed: Line[], stock: StockView, ctx: TransitionCtx): BillResult {
  const billing = need(state, 'billing');
  const moved = checkQuantities(billed, 'billed');
  const left = rest(billing, moved, 'billed');
  const sentId = ctx.newId() as SentId;
  const sent: SentRecord<Time> = { ...baseOf(state), lines: moved, orderId: state.id, billedAt: ctx.now, billedBy: ctx.actor, remarks: billing.remarks, deliveryStatus: 'undelivered' };
  const extra: Patch = { [`${PATHS.sent}/${sentId}`]: storeRecord(sent), ...tallySent(state.id, sentId, moved) };
  if (sent.source === 'retailer') Object.assign(extra, dispatchWrite(state.id, sentId, ctx.now, moved));
  const shortfalls: Shortfall[] = [];
  for (const line of moved) {
    const sku = lineKey(line);
    const before = stock[sku] ?? 0;
    if (!Number.isSafeInteger(before) || before < 0) fail(`stock/${sku}/qty`, 'must be a whole number ≥ 0');
    const take = Math.min(before, line.qty);
    if (take < line.qty) shortfalls.push({ skuId: sku, line, available: before, billed: line.qty });
    const ledgerId = ctx.newId() as LedgerId;
    const entry: LedgerEntry<Time> = { skuId: sku, reason: 'bill', before, delta: take === 0 ? 0 : -take, actor: ctx.actor, at: ctx.now, orderId: state.id, sentId, billed: line.qty, shortfall: line.qty - take };
    Object.assign(extra, stockWrite(sku, line, increment(-take), ledgerId, entry, ctx.now));
  }
  const t = commit(state, { billing: left }, 'bill', ctx, moved, extra, shortfalls.length > 0 ? `billed beyond stock: ${shortfalls.length} line(s)` : undefined);
  return { ...t, sentId, shortfalls, isFull: left === null };
}

/** Sets the delivery status of one billing event of this order. */
export function setDeliveryStatus(state: OrderState, sentId: SentId, sent: SentRecord, status: DeliveryStatus, ctx: TransitionCtx): Transition {
  if (sent.orderId !== state.id) fail('sentId', `belongs to order ${sent.orderId}, not ${state.id}`);
  const t = stamp(state, 'delivery', ctx, { detail: `${sentId}: ${status}` });
  // The retailer's copy of this billing event, rewritten whole (so one billed before it existed gets it too).
  const track = sent.source === 'retailer' ? dispatchWrite(state.id, sentId, sent.billedAt, sent.lines, status === 'delivered' ? ctx.now : undefined) : {};
  return { rev: t.rev, patch: { [`${PATHS.sent}/${sentId}/deliveryStatus`]: status, ...track, ...t.patch } };
}

/** Pending or billing → deleted, all of that part, with a reason (revertable). */
export function deleteOrder(state: OrderState, from: 'pending' | 'billing', reason: string, ctx: TransitionCtx): Transition {
  const source = need(state, from);
  if (reason.trim() === '') fail('reason', 'is required');
  const d = state.deleted;
  const fromNow: DeletedFrom = d === undefined || d.from === from ? from : 'both';
  const deleted: DeletedRecord<Time> = d
    ? { ...d, lines: addLines(d.lines, source.lines), reason, deletedAt: ctx.now, deletedBy: ctx.actor, from: fromNow }
    : { ...baseOf(state), lines: source.lines, reason, deletedAt: ctx.now, deletedBy: ctx.actor, from };
  return commit(state, from === 'pending' ? { pending: null, deleted } : { billing: null, deleted }, 'delete', ctx, source.lines, {}, reason);
}

/** Expiry of the pending part: null when there is nothing pending or it is not due (idempotent). */
export function expireOrder(state: OrderState, clock: number, policy: ExpiryPolicy, ctx: TransitionCtx): Transition | null {
  const pending = state.pending;
  if (pending === undefined) return null;
  const deadline = expiryDeadline(pending, policy.afterDays);
  if (clock < deadline) return null;
  const e = state.expired;
  const expired: ExpiredRecord<Time> = e ? { ...e, lines: addLines(e.lines, pending.lines), expiredAt: ctx.now } : { ...baseOf(state), lines: pending.lines, expiredAt: ctx.now, expiresAt: deadline };
  return commit(state, { pending: null, expired }, 'expire', ctx, pending.lines);
}

/** Deleted or expired → pending, all of it; the pending deadline becomes at least clock + graceDays (`expiresAt`). */
export function revertOrder(state: OrderState, from: 'deleted' | 'expired', clock: number, policy: ExpiryPolicy, ctx: TransitionCtx): Transition {
  const source = need(state, from);
  const p = state.pending;
  // Never shorten a deadline: an order already pending keeps its own if that is later.
  const expiresAt = Math.max(p === undefined ? 0 : expiryDeadline(p, policy.afterDays), clock + policy.graceDays * DAY_MS);
  const pending: PendingRecord<Time> = p
    ? { ...p, lines: addLines(p.lines, source.lines), expiresAt, revertedAt: ctx.now, revertedBy: ctx.actor }
    : { ...baseOf(state), lines: source.lines, expiresAt, revertedAt: ctx.now, revertedBy: ctx.actor };
  return commit(state, from === 'deleted' ? { deleted: null, pending } : { expired: null, pending }, 'revert', ctx, source.lines, {}, `from ${from}`);
}

/**
 * The two indexed queries that find every pending order whose deadline is at or before
 * `horizon`, without reading the others: orders with `expiresAt <= expiresAtMax`, and orders
 * with `createdAt <= createdAtMax`. A deadline is `expiresAt` when set, else `createdAt +
 * afterDays`, so an order without `expiresAt` is due exactly when its `createdAt` is in the
 * second set. The second set alone is NOT enough: `expiresAt` can be earlier than `createdAt +
 * afterDays`. A revert sets it to `max(pending part's deadline, clock + graceDays)`, so a deleted
 * order reverted soon after it was placed gets `clock + 10 days` while `createdAt + 40 days` is
 * later; and raising `afterDays` later leaves stored `expiresAt` values where they were. The
 * union can hold orders that are not due (an old order whose revert pushed `expiresAt` out):
 * `dueForExpiry` filters those.
 */
export function expiryCandidateBounds(horizon: number, afterDays: number): { createdAtMax: number; expiresAtMax: number } {
  return { createdAtMax: horizon - afterDays * DAY_MS, expiresAtMax: horizon };
}

/** Ids of pending orders whose deadline has passed at `clock`. */
export function dueForExpiry(pending: Readonly<Record<string, PendingRecord>>, clock: number, policy: ExpiryPolicy): string[] {
  return Object.entries(pending)
    .filter(([, r]) => clock >= expiryDeadline(r, policy.afterDays))
    .map(([id]) => id);
}
