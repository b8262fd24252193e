import { beforeEach, describe, expect, it } from 'vitest';
import { bill, DEFAULT_EXPIRY, deleteOrder, expireOrder, revertOrder, sendToBilling } from '../../../src/domain/lifecycle.ts';
import { DAY_MS, PATHS, type Patch } from '../../../src/domain/patch.ts';
import { approveRetailerOrder, placeOrder, rejectRetailerOrder, submitRetailerOrder } from '../../../src/domain/placement.ts';
import type { OrderId, RetailerOrder, Uid } from '../../../src/domain/types.ts';
import { ctxAt, L, ORDER, P1, PARTY, STAFF } from './support/fixtures.ts';
import { readState, readStock } from './support/readBack.ts';
import { RulesDb } from './support/rulesDb.ts';

// Issue 5: "every order, transition and audit entry records who did it", and "staff cannot change
// counters except through the allowed transitions". These run database.rules.json (tests/support/rulesFile.ts).

const OTHER = 'staff-2' as Uid;
const ADMIN = 'admin-1' as Uid;
const RETAILER = 'ret-1' as Uid;
const black = L(P1, 'BLACK', 'T1', 4);
const input = { partyId: PARTY, partyName: 'Retail Partner A', note: '', lines: [black] };

let db: RulesDb;
beforeEach(() => {
  db = new RulesDb();
  db.seed(`users/${STAFF}`, { name: 'S', email: 's@x.in', role: 'staff', status: 'active' });
  db.seed(`users/${OTHER}`, { name: 'T', email: 't@x.in', role: 'staff', status: 'active' });
  db.seed(`users/${ADMIN}`, { name: 'A', email: 'a@x.in', role: 'admin', status: 'active' });
  db.seed(`users/${RETAILER}`, { name: 'R', email: 'r@x.in', role: 'retailer', status: 'active', partyId: PARTY });
  // A retailer orders only products in the catalogue and still sold (rules/portal.ts).
  db.seed(`catalog/${P1}`, { name: 'Classic Brief', sizes: ['T1'], colors: [{ code: 'BLACK', name: 'Black', swatch: '#000' }], active: true });
});

const ok = { ok: true };
const deniedAt = (where: string) => ({ ok: false, reason: expect.stringContaining(where) as unknown });
const write = (patch: Patch, uid: string = STAFF) => db.update(patch, uid);
/** An admin who signed in just now (deciding a retailer order needs a recent sign-in). */
const asAdmin = (patch: Patch) => db.update(patch, ADMIN, { auth_time: Math.floor(db.clock / 1000) });
const counter = () => Number(db.get(PATHS.orderCounter) ?? 0);
const place = (id: OrderId = ORDER, by: Uid = STAFF) => expect(write(placeOrder(id, input, counter(), ctxAt(undefined, by, `p-${id}`)).patch, by)).toEqual(ok);
/**
 * `patch` with the record at `path` changed by `change`: in the record when the patch writes it
 * whole (a new record), else as fields of their own (an existing record changes field by field).
 */
const edit = (patch: Patch, path: string, change: Record<string, unknown>): Patch =>
  path in patch
    ? { ...patch, [path]: { ...(patch[path] as object), ...change } }
    : { ...patch, ...Object.fromEntries(Object.entries(change).map(([k, v]) => [`${path}/${k}`, v])) };

