import { beforeAll, describe, expect, it } from 'vitest';
import { generateBusiness } from '../../../server/seed/generate.ts';
import { migrateOrders } from '../../../server/seed/migrateOrders.ts';
import { stockBand } from '../../../src/domain/portal.ts';
import type { Node, Tree } from '../../../server/seed/tree.ts';

const OPTS = { seed: 7, days: 30, scale: 1, today: Date.UTC(2025, 10, 25) };
const ORDER_PARTS = ['orders', 'billing', 'deleted', 'expired', 'sent'];

/** The tree as the version before keyed lines stored it: line lists, no tallies, no number index, no Home counters. */
function oldShape(tree: Tree): Tree {
  const old = JSON.parse(JSON.stringify(tree)) as Tree;
  for (const c of ORDER_PARTS) {
    for (const r of Object.values((old[c] ?? {}) as Record<string, Node>)) {
      for (const f of ['lines', 'ordered', 'picked']) if (r[f] !== undefined) r[f] = Object.values(r[f] as object);
    }
  }
  for (const a of Object.values((old['audit'] ?? {}) as Record<string, Node>)) if (a['lines'] !== undefined) a['lines'] = Object.values(a['lines'] as object);
  delete old['orderTally'];
  delete old['orderNumbers'];
  delete old['counts'];
  return old;
}

