import { beforeAll, describe, expect, it } from 'vitest';
import { stockBand } from '../../../src/domain/portal.ts';
import { checkConservation, checkStock, type OrderRecords } from '../../../src/domain/conservation.ts';
import { barcodeSchema } from '../../../src/domain/barcodes.ts';
import { DAY_MS } from '../../../src/domain/patch.ts';
import { parse, type Schema } from '../../../src/domain/schema.ts';
import { GONE_KEEP_DAYS } from '../../../src/domain/snapshot.ts';
import { importRecordSchema } from '../../../src/domain/stockImport.ts';
import type { AuditEntry, DeletedRecord, LedgerEntry, OrderId, Party, Product, RetailerOrder, SentRecord, SkuId, StockRecord, UserRecord } from '../../../src/domain/types.ts';
import {
  auditSchema,
  billingSchema,
  deletedSchema,
  expiredSchema,
  ledgerSchema,
  orderTallySchema,
  partySchema,
  pendingSchema,
  productSchema,
  recordCountSchema,
  retailerOrderSchema,
  sentSchema,
  stockSchema,
  userSchema,
} from '../../../src/domain/validate.ts';
import { DEMO_ACCOUNTS, placeholderUid } from '../../../server/seed/demoAccounts.ts';
import { generateBusiness, type SeedOptions } from '../../../server/seed/generate.ts';
import { jsonPieces } from '../../../server/seed/output.ts';
import { DELETE_FREE_TEXT, DELETE_PRESETS } from '../../../server/seed/texts.ts';
import type { Tree } from '../../../server/seed/tree.ts';
import { SeedInvalidError, verifyBusiness } from '../../../server/seed/verify.ts';

const TODAY = Date.UTC(2025, 10, 25);
const OPTS: SeedOptions = { seed: 1, days: 30, scale: 1, today: TODAY };
const json = (tree: Tree): string => [...jsonPieces(tree)].join('');
const coll = <T>(tree: Tree, name: string): Record<string, T> => (tree[name] ?? {}) as Record<string, T>;

let tree: Tree;
beforeAll(() => {
  tree = generateBusiness(OPTS);
});

describe('seed: determinism', () => {
  it('produces byte-identical JSON for the same flags, and different JSON for another seed or day', () => {
    const first = json(tree);
    expect(json(generateBusiness(OPTS))).toBe(first);
    expect(JSON.parse(first)).toEqual(tree);
    expect(json(generateBusiness({ ...OPTS, seed: 2 }))).not.toBe(first);
    expect(json(generateBusiness({ ...OPTS, today: TODAY + 86_400_000 }))).not.toBe(first);
    // Three more businesses generated: slow on a busy machine.
  }, 180_000);
});

