import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  bill,
  DEFAULT_EXPIRY,
  deleteOrder,
  dueForExpiry,
  expireOrder,
  revertOrder,
  sendToBilling,
  setDeliveryStatus,
  setPicked,
  setRemarks,
} from '../../../src/domain/lifecycle.ts';
import { lineKey } from '../../../src/domain/lines.ts';
import { DAY_MS, SERVER_TIMESTAMP, type Patch } from '../../../src/domain/patch.ts';
import { approveRetailerOrder, placeOrder, rejectRetailerOrder, submitRetailerOrder } from '../../../src/domain/placement.ts';
import { storeLines, storeRecord } from '../../../src/domain/orderRecords.ts';
import type { OrderState, PendingRecord, RetailerOrder, SentId, SentRecord, Uid } from '../../../src/domain/types.ts';
import { applyPatch, compact, type Tree } from '../../../server/seed/tree.ts';
import { ctxAt, L, ORDER, P1, PARTY, STAFF } from './support/fixtures.ts';

const NOW = 1_000_000;
const b = (q: number) => L(P1, 'BLACK', 'T2', q);
const s = (q: number) => L(P1, 'SKIN', 'T1', q);
const base = { number: 'K1', partyId: PARTY, partyName: 'Retail Partner A', note: '', source: 'staff' as const, createdAt: 500, createdBy: STAFF, ordered: [b(5), s(2)] };
const pending: PendingRecord = { ...base, lines: [b(5), s(2)] };
const fresh: OrderState = { id: ORDER, rev: 1, pending };
const ctx = () => ctxAt(NOW);
const tallyOf = (l: ReturnType<typeof L>) => ({ productId: l.productId, color: l.color, size: l.size, ordered: l.qty, sent: 0, purged: 0 });
/** An audit entry as stored: its lines keyed by line key. */
const audit = (action: string, rev: number, extra: { lines?: ReturnType<typeof L>[]; detail?: string } = {}) => ({
  action,
  orderId: ORDER,
  actor: STAFF,
  at: NOW,
  rev,
  ...extra,
  ...(extra.lines && { lines: storeLines(extra.lines) }),
});

/** Home's counter writes for a record of `collection` created (+1) or removed (−1) by the transition. */
const counted = (collection: 'orders' | 'billing', delta: 1 | -1) => ({ [`counts/${collection}/n`]: { '.sv': { increment: delta } }, [`counts/${collection}/by`]: ORDER });
/** The pending record's tombstone: the time of its removal, or null (cleared) when it is re-created. */
const gone = (at: number | null) => ({ [`gone/orders/${ORDER}`]: at });

const RECORD = /^(orders|billing|deleted|expired|sent)\/[^/]+$/;

/**
 * What a patch leaves in the database, starting from the stored records of `state`. Whole
 * records in `patch` (the expected values below) are written in the stored shape first, so a
 * fine-grained patch and the whole-record patch it stands for compare equal when they leave the
 * same records behind.
 */
function effect(state: Pick<OrderState, 'id'> & Partial<OrderState>, patch: Patch): Tree {
  const tree: Tree = {};
  const stored: Patch = {};
  for (const [part, coll] of [['pending', 'orders'], ['billing', 'billing'], ['deleted', 'deleted'], ['expired', 'expired']] as const) {
    const r = state[part];
    if (r !== undefined) stored[`${coll}/${state.id}`] = storeRecord(r);
  }
  if (Object.keys(stored).length > 0) applyPatch(tree, stored, NOW);
  const shaped = Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, RECORD.test(k) && Array.isArray((v as { lines?: unknown } | null)?.lines) ? storeRecord(v as object) : v]));
  applyPatch(tree, shaped, NOW);
  return compact(tree);
}

/** Every value in a patch, deeply, is defined (the SDK refuses undefined). */
function hasNoUndefined(v: unknown): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'object' || v === null) return true;
  return Object.values(v).every(hasNoUndefined);
}

