/**
 * New orders: staff placement, retailer submission, and approval or rejection of a retailer
 * order. The order number comes from `counters/orderNumber`: the data layer reads the counter
 * and passes it in; the patch writes counter + 1 and the rules accept only exactly that, so two
 * devices can never take the same number and a failed save consumes none (no gaps).
 * The same patch registers the number in the write-once index `orderNumbers/{number}` = id and
 * names the new order in `counters/lastOrderId`: the rules accept a counter bump only together
 * with a brand-new order, and an order's number only if the index maps it to that order, so no
 * number can be carried by two orders.
 */
import { adjustRequest } from './adjustment.ts';
import { fail } from './errors.ts';
import { orderNumber } from './ids.ts';
import { normalizeLines } from './lines.ts';
import { newTally, storeRecord } from './orderRecords.ts';
import { awaitingMove } from './portal.ts';
import { countChange, orderPath, PATHS, stamp, type Patch, type Transition, type TransitionCtx } from './patch.ts';
import type { Line, OrderId, OrderState, PartyId, PendingRecord, RetailerOrder, Time, Uid } from './types.ts';
import type { PlaceOrderInput } from './validate.ts';

/** The write-once index number → order id (`orderNumbers/K12`). */
export const ORDER_NUMBERS = 'orderNumbers';
/** The id of the order that took the last number: written with every counter bump. */
export const LAST_ORDER_ID = 'counters/lastOrderId';

/** A placed order: the patch, its revision (1) and its number. */
export type Placed = Transition & { number: string };

function assertNew(state: Pick<OrderState, 'id' | 'rev'>): void {
  if (state.rev !== 0) fail(`orderRev/${state.id}`, 'already exists: this order was already placed or decided');
}

function numbered(state: Pick<OrderState, 'id' | 'rev'>, counter: number, record: PendingRecord<Time>, ctx: TransitionCtx, extra: Patch, action: 'place' | 'approve'): Placed {
  if (!Number.isSafeInteger(counter) || counter < 0) fail(PATHS.orderCounter, 'must be a whole number ≥ 0');
  const t = stamp(state, action, ctx, { lines: record.lines, detail: record.number });
  const patch: Patch = {
    [PATHS.orderCounter]: counter + 1,
    [LAST_ORDER_ID]: state.id,
    [`${ORDER_NUMBERS}/${record.number}`]: state.id,
    // Stamped with the time of this write, like every change of a pending record.
    [orderPath('orders', state.id)]: storeRecord({ ...record, updatedAt: ctx.now }),
    // The new pending record counts on Home: the rules require the counter with it.
    ...countChange('orders', state.id, 1),
    ...newTally(state.id, record.ordered),
    ...extra,
    ...t.patch,
  };
  return { rev: t.rev, number: record.number, patch };
}

/** A staff order (validated by `parsePlaceOrder`) → `orders/{orderId}`, numbered K(counter + 1). */
export function placeOrder(orderId: OrderId, input: PlaceOrderInput, counter: number, ctx: TransitionCtx): Placed {
  const lines = normalizeLines(input.lines);
  if (lines.length === 0) fail('lines', 'must not be empty');
  const record: PendingRecord<Time> = {
    number: orderNumber(counter + 1),
    partyId: input.partyId,
    partyName: input.partyName,
    note: input.note,
    source: 'staff',
    createdAt: ctx.now,
    createdBy: ctx.actor,
    lines,
    ordered: lines,
  };
  return numbered({ id: orderId, rev: 0 }, counter, record, ctx, {}, 'place');
}

/** The portal's write of a retailer request (validated by `parseRetailerRequest`); not an order yet. */
export function submitRetailerOrder(
  id: OrderId,
  request: { note: string; lines: Line[]; reference?: string },
  who: { uid: Uid; partyId: PartyId },
  now: Time,
): { patch: Patch } {
  const lines = normalizeLines(request.lines);
  if (lines.length === 0) fail('lines', 'must not be empty');
  const record: RetailerOrder<Time> = { retailerUid: who.uid, partyId: who.partyId, note: request.note, lines, createdAt: now, status: 'submitted' };
  if (request.reference !== undefined && request.reference !== '') record.reference = request.reference;
  // The retailer's count of orders awaiting a decision moves in the same write (at most MAX_AWAITING).
  return { patch: { [orderPath('retailerOrders', id)]: record, ...awaitingMove(who.uid, id, 'submitted') } };
}

/** A submitted retailer order → pending order with the same id and a new K number; `change` reduces lines first, with the reason. */
export function approveRetailerOrder(
  state: Pick<OrderState, 'id' | 'rev'>,
  request: RetailerOrder,
  partyName: string,
  counter: number,
  ctx: TransitionCtx,
  change?: { qty: readonly number[]; reason: string },
): Placed {
  assertNew(state);
  if (request.status !== 'submitted') fail('status', `is ${request.status}: only a submitted order can be approved`);
  const number = orderNumber(counter + 1);
  // Adjusted (src/domain/adjustment.ts): the order carries the new quantities, the request records what changed and why.
  const adjusted = change === undefined ? null : adjustRequest(request.lines, change.qty, change.reason);
  const lines = normalizeLines(adjusted?.lines ?? request.lines);
  const record: PendingRecord<Time> = {
    number,
    partyId: request.partyId,
    partyName,
    note: request.note,
    source: 'retailer',
    // The order's age (and expiry) counts from when the retailer placed it.
    createdAt: request.createdAt,
    createdBy: request.retailerUid,
    lines,
    ordered: lines,
  };
  const at = orderPath('retailerOrders', state.id);
  const extra: Patch = {
    [`${at}/status`]: 'approved',
    [`${at}/orderNumber`]: number,
    [`${at}/decidedBy`]: ctx.actor,
    [`${at}/decidedAt`]: ctx.now,
    ...awaitingMove(request.retailerUid, state.id, 'decided'),
  };
  if (adjusted !== null) Object.assign(extra, { [`${at}/adjustments`]: adjusted.adjustments, [`${at}/adjustReason`]: adjusted.reason });
  return numbered(state, counter, record, ctx, extra, 'approve');
}

/** The deciding admin's name on the retailer order, for the retailer's timeline (the rules require it with `decidedBy`). */
export function withDeciderName<T extends { patch: Patch }>(t: T, id: OrderId, name: string): T {
  return { ...t, patch: { ...t.patch, [`${orderPath('retailerOrders', id)}/decidedByName`]: name } };
}

/** A submitted retailer order → rejected, with the reason the retailer will see. */
export function rejectRetailerOrder(state: Pick<OrderState, 'id' | 'rev'>, request: RetailerOrder, reason: string, ctx: TransitionCtx): Transition {
  assertNew(state);
  if (request.status !== 'submitted') fail('status', `is ${request.status}: only a submitted order can be rejected`);
  if (reason.trim() === '') fail('reason', 'is required');
  const at = orderPath('retailerOrders', state.id);
  const t = stamp(state, 'reject', ctx, { detail: reason });
  return {
    rev: t.rev,
    patch: {
      [`${at}/status`]: 'rejected',
      [`${at}/rejectReason`]: reason,
      [`${at}/decidedBy`]: ctx.actor,
      [`${at}/decidedAt`]: ctx.now,
      ...awaitingMove(request.retailerUid, state.id, 'decided'),
      ...t.patch,
    },
  };
}
