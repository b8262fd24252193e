/**
 * Home's counters (`counts/orders`, `counts/billing`): every transition that creates or removes a
 * pending or billing record writes that counter's server increment (+1 or −1) and `by` = the
 * order in the same patch; every other transition writes no counter at all.
 */
import { describe, expect, it } from 'vitest';
import { bill, DEFAULT_EXPIRY, deleteOrder, expireOrder, revertOrder, sendToBilling, setDeliveryStatus, setPicked, setRemarks } from '../../../src/domain/lifecycle.ts';
import { DAY_MS, type Patch } from '../../../src/domain/patch.ts';
import { approveRetailerOrder, placeOrder, rejectRetailerOrder } from '../../../src/domain/placement.ts';
import { purgeDeleted, purgeExpired, purgeIfDue } from '../../../src/domain/retention.ts';
import type { BillingRecord, DeletedRecord, ExpiredRecord, OrderState, PendingRecord, RetailerOrder, SentId, SentRecord, Uid } from '../../../src/domain/types.ts';
import { loadTrustedRecord } from '../../../src/domain/orderRecords.ts';
import { applyPatch, type Tree } from '../../../server/seed/tree.ts';
import { ctxAt, L, ORDER, P1, PARTY, STAFF } from './support/fixtures.ts';

const NOW = 1_000_000;
const ctx = () => ctxAt(NOW);
const b = (q: number) => L(P1, 'BLACK', 'T2', q);
const s = (q: number) => L(P1, 'SKIN', 'T1', q);
const base = { number: 'K1', partyId: PARTY, partyName: 'Retail Partner A', note: '', source: 'staff' as const, createdAt: 500, createdBy: STAFF, ordered: [b(5), s(2)] };
const pending = (...lines: ReturnType<typeof b>[]): PendingRecord => ({ ...base, lines });
const billing = (...lines: ReturnType<typeof b>[]): BillingRecord => ({ ...base, lines, remarks: '', queuedAt: 600, queuedBy: STAFF });
const deleted = (...lines: ReturnType<typeof b>[]): DeletedRecord => ({ ...base, lines, reason: 'x', deletedAt: 700, deletedBy: STAFF, from: 'pending' });
const expired = (...lines: ReturnType<typeof b>[]): ExpiredRecord => ({ ...base, lines, expiredAt: 800, expiresAt: 700 });
const state = (records: Omit<OrderState, 'id' | 'rev'>): OrderState => ({ id: ORDER, rev: 3, ...records });
const request: RetailerOrder = { retailerUid: 'r1' as Uid, partyId: PARTY, note: '', lines: [b(2)], createdAt: 400, status: 'submitted' };
const sent: SentRecord = { ...base, lines: [b(1)], orderId: ORDER, billedAt: 900, billedBy: STAFF, remarks: '', deliveryStatus: 'undelivered' };

/** The counter writes of a patch, and nothing else. */
const counterWrites = (patch: Patch): Patch => Object.fromEntries(Object.entries(patch).filter(([k]) => k.startsWith('counts/') || k === 'counts'));
/** What the counters should receive: collection → +1 (record created) or −1 (record removed). */
const moves = (m: { orders?: 1 | -1; billing?: 1 | -1 }): Patch => {
  const out: Patch = {};
  for (const c of ['orders', 'billing'] as const) {
    const d = m[c];
    if (d !== undefined) Object.assign(out, { [`counts/${c}/n`]: { '.sv': { increment: d } }, [`counts/${c}/by`]: ORDER });
  }
  return out;
};