describe('…By fields name the writer', () => {
  it('placing an order in someone else\'s name is refused', () => {
    const t = placeOrder(ORDER, input, 0, ctxAt());
    expect(write(edit(t.patch, `orders/${ORDER}`, { createdBy: OTHER }))).toMatchObject(deniedAt(`denied at /orders/${ORDER}/createdBy`));
    expect(write(t.patch)).toEqual(ok);
  });

  it('queuedBy, billedBy, deletedBy and revertedBy must be the writer', () => {
    place();
    const send = sendToBilling(readState(db, ORDER), [L(P1, 'BLACK', 'T1', 3)], ctxAt(undefined, STAFF, 's'));
    expect(write(edit(send.patch, `billing/${ORDER}`, { queuedBy: OTHER }))).toMatchObject(deniedAt(`denied at /billing/${ORDER}/queuedBy`));
    expect(write(send.patch)).toEqual(ok);

    const b = bill(readState(db, ORDER), [L(P1, 'BLACK', 'T1', 1)], readStock(db), ctxAt(undefined, STAFF, 'b'));
    expect(write(edit(b.patch, `sent/${b.sentId}`, { billedBy: OTHER }))).toMatchObject(deniedAt(`denied at /sent/${b.sentId}/billedBy`));
    expect(write(b.patch)).toEqual(ok);

    const d = deleteOrder(readState(db, ORDER), 'billing', 'Duplicate order', ctxAt(undefined, STAFF, 'd'));
    expect(write(edit(d.patch, `deleted/${ORDER}`, { deletedBy: OTHER }))).toMatchObject(deniedAt(`denied at /deleted/${ORDER}/deletedBy`));
    expect(write(d.patch)).toEqual(ok);

    const r = revertOrder(readState(db, ORDER), 'deleted', db.clock, DEFAULT_EXPIRY, ctxAt(undefined, STAFF, 'r'));
    expect(write(edit(r.patch, `orders/${ORDER}`, { revertedBy: OTHER }))).toMatchObject(deniedAt(`denied at /orders/${ORDER}/revertedBy`));
    expect(write(r.patch)).toEqual(ok);
  });

  it('another staff member may carry an order on: createdBy is copied, their own …By is written', () => {
    place();
    expect(write(sendToBilling(readState(db, ORDER), [L(P1, 'BLACK', 'T1', 1)], ctxAt(undefined, OTHER, 's')).patch, OTHER)).toEqual(ok);
    expect(db.get(`billing/${ORDER}/createdBy`)).toBe(STAFF);
    expect(db.get(`billing/${ORDER}/queuedBy`)).toBe(OTHER);
    // The expiry job runs on any staff device.
    db.clock += 100 * DAY_MS; // due by the server's clock
    expect(write(expireOrder(readState(db, ORDER), db.clock, DEFAULT_EXPIRY, ctxAt(undefined, OTHER, 'e'))!.patch, OTHER)).toEqual(ok);
    expect(db.get(`expired/${ORDER}/createdBy`)).toBe(STAFF);
    expect(write(revertOrder(readState(db, ORDER), 'expired', db.clock, DEFAULT_EXPIRY, ctxAt(undefined, OTHER, 'r')).patch, OTHER)).toEqual(ok);
    expect(db.get(`orders/${ORDER}/createdBy`)).toBe(STAFF);
  });

  it('createdBy cannot be rewritten when a record moves or is saved again', () => {
    place();
    const send = sendToBilling(readState(db, ORDER), [L(P1, 'BLACK', 'T1', 1)], ctxAt(undefined, OTHER, 's'));
    expect(write(edit(send.patch, `billing/${ORDER}`, { createdBy: OTHER }), OTHER)).toMatchObject(deniedAt(`denied at /billing/${ORDER}/createdBy`));
    expect(write(edit(send.patch, `orders/${ORDER}`, { createdBy: OTHER }), OTHER)).toMatchObject(deniedAt(`denied at /orders/${ORDER}/createdBy`));
    expect(write(send.patch, OTHER)).toEqual(ok);
    const b = bill(readState(db, ORDER), [L(P1, 'BLACK', 'T1', 1)], readStock(db), ctxAt(undefined, OTHER, 'b'));
    expect(write(edit(b.patch, `sent/${b.sentId}`, { createdBy: OTHER }), OTHER)).toMatchObject(deniedAt(`denied at /sent/${b.sentId}/createdBy`));
    expect(write(b.patch, OTHER)).toEqual(ok);
  });

  it('an approved retailer order is created by the retailer, and decidedBy is the deciding admin', () => {
    expect(write(submitRetailerOrder(ORDER, { note: '', lines: [black] }, { uid: RETAILER, partyId: PARTY }, { '.sv': 'timestamp' }).patch, RETAILER)).toEqual(ok);
    const request = db.get(`retailerOrders/${ORDER}`) as RetailerOrder;
    const t = approveRetailerOrder({ id: ORDER, rev: 0 }, request, 'Retail Partner A', counter(), ctxAt(undefined, ADMIN, 'a'));
    expect(asAdmin(edit(t.patch, `orders/${ORDER}`, { createdBy: ADMIN }))).toMatchObject(deniedAt(`denied at /orders/${ORDER}/createdBy`));
    expect(asAdmin({ ...t.patch, [`retailerOrders/${ORDER}/decidedBy`]: STAFF })).toMatchObject(deniedAt(`denied at /retailerOrders/${ORDER}/decidedBy`));
    // A retailer-sourced order in the retailer's name needs the retailer order approved in the same write.
    expect(asAdmin({ ...t.patch, [`retailerOrders/${ORDER}/status`]: 'submitted' })).toMatchObject(deniedAt(`denied at /orders/${ORDER}/createdBy`));
    expect(asAdmin(t.patch)).toEqual(ok);
    expect(db.get(`orders/${ORDER}/createdBy`)).toBe(RETAILER);
  });

  it('a staff order cannot be passed off as a retailer\'s', () => {
    const t = placeOrder(ORDER, input, 0, ctxAt());
    expect(write(edit(t.patch, `orders/${ORDER}`, { source: 'retailer', createdBy: RETAILER }))).toMatchObject(deniedAt(`denied at /orders/${ORDER}/createdBy`));
  });

  it('a rejection names the deciding admin', () => {
    expect(write(submitRetailerOrder(ORDER, { note: '', lines: [black] }, { uid: RETAILER, partyId: PARTY }, { '.sv': 'timestamp' }).patch, RETAILER)).toEqual(ok);
    const request = db.get(`retailerOrders/${ORDER}`) as RetailerOrder;
    const t = rejectRetailerOrder({ id: ORDER, rev: 0 }, request, 'No stock', ctxAt(undefined, ADMIN, 'j'));
    expect(asAdmin({ ...t.patch, [`retailerOrders/${ORDER}/decidedBy`]: OTHER })).toMatchObject(deniedAt(`denied at /retailerOrders/${ORDER}/decidedBy`));
    expect(asAdmin(t.patch)).toEqual(ok);
  });
});