describe('placing orders', () => {
  it('placeOrder numbers from the counter, writes the counter, the order, revision 1 and audit', () => {
    const t = placeOrder(ORDER, { partyId: PARTY, partyName: 'Retail Partner A', note: 'n', lines: [b(2), s(1), b(3)] }, 11, ctx());
    expect(t.number).toBe('K12');
    expect(effect({ id: ORDER }, t.patch)).toEqual(effect({ id: ORDER }, {
      [`orderTally/${ORDER}`]: { [lineKey(b(1))]: { ...tallyOf(b(5)), ordered: 5 }, [lineKey(s(1))]: { ...tallyOf(s(1)), ordered: 1 } },
      'counters/orderNumber': 12,
      'counters/lastOrderId': ORDER,
      'orderNumbers/K12': ORDER,
      ...counted('orders', 1),
      [`orders/${ORDER}`]: { number: 'K12', partyId: PARTY, partyName: 'Retail Partner A', note: 'n', source: 'staff', createdAt: NOW, createdBy: STAFF, lines: [b(5), s(1)], ordered: [b(5), s(1)], updatedAt: NOW },
      [`orderRev/${ORDER}`]: 1,
      [`orderAudit/${ORDER}`]: 'id-1', 'audit/id-1': audit('place', 1, { lines: [b(5), s(1)], detail: 'K12' }),
    }));
  });

  it('writes server timestamps when asked', () => {
    const t = placeOrder(ORDER, { partyId: PARTY, partyName: 'A', note: '', lines: [b(1)] }, 0, ctxAt(SERVER_TIMESTAMP));
    expect((t.patch[`orders/${ORDER}`] as { createdAt: unknown }).createdAt).toEqual({ '.sv': 'timestamp' });
  });

  const request: RetailerOrder = { retailerUid: 'r1' as Uid, partyId: PARTY, note: 'asap', lines: [b(2)], createdAt: 400, status: 'submitted' };
  it('a retailer request becomes an order with the same id and a K number', () => {
    expect(submitRetailerOrder(ORDER, { note: 'asap', lines: [b(2)] }, { uid: 'r1' as Uid, partyId: PARTY }, NOW).patch).toEqual({
      [`retailerOrders/${ORDER}`]: { ...request, createdAt: NOW },
      'retailerAwaiting/r1/submitted': { '.sv': { increment: 1 } },
      'retailerAwaiting/r1/by': ORDER,
    });
    const t = approveRetailerOrder({ id: ORDER, rev: 0 }, request, 'Retail Partner A', 7, ctx());
    expect(effect({ id: ORDER }, t.patch)).toEqual(effect({ id: ORDER }, {
      [`orderTally/${ORDER}`]: { [lineKey(b(1))]: { ...tallyOf(b(2)), ordered: 2 } },
      'counters/orderNumber': 8,
      'counters/lastOrderId': ORDER,
      'orderNumbers/K8': ORDER,
      ...counted('orders', 1),
      [`orders/${ORDER}`]: { number: 'K8', partyId: PARTY, partyName: 'Retail Partner A', note: 'asap', source: 'retailer', createdAt: 400, createdBy: 'r1', lines: [b(2)], ordered: [b(2)], updatedAt: NOW },
      [`retailerOrders/${ORDER}/status`]: 'approved',
      [`retailerOrders/${ORDER}/orderNumber`]: 'K8',
      [`retailerOrders/${ORDER}/decidedBy`]: STAFF,
      [`retailerOrders/${ORDER}/decidedAt`]: NOW,
      // The retailer's count of orders awaiting a decision moves with the decision.
      'retailerAwaiting/r1/decided': { '.sv': { increment: 1 } },
      'retailerAwaiting/r1/by': ORDER,
      [`orderRev/${ORDER}`]: 1,
      [`orderAudit/${ORDER}`]: 'id-1', 'audit/id-1': audit('approve', 1, { lines: [b(2)], detail: 'K8' }),
    }));
  });

  it.each<[string, () => unknown, string]>([
    ['approve twice', () => approveRetailerOrder({ id: ORDER, rev: 1 }, request, 'A', 1, ctx()), `orderRev/${ORDER} already exists`],
    ['approve a rejected order', () => approveRetailerOrder({ id: ORDER, rev: 0 }, { ...request, status: 'rejected' }, 'A', 1, ctx()), 'status is rejected'],
    ['reject without reason', () => rejectRetailerOrder({ id: ORDER, rev: 0 }, request, ' ', ctx()), 'reason is required'],
    ['place an empty order', () => placeOrder(ORDER, { partyId: PARTY, partyName: 'A', note: '', lines: [b(0)] }, 1, ctx()), 'lines must not be empty'],
  ])('%s is refused', (_n, run, message) => {
    expect(run).toThrow(DomainError);
    expect(run).toThrow(message);
  });

  it('rejection records the reason and bumps the revision so approve and reject cannot both win', () => {
    expect(rejectRetailerOrder({ id: ORDER, rev: 0 }, request, 'No stock', ctx()).patch).toEqual({
      [`retailerOrders/${ORDER}/status`]: 'rejected',
      [`retailerOrders/${ORDER}/rejectReason`]: 'No stock',
      [`retailerOrders/${ORDER}/decidedBy`]: STAFF,
      [`retailerOrders/${ORDER}/decidedAt`]: NOW,
      'retailerAwaiting/r1/decided': { '.sv': { increment: 1 } },
      'retailerAwaiting/r1/by': ORDER,
      [`orderRev/${ORDER}`]: 1,
      [`orderAudit/${ORDER}`]: 'id-1', 'audit/id-1': audit('reject', 1, { detail: 'No stock' }),
    });
  });
});

