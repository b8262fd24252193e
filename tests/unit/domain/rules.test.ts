import { beforeEach, describe, expect, it } from 'vitest';
import { bill, deleteOrder, sendToBilling } from '../../../src/domain/lifecycle.ts';
import { lineKey } from '../../../src/domain/lines.ts';
import { PATHS } from '../../../src/domain/patch.ts';
import { placeOrder } from '../../../src/domain/placement.ts';
import { setStock } from '../../../src/domain/stock.ts';
import type { Uid } from '../../../src/domain/types.ts';
import { ctxAt, L, ORDER, P1, PARTY, STAFF } from './support/fixtures.ts';
import { readStock, readState } from './support/readBack.ts';
import { RulesDb } from './support/rulesDb.ts';

const black2 = L(P1, 'BLACK', 'T2', 5);
const skin1 = L(P1, 'SKIN', 'T1', 2);
const input = { partyId: PARTY, partyName: 'Retail Partner A', note: '', lines: [black2, skin1] };

let db: RulesDb;
beforeEach(() => {
  db = new RulesDb();
  db.seed(`users/${STAFF}`, { name: 'S', email: 's@x.in', role: 'staff', status: 'active' });
  db.seed('users/staff-2', { name: 'T', email: 't@x.in', role: 'staff', status: 'active' });
  db.seed('users/ret-1', { name: 'R', email: 'r@x.in', role: 'retailer', status: 'active', partyId: PARTY });
});

/** A refusal by the rule at `where` (e.g. 'validate denied at /counters'). */
const deniedAt = (where: string) => ({ ok: false, reason: expect.stringContaining(where) as unknown });
const write = (patch: Record<string, unknown>, uid: string = STAFF) => db.update(patch, uid);
const place = () => expect(write(placeOrder(ORDER, input, Number(db.get(PATHS.orderCounter) ?? 0), ctxAt()).patch)).toEqual({ ok: true });

describe('the rules file accepts the domain patches', () => {
  it('place, stock import, send, bill and delete all pass', () => {
    place();
    expect(write(setStock([L(P1, 'BLACK', 'T2', 10)], readStock(db), 'adjust', { ...ctxAt(undefined, STAFF, 'imp'), note: 'count' }).patch)).toEqual({ ok: true });
    expect(write(sendToBilling(readState(db, ORDER), [L(P1, 'BLACK', 'T2', 3)], ctxAt(undefined, STAFF, 'snd')).patch)).toEqual({ ok: true });
    const b = bill(readState(db, ORDER), [L(P1, 'BLACK', 'T2', 3)], readStock(db), ctxAt(undefined, STAFF, 'bil'));
    expect(write(b.patch)).toEqual({ ok: true });
    expect(readStock(db)[lineKey(black2)]).toBe(7);
    expect(write(deleteOrder(readState(db, ORDER), 'pending', 'Duplicate order', ctxAt(undefined, STAFF, 'del')).patch)).toEqual({ ok: true });
    expect(db.get(`orderRev/${ORDER}`)).toBe(4); // place, send, bill, delete: the stock import is not an order change
  });
});

