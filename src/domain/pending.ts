/**
 * The Pending screen's pure logic: ages and expiry indicators, the urgency sort, the by-party
 * summary and filter, picking rows tinted by stock coverage, the send-to-billing totals and
 * the delete reason. Time comes in as `clock` (epoch ms); nothing here reads the clock.
 */
import { expiryDeadline, type ExpiryPolicy } from './lifecycle.ts';
import { lineKey, qtyMap, totalQty } from './lines.ts';
import { DAY_MS } from './patch.ts';
import { productLabel } from './productLabel.ts';
import { id, object, time, type Schema } from './schema.ts';
import type { Line, PartyId, PendingRecord, Product, ProductId, SkuId, Uid } from './types.ts';

/** A pending order with its id, as the screen lists it. */
export type PendingOrder = { id: string; record: PendingRecord };

/** Expiry levels, most urgent first (the original's thresholds: ≤ 0, ≤ 5, ≤ 10 days left). */
export type ExpiryLevel = 'expired' | 'critical' | 'warning' | 'normal';
/** Days left before the deadline, its level and a 0..1 progress of the time still left. */
export type ExpiryInfo = { deadline: number; daysLeft: number; level: ExpiryLevel; progress: number };

/** Whole days between `from` and `clock` (0 on the day itself; never negative). */
export const daysSince = (from: number, clock: number): number => Math.max(0, Math.floor((clock - from) / DAY_MS));

/** The level for a number of days left. */
export function expiryLevel(daysLeft: number): ExpiryLevel {
  return daysLeft <= 0 ? 'expired' : daysLeft <= 5 ? 'critical' : daysLeft <= 10 ? 'warning' : 'normal';
}

/** Days left (rounded up: 0.5 days left is "1 day"), level and progress of a pending order at `clock`. */
export function expiryInfo(r: Pick<PendingRecord, 'createdAt' | 'expiresAt'>, clock: number, policy: ExpiryPolicy): ExpiryInfo {
  const deadline = expiryDeadline(r, policy.afterDays);
  const daysLeft = Math.ceil((deadline - clock) / DAY_MS);
  // Progress is measured against the full life of an order, so a fresh order starts near 1.
  const progress = Math.min(1, Math.max(0, (deadline - clock) / (Math.max(1, policy.afterDays) * DAY_MS)));
  return { deadline, daysLeft, level: expiryLevel(daysLeft), progress };
}

/** "today", "1 day ago", "N days ago". */
export function ageLabel(days: number): string {
  return days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;
}

/** "Expired", "1 day left", "N days left". */
export function expiryLabel(info: Pick<ExpiryInfo, 'daysLeft'>): string {
  return info.daysLeft <= 0 ? 'Expired' : info.daysLeft === 1 ? '1 day left' : `${info.daysLeft} days left`;
}

/** Most urgent first: earliest deadline, then oldest, then order number; stable for equal orders. */
export function sortByUrgency(orders: readonly PendingOrder[], policy: ExpiryPolicy): PendingOrder[] {
  const deadline = (o: PendingOrder) => expiryDeadline(o.record, policy.afterDays);
  return [...orders].sort((a, b) => deadline(a) - deadline(b) || a.record.createdAt - b.record.createdAt || a.id.localeCompare(b.id));
}

/** Newest first (the party modal's tabs). */
export const newestFirst = (orders: readonly PendingOrder[]): PendingOrder[] =>
  [...orders].sort((a, b) => b.record.createdAt - a.record.createdAt || b.id.localeCompare(a.id));

/** One party in the filter list. */
export type PartyChoice = { partyId: PartyId; name: string; orders: number };

/** Parties that have pending orders, by name. */
export function partiesOf(orders: readonly PendingOrder[]): PartyChoice[] {
  const m = new Map<PartyId, PartyChoice>();
  for (const { record } of orders) {
    const p = m.get(record.partyId);
    if (p === undefined) m.set(record.partyId, { partyId: record.partyId, name: record.partyName, orders: 1 });
    else p.orders++;
  }
  return [...m.values()].sort((a, b) => a.name.localeCompare(b.name) || a.partyId.localeCompare(b.partyId));
}

/** The orders of the selected parties; `null` (no filter) keeps all. */
export function filterByParties(orders: readonly PendingOrder[], selected: ReadonlySet<string> | null): PendingOrder[] {
  return selected === null ? [...orders] : orders.filter((o) => selected.has(o.record.partyId));
}

/** One row of the summarised view. */
export type PartySummary = {
  partyId: PartyId;
  partyName: string;
  /** Oldest and newest `createdAt` of the party's orders. */
  from: number;
  to: number;
  /** Unique product names, in first-ordered order. */
  items: string[];
  totalQty: number;
  /** The party's orders, newest first. */
  orders: PendingOrder[];
};

/**
 * One row per party (parties ordered by their oldest order, i.e. who has waited longest), with the
 * date range, unique item names and total pending quantity. `nameOf` names a product.
 */
export function summariseByParty(orders: readonly PendingOrder[], nameOf: (id: ProductId) => string): PartySummary[] {
  const groups = new Map<PartyId, PendingOrder[]>();
  for (const o of orders) groups.set(o.record.partyId, [...(groups.get(o.record.partyId) ?? []), o]);
  const rows = [...groups].map(([partyId, list]): PartySummary => {
    const sorted = newestFirst(list);
    const times = list.map((o) => o.record.createdAt);
    const items = [...new Set([...sorted].reverse().flatMap((o) => o.record.lines.map((l) => nameOf(l.productId))))];
    return {
      partyId,
      partyName: sorted[0]?.record.partyName ?? partyId,
      from: Math.min(...times),
      to: Math.max(...times),
      items,
      totalQty: totalQty(list.flatMap((o) => o.record.lines)),
      orders: sorted,
    };
  });
  return rows.sort((a, b) => a.from - b.from || a.partyName.localeCompare(b.partyName));
}

