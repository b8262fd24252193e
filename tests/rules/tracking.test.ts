/**
 * The retailer's progress projection (`retailerOrders/{id}`: status, pickingAt, billingAt,
 * dispatches, endedAt, decidedByName; rules/tracking.ts): every transition of a retailer order
 * writes it in its own patch and the rules accept that; a progress that did not happen, or a
 * transition that leaves its progress out, is refused whole. Each attack starts from the domain's
 * own patch, and the untampered patch is shown to be accepted.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { bill, deleteOrder, DEFAULT_EXPIRY, expireOrder, revertOrder, sendToBilling, setDeliveryStatus, setPicked } from '../../src/domain/lifecycle.ts';
import { lineKey } from '../../src/domain/lines.ts';
import { DAY_MS, SERVER_TIMESTAMP, stamp, type Patch } from '../../src/domain/patch.ts';
import { approveRetailerOrder, rejectRetailerOrder, submitRetailerOrder, withDeciderName } from '../../src/domain/placement.ts';
import { parse } from '../../src/domain/schema.ts';
import type { OrderId, RetailerOrder, SentId, SentRecord, Uid } from '../../src/domain/types.ts';
import { retailerOrderSchema, sentSchema } from '../../src/domain/validate.ts';
import { readState, readStock } from '../unit/domain/support/readBack.ts';
import type { RulesDb } from '../unit/domain/support/rulesDb.ts';
import { buildSeed, ctx, L, O, PARTY_A, UID } from './seed.ts';
import { verdicts } from './verdicts.ts';

const R = 'r-track' as OrderId;
const T1 = lineKey(L('BLACK', 'T1', 1));
let db: RulesDb;
const { expectAccepted, expectRefused } = verdicts(() => db);
const st = (id: OrderId = R) => readState(db, id);
const counter = (): number => Number(db.get('counters/orderNumber'));
const request = (id: OrderId = R): RetailerOrder => db.get(`retailerOrders/${id}`) as RetailerOrder;
const approve = (actor: Uid = UID.admin, name = 'Ada Admin'): Patch => withDeciderName(approveRetailerOrder(st(), request(), 'Partner A', counter(), ctx(actor)), R, name).patch;
/** Applies the patch under the rules as `uid`, failing the test if refused. */
function step(patch: Patch, uid: Uid = UID.staff): void {
  expect(db.update(patch, uid)).toEqual({ ok: true });
}
const stored = (): RetailerOrder => {
  const r = parse(retailerOrderSchema, db.get(`retailerOrders/${R}`), `retailerOrders/${R}`);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.field} ${e.message}`).join('; '));
  return r.value;
};
const sentOf = (id: SentId): SentRecord => {
  const r = parse(sentSchema, db.get(`sent/${id}`), 'sent');
  if (!r.ok) throw new Error('bad sent record');
  return r.value;
};
/** `patch` without the entries whose path contains `part`. */
const without = (patch: Patch, part: string): Patch => Object.fromEntries(Object.entries(patch).filter(([k]) => !k.includes(part)));
const bump = (uid: Uid = UID.staff): Patch => stamp(st(), 'pick', ctx(uid)).patch;

beforeEach(() => {
  db = buildSeed().db;
  db.ownerUpdate(submitRetailerOrder(R, { note: 'for the shop', lines: [L('BLACK', 'T1', 4), L('BLACK', 'T2', 2)] }, { uid: UID.retailerA, partyId: PARTY_A }, SERVER_TIMESTAMP).patch);
});

describe('each transition of a retailer order writes the progress the retailer sees, and the rules accept it', () => {
  it('approve → pick → send part to billing → bill → deliver → send the rest → delete the rest', () => {
    step(approve(), UID.admin);
    expect(stored()).toMatchObject({ status: 'approved', decidedByName: 'Ada Admin', decidedAt: db.clock });
    step(setPicked(st(), [L('BLACK', 'T1', 3)], ctx()).patch);
    expect(stored().pickingAt).toBe(db.clock);
    // A later picking save keeps the time picking began.
    db.clock += 1000;
    step(setPicked(st(), [L('BLACK', 'T1', 4)], ctx()).patch);
    expect(stored().pickingAt).toBe(db.clock - 1000);
    step(sendToBilling(st(), [L('BLACK', 'T1', 3)], ctx()).patch);
    expect(stored()).toMatchObject({ status: 'inBilling', billingAt: db.clock });
    db.clock += 1000;
    const b = bill(st(), [L('BLACK', 'T1', 2)], readStock(db), ctx());
    step(b.patch);
    expect(stored().status).toBe('partlySent');
    expect(stored().dispatches?.[b.sentId]).toEqual({ at: db.clock, lines: [L('BLACK', 'T1', 2)] });
    db.clock += 1000;
    step(setDeliveryStatus(st(), b.sentId, sentOf(b.sentId), 'delivered', ctx()).patch);
    expect(stored().dispatches?.[b.sentId]).toEqual({ at: db.clock - 1000, lines: [L('BLACK', 'T1', 2)], deliveredAt: db.clock });
    step(setDeliveryStatus(st(), b.sentId, sentOf(b.sentId), 'undelivered', ctx()).patch);
    expect(stored().dispatches?.[b.sentId]?.deliveredAt).toBeUndefined();
    step(deleteOrder(st(), 'pending', 'Out of stock', ctx()).patch);
    step(deleteOrder(st(), 'billing', 'Out of stock', ctx()).patch);
    expect(stored()).toMatchObject({ status: 'sent' });
    expect(stored().endedAt).toBeUndefined();
  });

  it('cancelled: everything deleted ends the order (endedAt); a revert opens it again', () => {
    step(approve(), UID.admin);
    step(deleteOrder(st(), 'pending', 'Duplicate', ctx()).patch);
    expect(stored()).toMatchObject({ status: 'cancelled', endedAt: db.clock });
    step(revertOrder(st(), 'deleted', db.clock, DEFAULT_EXPIRY, ctx()).patch);
    expect(stored().status).toBe('approved');
    expect(stored().endedAt).toBeUndefined();
  });

  it('expired: the expiry ends the order with its time', () => {
    step(approve(), UID.admin);
    // Its deadline passed yesterday by the server's clock (expiry is due only then).
    db.ownerUpdate({ [`orders/${R}/expiresAt`]: db.clock - DAY_MS });
    step(expireOrder(st(), db.clock + 100 * DAY_MS, DEFAULT_EXPIRY, ctx())!.patch);
    expect(stored()).toMatchObject({ status: 'expired', endedAt: db.clock });
  });

  it("rejected: the reason and the admin's name", () => {
    step(withDeciderName(rejectRetailerOrder(st(), request(), 'No stock this month', ctx(UID.admin)), R, 'Ada Admin').patch, UID.admin);
    expect(stored()).toMatchObject({ status: 'rejected', rejectReason: 'No stock this month', decidedByName: 'Ada Admin' });
  });
});

describe('a progress that did not happen is refused', () => {
  beforeEach(() => db.ownerUpdate(approve()));

  it.each<[string, () => Patch]>([
    ['picking began, with nothing picked', () => ({ ...bump(), [`retailerOrders/${R}/pickingAt`]: SERVER_TIMESTAMP })],
    ['picking began yesterday', () => ({ ...setPicked(st(), [L('BLACK', 'T1', 1)], ctx()).patch, [`retailerOrders/${R}/pickingAt`]: db.clock - DAY_MS })],
    ['sent to billing, with nothing sent', () => ({ ...bump(), [`retailerOrders/${R}/billingAt`]: SERVER_TIMESTAMP })],
    ['a dispatch with no billing event', () => ({ ...bump(), [`retailerOrders/${R}/dispatches/s-fake`]: { at: SERVER_TIMESTAMP, lines: { [T1]: L('BLACK', 'T1', 4) } } })],
    ["another order's billing event as a dispatch", () => ({ ...bump(), [`retailerOrders/${R}/dispatches/${Object.keys(db.get('sent') as object)[0]}`]: { at: SERVER_TIMESTAMP, lines: { [T1]: L('BLACK', 'T1', 3) } } })],
    ['the order ended while it is pending', () => ({ ...bump(), [`retailerOrders/${R}/endedAt`]: SERVER_TIMESTAMP })],
    ['status sent while the order is pending', () => ({ ...bump(), [`retailerOrders/${R}/status`]: 'sent' })],
    ['status in billing with no billing record', () => ({ ...bump(), [`retailerOrders/${R}/status`]: 'inBilling' })],
    ['status cancelled while pending', () => ({ ...bump(), [`retailerOrders/${R}/status`]: 'cancelled', [`retailerOrders/${R}/endedAt`]: SERVER_TIMESTAMP })],
    ["the decider's name changed to someone else's", () => ({ ...bump(), [`retailerOrders/${R}/decidedByName`]: 'Rex Removed' })],
  ])('%s', (_, patch) => expectRefused(patch()));

  it('a dispatch that inflates or changes what was billed', () => {
    step(sendToBilling(st(), [L('BLACK', 'T1', 4)], ctx()).patch);
    const b = bill(st(), [L('BLACK', 'T1', 2)], readStock(db), ctx());
    expectAccepted(b.patch);
    const at = `retailerOrders/${R}/dispatches/${b.sentId}`;
    const inflated = { ...b.patch, [at]: { at: SERVER_TIMESTAMP, lines: { [T1]: L('BLACK', 'T1', 3) } } };
    expectRefused(inflated);
    const otherLine = { ...b.patch, [at]: { at: SERVER_TIMESTAMP, lines: { [T1]: L('BLACK', 'T1', 2), [lineKey(L('BLACK', 'T2', 1))]: L('BLACK', 'T2', 2) } } };
    expectRefused(otherLine);
    expectRefused({ ...b.patch, [at]: { at: db.clock - DAY_MS, lines: { [T1]: L('BLACK', 'T1', 2) } } });
    expectRefused({ ...b.patch, [at]: { at: SERVER_TIMESTAMP, lines: { [T1]: L('BLACK', 'T1', 2) }, deliveredAt: SERVER_TIMESTAMP } });
  });
});

describe('a transition that leaves its progress out is refused', () => {
  beforeEach(() => db.ownerUpdate(approve()));

  it('the first picking save without pickingAt', () => {
    const p = setPicked(st(), [L('BLACK', 'T1', 1)], ctx()).patch;
    expectAccepted(p);
    expectRefused(without(p, '/pickingAt'));
  });

  it('sending to billing without billingAt', () => {
    const p = sendToBilling(st(), [L('BLACK', 'T1', 1)], ctx()).patch;
    expectAccepted(p);
    expectRefused(without(p, '/billingAt'));
  });

  it('a bill without its dispatch', () => {
    step(sendToBilling(st(), [L('BLACK', 'T1', 4), L('BLACK', 'T2', 2)], ctx()).patch);
    const b = bill(st(), [L('BLACK', 'T1', 2), L('BLACK', 'T2', 1)], readStock(db), ctx());
    expectAccepted(b.patch);
    expectRefused(without(b.patch, '/dispatches/'));
    // …or with one of its lines left out.
    const dispatch = structuredClone(b.patch[`retailerOrders/${R}/dispatches/${b.sentId}`]) as { lines: Record<string, unknown> };
    delete dispatch.lines[lineKey(L('BLACK', 'T2', 1))];
    expectRefused({ ...b.patch, [`retailerOrders/${R}/dispatches/${b.sentId}`]: dispatch });
  });

  it("a decision in someone else's name", () => {
    db = buildSeed().db;
    db.ownerUpdate(submitRetailerOrder(R, { note: '', lines: [L('BLACK', 'T1', 1)] }, { uid: UID.retailerA, partyId: PARTY_A }, SERVER_TIMESTAMP).patch);
    expectAccepted(approve(), UID.admin);
    expectRefused(approve(UID.admin, 'Sam Staff'), UID.admin);
  });
});

describe('only active staff write progress; retailers and everyone else cannot', () => {
  beforeEach(() => db.ownerUpdate(approve()));
  const others: Uid[] = [UID.pending, UID.retailerA, UID.retailerB, UID.removed, 'u-nobody' as Uid];

  it.each(others.map((u) => [u] as const))('%s: a picking save with its progress is refused', (uid) => {
    expectRefused(setPicked(st(), [L('BLACK', 'T1', 1)], ctx(uid)).patch, uid);
    expectRefused({ [`retailerOrders/${R}/status`]: 'sent' }, uid);
    expectRefused({ [`retailerOrders/${R}/billingAt`]: SERVER_TIMESTAMP }, uid);
  });

  it.each([UID.staff, UID.admin].map((u) => [u] as const))('%s: accepted', (uid) => expectAccepted(setPicked(st(), [L('BLACK', 'T1', 1)], ctx(uid)).patch, uid));

  it('a retailer cannot submit an order that already carries progress', () => {
    const p = submitRetailerOrder('r-new' as OrderId, { note: '', lines: [L('BLACK', 'T1', 1)] }, { uid: UID.retailerA, partyId: PARTY_A }, SERVER_TIMESTAMP).patch;
    expectAccepted(p, UID.retailerA);
    for (const extra of [{ decidedByName: 'Retailer A' }, { pickingAt: SERVER_TIMESTAMP }, { billingAt: SERVER_TIMESTAMP }, { dispatches: { s1: { at: SERVER_TIMESTAMP, lines: {} } } }]) {
      expectRefused({ 'retailerOrders/r-new': { ...(p['retailerOrders/r-new'] as object), ...extra } }, UID.retailerA);
    }
  });

  it('the seed orders are untouched by a refused write', () => expect(db.get(`retailerOrders/${O.rA}/status`)).toBe('submitted'));
});