describe('a stale transition is rejected whole', () => {
  it('two devices sending the same read: the second fails and writes nothing', () => {
    place();
    const read = readState(db, ORDER); // both devices read rev 1
    const a = sendToBilling(read, [L(P1, 'BLACK', 'T2', 5)], ctxAt(undefined, STAFF, 'a'));
    const b = sendToBilling(read, [L(P1, 'BLACK', 'T2', 5)], ctxAt(undefined, 'staff-2' as Uid, 'b'));
    expect(a.patch[`orderRev/${ORDER}`]).toBe(2);
    expect(b.patch[`orderRev/${ORDER}`]).toBe(2);
    expect(write(a.patch)).toEqual({ ok: true });
    const before = structuredClone(db.data);
    expect(write(b.patch, 'staff-2')).toMatchObject(deniedAt('write denied at /orders/order-1'));
    expect(db.data).toEqual(before);
    // Re-run on fresh data: the pending black T2 is gone, so the domain refuses it.
    expect(() => sendToBilling(readState(db, ORDER), [L(P1, 'BLACK', 'T2', 5)], ctxAt())).toThrow(/BLACK T2: 5 is more than the 0 available/);
  });

  it('a record written without bumping orderRev is refused, also a removal', () => {
    place();
    expect(write({ [`orders/${ORDER}/note`]: 'sneaky' })).toMatchObject(deniedAt('write denied at /orders/order-1/note'));
    expect(write({ [`orders/${ORDER}`]: null })).toMatchObject(deniedAt('write denied at /orders/order-1'));
    expect(write({ [`orderRev/${ORDER}`]: 5 })).toMatchObject(deniedAt('validate denied at /orderRev/order-1'));
    expect(write({ [`orderRev/${ORDER}`]: null })).toMatchObject(deniedAt('write denied at /orderRev/order-1'));
  });

  it('billing with stale stock is refused: the clamp is computed on the stored quantity', () => {
    place();
    db.ownerUpdate(setStock([L(P1, 'BLACK', 'T2', 4)], readStock(db), 'adjust', { ...ctxAt(undefined, STAFF, 'i1'), note: 'count' }).patch);
    db.ownerUpdate(sendToBilling(readState(db, ORDER), [black2], ctxAt(undefined, STAFF, 's')).patch);
    const staleStock = readStock(db); // 4
    db.ownerUpdate(setStock([L(P1, 'BLACK', 'T2', 2)], readStock(db), 'adjust', { ...ctxAt(undefined, STAFF, 'i2'), note: 'recount' }).patch); // now 2
    const b = bill(readState(db, ORDER), [black2], staleStock, ctxAt(undefined, STAFF, 'b'));
    expect(write(b.patch)).toMatchObject(deniedAt('validate denied at /stock/'));
    const fresh = bill(readState(db, ORDER), [black2], readStock(db), ctxAt(undefined, STAFF, 'c'));
    expect(fresh.shortfalls).toEqual([{ skuId: lineKey(black2), line: black2, available: 2, billed: 5 }]);
    expect(write(fresh.patch)).toEqual({ ok: true });
    expect(readStock(db)[lineKey(black2)]).toBe(0);
  });

  it('the order counter only moves by one from the value read', () => {
    place();
    const again = placeOrder('order-2' as typeof ORDER, input, 0, ctxAt(undefined, STAFF, 'x')); // read 0, but it is 1 now
    expect(again.number).toBe('K1');
    // K1 is taken: its index entry is write-once.
    expect(write(again.patch)).toMatchObject(deniedAt('write denied at /orderNumbers/K1'));
    // Even with a number nobody holds, the counter must go from the stored value to exactly + 1.
    const skip = placeOrder('order-2' as typeof ORDER, input, 5, ctxAt(undefined, STAFF, 'w'));
    expect(write(skip.patch)).toMatchObject(deniedAt('validate denied at /counters/orderNumber'));
    const fresh = placeOrder('order-2' as typeof ORDER, input, 1, ctxAt(undefined, STAFF, 'y'));
    expect(write(fresh.patch)).toEqual({ ok: true });
    expect(db.get('orders/order-2/number')).toBe('K2');
  });
});