/** Lines grouped by product and colour, sizes as "S/2, M/3", for compact item tables. */
export type ItemGroup = { productId: ProductId; color: string; sizes: string; qty: number };

/** Groups lines by product × colour (first-seen order); sizes listed in line order. */
export function groupItems(lines: readonly Line[]): ItemGroup[] {
  const m = new Map<string, { productId: ProductId; color: string; parts: string[]; qty: number }>();
  for (const l of lines) {
    const k = `${l.productId}\u0000${l.color}`;
    const g = m.get(k) ?? { productId: l.productId, color: l.color, parts: [], qty: 0 };
    g.parts.push(`${l.size}/${l.qty}`);
    g.qty += l.qty;
    m.set(k, g);
  }
  return [...m.values()].map((g) => ({ productId: g.productId, color: g.color, sizes: g.parts.join(', '), qty: g.qty }));
}

/** How much of a line the stock covers. */
export type Coverage = 'enough' | 'partial' | 'none';

/** enough: stock ≥ qty; partial: 0 < stock < qty; none: no stock. */
export const coverage = (qty: number, available: number): Coverage => (available >= qty ? 'enough' : available > 0 ? 'partial' : 'none');

/** One picking row: a pending line, what is picked of it and how stock covers it. */
export type PickRow = { key: SkuId; line: Line; picked: number; available: number; coverage: Coverage };

/** One row per pending line (product × colour × size) with its picked quantity and stock coverage. */
export function pickRows(record: Pick<PendingRecord, 'lines' | 'picked'>, stockOf: (key: SkuId) => number): PickRow[] {
  const picked = qtyMap(record.picked ?? []);
  return record.lines.map((line) => {
    const key = lineKey(line);
    const available = stockOf(key);
    return { key, line, picked: Math.min(line.qty, picked.get(key) ?? 0), available, coverage: coverage(line.qty, available) };
  });
}

/** A typed or stepped quantity as a whole number within 0..max (junk and negatives → 0). */
export function clampQty(value: number, max: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(Math.max(0, Math.floor(max)), Math.max(0, Math.floor(value)));
}

/** The picked lines of `lines` with `overrides` (by line key) applied, clamped to each line; zeros dropped. */
export function mergePicked(lines: readonly Line[], picked: readonly Line[], overrides: ReadonlyMap<string, number>): Line[] {
  const current = qtyMap(picked);
  return lines.flatMap((l) => {
    const k = lineKey(l);
    const q = clampQty(overrides.get(k) ?? current.get(k) ?? 0, l.qty);
    return q === 0 ? [] : [{ productId: l.productId, color: l.color, size: l.size, qty: q }];
  });
}

/** The stock-removal totals: ordered (pending now), removed (picked) and what stays pending. */
export type PickTotals = { order: number; removed: number; pending: number };

/** Totals of the send-to-billing modal. */
export function pickTotals(lines: readonly Line[], picked: readonly Line[]): PickTotals {
  const order = totalQty(lines);
  const removed = totalQty(mergePicked(lines, picked, new Map()));
  return { order, removed, pending: order - removed };
}

/** The original's four delete reasons. */
export const DELETE_REASONS = ['Order placed by mistake', 'Duplicate order', 'Order cancelled by party', 'Order cancelled due to no stock in company'] as const;

/** Longest stored reason (the rules and `parseReason` agree). */
export const MAX_REASON = 200;

/**
 * The stored reason: the ticked presets joined with ", ", then the free text (both are kept: the
 * original dropped the free text whenever a box was ticked). Empty when nothing was given.
 */
export function deleteReason(presets: readonly string[], freeText: string): string {
  const ticked = presets.map((p) => p.trim()).filter((p) => p !== '');
  const free = freeText.trim().replace(/\s+/g, ' ');
  return ticked.length === 0 ? free : free === '' ? ticked.join(', ') : `${ticked.join(', ')}: ${free}`;
}

/** `orderExports/{orderId}`: when and by whom the purchase-order sheet was last exported. */
export type ExportMark = { at: number; by: Uid };
/** An export mark read back. */
export const exportMarkSchema: Schema<ExportMark> = object({ at: time, by: id<Uid>() });

/** One row of an order's item summary: the item, its colour, its sizes as "S/2, M/3" and the pieces. */
export type SummaryRow = { key: string; item: string; colour: string; sizes: string; qty: number };

/**
 * The lines grouped by product × colour (in the order given), named from the catalogue where it
 * knows the product and colour, else shown by their codes.
 */
export function summaryRows(lines: readonly Line[], products: ReadonlyMap<string, Pick<Product, 'name' | 'code' | 'colors'>>): SummaryRow[] {
  return groupItems(lines).map((g) => {
    const product = products.get(g.productId);
    const colour = product?.colors.find((c) => c.code === g.color);
    return {
      key: `${g.productId}~${g.color}`,
      item: productLabel(product),
      colour: colour === undefined ? g.color : `${colour.name} (${g.color})`,
      sizes: g.sizes,
      qty: g.qty,
    };
  });
}
