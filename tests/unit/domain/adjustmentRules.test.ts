import { beforeEach, describe, expect, it } from 'vitest';
import { lineKey } from '../../../src/domain/lines.ts';
import { PATHS, stamp, type Patch } from '../../../src/domain/patch.ts';
import { approveRetailerOrder, submitRetailerOrder } from '../../../src/domain/placement.ts';
import type { OrderId, RetailerOrder, Uid } from '../../../src/domain/types.ts';
import { ctxAt, L, ORDER, P1, PARTY, STAFF } from './support/fixtures.ts';
import { RulesDb } from './support/rulesDb.ts';

// Issue 13: the admin may reduce a retailer order's lines when approving, with a reason the
// retailer sees (rules/adjustments.ts). The same cases as tests/integration/security/adjustments.test.ts,
// run in process against database.rules.json so that the rules mutation runner sees them too.

const ADMIN = 'admin-1' as Uid;
const RETAILER = 'ret-1' as Uid;
const REQUEST = [L(P1, 'BLACK', 'T1', 4), L(P1, 'WHITE', 'T1', 3)];
const BLACK = lineKey(REQUEST[0] as (typeof REQUEST)[number]);
const WHITE = lineKey(REQUEST[1] as (typeof REQUEST)[number]);
const ADJ = `retailerOrders/${ORDER}/adjustments`;
const REASON = `retailerOrders/${ORDER}/adjustReason`;

let db: RulesDb;
beforeEach(() => {
  db = new RulesDb();
  db.seed(`users/${STAFF}`, { name: 'S', email: 's@x.in', role: 'staff', status: 'active' });
  db.seed(`users/${ADMIN}`, { name: 'A', email: 'a@x.in', role: 'admin', status: 'active' });
  db.seed(`users/${RETAILER}`, { name: 'R', email: 'r@x.in', role: 'retailer', status: 'active', partyId: PARTY });
  db.seed(`catalog/${P1}`, {
    name: 'Classic Brief',
    sizes: ['T1'],
    colors: [
      { code: 'BLACK', name: 'Black', swatch: '#000' },
      { code: 'WHITE', name: 'White', swatch: '#fff' },
    ],
    active: true,
  });
  expect(db.update(submitRetailerOrder(ORDER, { note: '', lines: REQUEST }, { uid: RETAILER, partyId: PARTY }, { '.sv': 'timestamp' }).patch, RETAILER)).toEqual({ ok: true });
});

const ok = { ok: true };
const refused = { ok: false };
/** As `uid`; an admin signed in just now (deciding a retailer order needs a recent sign-in). */
const as = (uid: Uid, patch: Patch) => db.update(patch, uid, { auth_time: Math.floor(db.clock / 1000) });
/** The approval patch with BLACK reduced 4 → 2 and WHITE 3 → 0 (removed), then `forge` applied. */
const approval = (forge: (p: Patch) => Patch = (p) => p, by: Uid = ADMIN): Patch => {
  const request = db.get(`retailerOrders/${ORDER}`) as RetailerOrder;
  const counter = Number(db.get(PATHS.orderCounter) ?? 0);
  return forge(approveRetailerOrder({ id: ORDER, rev: 0 }, request, 'Retail Partner A', counter, ctxAt(undefined, by, 'a'), { qty: [2, 0], reason: 'White is sold out' }).patch);
};
const withAdjustments = (adjustments: Record<string, unknown>) => (p: Patch): Patch => ({ ...p, [ADJ]: adjustments });