describe('each transition moves the counters of the records it creates or removes, and only those', () => {
  it.each<[string, () => { patch: Patch }, { orders?: 1 | -1; billing?: 1 | -1 }]>([
    ['placeOrder', () => placeOrder(ORDER, { partyId: PARTY, partyName: 'A', note: '', lines: [b(1)] }, 4, ctx()), { orders: 1 }],
    ['approveRetailerOrder', () => approveRetailerOrder({ id: ORDER, rev: 0 }, request, 'A', 4, ctx()), { orders: 1 }],
    ['rejectRetailerOrder', () => rejectRetailerOrder({ id: ORDER, rev: 0 }, request, 'No stock', ctx()), {}],
    ['setPicked', () => setPicked(state({ pending: pending(b(5)) }), [b(2)], ctx()), {}],
    ['setPicked([]) clearing picked', () => setPicked(state({ pending: { ...pending(b(5)), picked: [b(1)] } }), [], ctx()), {}],
    ['sendToBilling of part, no billing record yet', () => sendToBilling(state({ pending: pending(b(5)) }), [b(2)], ctx()), { billing: 1 }],
    ['sendToBilling of part into an existing billing record', () => sendToBilling(state({ pending: pending(b(3)), billing: billing(b(2)) }), [b(1)], ctx()), {}],
    ['sendToBilling of everything, no billing record yet', () => sendToBilling(state({ pending: pending(b(5)) }), [b(5)], ctx()), { orders: -1, billing: 1 }],
    ['sendToBilling of everything into an existing billing record', () => sendToBilling(state({ pending: pending(b(3)), billing: billing(b(2)) }), [b(3)], ctx()), { orders: -1 }],
    ['setRemarks', () => setRemarks(state({ billing: billing(b(2)) }), 'Bill 12', ctx()), {}],
    ['bill of part', () => bill(state({ billing: billing(b(5)) }), [b(2)], {}, ctx()), {}],
    ['bill of everything', () => bill(state({ billing: billing(b(5)) }), [b(5)], {}, ctx()), { billing: -1 }],
    ['bill of everything, the order still pending too', () => bill(state({ pending: pending(s(2)), billing: billing(b(5)) }), [b(5)], {}, ctx()), { billing: -1 }],
    ['setDeliveryStatus', () => setDeliveryStatus(state({ billing: billing(b(4)) }), 's1' as SentId, sent, 'delivered', ctx()), {}],
    ['deleteOrder from pending', () => deleteOrder(state({ pending: pending(b(5)) }), 'pending', 'Duplicate', ctx()), { orders: -1 }],
    ['deleteOrder from billing', () => deleteOrder(state({ billing: billing(b(5)) }), 'billing', 'Cancelled', ctx()), { billing: -1 }],
    ['deleteOrder from billing, pending already deleted (from: both)', () => deleteOrder(state({ billing: billing(b(5)), deleted: deleted(s(2)) }), 'billing', 'Cancelled', ctx()), { billing: -1 }],
    ['deleteOrder from pending, the order in billing too', () => deleteOrder(state({ pending: pending(s(2)), billing: billing(b(5)) }), 'pending', 'Part cancelled', ctx()), { orders: -1 }],
    ['revertOrder from deleted, nothing pending', () => revertOrder(state({ deleted: deleted(b(5)) }), 'deleted', NOW, DEFAULT_EXPIRY, ctx()), { orders: 1 }],
    ['revertOrder from deleted into an existing pending record', () => revertOrder(state({ pending: pending(s(2)), deleted: deleted(b(5)) }), 'deleted', NOW, DEFAULT_EXPIRY, ctx()), {}],
    ['revertOrder from expired', () => revertOrder(state({ expired: expired(b(5)) }), 'expired', NOW, DEFAULT_EXPIRY, ctx()), { orders: 1 }],
    ['expireOrder', () => expireOrder(state({ pending: pending(b(5)) }), 500 + 41 * DAY_MS, DEFAULT_EXPIRY, ctx()) ?? { patch: {} }, { orders: -1 }],
    ['purgeDeleted', () => purgeDeleted(state({ deleted: deleted(b(5)) }), ctx()), {}],
    ['purgeExpired', () => purgeExpired(state({ expired: expired(b(5)) }), ctx()), {}],
    ['purgeIfDue', () => purgeIfDue(state({ deleted: deleted(b(5)) }), 700 + 31 * DAY_MS, 30, ctx()) ?? { patch: {} }, {}],
  ])('%s', (_name, run, expected) => {
    expect(counterWrites(run().patch)).toEqual(moves(expected));
  });
});

describe('the counters stay equal to the records', () => {
  it('through a run of transitions on two orders, n is the number of records after every patch', () => {
    const tree: Tree = {};
    const count = (c: 'orders' | 'billing'): number => Object.keys((tree[c] as object | undefined) ?? {}).length;
    const n = (c: 'orders' | 'billing'): unknown => (tree['counts'] as Record<string, { n: number }> | undefined)?.[c]?.n ?? 0;
    const revs: Record<string, number> = {};
    /** The order as a client reads it from the tree. */
    const read = (id: string): OrderState => {
      const st: OrderState = { id: id as typeof ORDER, rev: revs[id] ?? 0 };
      const rec = <R>(c: string): R | undefined => {
        const r = (tree[c] as Record<string, Record<string, unknown>> | undefined)?.[id];
        return r === undefined ? undefined : loadTrustedRecord<R>(r);
      };
      const [p, bl, d] = [rec<PendingRecord>('orders'), rec<BillingRecord>('billing'), rec<DeletedRecord>('deleted')];
      if (p) st.pending = p;
      if (bl) st.billing = bl;
      if (d) st.deleted = d;
      return st;
    };
    const apply = (id: string, t: { patch: Patch; rev: number }): void => {
      applyPatch(tree, t.patch, NOW);
      revs[id] = t.rev;
      expect(n('orders')).toBe(count('orders'));
      expect(n('billing')).toBe(count('billing'));
    };
    apply('o-a', placeOrder('o-a' as typeof ORDER, { partyId: PARTY, partyName: 'A', note: '', lines: [b(3), s(2)] }, 0, ctx()));
    apply('o-b', placeOrder('o-b' as typeof ORDER, { partyId: PARTY, partyName: 'A', note: '', lines: [b(3), s(2)] }, 1, ctx()));
    apply('o-a', sendToBilling(read('o-a'), [b(3)], ctx()));
    apply('o-b', sendToBilling(read('o-b'), [b(3), s(2)], ctx()));
    expect([count('orders'), count('billing')]).toEqual([1, 2]);
    apply('o-b', bill(read('o-b'), [b(3), s(2)], {}, ctx()));
    apply('o-a', deleteOrder(read('o-a'), 'pending', 'x', ctx()));
    expect([count('orders'), count('billing')]).toEqual([0, 1]);
    apply('o-a', revertOrder(read('o-a'), 'deleted', NOW, DEFAULT_EXPIRY, ctx()));
    apply('o-a', deleteOrder(read('o-a'), 'billing', 'y', ctx()));
    expect([count('orders'), count('billing')]).toEqual([1, 0]);
  });
});
