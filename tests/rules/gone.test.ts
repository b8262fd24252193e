/**
 * Pending orders, the catalogue and the parties resume from their change stamps (issue 11):
 * database.rules.json (rules/stamped.ts) requires, for each of them, every
 * write that leaves `orders/{id}` (`catalog/{id}`, `parties/{id}`) in place to stamp `updatedAt` with the server's now, every
 * removal of `orders/{id}` to leave its tombstone `gone/orders/{id}` = now in the same write, a
 * re-created order to clear it, and lets staff trim a tombstone only once it is older than
 * GONE_KEEP_DAYS. Each attack starts from a patch the domain builds on the seeded business
 * (tests/rules/seed.ts) and each test also shows the untampered patch is accepted, so a refusal is
 * the rule at work and not a broken patch.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { deleteOrder, DEFAULT_EXPIRY, expireOrder, revertOrder, sendToBilling, setPicked } from '../../src/domain/lifecycle.ts';
import { lineKey } from '../../src/domain/lines.ts';
import { DAY_MS, SERVER_TIMESTAMP, stamp, type Patch, type Transition } from '../../src/domain/patch.ts';
import { placeOrder } from '../../src/domain/placement.ts';
import { GONE_KEEP_DAYS } from '../../src/domain/snapshot.ts';
import type { OrderId, Uid } from '../../src/domain/types.ts';
import { readState } from '../unit/domain/support/readBack.ts';
import type { RulesDb } from '../unit/domain/support/rulesDb.ts';
import { verdicts } from './verdicts.ts';
import { buildSeed, ctx, L, O, PARTY_A, PARTY_B, PARTY_GONE, P1, UID } from './seed.ts';

let db: RulesDb;
beforeEach(() => {
  db = buildSeed().db;
  // A second later than the seed: a stored stamp is no longer "now".
  db.clock += 1000;
});

const st = (id: OrderId) => readState(db, id);
const without = (patch: Patch, ...keys: string[]): Patch => Object.fromEntries(Object.entries(patch).filter(([k]) => !keys.includes(k)));
const T1 = lineKey(L('BLACK', 'T1', 1));

const { expectRefused, expectAccepted } = verdicts(() => db);

describe('the seed', () => {
  it('o3 (removed from pending by its deletion) has a tombstone; o4 (reverted to pending) has none; pending records carry updatedAt', () => {
    expect(db.get(`gone/orders/${O.o3}`)).toBe(db.clock - 1000);
    expect(db.get(`gone/orders/${O.o4}`)).toBeNull();
    expect(db.get(`orders/${O.o1}/updatedAt`)).toBe(db.clock - 1000);
    expect(db.get(`orders/${O.o4}/updatedAt`)).toBe(db.clock - 1000);
  });
});

describe('every write that leaves orders/{id} in place stamps updatedAt = now', () => {
  const changes: [string, OrderId, () => Transition][] = [
    ['setPicked (a picking save)', O.o1, () => setPicked(st(O.o1), [L('BLACK', 'T1', 2)], ctx())],
    ['sendToBilling of part', O.o1, () => sendToBilling(st(O.o1), [L('BLACK', 'T1', 2)], ctx())],
    ['revertOrder into an existing pending part', O.o4, () => revertOrder(st(O.o4), 'expired', Date.now(), DEFAULT_EXPIRY, ctx())],
  ];

  it.each(changes)('%s: accepted with the stamp, refused without it or with another time', (_name, id, run) => {
    const { patch } = run();
    const at = `orders/${id}/updatedAt`;
    expect(patch[at]).toEqual(SERVER_TIMESTAMP);
    expectAccepted(patch);
    expectRefused(without(patch, at));
    expectRefused({ ...patch, [at]: db.clock - 1 });
    expectRefused({ ...patch, [at]: db.clock + 60_000 });
  });

  it('a hand-written picking save deep in the record (orders/X/picked/K) must bump the stamp too', () => {
    const bump = stamp(st(O.o1), 'pick', ctx()).patch;
    const picked = { [`orders/${O.o1}/picked/${T1}`]: L('BLACK', 'T1', 1) };
    expectRefused({ ...bump, ...picked });
    expectAccepted({ ...bump, ...picked, [`orders/${O.o1}/updatedAt`]: SERVER_TIMESTAMP });
  });

  it('a new order is stamped: placement without updatedAt, or with a made-up one, is refused', () => {
    const counter = Number(db.get('counters/orderNumber'));
    const { patch } = placeOrder('o-new' as OrderId, { partyId: PARTY_A, partyName: 'Partner A', note: '', lines: [L('BLACK', 'T1', 2)] }, counter, ctx());
    const record = patch['orders/o-new'] as Record<string, unknown>;
    expect(record['updatedAt']).toEqual(SERVER_TIMESTAMP);
    expectAccepted(patch);
    expectRefused({ ...patch, 'orders/o-new': without(record, 'updatedAt') });
    expectRefused({ ...patch, 'orders/o-new': { ...record, updatedAt: 1 } });
  });
});

describe('removing orders/{id} requires its tombstone = now in the same write', () => {
  const removals: [string, () => Transition][] = [
    ['deleteOrder from pending', () => deleteOrder(st(O.o1), 'pending', 'Duplicate', ctx())],
    ['sendToBilling of everything', () => sendToBilling(st(O.o1), [L('BLACK', 'T1', 5)], ctx())],
    ['expireOrder', () => expireOrder(st(O.o1), Date.now() + 100 * DAY_MS, DEFAULT_EXPIRY, ctx()) as Transition],
  ];

  it.each(removals)('%s: accepted with the tombstone, refused without it or backdated', (_name, run) => {
    const { patch } = run();
    const tomb = `gone/orders/${O.o1}`;
    expect(patch[tomb]).toEqual(SERVER_TIMESTAMP);
    expectAccepted(patch);
    expectRefused(without(patch, tomb));
    expectRefused({ ...patch, [tomb]: db.clock - 1 });
    expectRefused({ ...patch, [tomb]: db.clock - 365 * DAY_MS });
    expectRefused({ ...patch, [tomb]: 'yesterday' });
  });

  it('the same removal by a retailer or a pending sign-up is refused (with its tombstone)', () => {
    expectRefused(deleteOrder(st(O.o1), 'pending', 'Duplicate', ctx(UID.retailerA)).patch, UID.retailerA);
    expectRefused(deleteOrder(st(O.o1), 'pending', 'Duplicate', ctx(UID.pending)).patch, UID.pending);
  });
});

describe('a tombstone only records a removal', () => {
  it('refused for an order that stays pending, alone or riding on its own transition', () => {
    expectRefused({ [`gone/orders/${O.o1}`]: SERVER_TIMESTAMP });
    const pick = setPicked(st(O.o1), [L('BLACK', 'T1', 1)], ctx()).patch;
    expectAccepted(pick);
    expectRefused({ ...pick, [`gone/orders/${O.o1}`]: SERVER_TIMESTAMP });
  });

  it('refused for an order with no pending record (nothing removed in this write), and for a made-up id', () => {
    expectRefused({ [`gone/orders/${O.o2}`]: SERVER_TIMESTAMP });
    expectRefused({ 'gone/orders/never-placed': SERVER_TIMESTAMP });
  });

  it('an existing tombstone cannot be moved: backdated, pushed to now, or turned into anything else', () => {
    expectRefused({ [`gone/orders/${O.o3}`]: db.clock - 365 * DAY_MS });
    expectRefused({ [`gone/orders/${O.o3}`]: SERVER_TIMESTAMP });
    expectRefused({ [`gone/orders/${O.o3}`]: { at: 1 } });
  });

  it('nothing else may be written under gone/', () => {
    expectRefused({ 'gone/billing/o2': SERVER_TIMESTAMP });
    expectRefused({ 'gone/orders': null });
  });
});

describe('a re-created order clears its tombstone', () => {
  it('revertOrder of the deleted o3 clears gone/orders/o3: refused if it leaves it', () => {
    const { patch } = revertOrder(st(O.o3), 'deleted', Date.now(), DEFAULT_EXPIRY, ctx());
    expect(patch[`gone/orders/${O.o3}`]).toBeNull();
    expectAccepted(patch);
    expectRefused(without(patch, `gone/orders/${O.o3}`));
  });
});

describe('the trim: a tombstone older than GONE_KEEP_DAYS may be removed by active staff', () => {
  const trim = { [`gone/orders/${O.o3}`]: null };
  const seededAt = (): number => Number(db.get(`gone/orders/${O.o3}`));

  it('refused while younger, even a millisecond short', () => {
    expectRefused(trim);
    db.clock = seededAt() + GONE_KEEP_DAYS * DAY_MS - 1;
    expectRefused(trim);
  });

  it('accepted from GONE_KEEP_DAYS on for staff and admins; refused for retailers, pending sign-ups and removed users', () => {
    db.clock = seededAt() + GONE_KEEP_DAYS * DAY_MS;
    expectAccepted(trim);
    expectAccepted(trim, UID.admin);
    for (const uid of [UID.retailerA, UID.pending, UID.removed]) expectRefused(trim, uid);
  });

  it('the whole gone/orders cannot be removed at once, even when every tombstone is old', () => {
    db.clock = seededAt() + 2 * GONE_KEEP_DAYS * DAY_MS;
    expectRefused({ 'gone/orders': null });
  });
});

/**
 * The catalogue and the parties: each write path the app, the seed or an admin uses. Admins may
 * edit and remove products and parties; staff create them and add colours to active products.
 */