describe('order numbers: one order per number, the counter moves only with a new order', () => {
  it('the counter cannot be bumped on its own, nor with lastOrderId naming an existing order', () => {
    place();
    expect(write({ [PATHS.orderCounter]: 2 })).toMatchObject(deniedAt('validate denied at /counters/orderNumber'));
    expect(write({ [PATHS.orderCounter]: 2, 'counters/lastOrderId': ORDER })).toMatchObject(deniedAt('validate denied at /counters/orderNumber'));
    expect(write({ 'counters/lastOrderId': 'order-9' })).toMatchObject(deniedAt('validate denied at /counters/lastOrderId'));
    expect(db.get(PATHS.orderCounter)).toBe(1);
  });

  it('a second order with a number already used is refused, with or without the index entry', () => {
    place();
    const id2 = 'order-2' as OrderId;
    const fresh = placeOrder(id2, input, 1, ctxAt(undefined, STAFF, 'n'));
    expect(fresh.number).toBe('K2');
    // Same patch, but the record carries K1 (and K2 is not registered): K1's entry names order-1.
    const dup = edit(fresh.patch, `orders/${id2}`, { number: 'K1' });
    delete dup['orderNumbers/K2'];
    expect(write(dup)).toMatchObject(deniedAt(`denied at /orders/${id2}/number`));
    // Re-pointing K1 to the new order: the entry is write-once.
    expect(write({ ...dup, 'orderNumbers/K1': id2 })).toMatchObject(deniedAt('write denied at /orderNumbers/K1'));
    expect(write(fresh.patch)).toEqual(ok);
    expect(db.get('orderNumbers')).toEqual({ K1: ORDER, K2: id2 });
  });

  it('index entries cannot be invented, changed or removed', () => {
    place();
    expect(write({ 'orderNumbers/K7': ORDER })).toMatchObject(deniedAt('validate denied at /orderNumbers/K7'));
    expect(write({ 'orderNumbers/K1': 'order-9' })).toMatchObject(deniedAt('write denied at /orderNumbers/K1'));
    expect(write({ 'orderNumbers/K1': null })).toMatchObject(deniedAt('write denied at /orderNumbers/K1'));
    // The number of a moved record must still be the one registered to the order.
    const send = sendToBilling(readState(db, ORDER), [L(P1, 'BLACK', 'T1', 1)], ctxAt(undefined, STAFF, 's'));
    expect(write(edit(send.patch, `billing/${ORDER}`, { number: 'K7' }))).toMatchObject(deniedAt(`denied at /billing/${ORDER}/number`));
    expect(write(send.patch)).toEqual(ok);
  });

  it("a number is registered only with a new order, and only as 'K' + the counter it moves to", () => {
    place();
    const id2 = 'order-2' as OrderId;
    // Taking a later number (K5 while the counter moves to 2) is refused, in the record and the index.
    const skip = placeOrder(id2, input, 4, ctxAt(undefined, STAFF, 'k'));
    expect(skip.number).toBe('K5');
    expect(write({ ...skip.patch, [PATHS.orderCounter]: 2 })).toMatchObject(deniedAt('denied at /orderNumbers/K5'));
    // Registering a number for an order already stored (no new order in the write) is refused.
    expect(write({ 'orderNumbers/K2': ORDER })).toMatchObject(deniedAt('denied at /orderNumbers/K2'));
    expect(write(placeOrder(id2, input, counter(), ctxAt(undefined, STAFF, 'n')).patch)).toEqual(ok);
    expect(db.get('orderNumbers/K2')).toBe(id2);
  });
});