describe('migrating order data to keyed lines and tallies', () => {
  let tree: Tree;
  beforeAll(() => {
    tree = generateBusiness(OPTS);
  });

  it('rebuilds exactly what the current version writes: keyed records, tallies and the number index', () => {
    const old = oldShape(tree);
    const m = migrateOrders(old);
    expect(m.problems).toEqual([]);
    expect(m.changed).toBeGreaterThan(250);
    const migrated = { ...old, ...m.writes };
    for (const c of [...ORDER_PARTS, 'audit', 'orderTally', 'orderNumbers']) expect(migrated[c], c).toEqual(tree[c]);
    // The counters: the same counts; `by` names a record counted (which one moved last is not in the data).
    expect(m.counts).toBe(2);
    for (const c of ['orders', 'billing']) {
      const { n, by } = (migrated['counts'] as Record<string, { n: number; by: string }>)[c] ?? { n: -1, by: '' };
      expect(n, c).toBe((tree['counts'] as Record<string, { n: number }>)[c]?.n);
      expect(n, c).toBe(Object.keys(tree[c] as object).length);
      expect(Object.keys(tree[c] as object), c).toContain(by);
    }
  });

  it.each([
    ['orders', 3],
    ['catalog', 2],
    ['parties', 2],
  ] as const)('stamps every record of %s without updatedAt with the server time, and nothing else', (c, n) => {
    const old = JSON.parse(JSON.stringify(tree)) as Tree;
    const records = old[c] as Record<string, Node>;
    const ids = Object.keys(records);
    expect(ids.length).toBeGreaterThan(n);
    const unstamped = ids.slice(0, n);
    for (const id of unstamped) delete (records[id] as Node)['updatedAt'];
    const m = migrateOrders(old);
    expect(m.stamped).toBe(n);
    expect(Object.keys(m.writes)).toEqual([c]);
    const written = m.writes[c] as Record<string, Node>;
    for (const id of ids) expect(written[id], id).toEqual(unstamped.includes(id) ? { ...records[id], updatedAt: { '.sv': 'timestamp' } } : (tree[c] as Record<string, Node>)[id]);
    // Once the server has resolved the stamps, running it again stamps nothing.
    const resolved = Object.fromEntries(Object.entries(written).map(([id, r]) => [id, { ...r, updatedAt: typeof r['updatedAt'] === 'number' ? r['updatedAt'] : 1 }]));
    expect(migrateOrders({ ...old, [c]: resolved }).stamped).toBe(0);
  });

  it("rebuilds retailers' stock bands from the stock: missing, wrong and orphan bands, and nothing else", () => {
    const old = JSON.parse(JSON.stringify(tree)) as Tree;
    const stock = old['stock'] as Record<string, { qty: number }>;
    const bands = old['stockBands'] as Record<string, string>;
    const skus = Object.keys(stock);
    expect(skus.length).toBeGreaterThan(3);
    expect(Object.keys(bands).sort()).toEqual([...skus].sort());
    const [missing = '', wrong = ''] = skus;
    delete bands[missing];
    bands[wrong] = bands[wrong] === 'out' ? 'in' : 'out';
    bands['P-GONE~BLK~M'] = 'in'; // a band for a SKU with no stock record
    const m = migrateOrders(old);
    expect(m.bands).toBe(3);
    expect(Object.keys(m.writes)).toEqual(['stockBands']);
    expect(m.writes['stockBands']).toEqual(tree['stockBands']);
    // Stock written before bands existed: every band is written, each the band of its quantity.
    delete old['stockBands'];
    const all = migrateOrders(old);
    expect(all.bands).toBe(skus.length);
    for (const sku of skus) expect((all.writes['stockBands'] as Record<string, string>)[sku], sku).toBe(stockBand(stock[sku]?.qty ?? -1));
  });

  it('does nothing on current data (idempotent)', () => {
    expect(migrateOrders(tree)).toEqual({ writes: {}, changed: 0, tallies: 0, numbers: 0, counts: 0, stamped: 0, bands: 0, problems: [] });
  });

  it('recounts a wrong or malformed counter, keeping the order it names, and leaves an absent counter of an empty collection alone', () => {
    const wrong = JSON.parse(JSON.stringify(tree)) as Tree;
    const counts = wrong['counts'] as Record<string, { n: unknown; by: string }>;
    const billingBy = counts['billing']?.by;
    counts['orders'] = { n: 999, by: counts['orders']?.by ?? '' };
    counts['billing'] = { n: 'two', by: billingBy ?? '' };
    const m = migrateOrders(wrong);
    expect(m.counts).toBe(2);
    const fixed = m.writes['counts'] as Record<string, { n: number; by: string }>;
    expect(fixed['orders']).toEqual({ n: Object.keys(tree['orders'] as object).length, by: (tree['counts'] as Record<string, { by: string }>)['orders']?.by });
    expect(fixed['billing']?.n).toBe(Object.keys(tree['billing'] as object).length);
    expect(Object.keys(tree['billing'] as object)).toContain(fixed['billing']?.by);
    // Nothing placed yet: no counter, nothing to write.
    expect(migrateOrders({ catalog: tree['catalog'] } as Tree).writes).toEqual({});
    // No billing records and no counter: right as it is; orders recounted.
    const noBilling = JSON.parse(JSON.stringify(tree)) as Tree;
    delete noBilling['billing'];
    delete noBilling['counts'];
    expect(migrateOrders(noBilling).writes['counts']).toEqual({ orders: { n: Object.keys(tree['orders'] as object).length, by: Object.keys(tree['orders'] as object).sort().pop() } });
  });

  it('counts what a purge removed as purged, from the order placed in the audit trail', () => {
    const old = oldShape(tree);
    const [id, deleted] = Object.entries(old['deleted'] as Record<string, Node>).find(([k]) => (old['orders'] as Node)[k] === undefined && (old['billing'] as Node)[k] === undefined) ?? [];
    if (id === undefined || deleted === undefined) throw new Error('the seed has an order that is only deleted');
    delete (old['deleted'] as Node)[id];
    const m = migrateOrders(old);
    expect(m.problems).toEqual([]);
    const tally = (m.writes['orderTally'] as Record<string, Record<string, { ordered: number; sent: number; purged: number }>>)[id] ?? {};
    const lines = deleted['lines'] as { qty: number }[];
    expect(Object.values(tally).reduce((n, l) => n + l.purged, 0)).toBe(lines.reduce((n, l) => n + l.qty, 0));
    for (const l of Object.values(tally)) expect(l.ordered).toBe(l.sent + l.purged);
  });

  it('refuses to make up a tally for an order whose records hold more than was ordered', () => {
    const old = oldShape(tree);
    const [id, r] = Object.entries(old['orders'] as Record<string, Node>)[0] ?? [];
    if (id === undefined || r === undefined) throw new Error('the seed has a pending order');
    (r['lines'] as { qty: number }[])[0]!.qty += 1000;
    const m = migrateOrders(old);
    expect(m.problems.some((p) => p.startsWith(`order ${id} line`) && p.endsWith('no tally written'))).toBe(true);
    expect((m.writes['orderTally'] as Record<string, unknown>)[id]).toBeUndefined();
  });
});
