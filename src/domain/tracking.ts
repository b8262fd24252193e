/**
 * The retailer's live view of an order's progress. A retailer may read only their own
 * `retailerOrders/{id}` (query-based rule), never `orders`, `billing` or `sent`, so every
 * transition of a retailer order also writes, in its own patch, what the retailer may see of it:
 * `pickingAt` (picking began), `billingAt` (last sent to billing), `dispatches/{sentId}` (a copy of
 * each billing event's lines and time, and `deliveredAt`), `endedAt` (all cancelled or expired)
 * and, with a decision, `decidedByName`. The rules (rules/tracking.ts) check each value against
 * the records written in the same update, so no one can write a progress that did not happen.
 */
import { storeLines } from './lines.ts';
import type { Patch } from './patch.ts';
import type { Line, OrderId, RetailerOrderStatus, SentId, Time } from './types.ts';

/** `retailerOrders/{id}/{field}`. */
export const trackPath = (id: OrderId, field: string): string => `retailerOrders/${id}/${field}`;

/** The projection fields of a transition, as patch entries under `retailerOrders/{id}`. */
export function trackingPatch(id: OrderId, fields: Readonly<Record<string, unknown>>): Patch {
  const out: Patch = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[trackPath(id, k)] = v;
  return out;
}

/** The stored dispatch of billing event `sentId` (lines keyed by line key, like order records). */
export function dispatchWrite(id: OrderId, sentId: SentId, at: Time, lines: readonly Line[], deliveredAt?: Time): Patch {
  const record: Record<string, unknown> = { at, lines: storeLines(lines) };
  if (deliveredAt !== undefined) record['deliveredAt'] = deliveredAt;
  return { [trackPath(id, `dispatches/${sentId}`)]: record };
}

/** Whether the status means nothing of the order is open or sent any more. */
export const isEnded = (status: RetailerOrderStatus): boolean => status === 'cancelled' || status === 'expired';