/** The state the last transition of a table case ran on. */
const ran: { state: OrderState } = { state: fresh };
const at = (state: OrderState): OrderState => (ran.state = state);

describe('moving quantities', () => {
  const billing = { ...base, lines: [b(2)], remarks: 'PT FILE BILLING', queuedAt: 600, queuedBy: STAFF };
  const cases: [string, () => { patch: Patch }, Patch][] = [
    [
      'sendToBilling: part goes to a new billing record, the rest stays pending',
      () => sendToBilling(at({ ...fresh, pending: { ...pending, picked: [b(1)] } }), [b(3)], ctx()),
      {
        [`orders/${ORDER}`]: { ...base, lines: [b(2), s(2)], updatedAt: NOW },
        [`billing/${ORDER}`]: { ...base, lines: [b(3)], remarks: '', queuedAt: NOW, queuedBy: STAFF },
        ...counted('billing', 1),
        [`orderRev/${ORDER}`]: 2,
        [`orderAudit/${ORDER}`]: 'id-1', 'audit/id-1': audit('sendToBilling', 2, { lines: [b(3)] }),
      },
    ],
    [
      'sendToBilling: everything sent removes the pending record and merges into billing by id',
      () => sendToBilling(at({ ...fresh, rev: 4, billing }), [s(2), b(5)], ctx()),
      {
        [`orders/${ORDER}`]: null,
        ...counted('orders', -1),
        ...gone(NOW),
        [`billing/${ORDER}`]: { ...billing, lines: [b(7), s(2)], queuedAt: NOW },
        [`orderRev/${ORDER}`]: 5,
        [`orderAudit/${ORDER}`]: 'id-1', 'audit/id-1': audit('sendToBilling', 5, { lines: [s(2), b(5)] }),
      },
    ],
    [
      'setPicked saves picking progress; an empty list clears it',
      () => setPicked(at(fresh), [b(1), b(1)], ctx()),
      { [`orders/${ORDER}`]: { ...pending, picked: [b(2)], updatedAt: NOW }, [`orderRev/${ORDER}`]: 2, [`orderAudit/${ORDER}`]: 'id-1', 'audit/id-1': audit('pick', 2, { lines: [b(2)] }) },
    ],
    [
      'setPicked([]) removes picked',
      () => setPicked(at({ ...fresh, pending: { ...pending, picked: [b(2)] } }), [], ctx()),
      { [`orders/${ORDER}`]: { ...pending, updatedAt: NOW }, [`orderRev/${ORDER}`]: 2, [`orderAudit/${ORDER}`]: 'id-1', 'audit/id-1': audit('pick', 2) },
    ],
    [
      'setRemarks',
      () => setRemarks(at({ id: ORDER, rev: 3, billing }), 'CANCEL', ctx()),
      { [`billing/${ORDER}`]: { ...billing, remarks: 'CANCEL' }, [`orderRev/${ORDER}`]: 4, [`orderAudit/${ORDER}`]: 'id-1', 'audit/id-1': audit('remarks', 4, { detail: 'CANCEL' }) },
    ],
    [
      'deleteOrder from pending',
      () => deleteOrder(at(fresh), 'pending', 'Duplicate order', ctx()),
      {
        [`orders/${ORDER}`]: null,
        ...counted('orders', -1),
        ...gone(NOW),
        [`deleted/${ORDER}`]: { ...pending, reason: 'Duplicate order', deletedAt: NOW, deletedBy: STAFF, from: 'pending' },
        [`orderRev/${ORDER}`]: 2,
        [`orderAudit/${ORDER}`]: 'id-1', 'audit/id-1': audit('delete', 2, { lines: [b(5), s(2)], detail: 'Duplicate order' }),
      },
    ],
    [
      'deleteOrder from billing merges into an existing deleted record',
      () => deleteOrder(at({ id: ORDER, rev: 6, billing, deleted: { ...base, lines: [s(2)], reason: 'x', deletedAt: 1, deletedBy: STAFF, from: 'pending' } }), 'billing', 'Cancelled by party', ctx()),
      {
        [`billing/${ORDER}`]: null,
        ...counted('billing', -1),
        [`deleted/${ORDER}`]: { ...base, lines: [s(2), b(2)], reason: 'Cancelled by party', deletedAt: NOW, deletedBy: STAFF, from: 'both' },
        [`orderRev/${ORDER}`]: 7,
        [`orderAudit/${ORDER}`]: 'id-1', 'audit/id-1': audit('delete', 7, { lines: [b(2)], detail: 'Cancelled by party' }),
      },
    ],
    [
      'revertOrder from deleted merges into pending and never shortens its deadline',
      () => revertOrder(at({ id: ORDER, rev: 2, pending: { ...pending, lines: [b(3)] }, deleted: { ...base, lines: [s(2)], reason: 'x', deletedAt: 1, deletedBy: STAFF, from: 'billing' } }), 'deleted', 1000, DEFAULT_EXPIRY, ctx()),
      {
        [`deleted/${ORDER}`]: null,
        [`orders/${ORDER}`]: { ...pending, lines: [b(3), s(2)], expiresAt: 500 + 40 * DAY_MS, revertedAt: NOW, revertedBy: STAFF, updatedAt: NOW },
        [`orderRev/${ORDER}`]: 3,
        [`orderAudit/${ORDER}`]: 'id-1', 'audit/id-1': audit('revert', 3, { lines: [s(2)], detail: 'from deleted' }),
      },
    ],
    [
      'revertOrder from expired gives 10 more days from now',
      () => revertOrder(at({ id: ORDER, rev: 2, expired: { ...pending, expiredAt: 41 * DAY_MS, expiresAt: 40 * DAY_MS } }), 'expired', 45 * DAY_MS, DEFAULT_EXPIRY, ctx()),
      {
        [`expired/${ORDER}`]: null,
        [`orders/${ORDER}`]: { ...pending, expiresAt: 55 * DAY_MS, revertedAt: NOW, revertedBy: STAFF, updatedAt: NOW },
        ...counted('orders', 1),
        // Re-created: its tombstone (if any) is cleared.
        ...gone(null),
        [`orderRev/${ORDER}`]: 3,
        [`orderAudit/${ORDER}`]: 'id-1', 'audit/id-1': audit('revert', 3, { lines: [b(5), s(2)], detail: 'from expired' }),
      },
    ],
  ];
  it.each(cases)('%s', (_name, run, expected) => {
    const { patch } = run();
    const state = ran.state;
    expect(effect(state, patch)).toEqual(effect(state, expected));
    expect(hasNoUndefined(patch)).toBe(true);
  });

  it.each<[string, () => unknown, string]>([
    ['sending more than pending', () => sendToBilling(fresh, [b(6)], ctx()), 'picked[0].qty'],
    ['sending nothing', () => sendToBilling(fresh, [b(0)], ctx()), 'picked must have at least one quantity above 0'],
    ['sending a fraction', () => sendToBilling(fresh, [b(1.5)], ctx()), 'picked[0].qty must be a whole number ≥ 0'],
    ['sending with nothing pending', () => sendToBilling({ id: ORDER, rev: 1 }, [b(1)], ctx()), `orders/${ORDER} does not exist`],
    ['picking more than pending', () => setPicked(fresh, [s(3)], ctx()), 'picked[0].qty'],
    ['picking a negative quantity', () => setPicked(fresh, [b(2), b(-1)], ctx()), 'picked[1].qty must be a whole number ≥ 0'],
    ['billing more than in billing', () => bill({ ...fresh, billing }, [b(3)], {}, ctx()), 'billed[0].qty'],
    ['billing with nothing in billing', () => bill(fresh, [b(1)], {}, ctx()), `billing/${ORDER} does not exist`],
    ['deleting without reason', () => deleteOrder(fresh, 'pending', '', ctx()), 'reason is required'],
    ['deleting from an empty billing', () => deleteOrder(fresh, 'billing', 'x', ctx()), `billing/${ORDER} does not exist`],
    ['reverting nothing', () => revertOrder(fresh, 'deleted', 0, DEFAULT_EXPIRY, ctx()), `deleted/${ORDER} does not exist`],
    ['a negative revision', () => setRemarks({ id: ORDER, rev: -1, billing }, '', ctx()), 'revision -1'],
  ])('%s is refused', (_n, run, message) => {
    expect(run).toThrow(message);
  });
});