describe('catalogue and parties: every write that leaves the record stamps updatedAt = now', () => {
  const NEW_COLOUR = { code: 'RED', name: 'Red', swatch: '#f00' };
  const NEW_PRODUCT = { name: 'Vest', sizes: ['S'], colors: [NEW_COLOUR], active: true };
  // [what, the write with `updatedAt` = t (absent when undefined), who]
  type Stamped = (t: unknown) => Patch;
  /** A deep write: the stamp rides beside it at `record/updatedAt`. */
  const deep = (record: string, change: Patch): Stamped => (t) => (t === undefined ? change : { ...change, [`${record}/updatedAt`]: t });
  /** A whole record: the stamp is one of its fields. */
  const whole = (record: string, value: Record<string, unknown>): Stamped => (t) => ({ [record]: t === undefined ? value : { ...value, updatedAt: t } });
  const writes: [string, Stamped, Uid][] = [
    ['staff create a product (createProduct)', whole('catalog/p-new', NEW_PRODUCT), UID.staff],
    ['staff add a colour (addCatalogColor)', deep(`catalog/${P1}`, { [`catalog/${P1}/colors/2`]: NEW_COLOUR }), UID.staff],
    ['an admin renames a product', deep(`catalog/${P1}`, { [`catalog/${P1}/name`]: 'Brief II' }), UID.admin],
    ['an admin adds a size deep in the product', deep(`catalog/${P1}`, { [`catalog/${P1}/sizes/2`]: 'T3' }), UID.admin],
    ['an admin sets an MRP deep in a colour', deep(`catalog/${P1}`, { [`catalog/${P1}/colors/0/mrp`]: [{ size: 'T1', paise: 9900 }] }), UID.admin],
    ['an admin deactivates a product', deep(`catalog/${P1}`, { [`catalog/${P1}/active`]: false }), UID.admin],
    ['an admin rewrites a product whole', whole(`catalog/${P1}`, { ...NEW_PRODUCT, name: 'Brief' }), UID.admin],
    ['staff create a party (addPartyFromText)', whole('parties/party-new', { name: 'Partner C', area: 'Vasco' }), UID.staff],
    ["an admin changes a party's area", deep(`parties/${PARTY_A}`, { [`parties/${PARTY_A}/area`]: 'Vasco' }), UID.admin],
    ["an admin removes a party's phone (a deep removal)", deep(`parties/${PARTY_A}`, { [`parties/${PARTY_A}/phone`]: null }), UID.admin],
  ];

  it.each(writes)('%s: accepted with the stamp, refused without it, earlier or later', (_name, write, uid) => {
    expectAccepted(write(SERVER_TIMESTAMP), uid);
    expectRefused(write(undefined), uid);
    expectRefused(write(db.clock - 1), uid);
    expectRefused(write(db.clock + 60_000), uid);
  });

  it('staff may not change a product or a party, even stamped', () => {
    expectRefused({ [`catalog/${P1}/name`]: 'Brief II', [`catalog/${P1}/updatedAt`]: SERVER_TIMESTAMP });
    expectRefused({ [`parties/${PARTY_A}/area`]: 'Vasco', [`parties/${PARTY_A}/updatedAt`]: SERVER_TIMESTAMP });
    expectRefused({ [`parties/${PARTY_A}/updatedAt`]: SERVER_TIMESTAMP });
  });

  it('a retailer cannot stamp a product', () => {
    expectRefused({ [`catalog/${P1}/updatedAt`]: SERVER_TIMESTAMP }, UID.retailerA);
  });
});