describe('stock, ledger and audit rules', () => {
  it('stock cannot go below 0, change without its ledger entry, or be deleted', () => {
    db.ownerUpdate(setStock([L(P1, 'BLACK', 'T2', 1)], {}, 'adjust', { ...ctxAt(undefined, STAFF, 'i'), note: 'count' }).patch);
    const sku = lineKey(black2);
    expect(write({ [`stock/${sku}/qty`]: { '.sv': { increment: -1 } } })).toMatchObject(deniedAt(`validate denied at /stock/${sku}`));
    expect(write({ [`stock/${sku}`]: null })).toMatchObject(deniedAt(`write denied at /stock/${sku}`));
    // A consistent ledger entry cannot take stock below 0 either.
    const below = setStock([L(P1, 'BLACK', 'T2', 0)], { [sku]: 1 }, 'adjust', { ...ctxAt(undefined, STAFF, 'n'), note: 'recount' }).patch;
    below[`stock/${sku}/qty`] = { '.sv': { increment: -2 } };
    (below['stockLedger/n-1'] as { delta: number }).delta = -2;
    expect(write(below)).toMatchObject(deniedAt(`validate denied at /stock/${sku}/qty`));
    // A ledger entry that lies about `before` is refused.
    const forged = setStock([L(P1, 'BLACK', 'T2', 3)], { [sku]: 0 }, 'adjust', { ...ctxAt(undefined, STAFF, 'f'), note: 'recount' });
    expect(write(forged.patch)).toMatchObject(deniedAt('validate denied at /stockLedger/f-1'));
    expect(readStock(db)[sku]).toBe(1);
  });

  it('a stock change cannot reuse an old ledger entry instead of writing its own', () => {
    const sku = lineKey(black2);
    db.ownerUpdate(setStock([L(P1, 'BLACK', 'T2', 1)], {}, 'adjust', { ...ctxAt(undefined, STAFF, 'a'), note: 'count' }).patch); // ledger a-1
    db.ownerUpdate(setStock([L(P1, 'BLACK', 'T2', 2)], readStock(db), 'adjust', { ...ctxAt(undefined, STAFF, 'b'), note: 'count' }).patch); // ledger b-1
    expect(write({ [`stock/${sku}/qty`]: 50, [`stock/${sku}/ledgerId`]: 'a-1' })).toMatchObject(deniedAt(`validate denied at /stock/${sku}`));
    expect(readStock(db)[sku]).toBe(2);
  });

  it('a bill computed on stock that has since risen is refused too (no false shortfall)', () => {
    place();
    db.ownerUpdate(setStock([L(P1, 'BLACK', 'T2', 2)], readStock(db), 'adjust', { ...ctxAt(undefined, STAFF, 'i1'), note: 'count' }).patch);
    db.ownerUpdate(sendToBilling(readState(db, ORDER), [black2], ctxAt(undefined, STAFF, 's')).patch);
    const stale = bill(readState(db, ORDER), [black2], readStock(db), ctxAt(undefined, STAFF, 'b'));
    expect(stale.shortfalls).toHaveLength(1);
    db.ownerUpdate(setStock([L(P1, 'BLACK', 'T2', 9)], readStock(db), 'adjust', { ...ctxAt(undefined, STAFF, 'i2'), note: 'count' }).patch);
    expect(write(stale.patch)).toMatchObject(deniedAt('validate denied at /stockLedger/b-2'));
    const fresh = bill(readState(db, ORDER), [black2], readStock(db), ctxAt(undefined, STAFF, 'c'));
    expect(fresh.shortfalls).toEqual([]);
    expect(write(fresh.patch)).toEqual({ ok: true });
    expect(readStock(db)[lineKey(black2)]).toBe(4);
  });

  it('audit and ledger entries are append-only and attributed to the writer', () => {
    place();
    const [auditPath] = Object.keys(db.get('audit') as object);
    expect(write({ [`audit/${auditPath}`]: null })).toMatchObject(deniedAt('write denied at /audit/'));
    const t = sendToBilling(readState(db, ORDER), [skin1], ctxAt(undefined, STAFF, 'z'));
    // actor is staff-1, writer staff-2: refused (first at queuedBy, the audit entry's actor would be next)
    expect(write(t.patch, 'staff-2')).toMatchObject(deniedAt('validate denied at /billing/order-1/queuedBy'));
    expect(write({ ...t.patch, [`billing/${ORDER}`]: { ...(t.patch[`billing/${ORDER}`] as object), queuedBy: 'staff-2' } }, 'staff-2')).toMatchObject(deniedAt('validate denied at /audit/z-1'));
    expect(write(t.patch, 'ret-1')).toMatchObject(deniedAt('write denied')); // retailers cannot run transitions
    expect(write(t.patch)).toEqual({ ok: true });
  });
});
