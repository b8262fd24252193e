/**
 * Property tests of the whole lifecycle: random sequences of transitions by two devices, each
 * patch applied through the rules file (database.rules.json), records read back through the validators. After
 * every step, conservation holds for every order line and every SKU, and no quantity is negative.
 * Stale patches (built from an earlier read) are replayed: if the order changed since, the rules
 * must reject them whole.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkConservation, checkStock, stockTotals } from '../../../src/domain/conservation.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import { bill, DEFAULT_EXPIRY, deleteOrder, expireOrder, revertOrder, sendToBilling, setDeliveryStatus, setPicked, setRemarks } from '../../../src/domain/lifecycle.ts';
import { totalQty } from '../../../src/domain/lines.ts';
import { DAY_MS, PATHS, SERVER_TIMESTAMP, type Patch } from '../../../src/domain/patch.ts';
import { approveRetailerOrder, placeOrder, rejectRetailerOrder, submitRetailerOrder } from '../../../src/domain/placement.ts';
import { parse } from '../../../src/domain/schema.ts';
import { setStock } from '../../../src/domain/stock.ts';
import type { Line, OrderId, OrderState, Uid } from '../../../src/domain/types.ts';
import { retailerOrderSchema } from '../../../src/domain/validate.ts';
import { propertyRuns } from '../../support/propertyRuns.ts';
import { L, P1, P2, PARTY } from './support/fixtures.ts';
import { readLedger, readRecords, readSent, readSentEntries, readState, readStock } from './support/readBack.ts';
import { RulesDb } from './support/rulesDb.ts';

const DEVICES = ['staff-1', 'staff-2'] as Uid[];
const ADMIN = 'admin-1' as Uid;
const SKUS: Line[] = [
  L(P1, 'BLACK', 'T1', 0),
  L(P1, 'BLACK', 'T2', 0),
  L(P1, 'SKIN', 'T3', 0),
  L(P2, 'GR.W', 'S', 0),
  L(P2, 'GR.W', 'L/XL', 0),
];

const linesArb = fc
  .array(fc.tuple(fc.nat({ max: SKUS.length - 1 }), fc.integer({ min: 1, max: 9 })), { minLength: 1, maxLength: 4 })
  .map((xs) => xs.map(([i, q]) => ({ ...(SKUS[i] as Line), qty: q })));
const fractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 });

type Op =
  | { kind: 'place' | 'submit'; lines: Line[] }
  | { kind: 'pick' | 'send' | 'bill'; target: number; fr: number[] }
  | { kind: 'delete'; target: number; from: 'pending' | 'billing' }
  | { kind: 'revert'; target: number; from: 'deleted' | 'expired' }
  | { kind: 'expire' | 'remarks' | 'deliver' | 'decide'; target: number; flag: boolean }
  | { kind: 'stock'; fr: number[]; full: boolean }
  | { kind: 'tick'; days: number }
  | { kind: 'stale'; target: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constantFrom('place' as const, 'submit' as const), lines: linesArb }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constantFrom('pick' as const, 'send' as const, 'bill' as const), target: fc.nat(), fr: fractions }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), target: fc.nat(), from: fc.constantFrom('pending' as const, 'billing' as const) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('revert' as const), target: fc.nat(), from: fc.constantFrom('deleted' as const, 'expired' as const) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constantFrom('expire' as const, 'remarks' as const, 'deliver' as const, 'decide' as const), target: fc.nat(), flag: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('stock' as const), fr: fractions, full: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('tick' as const), days: fc.integer({ min: 5, max: 30 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('stale' as const), target: fc.nat() }), weight: 2 },
);

/** Part of each line: floor(fraction × qty), at least one unit overall. */
function part(lines: readonly Line[], fr: readonly number[]): Line[] {
  const out = lines.map((l, i) => ({ ...l, qty: Math.floor((fr[i % fr.length] ?? 0) * (l.qty + 1)) })).map((l, i) => ({ ...l, qty: Math.min(l.qty, (lines[i] as Line).qty) }));
  if (totalQty(out) === 0 && out[0] !== undefined) out[0].qty = lines[0]?.qty ?? 0;
  return out;
}

/** Paths in a patch where an order line quantity is not a whole number ≥ 1. */
function negatives(patch: Patch): string[] {
  const bad: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (/(lines|ordered|picked)\/\d+\/qty$/.test(path) && !(Number.isSafeInteger(v) && (v as number) >= 1)) bad.push(path);
    if (typeof v === 'object' && v !== null) for (const [k, c] of Object.entries(v)) walk(c, `${path}/${k}`);
  };
  for (const [k, v] of Object.entries(patch)) walk(v, k);
  return bad;
}

