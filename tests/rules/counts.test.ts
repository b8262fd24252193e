/**
 * Home's counters (`counts/orders`, `counts/billing`: {n, by}) in database.rules.json. Each attack
 * starts from a patch the domain builds on the seeded business (tests/rules/seed.ts) and changes
 * only its counter writes; each test also shows the untampered patch is accepted, so a refusal is
 * the counter rule at work and not a broken patch.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { bill, deleteOrder, DEFAULT_EXPIRY, expireOrder, revertOrder, sendToBilling, setPicked } from '../../src/domain/lifecycle.ts';
import { lineKey } from '../../src/domain/lines.ts';
import { DAY_MS, stamp, type Patch, type Transition } from '../../src/domain/patch.ts';
import { placeOrder } from '../../src/domain/placement.ts';
import type { OrderId, Uid } from '../../src/domain/types.ts';
import { readState, readStock } from '../unit/domain/support/readBack.ts';
import type { RulesDb } from '../unit/domain/support/rulesDb.ts';
import { verdicts } from './verdicts.ts';
import { buildSeed, ctx, L, O, PARTY_A, UID } from './seed.ts';

let db: RulesDb;
beforeEach(() => {
  db = buildSeed().db;
});

const NEW = 'o-count' as OrderId;
const st = (id: OrderId) => readState(db, id);
const n = (c: 'orders' | 'billing'): number => Number(db.get(`counts/${c}/n`));
const counter = (): number => Number(db.get('counters/orderNumber'));
const place = (id: OrderId = NEW, uid: Uid = UID.staff): Patch => placeOrder(id, { partyId: PARTY_A, partyName: 'Partner A', note: '', lines: [L('BLACK', 'T1', 2)] }, counter(), ctx(uid)).patch;
/** `patch` without its counter writes. */
const uncounted = (patch: Patch): Patch => Object.fromEntries(Object.entries(patch).filter(([k]) => !k.startsWith('counts/')));
/** `patch` with its counter writes of `c` replaced by `n` and `by`. */
const recounted = (patch: Patch, c: 'orders' | 'billing', value: number, by: string): Patch => ({ ...patch, [`counts/${c}/n`]: value, [`counts/${c}/by`]: by });
/** A revision bump of `id` with its audit entry, for a hand-written change to ride on. */
const bump = (id: OrderId): Patch => stamp(st(id), 'pick', ctx()).patch;

const { expectRefused, expectAccepted } = verdicts(() => db);

describe('the seed: the counters equal the records', () => {
  it('n is the number of pending and of billing records', () => {
    expect(n('orders')).toBe(Object.keys(db.get('orders') as object).length);
    expect(n('billing')).toBe(Object.keys(db.get('billing') as object).length);
  });
});

