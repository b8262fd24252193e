/**
 * Conservation under concurrent devices, through the real server, the real rules file
 * (database.rules.json) and the real firebase SDK. Several staff clients race on the same
 * orders; every transition is conditional on `orderRev/{id}` (and stock on its ledger `before`),
 * so a stale patch is rejected whole with PERMISSION_DENIED. The devices run the app's own order
 * kernel (`runOrderCommand` / `runCommand` in src/data/orderKernel.ts) with their SDK Database:
 * it reads, lets the builder choose and build a transition, writes, and on a lost race re-reads
 * and rebuilds. Every patch a builder hands over is booked, so the test can check that exactly
 * the patches the kernel reports as accepted left a trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionError } from '../../../src/data/actionError.ts';
import { runCommand, runOrderCommand, type CommandCtx } from '../../../src/data/orderKernel.ts';
import { checkConservation, checkStock, type OrderRecords } from '../../../src/domain/conservation.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import { bill, deleteOrder, DEFAULT_EXPIRY, expireOrder, revertOrder, sendToBilling } from '../../../src/domain/lifecycle.ts';
import { lineKey } from '../../../src/domain/lines.ts';
import { DAY_MS, type Patch, type Transition } from '../../../src/domain/patch.ts';
import { placeOrder } from '../../../src/domain/placement.ts';
import { parse, type Schema } from '../../../src/domain/schema.ts';
import { setStock } from '../../../src/domain/stock.ts';
import type { LedgerEntry, Line, OrderId, OrderState, Party, PartyId, Product, ProductId, SentRecord, SkuId, Uid } from '../../../src/domain/types.ts';
import {
  auditSchema,
  billingSchema,
  deletedSchema,
  expiredSchema,
  ledgerSchema,
  pendingSchema,
  sentSchema,
  stockSchema,
} from '../../../src/domain/validate.ts';
import { rulesPath } from '../../support/rulesFile.ts';
import { TestDb } from '../support/dbHarness.ts';
import { createdPaths, Device, rng, type Outcome } from './devices.ts';

const STAFF = ['staff-a', 'staff-b', 'staff-c'] as Uid[];
const P1 = 'p1' as ProductId;
const P2 = 'p2' as ProductId;
const PARTY = 'party-1' as PartyId;
const catalog: Record<string, Product> = {
  p1: { name: 'Classic Brief', sizes: ['T1', 'T2'], colors: [{ code: 'BLACK', name: 'Black', swatch: '#000' }, { code: 'SKIN', name: 'Skin', swatch: '#e8c4a0' }], active: true },
  p2: { name: 'Sports Vest', sizes: ['S', 'L/XL'], colors: [{ code: 'GR.W', name: 'Grey/White', swatch: '#888 #fff' }], active: true },
};
const party: Party = { name: 'Retail Partner A', area: 'Panjim' };
const L = (productId: ProductId, color: string, size: string, qty: number): Line => ({ productId, color, size, qty });
const SKUS: Line[] = [L(P1, 'BLACK', 'T1', 0), L(P1, 'BLACK', 'T2', 0), L(P1, 'SKIN', 'T1', 0), L(P2, 'GR.W', 'S', 0), L(P2, 'GR.W', 'L/XL', 0)];
// Stock below what is ordered for some SKUs, so bills beyond stock (shortfalls) happen too.
const STOCK_TARGETS = SKUS.map((s, i) => ({ ...s, qty: [30, 12, 8, 20, 5][i] ?? 0 }));
const ORDER_LINES: Line[][] = [
  [L(P1, 'BLACK', 'T1', 19), L(P1, 'BLACK', 'T2', 17), L(P2, 'GR.W', 'S', 15)],
  [L(P1, 'BLACK', 'T2', 16), L(P1, 'SKIN', 'T1', 18)],
  [L(P1, 'BLACK', 'T1', 14), L(P2, 'GR.W', 'S', 16), L(P2, 'GR.W', 'L/XL', 17)],
];

/** Rounds of the race (every device acts once per round); the kernel builds each command at most MAX_TRIES times. */
const ROUNDS = 45;
const MAX_TRIES = 8;

let db: TestDb;
let devices: Device[];
const orderIds: OrderId[] = [];
/** Accepted transitions per order (placement included), counted by the devices. */
const acceptedByOrder = new Map<OrderId, number>();
/** Ledger entries written by the stock import (before the race). */
let importLedger = 0;
/** Every attempt sent to the server: its outcome and the append-only paths its patch creates. */
const attempts: { outcome: Outcome; created: string[]; orderId: OrderId; kind: string }[] = [];

