/**
 * The Approvals screen's pure logic: which retailer orders to show and in what order, how long
 * each has waited, and its lines with product and colour names against the stock on hand.
 */
import { lineKey, totalQty } from '../../../domain/lines.ts';
import { productLabel } from '../../../domain/productLabel.ts';
import type { Line, Product, RetailerOrder, StockRecord } from '../../../domain/types.ts';

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

/** One line of a card: what it is, the quantity asked, the stock on hand and how many are missing. */
export type StockLine = { key: string; item: string; colour: string; size: string; qty: number; available: number | null; short: number };

/**
 * The request's lines (in its order) against the stock: `available` is the stock record's
 * quantity (0 when there is none; null while the stock is loading); `short` = what the line asks
 * beyond it (0 when covered).
 */
export function stockLines(
  lines: readonly Line[],
  products: ReadonlyMap<string, Pick<Product, 'name' | 'code' | 'colors'>>,
  stock: ReadonlyMap<string, Pick<StockRecord, 'qty'>> | null,
): StockLine[] {
  return lines.map((l) => {
    const product = products.get(l.productId);
    const colour = product?.colors.find((c) => c.code === l.color);
    const available = stock === null ? null : (stock.get(lineKey(l))?.qty ?? 0);
    return {
      key: lineKey(l),
      item: productLabel(product),
      colour: colour === undefined ? l.color : `${colour.name} (${l.color})`,
      size: l.size,
      qty: l.qty,
      available,
      short: available === null ? 0 : Math.max(0, l.qty - available),
    };
  });
}