describe('billing and stock', () => {
  const billing = { ...base, lines: [b(5), s(2)], remarks: 'r', queuedAt: 600, queuedBy: STAFF };
  const state: OrderState = { id: ORDER, rev: 3, billing };

  it('bills part: sent record, rest stays, stock decremented by increments with ledger entries', () => {
    const r = bill(state, [b(4)], { [lineKey(b(1))]: 10 }, ctx());
    expect(r.sentId).toBe('id-1');
    expect(r.shortfalls).toEqual([]);
    expect(r.isFull).toBe(false);
    const sku = lineKey(b(1));
    expect(effect(state, r.patch)).toEqual(effect(state, {
      'sent/id-1': { ...base, lines: [b(4)], orderId: ORDER, billedAt: NOW, billedBy: STAFF, remarks: 'r', deliveryStatus: 'undelivered' },
      [`stock/${sku}/qty`]: { '.sv': { increment: -4 } },
      [`stock/${sku}/productId`]: P1,
      [`stock/${sku}/color`]: 'BLACK',
      [`stock/${sku}/size`]: 'T2',
      [`stock/${sku}/updatedAt`]: NOW,
      [`stock/${sku}/ledgerId`]: 'id-2',
      'stockLedger/id-2': { skuId: sku, reason: 'bill', before: 10, delta: -4, actor: STAFF, at: NOW, orderId: ORDER, sentId: 'id-1', billed: 4, shortfall: 0 },
      [`stockBands/${sku}`]: 'low', // 10 − 4 = 6 left
      [`billing/${ORDER}`]: { ...billing, lines: [b(1), s(2)] },
      [`orderTally/${ORDER}/${sku}/sent`]: { '.sv': { increment: 4 } },
      [`orderTally/${ORDER}/${sku}/lastSent`]: 'id-1',
      [`orderRev/${ORDER}`]: 4,
      [`orderAudit/${ORDER}`]: 'id-3', 'audit/id-3': audit('bill', 4, { lines: [b(4)] }),
    }));
    // The billing record changes one line, on the line's own path; the tally counts what was sent.
    expect(r.patch[`billing/${ORDER}/lines/${sku}/qty`]).toBe(1);
    expect(r.patch[`orderTally/${ORDER}/${sku}/sent`]).toEqual({ '.sv': { increment: 4 } });
  });

  it('billing beyond stock is allowed, flagged, and never takes stock below 0', () => {
    const r = bill(state, [b(5), s(2)], { [lineKey(b(1))]: 3 }, ctx());
    expect(r.shortfalls).toEqual([
      { skuId: lineKey(b(1)), line: b(5), available: 3, billed: 5 },
      { skuId: lineKey(s(1)), line: s(2), available: 0, billed: 2 },
    ]);
    expect(r.patch[`stock/${lineKey(b(1))}/qty`]).toEqual({ '.sv': { increment: -3 } });
    expect(r.patch[`stock/${lineKey(s(1))}/qty`]).toEqual({ '.sv': { increment: 0 } });
    expect(r.patch['stockLedger/id-2']).toMatchObject({ before: 3, delta: -3, billed: 5, shortfall: 2 });
    expect(r.patch['stockLedger/id-3']).toMatchObject({ before: 0, delta: 0, billed: 2, shortfall: 2 });
    expect(r.isFull).toBe(true);
    // The billing record goes field by field and line by line.
    expect(r.patch[`billing/${ORDER}/lines/${lineKey(b(1))}`]).toBeNull();
    expect(r.patch[`billing/${ORDER}/lines/${lineKey(s(1))}`]).toBeNull();
    expect(r.patch[`billing/${ORDER}/number`]).toBeNull();
    expect(effect(state, r.patch)['billing']).toBeUndefined();
    expect(r.patch['audit/id-4']).toMatchObject({ detail: 'billed beyond stock: 2 line(s)' });
  });

  it('delivery status belongs to the order of the sent record', () => {
    const sent: SentRecord = { ...base, lines: [b(1)], orderId: ORDER, billedAt: 1, billedBy: STAFF, remarks: '', deliveryStatus: 'undelivered' };
    expect(setDeliveryStatus(state, 's1' as SentId, sent, 'delivered', ctx()).patch).toEqual({
      'sent/s1/deliveryStatus': 'delivered',
      [`orderRev/${ORDER}`]: 4,
      [`orderAudit/${ORDER}`]: 'id-1', 'audit/id-1': audit('delivery', 4, { detail: 's1: delivered' }),
    });
    expect(() => setDeliveryStatus({ ...state, id: 'other' as typeof ORDER }, 's1' as SentId, sent, 'delivered', ctx())).toThrow('sentId belongs to order');
  });
});