function parsed<T>(schema: Schema<T>, value: unknown, path: string): T {
  const r = parse(schema, value, path);
  if (!r.ok) throw new Error(`${path} read back invalid: ${JSON.stringify(r.errors)}`);
  return r.value;
}

const entries = (v: unknown): [string, unknown][] => (v === null || v === undefined ? [] : Object.entries(v as Record<string, unknown>));

/** Whether `audit/x`, `sent/x` or `stockLedger/x` exists in the root read back. */
const exists = (root: Record<string, unknown>, path: string): boolean => {
  const [top, key] = path.split('/');
  return entries(root[top ?? '']).some(([k]) => k === key);
};

/** Everything, read as the owner over REST and validated. */
async function readAll() {
  const res = await db.rest('GET', '/.json');
  expect(res.status).toBe(200);
  const root = res.json as Record<string, unknown>;
  const col = <T>(name: string, schema: Schema<T>): Map<string, T> => new Map(entries(root[name]).map(([k, v]) => [k, parsed(schema, v, `${name}/${k}`)]));
  return {
    root,
    pending: col('orders', pendingSchema),
    billing: col('billing', billingSchema),
    deleted: col('deleted', deletedSchema),
    expired: col('expired', expiredSchema),
    sent: col('sent', sentSchema),
    stock: col('stock', stockSchema),
    ledger: col('stockLedger', ledgerSchema),
    audit: col('audit', auditSchema),
    orderRev: new Map(entries(root['orderRev']).map(([k, v]) => [k, v as number])),
  };
}

function recordsOf(all: Awaited<ReturnType<typeof readAll>>, id: OrderId): OrderRecords {
  return {
    pending: all.pending.get(id),
    billing: all.billing.get(id),
    deleted: all.deleted.get(id),
    expired: all.expired.get(id),
    sent: [...all.sent.values()].filter((s) => s.orderId === id),
  };
}

/** A random part of `lines`: each quantity 0..qty, at least one above 0. */
function part(lines: readonly Line[], r: () => number): Line[] {
  const out = lines.map((l) => ({ ...l, qty: Math.floor(r() * (l.qty + 1)) }));
  if (out.every((l) => l.qty === 0)) {
    const i = Math.floor(r() * out.length);
    const l = out[i];
    if (l !== undefined) l.qty = Math.max(1, Math.ceil((lines[i]?.qty ?? 1) / 2));
  }
  return out;
}

type Kind = 'send' | 'bill' | 'deletePending' | 'deleteBilling' | 'expire' | 'revertDeleted' | 'revertExpired';

/** The transitions possible on `state`, weighted towards moving goods forward. */
function choices(s: OrderState): Kind[] {
  const k: Kind[] = [];
  if (s.pending) k.push('send', 'send', 'send', 'deletePending', 'expire');
  if (s.billing) k.push('bill', 'bill', 'bill', 'deleteBilling');
  if (s.deleted) k.push('revertDeleted', 'revertDeleted');
  if (s.expired) k.push('revertExpired', 'revertExpired');
  return k;
}

/** Builds one transition of `kind` from what `dev` read (stock read through the kernel's ctx for bills). */
async function build(dev: Device, read: CommandCtx, s: OrderState, kind: Kind, r: () => number): Promise<Transition> {
  const ctx = dev.ctx();
  switch (kind) {
    case 'send':
      return sendToBilling(s, part(s.pending?.lines ?? [], r), ctx);
    case 'bill': {
      const billed = part(s.billing?.lines ?? [], r);
      const stock = await read.stock(billed.map(lineKey));
      return bill(s, billed, stock, ctx);
    }
    case 'deletePending':
      return deleteOrder(s, 'pending', `duplicate (${dev.uid})`, ctx);
    case 'deleteBilling':
      return deleteOrder(s, 'billing', `party cancelled (${dev.uid})`, ctx);
    case 'expire': {
      const t = expireOrder(s, serverNow(), DEFAULT_EXPIRY, ctx);
      if (t === null) throw new DomainError('not due');
      return t;
    }
    case 'revertDeleted':
      return revertOrder(s, 'deleted', serverNow(), DEFAULT_EXPIRY, ctx);
    case 'revertExpired':
      return revertOrder(s, 'expired', serverNow(), DEFAULT_EXPIRY, ctx);
  }
}