describe('seed: what the demo business holds', () => {
  it('has 150+ products shaped like the original catalogue', () => {
    const products = Object.values(coll<Product>(tree, 'catalog'));
    expect(products.length).toBeGreaterThanOrEqual(150);
    expect(products.filter((p) => /^Product SKU-0\d\d$/.test(p.name)).length).toBeGreaterThan(40);
    expect(products.some((p) => p.sizes.join() === 'T1,T2,T3,T4,T5,T6')).toBe(true);
    expect(products.some((p) => p.sizes.join() === 'S,M,L,XL,2XL')).toBe(true);
    expect(products.some((p) => p.sizes.some((s) => /^\d\d[A-D]$/.test(s)))).toBe(true);
    expect(products.every((p) => p.colors.length >= 3 && p.colors.length <= 9)).toBe(true);
    const colours = products.flatMap((p) => p.colors);
    expect(colours.some((c) => c.swatch.includes(' '))).toBe(true);
    expect(colours.some((c) => c.mrp !== undefined) && colours.some((c) => c.mrp === undefined)).toBe(true);
    expect(colours.flatMap((c) => c.mrp ?? []).every((m) => Number.isInteger(m.paise) && m.paise > 0)).toBe(true);
    expect(products.some((p) => !p.active) && products.filter((p) => p.active).length > 140).toBe(true);
  });

  it('has 50+ parties with name and area stored apart, in about eight areas', () => {
    const parties = Object.values(coll<Party>(tree, 'parties'));
    expect(parties.length).toBeGreaterThanOrEqual(50);
    expect(parties.every((p) => !p.name.includes(' - ') && p.area.length > 0)).toBe(true);
    expect(new Set(parties.map((p) => p.area)).size).toBe(8);
    expect(new Set(parties.map((p) => `${p.name} - ${p.area}`)).size).toBe(parties.length);
  });

  it('has the demo accounts as users: one admin, two staff, two retailers with parties, one pending sign-up', () => {
    const users = coll<UserRecord>(tree, 'users');
    expect(Object.keys(users).sort()).toEqual(DEMO_ACCOUNTS.map(placeholderUid).sort());
    const roles = DEMO_ACCOUNTS.map((a) => `${a.role}/${a.status}`).sort();
    expect(roles).toEqual(['admin/active', 'retailer/active', 'retailer/active', 'staff/active', 'staff/active', 'staff/pending']);
    for (const a of DEMO_ACCOUNTS) {
      expect(users[placeholderUid(a)]).toEqual({ name: a.name, email: a.email, role: a.role, status: a.status, ...(a.partyId === undefined ? {} : { partyId: a.partyId }) });
      expect(a.password).toMatch(/^demo-[a-z]+-\d$/);
      if (a.role === 'retailer') expect(coll<Party>(tree, 'parties')[a.partyId ?? '']).toBeDefined();
    }
  });

  it('ends with orders in every state: pending, partly billed (orders and billing), sent, deleted with reasons, expired', () => {
    const pending = coll(tree, 'orders');
    const billing = coll(tree, 'billing');
    const sent = Object.values(coll<SentRecord>(tree, 'sent'));
    const deleted = Object.values(coll<DeletedRecord>(tree, 'deleted'));
    expect(Object.keys(pending).length).toBeGreaterThan(10);
    expect(Object.keys(billing).length).toBeGreaterThan(3);
    const partlyBilled = Object.keys(billing).filter((id) => id in pending && sent.some((s) => s.orderId === id));
    expect(partlyBilled.length).toBeGreaterThan(0);
    expect(sent.length).toBeGreaterThan(100);
    expect(new Set(sent.map((s) => s.deliveryStatus))).toEqual(new Set(['delivered', 'undelivered']));
    expect(deleted.length).toBeGreaterThan(3);
    const known = [...DELETE_PRESETS, ...DELETE_FREE_TEXT];
    expect(deleted.every((d) => d.reason.split(', ').every((r) => known.includes(r)))).toBe(true);
    expect(new Set(deleted.map((d) => d.from)).size).toBeGreaterThan(1);
    expect(Object.keys(coll(tree, 'expired')).length).toBeGreaterThan(0);
    const statuses = new Set(Object.values(coll<RetailerOrder>(tree, 'retailerOrders')).map((r) => r.status));
    for (const s of ['submitted', 'rejected', 'sent']) expect(statuses).toContain(s);
  });

  it('got there through every kind of transition, with audit entries and ledger entries', () => {
    const actions = new Set(Object.values(coll<AuditEntry>(tree, 'audit')).map((a) => a.action));
    expect([...actions].sort()).toEqual(['approve', 'bill', 'delete', 'delivery', 'expire', 'pick', 'place', 'reject', 'remarks', 'revert', 'sendToBilling'].sort());
    const ledger = Object.values(coll<LedgerEntry>(tree, 'stockLedger'));
    expect(new Set(ledger.map((e) => e.reason))).toEqual(new Set(['import', 'adjust', 'bill']));
    expect(ledger.some((e) => (e.shortfall ?? 0) > 0)).toBe(true);
    // Every import entry names the stockImports record written with it, as the rules require.
    const imports = coll<unknown>(tree, 'stockImports');
    expect(Object.keys(imports).length).toBeGreaterThan(1);
    expect(ledger.filter((e) => e.reason === 'import' && (e.importId === undefined || imports[e.importId] === undefined))).toEqual([]);
    const revs = coll<number>(tree, 'orderRev');
    expect(Object.values(revs).some((r) => r >= 5)).toBe(true);
  });

  it('has stock for every variant of every product, each with its ledger entry', () => {
    const stock = coll<StockRecord>(tree, 'stock');
    const variants = Object.values(coll<Product>(tree, 'catalog')).reduce((n, p) => n + p.sizes.length * p.colors.length, 0);
    expect(Object.keys(stock).length).toBe(variants);
    const ledger = coll<LedgerEntry>(tree, 'stockLedger');
    for (const [sku, s] of Object.entries(stock)) expect(ledger[s.ledgerId]?.skuId).toBe(sku);
  });

  it('stamps every time inside the simulated past (before --today)', () => {
    const times = Object.values(coll<AuditEntry>(tree, 'audit')).map((a) => a.at);
    expect(Math.max(...times)).toBeLessThan(TODAY);
    expect(Math.max(...times)).toBeGreaterThan(TODAY - 2 * 86_400_000);
    const placed = Object.values(coll<AuditEntry>(tree, 'audit')).filter((a) => a.action === 'place' && a.at >= TODAY - 30 * 86_400_000);
    expect(placed.length).toBeGreaterThan(200);
  });
});

