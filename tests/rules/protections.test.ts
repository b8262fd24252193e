/**
 * Protections of database.rules.json that no other test guarded (a mutant removing each passed
 * every test). Each attack is a legitimate patch built by the domain's own functions, on the
 * seeded business (tests/rules/seed.ts), with one path tampered with; each test also shows the
 * untampered patch is accepted, so a refusal is the protection at work and not a broken patch.
 * The rules engine runs in memory (RulesDb), on the rules under test (tests/support/rulesFile.ts).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { lineKey } from '../../src/domain/lines.ts';
import { sendToBilling, setPicked } from '../../src/domain/lifecycle.ts';
import { SERVER_TIMESTAMP, stamp, type Patch } from '../../src/domain/patch.ts';
import { placeOrder, submitRetailerOrder } from '../../src/domain/placement.ts';
import { setStock } from '../../src/domain/stock.ts';
import type { AuditEntry, Line, OrderId, OrderState, RetailerOrder, Uid } from '../../src/domain/types.ts';
import { readState, readStock } from '../unit/domain/support/readBack.ts';
import { RulesDb } from '../unit/domain/support/rulesDb.ts';
import { buildSeed, ctx, L, O, PARTY_A, PARTY_B, sentIdOf, UID } from './seed.ts';

let db: RulesDb;
beforeEach(() => {
  db = buildSeed().db;
});

const st = (id: OrderId): OrderState => readState(db, id);
const ok = { ok: true };
/** A refusal that leaves the database as it was. */
function expectRefused(patch: Patch, uid: Uid): void {
  const before = structuredClone(db.data);
  expect(db.update(patch, uid)).toMatchObject({ ok: false });
  expect(db.data).toEqual(before);
}
/** Accepted on a copy of the seed (the tests' own database stays untouched). */
function expectAccepted(patch: Patch, uid: Uid): void {
  expect(buildSeed().db.update(patch, uid)).toEqual(ok);
}
/** An audit entry of order `id` other than its latest (the one orderAudit names). */
function olderAuditId(id: OrderId): string {
  const latest = db.get(`orderAudit/${id}`);
  const older = Object.entries(db.get('audit') as Record<string, AuditEntry>).find(([k, e]) => e.orderId === id && k !== latest);
  expect(older).toBeDefined();
  return (older as [string, AuditEntry])[0];
}
/** The only path of `patch` under `prefix/`. */
function onlyPathUnder(patch: Patch, prefix: string): string {
  const paths = Object.keys(patch).filter((p) => p.startsWith(`${prefix}/`));
  expect(paths).toHaveLength(1);
  return paths[0] as string;
}
const picked = (): Line[] => [L('BLACK', 'T1', 2)];

describe('a retailer cannot overwrite a retailer order that already exists, even one still submitted', () => {
  const request = { note: 'changed my mind', lines: [L('BLACK', 'T2', 9)] };

  it('their own submitted order', () => {
    expect((db.get(`retailerOrders/${O.rA}`) as RetailerOrder).status).toBe('submitted');
    const submit = (id: OrderId) => submitRetailerOrder(id, request, { uid: UID.retailerA, partyId: PARTY_A }, SERVER_TIMESTAMP).patch;
    expectAccepted(submit('r-new' as OrderId), UID.retailerA);
    expectRefused(submit(O.rA), UID.retailerA);
  });

  it("another retailer's submitted order, in their own name", () => {
    expect((db.get(`retailerOrders/${O.rA}`) as RetailerOrder).status).toBe('submitted');
    const submit = (id: OrderId) => submitRetailerOrder(id, request, { uid: UID.retailerB, partyId: PARTY_B }, SERVER_TIMESTAMP).patch;
    expectAccepted(submit('r-new' as OrderId), UID.retailerB);
    expectRefused(submit(O.rA), UID.retailerB);
  });
});

describe('a billing event stays with its order', () => {
  it('a transition of another order cannot take over a sent record (orderId and number rewritten)', () => {
    const sid = sentIdOf(db);
    expect(db.get(`sent/${sid}/orderId`)).toBe(O.o2);
    const legit = setPicked(st(O.o1), picked(), ctx()).patch;
    expectAccepted(legit, UID.staff);
    // The record's number must match the order it names, so the attacker moves both.
    expectRefused({ ...legit, [`sent/${sid}/orderId`]: O.o1, [`sent/${sid}/number`]: db.get(`orders/${O.o1}/number`) }, UID.staff);
  });
});