describe('catalogue and parties: removal requires the tombstone = now in the same write', () => {
  // [what, the removal, the tombstone]
  const removals: [string, Patch, string][] = [
    ['a product removed whole', { [`catalog/${P1}`]: null }, `gone/catalog/${P1}`],
    ['a product removed field by field', { [`catalog/${P1}/name`]: null, [`catalog/${P1}/sizes`]: null, [`catalog/${P1}/colors`]: null, [`catalog/${P1}/active`]: null }, `gone/catalog/${P1}`],
    ['a party removed whole', { [`parties/${PARTY_B}`]: null }, `gone/parties/${PARTY_B}`],
    ['a party removed field by field', { [`parties/${PARTY_B}/name`]: null, [`parties/${PARTY_B}/area`]: null }, `gone/parties/${PARTY_B}`],
  ];

  it.each(removals)('%s: accepted for an admin with the tombstone; refused without it, backdated, or not a time', (_name, patch, tomb) => {
    expectAccepted({ ...patch, [tomb]: SERVER_TIMESTAMP }, UID.admin);
    expectRefused(patch, UID.admin);
    expectRefused({ ...patch, [tomb]: db.clock - 1 }, UID.admin);
    expectRefused({ ...patch, [tomb]: db.clock - 365 * DAY_MS }, UID.admin);
    expectRefused({ ...patch, [tomb]: 'yesterday' }, UID.admin);
  });

  it.each(removals)('%s: refused for staff, retailers and pending sign-ups, tombstone or not', (_name, patch, tomb) => {
    for (const uid of [UID.staff, UID.retailerA, UID.pending]) expectRefused({ ...patch, [tomb]: SERVER_TIMESTAMP }, uid);
  });

  it("a tombstone of a record that stays, of one that never was, under another record's key, or a moved one: refused", () => {
    expectRefused({ [`gone/catalog/${P1}`]: SERVER_TIMESTAMP }, UID.admin);
    expectRefused({ [`gone/parties/${PARTY_A}`]: SERVER_TIMESTAMP }, UID.admin);
    expectRefused({ 'gone/catalog/never-was': SERVER_TIMESTAMP }, UID.admin);
    expectRefused({ [`parties/${PARTY_B}`]: null, [`gone/parties/${PARTY_A}`]: SERVER_TIMESTAMP }, UID.admin);
    expectRefused({ [`parties/${PARTY_B}`]: null, [`gone/catalog/${PARTY_B}`]: SERVER_TIMESTAMP }, UID.admin);
    expectRefused({ [`gone/parties/${PARTY_GONE}`]: db.clock - 365 * DAY_MS }, UID.admin);
    expectRefused({ [`gone/parties/${PARTY_GONE}`]: SERVER_TIMESTAMP }, UID.admin);
  });

  it('a re-created party clears its tombstone: refused if it leaves it', () => {
    const back = { [`parties/${PARTY_GONE}`]: { name: 'Partner G', area: 'Ponda', updatedAt: SERVER_TIMESTAMP } };
    expectRefused(back);
    expectAccepted({ ...back, [`gone/parties/${PARTY_GONE}`]: null });
  });

  it('the trim: a party tombstone goes once older than GONE_KEEP_DAYS, by active staff only', () => {
    const trim = { [`gone/parties/${PARTY_GONE}`]: null };
    const seededAt = Number(db.get(`gone/parties/${PARTY_GONE}`));
    db.clock = seededAt + GONE_KEEP_DAYS * DAY_MS - 1;
    expectRefused(trim);
    db.clock = seededAt + GONE_KEEP_DAYS * DAY_MS;
    expectAccepted(trim);
    for (const uid of [UID.retailerA, UID.pending, UID.removed]) expectRefused(trim, uid);
    expectRefused({ 'gone/parties': null });
  });
});
