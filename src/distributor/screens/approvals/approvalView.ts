/**
 * The Approvals screen's pure logic: which retailer orders to show and in what order, how long
 * each has waited, and its lines as a colour × size summary with product and colour names.
 */
import { totalQty } from '../../../domain/lines.ts';
import type { Line, RetailerOrder } from '../../../domain/types.ts';

/** A retailer order waiting for a decision, with its id. */
export type Waiting = { id: string; order: RetailerOrder };

/** Submitted orders only, oldest first (the one waiting longest is decided first), ties by id. */
export function waitingOrders(items: ReadonlyMap<string, RetailerOrder>): Waiting[] {
  return [...items]
    .filter(([, o]) => o.status === 'submitted')
    .map(([id, order]) => ({ id, order }))
    .sort((a, b) => a.order.createdAt - b.order.createdAt || a.id.localeCompare(b.id));
}

/** "just now", "1 min ago", "N min ago", "N h ago", "1 day ago", "N days ago" from `at` to `clock` (never negative). */
export function waitedText(at: number, clock: number): string {
  const minutes = Math.floor(Math.max(0, clock - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

/** "1 piece", "N pieces". */
export const piecesText = (lines: readonly Line[]): string => {
  const n = totalQty(lines);
  return n === 1 ? '1 piece' : `${n} pieces`;
};
