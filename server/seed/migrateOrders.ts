/**
 * Moves a database written before order lines were keyed (issue 10) to today's shape:
 * - `lines`, `ordered` and `picked` of every order record (`orders`, `billing`, `deleted`,
 *   `expired`, `sent`) become objects keyed by line key;
 * - every order gets its tally, `orderTally/{id}/{lineKey}`: `ordered` from its records (or its
 *   `place`/`approve` audit entry when no record is left), `sent` the sum of its sent records, and
 *   `purged` whatever the records no longer hold (what permanent deletes and purges removed), with
 *   `lastSent` the last sent record holding the line;
 * - every order number is registered in `orderNumbers` (older data has no entries);
 * - audit entries' `lines` become keyed by line key too;
 * - Home's counters `counts/orders` and `counts/billing` are set from a recount of the records when
 *   absent or wrong (the rules move them only with the records, so they must start right);
 * - every pending record, product and party gets `updatedAt` (the server's time of the migration)
 *   when it has none: the rules require it on every later write, and devices resume their copy of
 *   these collections from it (a removal before the migration left no tombstone; copies from then
 *   have no stamps and are read whole).
 * Pure and idempotent: a tree already in today's shape comes back with nothing to write. An order
 * whose records already broke conservation gets no tally; it is reported, never made up.
 */
import { lineKey, loadTrustedRecord, parse, recordCountSchema, SERVER_TIMESTAMP, STOCK_BANDS, stockBand, storeLines, type AuditEntry, type Line, type OrderTally, type SentId, type SentRecord } from './domain.ts';
import { childrenOf, type Node, type Tree } from './tree.ts';

const PARTS = ['orders', 'billing', 'deleted', 'expired'] as const;
const LINE_FIELDS = ['lines', 'ordered', 'picked'] as const;

/** What the migration would write (top-level path → its new value) and what it found. */
export type Migration = { writes: Record<string, Node>; changed: number; tallies: number; numbers: number; counts: number; stamped: number; bands: number; problems: string[] };

/** A record with its line fields keyed, or null when it has no list left to convert. */
function keyed(record: Node): Node | null {
  let changed = false;
  const out: Node = { ...record };
  for (const f of LINE_FIELDS) {
    const v = record[f];
    if (Array.isArray(v)) {
      out[f] = storeLines(v as Line[]);
      changed = true;
    }
  }
  return changed ? out : null;
}

/** Collections whose records carry `updatedAt` besides pending orders (resumed by the staff app). */
const STAMPED = ['catalog', 'parties'] as const;

/** `record` stamped with the server's time, or null when it carries a stamp already. */
const stamped = (record: Node): Node | null => (typeof record['updatedAt'] === 'number' ? null : { ...record, updatedAt: SERVER_TIMESTAMP });