describe('expiry', () => {
  const policy = DEFAULT_EXPIRY;
  it.each<[string, OrderState, number, boolean]>([
    ['not due', fresh, 500 + 40 * DAY_MS - 1, false],
    ['due at the deadline', fresh, 500 + 40 * DAY_MS, true],
    ['an extended deadline counts', { ...fresh, pending: { ...pending, expiresAt: 60 * DAY_MS } }, 50 * DAY_MS, false],
    ['nothing pending', { id: ORDER, rev: 3 }, 99 * DAY_MS, false],
  ])('%s', (_n, state, clock, due) => {
    const t = expireOrder(state, clock, policy, ctx());
    expect(t !== null).toBe(due);
    expect(dueForExpiry(state.pending ? { [ORDER]: state.pending } : {}, clock, policy)).toEqual(due ? [ORDER] : []);
  });

  it('moves all pending to expired with the deadline that passed', () => {
    expect(effect(fresh, expireOrder(fresh, 41 * DAY_MS, policy, ctx())?.patch ?? {})).toEqual(effect(fresh, {
      [`orders/${ORDER}`]: null,
      ...counted('orders', -1),
      ...gone(NOW),
      [`expired/${ORDER}`]: { ...pending, expiredAt: NOW, expiresAt: 500 + 40 * DAY_MS },
      [`orderRev/${ORDER}`]: 2,
      [`orderAudit/${ORDER}`]: 'id-1', 'audit/id-1': audit('expire', 2, { lines: [b(5), s(2)] }),
    }));
  });
});