describe('a transition that creates or removes a pending or billing record must move its counter', () => {
  // Each transition with the counters it moves; o1 and o4 are pending (both overdue), o2 and o3 in billing.
  const cases: [string, () => Transition, ('orders' | 'billing')[]][] = [
    ['placeOrder creates orders/X', () => placeOrder(NEW, { partyId: PARTY_A, partyName: 'Partner A', note: '', lines: [L('BLACK', 'T1', 2)] }, counter(), ctx()), ['orders']],
    ['sendToBilling of part creates billing/X', () => sendToBilling(st(O.o1), [L('BLACK', 'T1', 2)], ctx()), ['billing']],
    ['sendToBilling of everything removes orders/X and creates billing/X', () => sendToBilling(st(O.o1), [L('BLACK', 'T1', 5)], ctx()), ['orders', 'billing']],
    ['bill of everything removes billing/X', () => bill(st(O.o3), [L('BLACK', 'T2', 2)], readStock(db), ctx()), ['billing']],
    ['deleteOrder from pending removes orders/X', () => deleteOrder(st(O.o1), 'pending', 'Duplicate', ctx()), ['orders']],
    ['deleteOrder from billing removes billing/X', () => deleteOrder(st(O.o2), 'billing', 'Cancelled', ctx()), ['billing']],
    ['revertOrder of a deleted order creates orders/X', () => revertOrder(st(O.o3), 'deleted', Date.now(), DEFAULT_EXPIRY, ctx()), ['orders']],
    ['expireOrder removes orders/X', () => expireOrder(st(O.o1), Date.now() + 100 * DAY_MS, DEFAULT_EXPIRY, ctx()) as Transition, ['orders']],
  ];

  it.each(cases)('%s: accepted with the counter, refused without it', (_name, run, moved) => {
    const { patch } = run();
    expectAccepted(patch);
    expectRefused(uncounted(patch));
    // Each counter is required on its own.
    for (const c of moved) expectRefused(Object.fromEntries(Object.entries(patch).filter(([k]) => !k.startsWith(`counts/${c}/`))));
  });

  it.each(cases)('%s: refused with a wrong count', (_name, run, moved) => {
    const { patch } = run();
    for (const c of moved) {
      const right = Number((patch[`counts/${c}/n`] as { '.sv': { increment: number } })['.sv'].increment) + n(c);
      for (const wrong of [right - 2, right + 1, n(c)].filter((v) => v >= 0 && v !== right)) expectRefused(recounted(patch, c, wrong, String(patch[`counts/${c}/by`])));
      // The right count named by another order.
      expectRefused(recounted(patch, c, right, O.o2 === patch[`counts/${c}/by`] ? O.o1 : O.o2));
    }
  });

  it('a removal written as +1 (the count moving the wrong way) is refused', () => {
    const { patch } = deleteOrder(st(O.o1), 'pending', 'Duplicate', ctx());
    expectRefused({ ...patch, 'counts/orders/n': { '.sv': { increment: 1 } } });
  });

  it('a counter that would go below 0 refuses the removal (a wrong stored count blocks until `npm run migrate` recounts)', () => {
    db.ownerUpdate({ 'counts/orders/n': 0 });
    expectRefused(deleteOrder(st(O.o1), 'pending', 'Duplicate', ctx()).patch);
  });

  it('with no counter stored yet, the first order counts from 0', () => {
    db.ownerUpdate({ counts: null, orders: null });
    expectAccepted(place());
    expectRefused(recounted(place(), 'orders', 2, NEW));
  });
});

describe('a counter moves only with a record of its collection appearing or going', () => {
  it('a bump alone, or riding on a transition that creates or removes nothing, is refused', () => {
    expectRefused({ 'counts/orders/n': n('orders') + 1, 'counts/orders/by': O.o1 });
    expectRefused({ 'counts/billing/n': n('billing') - 1, 'counts/billing/by': O.o2 });
    expectRefused({ ...bump(O.o1), 'counts/orders/n': n('orders') + 1, 'counts/orders/by': O.o1 });
    const pick = setPicked(st(O.o1), [L('BLACK', 'T1', 1)], ctx()).patch;
    expectAccepted(pick);
    expectRefused({ ...pick, 'counts/orders/n': n('orders') - 1, 'counts/orders/by': O.o1 });
  });

  it('a bump riding on a transition that moves the other collection is refused', () => {
    // Part sent to billing: billing/o1 is created, orders/o1 stays.
    const { patch } = sendToBilling(st(O.o1), [L('BLACK', 'T1', 2)], ctx());
    expectRefused({ ...patch, 'counts/orders/n': n('orders') - 1, 'counts/orders/by': O.o1 });
  });

  it('`by` naming an order whose record did not change is refused, with or without the right count', () => {
    const patch = place();
    expectRefused({ ...patch, 'counts/orders/by': O.o1 });
    expectRefused({ ...bump(O.o1), 'counts/orders/n': n('orders') + 1, 'counts/orders/by': O.o4 });
  });

  it('`by` naming a line that moves (a path, not a record) is refused', () => {
    const two = 'o-two' as OrderId;
    db.ownerUpdate(placeOrder(two, { partyId: PARTY_A, partyName: 'Partner A', note: '', lines: [L('BLACK', 'T1', 2), L('BLACK', 'T2', 3)] }, counter(), ctx()).patch);
    // All of T2 goes to billing: the line orders/o-two/lines/T2 goes, the record stays.
    const { patch } = sendToBilling(st(two), [L('BLACK', 'T2', 3)], ctx());
    expectAccepted(patch);
    expectRefused({ ...patch, 'counts/orders/n': n('orders') + 1, 'counts/orders/by': `${two}/lines/${lineKey(L('BLACK', 'T2', 1))}` });
  });

  it('`by` changes only with n', () => {
    const other = db.get('counts/orders/by') === O.o4 ? O.o1 : O.o4;
    expectRefused({ 'counts/orders/by': other });
    expectRefused({ ...bump(other), 'counts/orders/by': other });
  });
});