class World {
  db = new RulesDb();
  orders: OrderId[] = [];
  retail: OrderId[] = [];
  stash: { id: OrderId; rev: number; build: () => { patch: Patch } }[] = [];
  seq = 0;
  made = 0;
  constructor() {
    for (const uid of DEVICES) this.db.seed(`users/${uid}`, { name: uid, email: `${uid}@x.in`, role: 'staff', status: 'active' });
    this.db.seed(`users/${ADMIN}`, { name: 'Admin', email: 'admin@x.in', role: 'admin', status: 'active' });
  }
  ctx(device: Uid) {
    return { now: SERVER_TIMESTAMP, actor: device, newId: () => `n${String(++this.seq).padStart(5, '0')}` };
  }
  write(patch: Patch, device: Uid): void {
    expect(negatives(patch)).toEqual([]);
    expect(this.db.update(patch, device)).toEqual({ ok: true });
  }
  pickOrder(target: number): OrderId | undefined {
    return this.orders.length === 0 ? undefined : this.orders[target % this.orders.length];
  }
  /** Runs a transition built from a fresh read, stashing its builder for a stale replay later. */
  run(id: OrderId, device: Uid, build: (s: OrderState) => { patch: Patch } | null): void {
    const state = readState(this.db, id);
    let t: { patch: Patch } | null;
    try {
      t = build(state);
    } catch (e) {
      // The domain refuses an action that does not apply to this state (e.g. nothing pending).
      expect(e).toBeInstanceOf(DomainError);
      return;
    }
    if (t === null) return;
    this.stash.push({ id, rev: state.rev, build: () => build(state) ?? { patch: {} } });
    this.write(t.patch, device);
    expect(readState(this.db, id).rev).toBe(state.rev + 1);
  }

  apply(op: Op, device: Uid): void {
    const db = this.db;
    switch (op.kind) {
      case 'place': {
        const id = `o${++this.made}` as OrderId;
        this.write(placeOrder(id, { partyId: PARTY, partyName: 'A', note: '', lines: op.lines }, Number(db.get(PATHS.orderCounter) ?? 0), this.ctx(device)).patch, device);
        this.orders.push(id);
        return;
      }
      case 'submit': {
        const id = `r${++this.made}` as OrderId;
        // The portal's write is not a staff transition; seed it as the retailer's own create.
        const { patch } = submitRetailerOrder(id, { note: '', lines: op.lines }, { uid: 'ret-1' as Uid, partyId: PARTY }, db.clock);
        for (const [k, v] of Object.entries(patch)) db.seed(k, v);
        this.retail.push(id);
        return;
      }
      case 'decide': {
        const id = this.retail.shift();
        if (id === undefined) return;
        const r = parse(retailerOrderSchema, db.get(`retailerOrders/${id}`));
        if (!r.ok) throw new Error(JSON.stringify(r.errors));
        const state = readState(db, id);
        // Deciding a retailer order is the admin's (the rules refuse staff).
        const t = op.flag ? approveRetailerOrder(state, r.value, 'A', Number(db.get(PATHS.orderCounter) ?? 0), this.ctx(ADMIN)) : rejectRetailerOrder(state, r.value, 'No stock', this.ctx(ADMIN));
        this.write(t.patch, ADMIN);
        if (op.flag) this.orders.push(id);
        return;
      }
      case 'stock': {
        const rows = SKUS.map((l, i) => ({ ...l, qty: Math.floor((op.fr[i] ?? 0) * 12) })).filter((_l, i) => op.full || (op.fr[i] ?? 0) > 0.5);
        // A full count as an adjustment (an import needs its stockImports record and a recent sign-in).
        const t = setStock(rows, readStock(db), 'adjust', { ...this.ctx(device), zeroMissing: op.full, note: op.full ? 'full count' : 'recount' });
        if (Object.keys(t.patch).length > 0) this.write(t.patch, device);
        return;
      }
      case 'tick':
        db.clock += op.days * DAY_MS;
        return;
      case 'stale': {
        const old = this.stash.length === 0 ? undefined : this.stash[op.target % this.stash.length];
        if (old === undefined) return;
        const nowRev = readState(db, old.id).rev;
        const before = structuredClone(db.data);
        // Every stashed transition was applied, so the order has moved on since that read.
        expect(nowRev).toBeGreaterThan(old.rev);
        expect(db.update(old.build().patch, device).ok).toBe(false);
        expect(db.data).toEqual(before);
        return;
      }
    }
    const id = this.pickOrder(op.target);
    if (id === undefined) return;
    const ctx = this.ctx(device);
    switch (op.kind) {
      case 'pick':
        return this.run(id, device, (s) => setPicked(s, part(s.pending?.lines ?? [], op.fr), ctx));
      case 'send':
        return this.run(id, device, (s) => sendToBilling(s, part(s.pending?.picked ?? s.pending?.lines ?? [], op.fr), ctx));
      case 'bill': {
        const stock = readStock(db);
        return this.run(id, device, (s) => {
          const r = bill(s, part(s.billing?.lines ?? [], op.fr), stock, ctx);
          for (const sf of r.shortfalls) expect(sf.available).toBeLessThan(sf.billed);
          return r;
        });
      }
      case 'delete':
        return this.run(id, device, (s) => deleteOrder(s, op.from, 'Order cancelled by party', ctx));
      case 'revert':
        return this.run(id, device, (s) => revertOrder(s, op.from, db.clock, DEFAULT_EXPIRY, ctx));
      case 'expire':
        return this.run(id, device, (s) => expireOrder(s, db.clock, DEFAULT_EXPIRY, ctx));
      case 'remarks':
        return this.run(id, device, (s) => setRemarks(s, op.flag ? 'STOCK NOT FOUND IN GODOWN' : '', ctx));
      case 'deliver': {
        const entry = readSentEntries(db).find(([, x]) => x.orderId === id);
        if (entry === undefined) return;
        return this.run(id, device, (s) => setDeliveryStatus(s, entry[0], entry[1], op.flag ? 'delivered' : 'undelivered', ctx));
      }
    }
  }