/** The migration of `tree` (not modified). */
export function migrateOrders(tree: Tree): Migration {
  const m: Migration = { writes: {}, changed: 0, tallies: 0, numbers: 0, counts: 0, stamped: 0, bands: 0, problems: [] };
  const collections: Record<string, Node> = {};
  for (const c of [...PARTS, 'sent'] as const) {
    const records = childrenOf(tree, c);
    let out: Node | null = null;
    for (const [id, r] of Object.entries(records)) {
      let k = keyed(r as Node);
      const s = c === 'orders' ? stamped(k ?? (r as Node)) : null;
      if (s !== null) {
        k = s;
        m.stamped++;
      }
      if (k === null) continue;
      out ??= { ...records };
      out[id] = k;
      m.changed++;
    }
    collections[c] = out ?? records;
    if (out !== null) m.writes[c] = out;
  }

  for (const c of STAMPED) {
    const records = childrenOf(tree, c);
    let out: Node | null = null;
    for (const [id, r] of Object.entries(records)) {
      const s = stamped(r as Node);
      if (s === null) continue;
      out ??= { ...records };
      out[id] = s;
      m.stamped++;
    }
    if (out !== null) m.writes[c] = out;
  }

  // Audit entries key their lines too.
  const audit = childrenOf(tree, 'audit');
  let newAudit: Node | null = null;
  for (const [id, a] of Object.entries(audit)) {
    const lines = (a as Node)['lines'];
    if (!Array.isArray(lines)) continue;
    newAudit ??= { ...audit };
    newAudit[id] = { ...(a as Node), lines: storeLines(lines as Line[]) };
    m.changed++;
  }
  if (newAudit !== null) m.writes['audit'] = newAudit;

  // Everything each order still holds, from the (now keyed) records.
  type Held = { ordered?: Line[]; held: Line[]; sent: { id: string; lines: Line[] }[]; number?: string };
  const orders = new Map<string, Held>();
  const of = (id: string): Held => orders.get(id) ?? (orders.set(id, { held: [], sent: [] }).get(id) as Held);
  for (const c of PARTS) {
    for (const [id, raw] of Object.entries(collections[c] ?? {})) {
      const r = loadTrustedRecord<{ lines: Line[]; ordered: Line[]; number: string }>(raw as Node);
      const o = of(id);
      o.ordered ??= r.ordered;
      o.number ??= r.number;
      o.held.push(...r.lines);
    }
  }
  for (const [sentId, raw] of Object.entries(collections['sent'] ?? {})) {
    const s = loadTrustedRecord<SentRecord>(raw as Node);
    const o = of(s.orderId);
    o.ordered ??= s.ordered;
    o.number ??= s.number;
    o.sent.push({ id: sentId, lines: s.lines });
  }
  // Orders with nothing left but their audit trail: what was placed is in the place/approve entry.
  for (const raw of Object.values(newAudit ?? audit) as Node[]) {
    const a = loadTrustedRecord<AuditEntry>(raw);
    if ((a.action === 'place' || a.action === 'approve') && a.lines !== undefined) {
      const o = of(a.orderId);
      o.ordered ??= a.lines;
      if (o.number === undefined && a.detail !== undefined) o.number = a.detail;
    }
  }

  const tallies = childrenOf(tree, 'orderTally');
  const newTallies: Node = { ...tallies };
  const index = childrenOf(tree, 'orderNumbers');
  const newIndex: Node = { ...index };
  for (const [id, o] of [...orders].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (o.number !== undefined && newIndex[o.number] === undefined) {
      newIndex[o.number] = id;
      m.numbers++;
    } else if (o.number !== undefined && newIndex[o.number] !== id) m.problems.push(`order ${id}: its number ${o.number} is registered to ${String(newIndex[o.number])}`);
    if (tallies[id] !== undefined) continue;
    if (o.ordered === undefined) {
      m.problems.push(`order ${id}: nothing says what was ordered; no tally written`);
      continue;
    }
    const sum = (lines: Line[]): Map<string, number> => {
      const q = new Map<string, number>();
      for (const l of lines) q.set(lineKey(l), (q.get(lineKey(l)) ?? 0) + l.qty);
      return q;
    };
    const held = sum(o.held);
    const sent = sum(o.sent.flatMap((s) => s.lines));
    const tally: OrderTally = {};
    let sound = true;
    for (const l of o.ordered) {
      const k = lineKey(l);
      const purged = l.qty - (held.get(k) ?? 0) - (sent.get(k) ?? 0);
      if (purged < 0) {
        m.problems.push(`order ${id} line ${k}: ordered ${l.qty} but its records hold ${l.qty - purged}; no tally written`);
        sound = false;
      }
      const last = [...o.sent].sort((a, b) => (a.id < b.id ? -1 : 1)).filter((s) => s.lines.some((x) => lineKey(x) === k)).pop();
      tally[k] = { productId: l.productId, color: l.color, size: l.size, ordered: l.qty, sent: sent.get(k) ?? 0, purged: Math.max(purged, 0), ...(last && { lastSent: last.id as SentId }) };
    }
    for (const k of new Set([...held.keys(), ...sent.keys()])) {
      if (tally[k] === undefined) {
        m.problems.push(`order ${id} line ${k}: held but never ordered; no tally written`);
        sound = false;
      }
    }
    if (!sound) continue;
    newTallies[id] = tally;
    m.tallies++;
  }
  if (m.tallies > 0) m.writes['orderTally'] = newTallies;
  if (m.numbers > 0) m.writes['orderNumbers'] = newIndex;
  const counts = recount(tree);
  if (counts !== null) {
    m.writes['counts'] = counts.node;
    m.counts = counts.changed;
  }
  const bands = rebanded(tree);
  if (bands !== null) {
    m.writes[STOCK_BANDS] = bands.node;
    m.bands = bands.changed;
  }
  return m;
}

/**
 * What retailers see of stock (issue 13), rebuilt from the stock: `stockBands/{sku}` is the band
 * of each SKU's quantity, and no band stays for a SKU without a stock record (the portal reads a
 * missing band as out of stock). Stock written before bands existed has none, so every retailer
 * would see it as out. Null when every band is right.
 */
function rebanded(tree: Tree): { node: Node; changed: number } | null {
  const stored = childrenOf(tree, STOCK_BANDS);
  const node: Node = {};
  for (const [sku, r] of Object.entries(childrenOf(tree, 'stock'))) {
    const qty = (r as Node)['qty'];
    if (typeof qty === 'number' && Number.isSafeInteger(qty)) node[sku] = stockBand(qty);
  }
  let changed = 0;
  for (const sku of new Set([...Object.keys(stored), ...Object.keys(node)])) if (stored[sku] !== node[sku]) changed++;
  return changed === 0 ? null : { node, changed };
}

/**
 * Home's counters recounted from the records: `counts/{c}` = {n: records in c, by}, where `by`
 * keeps the stored order when it is one, else names the last record counted (any order id is
 * right for a recount: the rules only compare `by` with the record that moves next). An absent
 * counter of an empty collection is right as it is (absent = 0). Null when nothing is wrong.
 */
function recount(tree: Tree): { node: Node; changed: number } | null {
  const stored = childrenOf(tree, 'counts');
  const node: Node = { ...stored };
  let changed = 0;
  for (const c of ['orders', 'billing'] as const) {
    const ids = Object.keys(childrenOf(tree, c)).sort();
    const r = parse(recordCountSchema, stored[c]);
    if (r.ok ? r.value.n === ids.length : stored[c] === undefined && ids.length === 0) continue;
    const by = r.ok ? r.value.by : (ids[ids.length - 1] ?? Object.keys(childrenOf(tree, 'orderRev')).sort().pop());
    // No order to name at all (nothing was ever placed): absent is the right count, 0.
    if (by === undefined) delete node[c];
    else node[c] = { n: ids.length, by };
    changed++;
  }
  return changed === 0 ? null : { node, changed };
}
