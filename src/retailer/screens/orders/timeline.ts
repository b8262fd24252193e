/**
 * The status timeline of a retailer order, from what the transitions project into
 * `retailerOrders/{id}` (src/domain/tracking.ts): sent → approved (or rejected) → picking → in
 * billing → dispatched (each billing event: pieces and day) → delivered; or cancelled / expired.
 * Pure, so the steps are tested with plain tables.
 */
import { lineKey, totalQty } from '../../../domain/lines.ts';
import type { RetailerDispatch, RetailerOrder } from '../../../domain/types.ts';

/** One step: `done` with its time when known, `todo` not reached yet, `bad` a rejection or an end. */
export type TimelineStep = { key: string; label: string; detail?: string; at?: number; state: 'done' | 'todo' | 'bad' };

/** The billing events, oldest first. */
export function dispatchesOf(order: Pick<RetailerOrder, 'dispatches'>): { id: string; dispatch: RetailerDispatch }[] {
  return Object.entries(order.dispatches ?? {})
    .map(([id, dispatch]) => ({ id, dispatch }))
    .sort((a, b) => a.dispatch.at - b.dispatch.at || a.id.localeCompare(b.id));
}

/** Pieces dispatched so far, by line key. */
export function dispatchedByLine(order: Pick<RetailerOrder, 'dispatches'>): Map<string, number> {
  const out = new Map<string, number>();
  for (const { dispatch } of dispatchesOf(order)) for (const l of dispatch.lines) out.set(lineKey(l), (out.get(lineKey(l)) ?? 0) + l.qty);
  return out;
}

const pieces = (n: number): string => (n === 1 ? '1 piece' : `${n} pieces`);
const by = (name: string | undefined): string | undefined => (name === undefined ? undefined : `by ${name}`);
const step = (key: string, label: string, at: number | undefined, state: TimelineStep['state'], detail?: string): TimelineStep => ({
  key,
  label,
  state,
  ...(at === undefined ? {} : { at }),
  ...(detail === undefined ? {} : { detail }),
});

/** The steps of `order`, in order; `formatDay` words a dispatch's day ("7 Dec"). */
export function timeline(order: RetailerOrder, formatDay: (at: number) => string): TimelineStep[] {
  const steps: TimelineStep[] = [step('sent', 'Sent', order.createdAt, 'done')];
  if (order.status === 'rejected') return [...steps, step('rejected', 'Rejected', order.decidedAt, 'bad', [order.rejectReason, by(order.decidedByName)].filter((x) => x !== undefined).join(' · '))];
  if (order.status === 'submitted') steps.push(step('approved', 'Waiting for approval', undefined, 'todo'));
  else steps.push(step('approved', order.orderNumber === undefined ? 'Approved' : `Approved as ${order.orderNumber}`, order.decidedAt, 'done', by(order.decidedByName)));
  const sent = dispatchesOf(order);
  const isBilled = order.billingAt !== undefined || sent.length > 0 || order.status === 'inBilling' || order.status === 'partlySent' || order.status === 'sent';
  // A later step reached means the earlier ones happened, even when their time is not known (orders from before tracking).
  steps.push(step('picking', 'Picking', order.pickingAt, order.pickingAt !== undefined || isBilled ? 'done' : 'todo'));
  steps.push(step('billing', 'In billing', order.billingAt, isBilled ? 'done' : 'todo'));
  if (sent.length === 0) steps.push(step('dispatched', 'Dispatched', undefined, order.status === 'sent' || order.status === 'partlySent' ? 'done' : 'todo'));
  for (const { id, dispatch } of sent) {
    const n = totalQty(dispatch.lines);
    steps.push(step(`dispatch-${id}`, `Dispatched ${pieces(n)} on ${formatDay(dispatch.at)}`, dispatch.at, 'done', dispatch.deliveredAt === undefined ? undefined : `delivered ${formatDay(dispatch.deliveredAt)}`));
  }
  if (order.status === 'cancelled' || order.status === 'expired') {
    steps.push(step('ended', order.status === 'cancelled' ? 'Cancelled' : 'Expired', order.endedAt, 'bad', sent.length > 0 ? 'the rest of the order' : undefined));
    return steps;
  }
  const isAllDelivered = order.status === 'sent' && sent.length > 0 && sent.every((s) => s.dispatch.deliveredAt !== undefined);
  const deliveredAt = isAllDelivered ? Math.max(...sent.map((s) => s.dispatch.deliveredAt ?? 0)) : undefined;
  steps.push(step('delivered', 'Delivered', deliveredAt, isAllDelivered ? 'done' : 'todo'));
  return steps;
}