describe('order lines hold whole quantities of at least 1', () => {
  it('a line moved whole to billing cannot stay behind in pending with quantity 0 (or less)', () => {
    const id = 'o-two' as OrderId;
    db.ownerUpdate(placeOrder(id, { partyId: PARTY_A, partyName: 'Partner A', note: '', lines: [L('BLACK', 'T1', 2), L('BLACK', 'T2', 3)] }, Number(db.get('counters/orderNumber')), ctx()).patch);
    const key = lineKey(L('BLACK', 'T1', 1));
    // All of BLACK T1 goes to billing: its pending line is removed, BLACK T2 stays pending.
    const legit = sendToBilling(st(id), [L('BLACK', 'T1', 2)], ctx()).patch;
    expect(legit[`orders/${id}/lines/${key}`]).toBeNull();
    const copy = new RulesDb(db.clock);
    copy.data = structuredClone(db.data);
    expect(copy.update(legit, UID.staff)).toEqual(ok);
    // The conservation law still holds with a 0 left behind (0 + 2 in billing); only the quantity rule refuses it.
    expectRefused({ ...legit, [`orders/${id}/lines/${key}`]: L('BLACK', 'T1', 0) }, UID.staff);
  });
});

describe('the audit trail', () => {
  it('an entry carries the server time of its write, never a time of the writer', () => {
    const legit = setPicked(st(O.o1), picked(), ctx()).patch;
    expectAccepted(legit, UID.staff);
    const entry = onlyPathUnder(legit, 'audit');
    for (const at of [db.clock - 86_400_000, db.clock + 60_000, 0]) expectRefused({ ...legit, [entry]: { ...(legit[entry] as object), at } }, UID.staff);
  });

  it('orderAudit cannot be pointed back at an older entry of the order', () => {
    // O4 has been placed, sent, expired, deleted and reverted: five entries.
    const older = olderAuditId(O.o4);
    // Alongside a legitimate transition of another order, and on its own.
    const legit = stamp(st(O.o2), 'pick', ctx()).patch;
    expectAccepted(legit, UID.staff);
    expectRefused({ ...legit, [`orderAudit/${O.o4}`]: older }, UID.staff);
    expectRefused({ [`orderAudit/${O.o4}`]: older }, UID.staff);
  });

  it('an old entry cannot be overwritten during a legitimate revision bump', () => {
    const legit = setPicked(st(O.o1), picked(), ctx()).patch;
    expectAccepted(legit, UID.staff);
    const entry = onlyPathUnder(legit, 'audit');
    // An old entry (of any order) rewritten to look like the new one, so every field check
    // passes: the history it held is lost.
    expectRefused({ ...legit, [`audit/${olderAuditId(O.o4)}`]: legit[entry] }, UID.staff);
  });
});

describe('revisions move by exactly one', () => {
  // A transition that moves no record (matrix: orderRev create-audited): only the revision rule
  // stands between it and a rewound or skipped revision; a record change would also be refused
  // by the collection's own rule.
  const bumped = (rev: number): Patch => {
    const t = stamp(st(O.o4), 'pick', ctx());
    const entry = onlyPathUnder(t.patch, 'audit');
    return { ...t.patch, [`orderRev/${O.o4}`]: rev, [entry]: { ...(t.patch[entry] as object), rev } };
  };

  it('the next revision is accepted; a skipped or rewound one, with its audit entry, is refused', () => {
    const rev = st(O.o4).rev;
    expect(rev).toBeGreaterThan(1);
    expectAccepted(bumped(rev + 1), UID.staff);
    expectRefused(bumped(rev + 2), UID.staff);
    expectRefused(bumped(rev - 1), UID.staff);
    expectRefused(bumped(rev), UID.staff);
  });
});

describe('the stock ledger is append-only', () => {
  it("a SKU's latest entry cannot be rewritten (its stock still names it, so every other check passes)", () => {
    const sku = lineKey(L('BLACK', 'T2', 1));
    const latest = String(db.get(`stock/${sku}/ledgerId`));
    const qty = readStock(db)[sku] ?? 0;
    expect(qty).toBeGreaterThan(0);
    // The legitimate way to record a change: a new entry, built by the domain.
    const legit = setStock([L('BLACK', 'T2', qty + 1)], readStock(db), 'adjust', { ...ctx(), note: 'recount' }).patch;
    expectAccepted(legit, UID.staff);
    const entry = onlyPathUnder(legit, 'stockLedger');
    // The attack: that entry written over the latest one, as if the stock had never changed.
    const old = db.get(`stockLedger/${latest}`) as Record<string, unknown>;
    expectRefused({ [`stockLedger/${latest}`]: { ...old, ...(legit[entry] as object), before: qty, delta: 0 } }, UID.staff);
  });
});