describe('the retailer can follow the order', () => {
  const r = { ...base, source: 'retailer' as const };
  const status = (t: { patch: Patch }) => t.patch[`retailerOrders/${ORDER}/status`];
  it.each<[string, () => { patch: Patch }, string]>([
    ['part sent to billing', () => sendToBilling({ id: ORDER, rev: 1, pending: { ...r, lines: [b(5), s(2)] } }, [b(1)], ctx()), 'inBilling'],
    ['all billed, nothing else', () => bill({ id: ORDER, rev: 1, billing: { ...r, lines: [b(5), s(2)], remarks: '', queuedAt: 1, queuedBy: STAFF } }, [b(5), s(2)], {}, ctx()), 'sent'],
    ['part billed, rest pending', () => bill({ id: ORDER, rev: 1, pending: { ...r, lines: [s(2)] }, billing: { ...r, lines: [b(5)], remarks: '', queuedAt: 1, queuedBy: STAFF } }, [b(5)], {}, ctx()), 'partlySent'],
    ['all deleted', () => deleteOrder({ id: ORDER, rev: 1, pending: { ...r, lines: [b(5), s(2)] } }, 'pending', 'x', ctx()), 'cancelled'],
    ['expired', () => expireOrder({ id: ORDER, rev: 1, pending: { ...r, lines: [b(5), s(2)] } }, 99 * DAY_MS, DEFAULT_EXPIRY, ctx()) ?? { patch: {} }, 'expired'],
    ['reverted', () => revertOrder({ id: ORDER, rev: 1, deleted: { ...r, lines: [b(5), s(2)], reason: 'x', deletedAt: 1, deletedBy: STAFF, from: 'pending' } }, 'deleted', 0, DEFAULT_EXPIRY, ctx()), 'approved'],
  ])('%s → %s', (_n, run, expected) => {
    expect(status(run())).toBe(expected);
  });
  it('staff orders do not touch retailerOrders', () => {
    expect(Object.keys(sendToBilling(fresh, [b(1)], ctx()).patch).some((k) => k.startsWith('retailerOrders'))).toBe(false);
  });
});