describe('adjustments at approval (rules/adjustments.ts)', () => {
  it('an admin approving with real reductions is accepted; the order holds the reduced quantities', () => {
    expect(as(ADMIN, approval())).toEqual(ok);
    expect(db.get(`orders/${ORDER}/lines/${BLACK}/qty`)).toBe(2);
    expect(db.get(`orders/${ORDER}/lines/${WHITE}`)).toBeNull();
    expect(db.get(ADJ)).toEqual({ [BLACK]: { line: 0, from: 4, to: 2 }, [WHITE]: { line: 1, from: 3, to: 0 } });
    expect(db.get(REASON)).toBe('White is sold out');
  });

  it('staff and the retailer may not approve with adjustments, nor write them into the waiting order', () => {
    expect(as(STAFF, approval(undefined, STAFF))).toMatchObject(refused);
    expect(as(RETAILER, approval(undefined, RETAILER))).toMatchObject(refused);
    const forged: Patch = { [`${ADJ}/${BLACK}`]: { line: 0, from: 4, to: 1 }, [REASON]: 'changed by me' };
    for (const uid of [STAFF, RETAILER, ADMIN]) expect(as(uid, forged), uid).toMatchObject(refused);
    expect(db.get(`retailerOrders/${ORDER}/status`)).toBe('submitted');
  });

  it.each<[string, (p: Patch) => Patch]>([
    ['to is not what the order holds', withAdjustments({ [BLACK]: { line: 0, from: 4, to: 3 }, [WHITE]: { line: 1, from: 3, to: 0 } })],
    ['from is not what the request asked', withAdjustments({ [BLACK]: { line: 0, from: 5, to: 2 }, [WHITE]: { line: 1, from: 3, to: 0 } })],
    ['the line is another request line', withAdjustments({ [BLACK]: { line: 1, from: 3, to: 2 }, [WHITE]: { line: 1, from: 3, to: 0 } })],
    ['an increase', withAdjustments({ [BLACK]: { line: 0, from: 4, to: 5 }, [WHITE]: { line: 1, from: 3, to: 0 } })],
    ['no change (to = from)', withAdjustments({ [BLACK]: { line: 0, from: 4, to: 4 }, [WHITE]: { line: 1, from: 3, to: 0 } })],
    ['a negative quantity', withAdjustments({ [BLACK]: { line: 0, from: 4, to: -2 }, [WHITE]: { line: 1, from: 3, to: 0 } })],
    ['a fractional quantity', withAdjustments({ [BLACK]: { line: 0, from: 4, to: 1.5 }, [WHITE]: { line: 1, from: 3, to: 0 } })],
    ['a fractional line', withAdjustments({ [BLACK]: { line: 0.5, from: 4, to: 2 }, [WHITE]: { line: 1, from: 3, to: 0 } })],
    ['a line number past the last allowed', withAdjustments({ [BLACK]: { line: 500, from: 4, to: 2 }, [WHITE]: { line: 1, from: 3, to: 0 } })],
    ['a missing field', withAdjustments({ [BLACK]: { line: 0, to: 2 }, [WHITE]: { line: 1, from: 3, to: 0 } })],
    ['an extra field', withAdjustments({ [BLACK]: { line: 0, from: 4, to: 2, note: 'x' }, [WHITE]: { line: 1, from: 3, to: 0 } })],
    ['a removed line whose tally stays', (p) => ({ ...p, [`orderTally/${ORDER}/${WHITE}`]: { productId: P1, color: 'WHITE', size: 'T1', ordered: 3, sent: 0, purged: 0 } })],
    ['a key over 128 characters', withAdjustments({ [BLACK]: { line: 0, from: 4, to: 2 }, [WHITE]: { line: 1, from: 3, to: 0 }, ['k'.repeat(129)]: { line: 1, from: 3, to: 0 } })],
    ['an empty reason', (p) => ({ ...p, [REASON]: '' })],
    ['a 10,000-character reason', (p) => ({ ...p, [REASON]: 'x'.repeat(10_000) })],
    ['no reason', (p) => ({ ...p, [REASON]: null })],
    ['a reason with no adjustments', (p) => ({ ...p, [ADJ]: null })],
  ])('an admin may not approve with %s', (_what, forge) => {
    expect(as(ADMIN, approval(forge))).toMatchObject(refused);
    expect(db.get(`retailerOrders/${ORDER}/status`)).toBe('submitted');
  });

  it.each<[string, Patch]>([
    ['a changed to', { [`${ADJ}/${BLACK}/to`]: 1 }],
    ['a changed from', { [`${ADJ}/${BLACK}/from`]: 3 }],
    ['a changed line', { [`${ADJ}/${BLACK}/line`]: 1 }],
    ['a new adjustment', { [`${ADJ}/p1~GREEN~T1`]: { line: 1, from: 3, to: 1 } }],
    ['a changed reason', { [REASON]: 'rewritten' }],
    ['the reason removed', { [REASON]: null }],
    ['all adjustments removed', { [ADJ]: null }],
  ])('after the approval nobody writes %s, even with the revision bump', (_what, change) => {
    expect(as(ADMIN, approval())).toEqual(ok);
    const rev = Number(db.get(`orderRev/${ORDER}`));
    for (const uid of [ADMIN, STAFF]) expect(as(uid, { ...stamp({ id: ORDER as OrderId, rev }, 'pick', ctxAt(undefined, uid, `b-${uid}`)).patch, ...change }), uid).toMatchObject(refused);
    expect(as(RETAILER, change)).toMatchObject(refused);
    // A revision bump alone (the control) is accepted: the change is what is refused.
    expect(as(STAFF, stamp({ id: ORDER as OrderId, rev }, 'pick', ctxAt(undefined, STAFF, 'c')).patch)).toEqual(ok);
  });
});