/** Books one patch sent to the server and its outcome. */
function book(orderId: OrderId, kind: string, patch: Patch, outcome: Outcome): Outcome {
  attempts.push({ outcome, created: createdPaths(patch), orderId, kind });
  if (outcome === 'accepted') acceptedByOrder.set(orderId, (acceptedByOrder.get(orderId) ?? 0) + 1);
  return outcome;
}

/**
 * The patches one kernel command was handed, in order. The kernel writes each one it is handed
 * (a builder returning a transition is always followed by its write), so every patch but the
 * one the kernel returns was refused.
 */
class Handed {
  readonly list: { kind: string; patch: Patch }[] = [];
  add<T extends Transition>(kind: string, t: T): T {
    this.list.push({ kind, patch: t.patch });
    return t;
  }
  /** Books every handed patch: accepted only the very object the kernel returned. */
  book(orderId: OrderId, returned: Transition | null): void {
    for (const h of this.list) book(orderId, h.kind, h.patch, returned !== null && h.patch === returned.patch ? 'accepted' : 'rejected');
  }
}

/** The server's clock: real time, moved ahead once the orders are placed. */
let skew = 0;
const serverNow = (): number => Date.now() + skew;

beforeAll(async () => {
  db = await new TestDb({ rulesFile: rulesPath(), clock: serverNow }).start();
  // The owner seeds users, catalogue and party; the rules file grants staff neither users nor catalog.
  const users = Object.fromEntries(STAFF.map((uid, i) => [uid, { name: `Staff ${i + 1}`, email: `${uid}@shop.in`, role: 'staff', status: 'active' }]));
  const seeded = await db.rest('PATCH', '/.json', { users, catalog, [`parties/${PARTY}`]: party });
  expect(seeded.status).toBe(200);
  devices = STAFF.map((uid) => new Device(uid, db.client({ uid })));
  const [first] = devices;
  if (first === undefined) throw new Error('no devices');

  // Stock through the domain's setStock, applied by a staff client (an adjustment: an import
  // also writes its stockImports record, which needs a recent sign-in).
  const imp = setStock(STOCK_TARGETS, await first.readStock(SKUS.map(lineKey)), 'adjust', { ...first.ctx(), note: 'opening stock' });
  expect(await first.apply(imp.patch)).toBe('accepted');
  importLedger = createdPaths(imp.patch).length;

  // Orders placed by staff clients through the kernel (counter read by it; the counter write is conditional).
  for (const [i, lines] of ORDER_LINES.entries()) {
    const dev = devices[i % devices.length] ?? first;
    const id = `order-${i + 1}` as OrderId;
    const handed = new Handed();
    const placed = await runCommand(dev.db, async (read) => handed.add('place', placeOrder(id, { partyId: PARTY, partyName: party.name, note: '', lines }, await read.counter(), dev.ctx())));
    handed.book(id, placed);
    expect(handed.list).toHaveLength(1);
    expect(placed.number).toBe(`K${i + 1}`);
    orderIds.push(id);
  }
  expect(await first.readCounter()).toBe(ORDER_LINES.length);
  // The race runs 1000 days later by the server's clock, so every pending order is due for expiry
  // (the rules expire only what is due by the server's clock, never by a device's).
  skew = 1000 * DAY_MS;
}, 60_000);

afterAll(async () => db?.close());

