/**
 * How the portal words a retailer order's status, and the order its list is shown in. Pure, so
 * the wording is tested with plain tables.
 */
import { totalQty } from '../../../domain/lines.ts';
import type { RetailerOrder, RetailerOrderStatus } from '../../../domain/types.ts';

const WORDS: Record<RetailerOrderStatus, string> = {
  submitted: 'Waiting for approval',
  rejected: 'Rejected',
  approved: 'Approved',
  inBilling: 'Being billed',
  partlySent: 'Partly sent',
  sent: 'Sent',
  cancelled: 'Cancelled',
  expired: 'Expired',
};

/** "Waiting for approval", "Rejected", "Approved as K12", "Sent (K12)"… */
export function statusText(order: Pick<RetailerOrder, 'status' | 'orderNumber'>): string {
  const words = WORDS[order.status];
  if (order.orderNumber === undefined || order.status === 'submitted' || order.status === 'rejected') return words;
  return order.status === 'approved' ? `${words} as ${order.orderNumber}` : `${words} (${order.orderNumber})`;
}

/** A status's tone for its badge: waiting, good news, or bad news. */
export function statusTone(status: RetailerOrderStatus): 'waiting' | 'good' | 'bad' {
  return status === 'submitted' ? 'waiting' : status === 'rejected' || status === 'cancelled' || status === 'expired' ? 'bad' : 'good';
}

/** Newest first, ties by id. */
export function newestFirst(items: ReadonlyMap<string, RetailerOrder>): { id: string; order: RetailerOrder }[] {
  return [...items].map(([id, order]) => ({ id, order })).sort((a, b) => b.order.createdAt - a.order.createdAt || b.id.localeCompare(a.id));
}

/** "1 piece", "N pieces". */
export function piecesOf(order: Pick<RetailerOrder, 'lines'>): string {
  const n = totalQty(order.lines);
  return n === 1 ? '1 piece' : `${n} pieces`;
}