describe('seed: every record passes its domain validator and the laws hold', () => {
  const schemas: [string, Schema<unknown>][] = [
    ['catalog', productSchema],
    ['parties', partySchema],
    ['users', userSchema],
    ['stock', stockSchema],
    ['stockLedger', ledgerSchema],
    ['stockImports', importRecordSchema],
    ['orders', pendingSchema],
    ['billing', billingSchema],
    ['sent', sentSchema],
    ['deleted', deletedSchema],
    ['expired', expiredSchema],
    ['retailerOrders', retailerOrderSchema],
    ['audit', auditSchema],
    ['orderTally', orderTallySchema],
    ['counts', recordCountSchema],
    ['barcodes', barcodeSchema],
  ];

  it('validates every record', () => {
    let checked = 0;
    for (const [name, schema] of schemas) {
      for (const [id, value] of Object.entries(coll<unknown>(tree, name))) {
        const r = parse(schema, value, `${name}/${id}`);
        if (!r.ok) expect.fail(JSON.stringify(r.errors));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5000);
    expect(Object.keys(tree).sort()).toEqual([...schemas.map(([n]) => n), 'counters', 'orderNumbers', 'orderRev', 'orderAudit', 'meta', 'gone', 'stockBands', 'retailerAwaiting'].sort());
  });

  it("keeps each SKU's band and each retailer's count of awaiting orders with the records they describe", () => {
    const stock = coll<{ qty: number }>(tree, 'stock');
    expect(Object.keys(coll<unknown>(tree, 'stockBands')).sort()).toEqual(Object.keys(stock).sort());
    for (const [sku, r] of Object.entries(stock)) expect(coll<unknown>(tree, 'stockBands')[sku], sku).toBe(stockBand(r.qty));
    const orders = Object.values(coll<{ retailerUid: string; status: string }>(tree, 'retailerOrders'));
    const counters = coll<{ submitted?: number; decided?: number }>(tree, 'retailerAwaiting');
    expect(Object.keys(counters).sort()).toEqual([...new Set(orders.map((o) => o.retailerUid))].sort());
    for (const [uid, c] of Object.entries(counters)) {
      const mine = orders.filter((o) => o.retailerUid === uid);
      expect(c.submitted ?? 0, uid).toBe(mine.length);
      expect(c.decided ?? 0, uid).toBe(mine.filter((o) => o.status !== 'submitted').length);
    }
  });

  it("keeps Home's counters equal to the pending and billing records, each naming an order", () => {
    for (const c of ['orders', 'billing']) {
      const stored = coll<{ n: number; by: string }>(tree, 'counts')[c];
      expect(stored?.n, c).toBe(Object.keys(coll(tree, c)).length);
      expect(coll(tree, 'orderRev')[stored?.by ?? ''], `counts/${c}/by`).toBeGreaterThan(0);
    }
  });

  it.each([
    ['the 30-day business', () => tree],
    ['a 75-day business (old tombstones trimmed)', () => generateBusiness({ ...OPTS, seed: 2, days: 75 })],
  ])('%s: stamps every pending order; tombstones name removed orders only, none older than GONE_KEEP_DAYS', (_name, make) => {
    const t = make();
    const pending = coll<{ updatedAt?: unknown }>(t, 'orders');
    for (const [id, r] of Object.entries(pending)) expect(typeof r.updatedAt, id).toBe('number');
    const tombs = Object.entries(coll<unknown>(coll<Tree>(t, 'gone') as Tree, 'orders'));
    expect(tombs.length).toBeGreaterThan(10);
    for (const [id, at] of tombs) {
      expect(typeof at, id).toBe('number');
      expect(pending[id], id).toBeUndefined();
    }
    // The morning sweep trims daily: nothing older than the keep window (plus the day between sweeps) is left.
    const newest = Math.max(...Object.values(coll<{ at: number }>(t, 'audit')).map((a) => a.at));
    for (const [id, at] of tombs) expect(newest - (at as number), id).toBeLessThanOrEqual((GONE_KEEP_DAYS + 2) * DAY_MS);
    expect(verifyBusiness(t, { requireEveryState: false })).toBeDefined();
    // Generates and verifies a 75-day business: slow on a busy machine.
  }, 180_000);

  it('conserves every line of every order, and stock equals its ledger', () => {
    const read = <T>(c: string, schema: Schema<T>): Record<string, T> =>
      Object.fromEntries(Object.entries(coll<unknown>(tree, c)).map(([k, v]) => {
        const r = parse(schema, v, `${c}/${k}`);
        if (!r.ok) throw new Error(JSON.stringify(r.errors));
        return [k, r.value];
      }));
    const sent = Object.values(read('sent', sentSchema));
    const tallies = read('orderTally', orderTallySchema);
    const parts = { pending: read('orders', pendingSchema), billing: read('billing', billingSchema), deleted: read('deleted', deletedSchema), expired: read('expired', expiredSchema) };
    const ids = new Set([...Object.values(parts).flatMap((c) => Object.keys(c)), ...sent.map((s) => s.orderId), ...Object.keys(tallies)]);
    for (const id of ids) {
      const tally = tallies[id];
      expect(tally, `orderTally/${id}`).toBeDefined();
      const records: OrderRecords = { sent: sent.filter((s) => s.orderId === id), ...(tally && { tally }) };
      for (const part of ['pending', 'billing', 'deleted', 'expired'] as const) {
        const r = parts[part][id];
        if (r !== undefined) Object.assign(records, { [part]: r });
      }
      expect(checkConservation(id as OrderId, records)).toEqual([]);
    }
    const stock = Object.fromEntries(Object.entries(coll<StockRecord>(tree, 'stock')).map(([k, s]) => [k, s.qty])) as Record<SkuId, number>;
    expect(checkStock(stock, Object.values(coll<LedgerEntry>(tree, 'stockLedger')), sent)).toEqual([]);
    expect(ids.size).toBeGreaterThan(250);
  });

  it.each([2, 3, 4])('holds for seed %i too (verifyBusiness)', (seed) => {
    const summary = verifyBusiness(generateBusiness({ ...OPTS, seed }), { requireEveryState: true });
    expect(summary.counts['catalog']).toBeGreaterThanOrEqual(150);
    expect(summary.orders.partlyBilled).toBeGreaterThan(0);
    expect(summary.counts['barcodes']).toBeGreaterThan(3000);
    // Generates and verifies a whole business: slow on a busy machine.
  }, 180_000);

  it('counts archived billing events as billed: a sent record moved to sentArchive keeps the business valid; one in both is refused', () => {
    const moved = JSON.parse(json(tree)) as Tree;
    const sent = moved['sent'] as Record<string, unknown>;
    const id = Object.keys(sent)[0] as string;
    moved['sentArchive'] = { [id]: sent[id] };
    delete sent[id];
    expect(verifyBusiness(moved, { requireEveryState: true }).counts['sentArchive']).toBe(1);
    const both = JSON.parse(json(tree)) as Tree;
    both['sentArchive'] = { [id]: (both['sent'] as Record<string, unknown>)[id] };
    expect(() => verifyBusiness(both, { requireEveryState: true })).toThrow(/is also in sent/);
  });

  it('fails loudly when a record, an order or the stock is wrong', () => {
    const broken = (mutate: (t: Tree) => void): Tree => {
      const t = JSON.parse(json(tree)) as Tree;
      mutate(t);
      return t;
    };
    const first = <T>(t: Tree, c: string): T => Object.values(coll<T>(t, c))[0] as T;
    const cases: [string, (t: Tree) => void, RegExp][] = [
      ['a sent quantity changed', (t) => void ((Object.values(first<{ lines: Record<string, { qty: number }> }>(t, 'sent').lines)[0] as { qty: number }).qty += 1), /the tally says \d+ sent but the sent records hold/],
      ['a tally line purged from nowhere', (t) => void ((Object.values(first<Record<string, { purged: number }>>(t, 'orderTally'))[0] as { purged: number }).purged += 1), /collections hold/],
      ['a stock quantity changed', (t) => void (first<StockRecord>(t, 'stock').qty += 1), /ledger sums to/],
      ['a party name removed', (t) => void delete (first<Party>(t, 'parties') as Partial<Party>).name, /parties\/.*name is required/],
      ['the order counter off by one', (t) => void ((t['counters'] as { orderNumber: number }).orderNumber += 1), /counters\/orderNumber/],
      ['the pending counter off by one', (t) => void ((t['counts'] as Record<string, { n: number }>)['orders']!.n += 1), /counts\/orders\/n is \d+, but orders holds/],
      ['the billing counter missing', (t) => void delete (t['counts'] as Record<string, unknown>)['billing'], /counts\/billing is missing, but billing holds/],
      ['a counter naming no order', (t) => void ((t['counts'] as Record<string, { by: string }>)['orders']!.by = 'nobody'), /counts\/orders\/by names nobody/],
      ['an unknown counter', (t) => void ((t['counts'] as Record<string, unknown>)['sent'] = { n: 1, by: 'x' }), /counts\/sent is not a counter/],
      ['an order number missing from the index', (t) => void delete (t['orderNumbers'] as Record<string, string>)[first<{ number: string }>(t, 'orders').number], /orderNumbers\/K\d+ is undefined/],
      ['a product without its stamp', (t) => void delete first<{ updatedAt?: number }>(t, 'catalog').updatedAt, /catalog\/\S+ has no updatedAt/],
      ['a party without its stamp', (t) => void delete first<{ updatedAt?: number }>(t, 'parties').updatedAt, /parties\/\S+ has no updatedAt/],
      ['a barcode naming a colour the product lacks', (t) => void (first<{ color: string; skuId: string }>(t, 'barcodes').color = 'NOPE'), /barcodes\/\S+ does not match/],
      ['a barcode under another code', (t) => void (first<{ code: string }>(t, 'barcodes').code = '8900000000999'), /barcodes\/\S+ holds the code 8900000000999/],
      ['a tombstone of a party that is there', (t) => void (t['gone'] = { ...(t['gone'] as object), parties: { [Object.keys(t['parties'] as object)[0] ?? '']: 1 } }), /gone\/parties\/\S+ is a tombstone of a record that is there/],
    ];
    expect(verifyBusiness(broken(() => {}), { requireEveryState: true }).counts['users']).toBe(6);
    for (const [what, mutate, message] of cases) {
      let error: unknown;
      try {
        verifyBusiness(broken(mutate), { requireEveryState: true });
      } catch (e) {
        error = e;
      }
      expect(error, what).toBeInstanceOf(SeedInvalidError);
      expect((error as Error).message, what).toMatch(message);
    }
    // Each case verifies the whole business again: slow on a busy machine.
  }, 180_000);
});