describe('concurrent devices through the real rules', () => {
  it('conserve every order, keep stock equal to its ledger, and reject stale patches', async () => {
    let domainRefusals = 0;
    let nothingToDo = 0;
    let gaveUp = 0;
    let done = 0;
    const rngs = devices.map((_, i) => rng(1000 + i));
    /**
     * One operation of one device on order `id`, through the kernel: it reads, the builder picks
     * and builds a transition, the kernel writes it and rebuilds on fresh data after a lost race.
     */
    const operate = async (dev: Device, r: () => number, id: OrderId): Promise<void> => {
      const handed = new Handed();
      let returned: Transition | null = null;
      try {
        returned = await runOrderCommand(
          dev.db,
          id,
          async (s, read) => {
            const kinds = choices(s);
            const kind = kinds[Math.floor(r() * kinds.length)];
            if (kind === undefined) return null; // all sent: nothing left on this order
            return handed.add(kind, await build(dev, read, s, kind, r));
          },
          { tries: MAX_TRIES },
        );
        if (returned === null) nothingToDo++;
        else done++;
      } catch (e) {
        // Every refusal in this race is a lost race (all devices are active staff), so the kernel
        // must never report a refusal as such (RefusedError, code 'denied'): only 'stale' after
        // MAX_TRIES builds, or 'invalid' when the domain refuses what a later read shows.
        if (!(e instanceof ActionError) || (e.code !== 'stale' && e.code !== 'invalid')) throw e;
        if (e.code === 'stale') {
          gaveUp++;
          expect(handed.list).toHaveLength(MAX_TRIES);
        } else domainRefusals++;
      }
      expect(handed.list.length).toBeLessThanOrEqual(MAX_TRIES);
      handed.book(id, returned);
    };
    const start = Date.now();
    // Each round every device acts on the SAME order at once (and on the next round on the next
    // order), so they really race; retries race too.
    for (let round = 0; round < ROUNDS; round++) {
      const id = orderIds[round % orderIds.length] as OrderId;
      await Promise.all(devices.map((d, i) => operate(d, rngs[i] ?? Math.random, id)));
    }
    const elapsed = Date.now() - start;

    const raced = attempts.filter((a) => a.kind !== 'place');
    const accepted = raced.filter((a) => a.outcome === 'accepted').length;
    const rejected = raced.filter((a) => a.outcome === 'rejected').length;
    const byKind = Object.fromEntries(
      [...new Set(raced.map((a) => a.kind))].map((k) => [k, `${raced.filter((a) => a.kind === k && a.outcome === 'accepted').length}/${raced.filter((a) => a.kind === k).length}`]),
    );
    console.log(JSON.stringify({ elapsed, accepted, rejected, domainRefusals, nothingToDo, gaveUp, byKind }));
    expect(rejected).toBeGreaterThan(0);
    expect(accepted).toBeGreaterThan(ROUNDS);
    expect(accepted).toBe(done);
    expect(nothingToDo + gaveUp + domainRefusals + done).toBe(ROUNDS * devices.length);

    const all = await readAll();
    for (const id of orderIds) {
      const recs = recordsOf(all, id);
      expect(checkConservation(id, recs), `order ${id}`).toEqual([]);
      for (const rec of [recs.pending, recs.billing, recs.deleted, recs.expired, ...recs.sent]) {
        if (rec === undefined) continue;
        expect(rec.lines.length).toBeGreaterThan(0);
        for (const l of rec.lines) expect(Number.isSafeInteger(l.qty) && l.qty >= 1, `${id} ${lineKey(l)} qty ${l.qty}`).toBe(true);
      }
      // The revision counts the accepted transitions of this order: placement + raced ones.
      expect(all.orderRev.get(id), `orderRev/${id}`).toBe(acceptedByOrder.get(id));
    }
    // The stock law: stock = Σ ledger deltas, ledger billed = sent billed, never below 0.
    const stock: Partial<Record<SkuId, number>> = Object.fromEntries([...all.stock].map(([k, v]) => [k, v.qty]));
    const ledger: LedgerEntry[] = [...all.ledger.values()];
    const sent: SentRecord[] = [...all.sent.values()];
    expect(checkStock(stock, ledger, sent)).toEqual([]);
    console.log(JSON.stringify({ shortfallEntries: ledger.filter((e) => (e.shortfall ?? 0) > 0).length, ledger: ledger.length, sent: sent.length }));

    // Whole-patch atomicity: every accepted attempt's audit/ledger/sent entries exist, no rejected one's do.
    for (const a of attempts) for (const p of a.created) expect(exists(all.root, p), `${a.outcome} ${a.kind} ${p}`).toBe(a.outcome === 'accepted');
    // And nothing else was written: the append-only collections hold exactly the accepted entries.
    const acceptedCreated = attempts.filter((a) => a.outcome === 'accepted').flatMap((a) => a.created);
    expect(all.audit.size).toBe(acceptedCreated.filter((p) => p.startsWith('audit/')).length);
    expect(all.sent.size).toBe(acceptedCreated.filter((p) => p.startsWith('sent/')).length);
    expect(all.ledger.size).toBe(acceptedCreated.filter((p) => p.startsWith('stockLedger/')).length + importLedger);
    expect(all.audit.size).toBe([...acceptedByOrder.values()].reduce((a, b) => a + b, 0));
  }, 90_000);

  it('two devices acting on the same read: exactly one wins, the loser leaves no trace', async () => {
    const [a, b] = devices;
    if (a === undefined || b === undefined) throw new Error('need two devices');
    // A fresh order, all of it in billing.
    const id = 'order-race' as OrderId;
    const counter = await a.readCounter();
    const lines = [L(P1, 'BLACK', 'T1', 3), L(P2, 'GR.W', 'S', 2)];
    expect(await a.apply(placeOrder(id, { partyId: PARTY, partyName: party.name, note: '', lines }, counter, a.ctx()).patch)).toBe('accepted');
    expect(await a.apply(sendToBilling(await a.readState(id), lines, a.ctx()).patch)).toBe('accepted');

    for (let round = 0; round < 2; round++) {
      // Both read the same state; a bills one SKU, b the other, so the stock checks do not conflict:
      // only the order revision can stop the loser.
      const sA = await a.readState(id);
      const sB = await b.readState(id);
      expect(sB).toEqual(sA);
      const billing = sA.billing?.lines ?? [];
      const [lineA, lineB] = billing;
      if (lineA === undefined || lineB === undefined) throw new Error('billing should hold two lines');
      const skus = [lineKey(lineA), lineKey(lineB)];
      const stockBefore = await a.readStock(skus);
      const billA = bill(sA, [{ ...lineA, qty: 1 }], stockBefore, a.ctx());
      const billB = bill(sB, [{ ...lineB, qty: 1 }], stockBefore, b.ctx());
      const ledgerBefore = entries((await db.rest('GET', '/stockLedger.json')).json).length;
      const auditBefore = entries((await db.rest('GET', '/audit.json')).json).length;

      const results = await Promise.all([a.apply(billA.patch), b.apply(billB.patch)]);
      expect([...results].sort()).toEqual(['accepted', 'rejected']);
      const winner = results[0] === 'accepted' ? billA : billB;
      const loser = results[0] === 'accepted' ? billB : billA;
      const wonSku = results[0] === 'accepted' ? skus[0] : skus[1];
      const lostSku = results[0] === 'accepted' ? skus[1] : skus[0];

      const all = await readAll();
      expect(all.orderRev.get(id)).toBe(sA.rev + 1);
      for (const p of createdPaths(winner.patch)) expect(exists(all.root, p), `winner wrote ${p}`).toBe(true);
      for (const p of createdPaths(loser.patch)) expect(exists(all.root, p), `loser left ${p}`).toBe(false);
      expect(all.ledger.size).toBe(ledgerBefore + 1);
      expect(all.audit.size).toBe(auditBefore + 1);
      expect(all.sent.has(winner.sentId)).toBe(true);
      expect(all.sent.has(loser.sentId)).toBe(false);
      // Stock moved only for the winner's SKU.
      const wonBefore = stockBefore[wonSku as SkuId] ?? 0;
      expect(all.stock.get(wonSku ?? '')?.qty).toBe(Math.max(0, wonBefore - 1));
      expect(all.stock.get(lostSku ?? '')?.qty).toBe(stockBefore[lostSku as SkuId] ?? 0);
      expect(checkConservation(id, recordsOf(all, id))).toEqual([]);
    }

    // A second kind of clash without stock: send to billing vs delete of the same pending part.
    const other = 'order-race-2' as OrderId;
    const c2 = await a.readCounter();
    expect(await a.apply(placeOrder(other, { partyId: PARTY, partyName: party.name, note: '', lines }, c2, a.ctx()).patch)).toBe('accepted');
    const s1 = await a.readState(other);
    const s2 = await b.readState(other);
    const send = sendToBilling(s1, [{ ...L(P1, 'BLACK', 'T1', 2) }], a.ctx());
    const del = deleteOrder(s2, 'pending', 'duplicate', b.ctx());
    const res = await Promise.all([a.apply(send.patch), b.apply(del.patch)]);
    expect([...res].sort()).toEqual(['accepted', 'rejected']);
    const after = await readAll();
    expect(after.orderRev.get(other)).toBe(2);
    if (res[0] === 'accepted') {
      expect(after.billing.get(other)?.lines).toEqual([L(P1, 'BLACK', 'T1', 2)]);
      expect(after.deleted.has(other)).toBe(false);
    } else {
      expect(after.deleted.get(other)?.lines).toEqual(lines);
      expect(after.pending.has(other)).toBe(false);
      expect(after.billing.has(other)).toBe(false);
    }
    for (const p of createdPaths(res[0] === 'accepted' ? del.patch : send.patch)) expect(exists(after.root, p), `loser left ${p}`).toBe(false);
    expect(checkConservation(other, recordsOf(after, other))).toEqual([]);
  }, 60_000);
});
