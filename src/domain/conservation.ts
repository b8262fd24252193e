/**
 * The conservation laws, as checks over records read back (tests, audits, a repair tool):
 * - per order and line: ordered = pending + billing + sent + deleted + expired + purged, where
 *   ordered and purged come from the order's tally (`orderTally/{id}`: purged is what a permanent
 *   delete or the retention purge removed), and the tally's running `sent` total must equal the
 *   sum of the order's sent records;
 * - per SKU: stock = Σ ledger deltas = imports and adjustments − billed + shortfall,
 *   where shortfall is what was billed beyond stock (stock never goes below 0).
 */
import { lineKey, qtyMap, sameLines } from './lines.ts';
import type { TallyLine } from './orderRecords.ts';
import type { BillingRecord, DeletedRecord, ExpiredRecord, LedgerEntry, Line, OrderBase, OrderId, PendingRecord, SentRecord, SkuId } from './types.ts';

/** Every record of one order, as read back. */
export type OrderRecords = {
  pending?: PendingRecord;
  billing?: BillingRecord;
  deleted?: DeletedRecord;
  expired?: ExpiredRecord;
  sent: readonly SentRecord[];
  /** The order's tally (`orderTally/{id}`), when read: ordered, sent and purged per line. */
  tally?: readonly TallyLine[];
};
/** One broken law: which order or SKU, which line, and what is wrong. */
export type Violation = { subject: string; line?: SkuId; message: string };

const badQty = (lines: readonly Line[]): Line | undefined => lines.find((l) => !Number.isSafeInteger(l.qty) || l.qty < 1);

/** Every way the records of `orderId` break conservation; empty when the order is sound. */
export function checkConservation(orderId: OrderId, records: OrderRecords): Violation[] {
  const v: Violation[] = [];
  const subject = `order ${orderId}`;
  const parts: [string, OrderBase | undefined][] = [
    ['orders', records.pending],
    ['billing', records.billing],
    ['deleted', records.deleted],
    ['expired', records.expired],
    ...records.sent.map((s, i): [string, OrderBase] => [`sent[${i}]`, s]),
  ];
  const present = parts.filter((p): p is [string, OrderBase] => p[1] !== undefined);
  const first = present[0]?.[1];
  const tally = records.tally;
  if (first === undefined && tally === undefined) return [{ subject, message: 'has no records' }];
  records.sent.forEach((s, i) => {
    if (s.orderId !== orderId) v.push({ subject, message: `sent[${i}] belongs to ${s.orderId}` });
  });
  const tallyOrdered = tally?.map((l) => ({ productId: l.productId, color: l.color, size: l.size, qty: l.ordered }));
  const reference = tallyOrdered ?? first?.ordered ?? [];
  for (const [name, r] of present) {
    if (!sameLines(r.ordered, reference)) v.push({ subject, message: `${name}.ordered differs from ${tally === undefined ? 'the other records' : 'the tally'}` });
    if (first !== undefined && (r.number !== first.number || r.partyId !== first.partyId)) v.push({ subject, message: `${name} has a different number or party` });
    if (r.lines.length === 0) v.push({ subject, message: `${name} is empty (should have been removed)` });
    const bad = badQty(r.lines) ?? badQty(r.ordered);
    if (bad !== undefined) v.push({ subject, line: lineKey(bad), message: `${name} has quantity ${bad.qty}` });
  }
  if (tally !== undefined) {
    // The running sent total must be the sum of the sent records, line by line.
    const sent = qtyMap(records.sent.flatMap((s) => s.lines));
    for (const l of tally) {
      const k = lineKey(l);
      if ((sent.get(k) ?? 0) !== l.sent) v.push({ subject, line: k, message: `the tally says ${l.sent} sent but the sent records hold ${sent.get(k) ?? 0}` });
    }
  }
  const purged = (tally ?? []).map((l) => ({ productId: l.productId, color: l.color, size: l.size, qty: l.purged }));
  const ordered = qtyMap(reference);
  const held = qtyMap([...present.flatMap(([, r]) => r.lines), ...purged]);
  for (const [k, q] of held) if (!ordered.has(k) && q !== 0) v.push({ subject, line: k, message: `holds ${q} of a line never ordered` });
  for (const [k, q] of ordered) {
    const h = held.get(k) ?? 0;
    if (h !== q) v.push({ subject, line: k, message: `ordered ${q} but the collections hold ${h}` });
  }
  return v;
}

/** Stock per SKU as the ledger says: the sum of its deltas. */
export function stockFromLedger(entries: Iterable<LedgerEntry>): Map<SkuId, number> {
  const m = new Map<SkuId, number>();
  for (const e of entries) m.set(e.skuId, (m.get(e.skuId) ?? 0) + e.delta);
  return m;
}

/** Per SKU: set by imports and adjustments, billed, and billed beyond stock. */
export type StockTotals = { set: number; billed: number; shortfall: number };

/** Sums the ledger into imports/adjustments, billed and shortfall per SKU. */
export function stockTotals(entries: Iterable<LedgerEntry>): Map<SkuId, StockTotals> {
  const m = new Map<SkuId, StockTotals>();
  for (const e of entries) {
    const t = m.get(e.skuId) ?? { set: 0, billed: 0, shortfall: 0 };
    if (e.reason === 'bill') {
      t.billed += e.billed ?? 0;
      t.shortfall += e.shortfall ?? 0;
    } else t.set += e.delta;
    m.set(e.skuId, t);
  }
  return m;
}

/**
 * Every way stock breaks its laws: a quantity below 0 or not whole, a quantity that is not the sum
 * of its ledger, a bill entry whose delta is not −(billed − shortfall), and, when `sent` is given,
 * billed quantities in the ledger that differ from those in the sent records.
 */
export function checkStock(stock: Readonly<Partial<Record<SkuId, number>>>, ledger: readonly LedgerEntry[], sent?: readonly SentRecord[]): Violation[] {
  const v: Violation[] = [];
  const fromLedger = stockFromLedger(ledger);
  const skus = new Set<SkuId>([...(Object.keys(stock) as SkuId[]), ...fromLedger.keys()]);
  for (const sku of skus) {
    const qty = stock[sku] ?? 0;
    if (!Number.isSafeInteger(qty) || qty < 0) v.push({ subject: `stock ${sku}`, message: `qty ${qty} is not a whole number ≥ 0` });
    if (qty !== (fromLedger.get(sku) ?? 0)) v.push({ subject: `stock ${sku}`, message: `qty ${qty} but the ledger sums to ${fromLedger.get(sku) ?? 0}` });
  }
  ledger.forEach((e, i) => {
    if (e.before + e.delta < 0) v.push({ subject: `ledger[${i}]`, line: e.skuId, message: 'takes stock below 0' });
    if (e.reason === 'bill' && e.delta !== -((e.billed ?? 0) - (e.shortfall ?? 0))) v.push({ subject: `ledger[${i}]`, line: e.skuId, message: 'delta is not −(billed − shortfall)' });
  });
  if (sent !== undefined) {
    const billedSent = qtyMap(sent.flatMap((s) => s.lines));
    const totals = stockTotals(ledger);
    for (const sku of new Set([...billedSent.keys(), ...totals.keys()])) {
      const a = billedSent.get(sku) ?? 0;
      const b = totals.get(sku)?.billed ?? 0;
      if (a !== b) v.push({ subject: `stock ${sku}`, message: `sent records bill ${a} but the ledger ${b}` });
    }
  }
  return v;
}