  /** The laws, checked on what the database holds. */
  check(): void {
    for (const id of this.orders) expect(checkConservation(id, readRecords(this.db, id))).toEqual([]);
    const stock = readStock(this.db);
    const ledger = readLedger(this.db);
    expect(checkStock(stock, ledger, readSent(this.db))).toEqual([]);
    for (const [sku, t] of stockTotals(ledger)) expect(stock[sku]).toBe(t.set - t.billed + t.shortfall);
    for (const q of Object.values(stock)) expect(q).toBeGreaterThanOrEqual(0);
    // Every placed or approved order took the next number: no gaps, no duplicates.
    expect(this.db.get(PATHS.orderCounter) ?? 0).toBe(this.orders.length);
    const numbers = this.orders.map((id) => {
      const r = readRecords(this.db, id);
      return (r.pending ?? r.billing ?? r.deleted ?? r.expired ?? r.sent[0])?.number;
    });
    expect(new Set(numbers)).toEqual(new Set(this.orders.map((_id, i) => `K${i + 1}`)));
  }
}

describe('lifecycle properties', () => {
  it('random transitions by two devices keep conservation, stock laws and non-negative quantities', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(opArb, fc.nat({ max: 1 })), { minLength: 15, maxLength: 60 }), (ops) => {
        const w = new World();
        for (const [op, d] of ops) {
          w.apply(op, DEVICES[d] as Uid);
          w.check();
        }
      }),
      { numRuns: propertyRuns(150) },
    );
  });

  it('a stale transition always carries the read revision + 1, and is rejected once the order moved on', () => {
    fc.assert(
      fc.property(linesArb, fractions, (lines, f1) => {
        const w = new World();
        w.apply({ kind: 'place', lines }, DEVICES[0] as Uid);
        const id = w.orders[0] as OrderId;
        const read = readState(w.db, id);
        const a = sendToBilling(read, part(lines, f1), w.ctx(DEVICES[0] as Uid));
        const b = deleteOrder(read, 'pending', 'Duplicate order', w.ctx(DEVICES[1] as Uid));
        expect(a.patch[`orderRev/${id}`]).toBe(read.rev + 1);
        expect(b.patch[`orderRev/${id}`]).toBe(read.rev + 1);
        w.write(a.patch, DEVICES[0] as Uid);
        const before = structuredClone(w.db.data);
        expect(w.db.update(b.patch, DEVICES[1] as Uid).ok).toBe(false);
        expect(w.db.data).toEqual(before);
        // Retried on fresh data, the delete applies to what is still pending, and the law holds.
        const retry = readState(w.db, id);
        if (retry.pending !== undefined) w.write(deleteOrder(retry, 'pending', 'Duplicate order', w.ctx(DEVICES[1] as Uid)).patch, DEVICES[1] as Uid);
        w.check();
      }),
      { numRuns: propertyRuns(100) },
    );
  });
});