describe('one write creates or removes at most one record per counted collection', () => {
  it('two new pending records in one write are refused, whatever the count says', () => {
    // A new order and a revert of o3 (deleted, nothing pending): each alone is accepted.
    const revert = revertOrder(st(O.o3), 'deleted', Date.now(), DEFAULT_EXPIRY, ctx()).patch;
    expectAccepted(place());
    expectAccepted(revert);
    const both = { ...revert, ...place() };
    for (const count of [n('orders') + 2, n('orders') + 1]) for (const by of [NEW, O.o3]) expectRefused(recounted(both, 'orders', count, by));
  });

  it('two pending records removed in one write are refused', () => {
    const a = deleteOrder(st(O.o1), 'pending', 'Duplicate', ctx()).patch;
    const b = deleteOrder(st(O.o4), 'pending', 'Duplicate', ctx()).patch;
    expectAccepted(a);
    expectAccepted(b);
    for (const count of [n('orders') - 2, n('orders') - 1]) for (const by of [O.o1, O.o4]) expectRefused(recounted({ ...a, ...b }, 'orders', count, by));
  });

  it('a pending record created and another removed in one write are refused (n unchanged)', () => {
    const both = { ...deleteOrder(st(O.o1), 'pending', 'Duplicate', ctx()).patch, ...place() };
    for (const by of [O.o1, NEW]) expectRefused(recounted(both, 'orders', n('orders'), by));
  });
});

describe('the counters themselves', () => {
  it('are never removed, whole or field by field, even riding on a transition', () => {
    const pick = setPicked(st(O.o1), [L('BLACK', 'T1', 1)], ctx()).patch;
    for (const removal of [{ counts: null }, { 'counts/orders': null }, { 'counts/billing': null }, { 'counts/orders/n': null }, { 'counts/orders/by': null }]) {
      expectRefused(removal);
      expectRefused({ ...pick, ...removal });
    }
  });

  it('hold no other counter and no other field', () => {
    const { patch } = bill(st(O.o3), [L('BLACK', 'T2', 2)], readStock(db), ctx());
    expectAccepted(patch);
    // A counter of deleted records, moving with the deleted record this delete creates.
    const del = deleteOrder(st(O.o1), 'pending', 'Duplicate', ctx()).patch;
    expectAccepted(del);
    expectRefused({ ...del, 'counts/deleted/n': 1, 'counts/deleted/by': O.o1 });
    expectRefused({ ...del, 'counts/deleted': { n: 1, by: O.o1 } });
    expectRefused({ ...patch, 'counts/sent/n': 1, 'counts/sent/by': O.o3 });
    expectRefused({ ...patch, 'counts/billing/note': 'x' });
    expectRefused({ ...place(), 'counts/orders/at': 1 });
  });

  it('hold a whole number ≥ 0 and an id', () => {
    db.ownerUpdate({ counts: null, orders: null });
    expectAccepted(place());
    for (const bad of [0.5, '1', true]) expectRefused(recounted(place(), 'orders', bad as number, NEW));
    expectRefused({ ...place(), 'counts/orders/by': 7 });
  });

  it('a retailer, a new sign-up, a removed user cannot write them; active staff can rewrite them unchanged', () => {
    const same = { 'counts/orders/n': n('orders'), 'counts/orders/by': db.get('counts/orders/by') };
    expectAccepted(same, UID.staff);
    for (const uid of [UID.retailerA, UID.pending, UID.removed]) {
      expectRefused(same, uid);
      expectRefused({ 'counts/orders': { n: n('orders') + 1, by: O.rA } }, uid);
      expectRefused(place(`o-${uid}` as OrderId, uid), uid);
    }
  });
});
