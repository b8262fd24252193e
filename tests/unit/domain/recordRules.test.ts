/**
 * database.rules.json on the records around the orders (issue 10): user records need a recent
 * sign-in, audit and ledger entries are validated and tied to their source in the same write,
 * settings, MRPs, parties and barcodes hold their shapes. Each write is tried with identities
 * forged as the Auth emulator would sign them (uid, email, auth_time), through the server's
 * own rules engine.
 */
import { lineKey } from '../../../src/domain/lines.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { assignBarcodePatch } from '../../../src/domain/barcodes.ts';
import { skuId } from '../../../src/domain/ids.ts';
import { bill, deleteOrder, sendToBilling, setPicked } from '../../../src/domain/lifecycle.ts';
import { increment, SERVER_TIMESTAMP, stamp, type Patch } from '../../../src/domain/patch.ts';
import { placeOrder } from '../../../src/domain/placement.ts';
import { purgeDeleted } from '../../../src/domain/retention.ts';
import { setStock, stockWrite } from '../../../src/domain/stock.ts';
import type { LedgerId, OrderId, Uid } from '../../../src/domain/types.ts';
import { catalog, ctxAt, L, P1, PARTY, STAFF } from './support/fixtures.ts';
import { readState, readStock } from './support/readBack.ts';
import { RulesDb } from './support/rulesDb.ts';
import { stampedPatch } from '../../support/stampedPatch.ts';

const ADMIN = 'admin-1' as Uid;
const OTHER = 'staff-2' as Uid;
const O1 = 'order-1' as OrderId;
const O2 = 'order-2' as OrderId;
const B1 = skuId(P1, 'BLACK', 'T1');
const ok = { ok: true };

let db: RulesDb;
/** A sign-in `minutes` old at the database's clock (auth_time is in seconds). */
const signedInAgo = (minutes: number) => ({ auth_time: Math.floor(db.clock / 1000) - minutes * 60 });
/** A write as the app makes it (catalogue and party records stamped, removals with their tombstones). */
const write = (patch: Patch, uid: string = STAFF, token: Record<string, unknown> = {}) => db.update(stampedPatch(patch), uid, token);
const keyOf = (patch: Patch, prefix: string): string => {
  const k = Object.keys(patch).find((p) => p.startsWith(prefix));
  if (k === undefined) throw new Error(`no ${prefix} in the patch`);
  return k;
};
const entryOf = (patch: Patch, prefix: string): Record<string, unknown> => patch[keyOf(patch, prefix)] as Record<string, unknown>;
/** An import of `rows` as the domain writes it: setStock naming a new stockImports record. */
function importOf(rows: Parameters<typeof setStock>[0], importId: string, uid: Uid = STAFF): Patch {
  const { patch } = setStock(rows, readStock(db), 'import', { ...ctxAt(undefined, uid, importId), importId });
  const record = { actor: uid, actorName: String(db.get(`users/${uid}/name`)), at: SERVER_TIMESTAMP, file: 'count.xlsx', rows: rows.length, added: 0, changed: rows.length, removed: 0, errors: 0 };
  return { ...patch, [`stockImports/${importId}`]: record };
}
const place = (id: OrderId, qty: number, counter: number) =>
  placeOrder(id, { partyId: PARTY, partyName: 'Retail Partner A', note: '', lines: [L(P1, 'BLACK', 'T1', qty)] }, counter, ctxAt(undefined, STAFF, `p-${id}`)).patch;

beforeEach(() => {
  db = new RulesDb();
  db.seed('users', {
    [STAFF]: { name: 'Sam', email: 's@x.in', role: 'staff', status: 'active' },
    [OTHER]: { name: 'Tia', email: 't@x.in', role: 'staff', status: 'active' },
    [ADMIN]: { name: 'Ada', email: 'a@x.in', role: 'admin', status: 'active' },
  });
  db.seed('parties', { [PARTY]: { name: 'Retail Partner A', area: 'Panjim' } });
  db.seed('catalog', catalog);
  // Opening stock as an adjustment (accepted before and after issue 10), and one import record.
  expect(write(setStock([L(P1, 'BLACK', 'T1', 10), L(P1, 'BLACK', 'T2', 10)], {}, 'adjust', { ...ctxAt(undefined, STAFF, 'open'), note: 'opening stock' }).patch)).toEqual(ok);
  db.seed('stockImports/imp-0', { actor: STAFF, actorName: 'Sam', at: db.clock - 1000, file: 'old.xlsx', rows: 1, added: 1, changed: 0, removed: 0, errors: 0 });
  expect(write(place(O1, 3, 0))).toEqual(ok);
  expect(write(place(O2, 2, 1))).toEqual(ok);
});

describe('users: every admin write needs a sign-in of at most 5 minutes, new records too', () => {
  const admin2 = { name: 'Mal', email: 'mal@x.in', role: 'admin', status: 'active' };
  const retailer = { name: 'Shop', email: 'shop@x.in', role: 'retailer', status: 'active', partyId: PARTY };

  it.each([
    ['a new admin', admin2],
    ['a new retailer account', retailer],
    ['a new active staff member', { ...admin2, role: 'staff' }],
  ])('refuses %s created by an admin who signed in 10 minutes ago; allows it after a password re-entry', (_what, record) => {
    expect(write({ 'users/u-new': record }, ADMIN, signedInAgo(10))).toMatchObject({ ok: false });
    expect(db.get('users/u-new')).toBeNull();
    expect(write({ 'users/u-new': record }, ADMIN, signedInAgo(1))).toEqual(ok);
  });

  it('refuses a blank name', () => {
    expect(write({ 'users/u-new': { ...retailer, name: '   ' } }, ADMIN)).toMatchObject({ ok: false });
  });
});

describe('audit entries: known actions, the shape each needs, bounded, linked from orderAudit', () => {
  /** A pick transition of order-1 by staff (an audit entry with one line, no detail). */
  const pick = (): Patch => setPicked(readState(db, O1), [L(P1, 'BLACK', 'T1', 1)], ctxAt(undefined, STAFF, 'pick')).patch;
  const withEntry = (patch: Patch, change: (e: Record<string, unknown>) => void): Patch => {
    const copy = structuredClone(patch);
    change(entryOf(copy, 'audit/'));
    return copy;
  };
  const line = { productId: P1, color: 'BLACK', size: 'T1', qty: 1 };
  const KEY = lineKey(line);

  it('accepts the transitions as the domain writes them', () => {
    expect(write(pick())).toEqual(ok);
    expect(write(sendToBilling(readState(db, O1), [L(P1, 'BLACK', 'T1', 1)], ctxAt(undefined, STAFF, 's')).patch)).toEqual(ok);
    expect(write(deleteOrder(readState(db, O2), 'pending', 'Duplicate', ctxAt(undefined, STAFF, 'd')).patch)).toEqual(ok);
    expect(write(purgeDeleted(readState(db, O2), ctxAt(undefined, ADMIN, 'x')).patch, ADMIN)).toEqual(ok);
    expect(write(stamp(readState(db, O1), 'pick', ctxAt(undefined, STAFF, 'e')).patch)).toEqual(ok);
  });

  it.each<[string, (e: Record<string, unknown>) => void]>([
    ['an unknown action', (e) => void (e['action'] = 'hack')],
    ['a detail of 10,000 characters', (e) => void (e['detail'] = 'x'.repeat(10_000))],
    ['a detail of 401 characters', (e) => void (e['detail'] = 'x'.repeat(401))],
    ['an unknown field', (e) => void (e['extra'] = 1)],
    ['a negative line quantity', (e) => void (e['lines'] = { [KEY]: { ...line, qty: -3 } })],
    ['a fractional line quantity', (e) => void (e['lines'] = { [KEY]: { ...line, qty: 1.5 } })],
    ['a line with an unknown field', (e) => void (e['lines'] = { [KEY]: { ...line, price: 1 } })],
    ['a line without a size', (e) => void (e['lines'] = { [KEY]: { productId: P1, color: 'BLACK', qty: 1 } })],
    ['a line with a 100-character colour', (e) => void (e['lines'] = { [KEY]: { ...line, color: 'C'.repeat(100) } })],
    ['lines as text', (e) => void (e['lines'] = 'everything')],
    ['lines as a list (not keyed by line)', (e) => void (e['lines'] = [line])],
    ['lines keyed by name', (e) => void (e['lines'] = { a: line })],
    ['more than was picked', (e) => void (e['lines'] = { [KEY]: { ...line, qty: 2 } })],
    ['a line the order never had', (e) => void (e['lines'] = { [KEY]: line, 'p1~BLACK~T9': { ...line, size: 'T9' } })],
    ['a rev as text', (e) => void (e['rev'] = String(e['rev']))],
    ['a pick with a detail', (e) => void (e['detail'] = 'note')],
    ['a delivery carrying lines', (e) => void (e['action'] = 'delivery')],
    ['a reject carrying lines', (e) => void (e['action'] = 'reject')],
    ['a remarks entry carrying lines', (e) => void (e['action'] = 'remarks')],
    ['a place without its number', (e) => void (e['action'] = 'place')],
    ['a purge that removes no record (a fake purge)', (e) => Object.assign(e, { action: 'purge', detail: 'deleted: removed permanently' })],
    ['an archive that moves no record (a fake archive)', (e) => void (Object.assign(e, { action: 'archive', detail: 'sent-x' }), delete e['lines'])],
    ['an archive carrying lines', (e) => Object.assign(e, { action: 'archive', detail: 'sent-x' })],
    ['an actor other than the writer', (e) => void (e['actor'] = OTHER)],
    ['a time other than the server time', (e) => void (e['at'] = 1)],
  ])('refuses an entry with %s', (_what, change) => {
    const before = structuredClone(db.data);
    expect(write(withEntry(pick(), change))).toMatchObject({ ok: false });
    expect(db.data).toEqual(before);
  });

  it('refuses a real purge whose entry says more was purged than was (made-up pieces)', () => {
    expect(write(deleteOrder(readState(db, O2), 'pending', 'Duplicate', ctxAt(undefined, STAFF, 'd')).patch)).toEqual(ok);
    const purge = purgeDeleted(readState(db, O2), ctxAt(undefined, ADMIN, 'x')).patch;
    const inflated = withEntry(purge, (e) => {
      const lines = e['lines'] as Record<string, { qty: number }>;
      for (const l of Object.values(lines)) l.qty += 776;
    });
    expect(write(inflated, ADMIN)).toMatchObject({ ok: false, reason: expect.stringContaining('/lines/') as unknown });
    expect(write(purge, ADMIN)).toEqual(ok);
  });

  it('refuses a second entry, not linked from orderAudit, riding on a real transition', () => {
    const t = pick();
    const entry = entryOf(t, 'audit/');
    expect(write({ ...t, 'audit/forged': { ...entry, action: 'purge', lines: { [KEY]: { ...line, qty: 99 } }, detail: 'deleted: removed permanently' } })).toMatchObject({ ok: false });
    expect(write({ ...t, 'audit/forged': { ...entry } })).toMatchObject({ ok: false });
    expect(write(t)).toEqual(ok);
  });

  it('refuses an entry whose orderId is not the order that links it', () => {
    const t = pick();
    expect(write(withEntry(t, (e) => void (e['orderId'] = O2)))).toMatchObject({ ok: false });
  });

  it('never lets an entry be rewritten or removed', () => {
    const t = pick();
    expect(write(t)).toEqual(ok);
    const id = keyOf(t, 'audit/');
    expect(write({ [`${id}/detail`]: 'edited' })).toMatchObject({ ok: false });
    expect(write({ [id]: null }, ADMIN)).toMatchObject({ ok: false });
    const next = stamp(readState(db, O1), 'pick', ctxAt(undefined, STAFF, 'again'));
    expect(write({ ...next.patch, [id]: { ...(t[id] as object), detail: 'x' } })).toMatchObject({ ok: false });
  });
});

describe('stock ledger: every entry names its source in the same write', () => {
  const adjust = (qty: number, note = 'recount', uid: Uid = STAFF) => setStock([L(P1, 'BLACK', 'T1', qty)], readStock(db), 'adjust', { ...ctxAt(undefined, uid, `a${qty}`), note }).patch;
  const ledgerOf = (patch: Patch) => entryOf(patch, 'stockLedger/');
  /** A bill of order-1's line, from billing. */
  const billed = (): Patch => {
    expect(write(sendToBilling(readState(db, O1), [L(P1, 'BLACK', 'T1', 3)], ctxAt(undefined, STAFF, 'q')).patch)).toEqual(ok);
    return bill(readState(db, O1), [L(P1, 'BLACK', 'T1', 2)], readStock(db), ctxAt(undefined, STAFF, 'b')).patch;
  };

  it('accepts an import with its stockImports record, an adjustment with a reason, a bill with its sent record', () => {
    expect(write(importOf([L(P1, 'BLACK', 'T1', 40)], 'imp-1'))).toEqual(ok);
    expect(write(adjust(30))).toEqual(ok);
    expect(write(billed())).toEqual(ok);
    expect(readStock(db)[B1]).toBe(28);
  });

  it('refuses an import ledger entry without its stockImports record (which needs a recent sign-in)', () => {
    const patch = importOf([L(P1, 'BLACK', 'T1', 40)], 'imp-1');
    const noRecord = { ...patch };
    delete noRecord['stockImports/imp-1'];
    expect(write(noRecord)).toMatchObject({ ok: false });
    const noId = structuredClone(noRecord);
    delete ledgerOf(noId)['importId'];
    expect(write(noId)).toMatchObject({ ok: false });
    // The record itself needs the recent sign-in, so a stale session cannot import at all.
    expect(write(patch, STAFF, signedInAgo(10))).toMatchObject({ ok: false });
    expect(write(patch)).toEqual(ok);
  });

  it('refuses an import entry naming an import recorded earlier', () => {
    const { patch } = setStock([L(P1, 'BLACK', 'T1', 40)], readStock(db), 'import', { ...ctxAt(undefined, STAFF, 'late'), importId: 'imp-0' });
    expect(write(patch)).toMatchObject({ ok: false });
  });

  it('refuses an import id on an adjustment, bill fields on an import or an adjustment', () => {
    expect(write({ ...adjust(5), 'stockImports/imp-9': (importOf([], 'imp-9')['stockImports/imp-9'] as object) })).toEqual(ok);
    const withId = adjust(6);
    ledgerOf(withId)['importId'] = 'imp-9';
    expect(write(withId)).toMatchObject({ ok: false });
    const withBill = adjust(7);
    Object.assign(ledgerOf(withBill), { orderId: O1, billed: 1, shortfall: 0 });
    expect(write(withBill)).toMatchObject({ ok: false });
    const importWithBill = importOf([L(P1, 'BLACK', 'T1', 8)], 'imp-8');
    ledgerOf(importWithBill)['sentId'] = 'sent-x';
    expect(write(importWithBill)).toMatchObject({ ok: false });
  });

  it('refuses a bill ledger entry without its sent record', () => {
    const entry = { skuId: B1, reason: 'bill', before: 10, delta: -1, actor: STAFF, at: SERVER_TIMESTAMP, orderId: O1, sentId: 'sent-none', billed: 1, shortfall: 0 };
    const line = { productId: P1, color: 'BLACK', size: 'T1' };
    expect(write(stockWrite(B1, line, increment(-1), 'led-forged' as LedgerId, entry as never, SERVER_TIMESTAMP))).toMatchObject({ ok: false });
    expect(readStock(db)[B1]).toBe(10);
  });

  it('refuses a bill ledger entry naming an earlier sent record', () => {
    const first = billed();
    expect(write(first)).toEqual(ok);
    const sentId = keyOf(first, 'sent/').slice('sent/'.length);
    const entry = { skuId: B1, reason: 'bill', before: 8, delta: -1, actor: STAFF, at: SERVER_TIMESTAMP, orderId: O1, sentId, billed: 1, shortfall: 0 };
    expect(write(stockWrite(B1, { productId: P1, color: 'BLACK', size: 'T1' }, increment(-1), 'led-again' as LedgerId, entry as never, SERVER_TIMESTAMP))).toMatchObject({ ok: false });
  });

  it.each<[string, (e: Record<string, unknown>) => void]>([
    ['billed not matching the stock taken', (e) => void (e['billed'] = 5)],
    ['a shortfall that hides stock taken', (e) => void (e['shortfall'] = 2)],
    ['a shortfall above billed (stock added by a bill)', (e) => Object.assign(e, { billed: 1, shortfall: 3 })],
    ['another order', (e) => void (e['orderId'] = O2)],
    ['no sent id', (e) => void delete e['sentId']],
    ['no billed count', (e) => void delete e['billed']],
    ['an import id', (e) => void (e['importId'] = 'imp-0')],
  ])('refuses a bill whose ledger entry has %s', (_what, change) => {
    const patch = structuredClone(billed());
    change(ledgerOf(patch));
    expect(write(patch)).toMatchObject({ ok: false });
  });

  it('refuses a bill whose ledger (and stock) take another count than the sent line of its SKU', () => {
    const good = billed();
    const patch = structuredClone(good);
    // Consistent in itself (billed 1, stock down 1), but the sent record bills 2 of this line.
    Object.assign(ledgerOf(patch), { billed: 1, delta: -1 });
    patch[`stock/${B1}/qty`] = increment(-1);
    expect(write(patch)).toMatchObject({ ok: false, reason: expect.stringContaining('/stockLedger/') as unknown });
    expect(write(good)).toEqual(ok);
  });

  it('refuses a ledger entry or stock stamped with another time than the server time', () => {
    const past = adjust(4);
    ledgerOf(past)['at'] = 1_600_000_000_000;
    expect(write(past)).toMatchObject({ ok: false });
    const stale = adjust(4);
    stale[`stock/${B1}/updatedAt`] = 1_600_000_000_000;
    expect(write(stale)).toMatchObject({ ok: false });
  });

  it('never lets a ledger entry be rewritten after the fact, even with the stock moved to match', () => {
    const first = adjust(12);
    expect(write(first)).toEqual(ok);
    const id = keyOf(first, 'stockLedger/');
    const entry = ledgerOf(first);
    expect(write({ [`${id}/delta`]: 5 })).toMatchObject({ ok: false });
    expect(write({ [`${id}/note`]: 'edited' })).toMatchObject({ ok: false });
    expect(write({ [id]: null })).toMatchObject({ ok: false });
    // Rewrite the entry as if it had added 7, with the stock set to match it.
    expect(write({ [id]: { ...entry, delta: 7, at: SERVER_TIMESTAMP }, [`stock/${B1}/qty`]: 17, [`stock/${B1}/ledgerId`]: id.slice('stockLedger/'.length) })).toMatchObject({ ok: false });
    expect(readStock(db)[B1]).toBe(12);
  });

  it('refuses stock set to anything but before + delta of its new ledger entry', () => {
    const patch = adjust(15); // before 10, delta +5
    expect(write({ ...patch, [`stock/${B1}/qty`]: increment(6) })).toMatchObject({ ok: false });
    expect(write({ ...patch, [`stock/${B1}/qty`]: 99 })).toMatchObject({ ok: false });
    const lying = structuredClone(patch);
    ledgerOf(lying)['before'] = 9; // the stored quantity is 10
    lying[`stock/${B1}/qty`] = increment(6);
    expect(write(lying)).toMatchObject({ ok: false });
    expect(readStock(db)[B1]).toBe(10);
    expect(write(patch)).toEqual(ok);
    expect(readStock(db)[B1]).toBe(15);
  });
});

describe('settings: the delivery plan is a map of weekdays to lists of area names', () => {
  it('accepts the plan the app saves', () => {
    expect(write({ 'settings/deliveryPlan': { mon: ['Panjim', 'Margao'], fri: ['Vasco'] } }, ADMIN)).toEqual(ok);
    expect(write({ 'settings/deliveryPlan/tue': Array.from({ length: 50 }, (_, i) => `Area ${i}`) }, ADMIN)).toEqual(ok);
    expect(write({ 'settings/deliveryPlan': null }, ADMIN)).toEqual(ok);
  });

  it.each<[string, unknown]>([
    ['a string', 'Panjim on mondays'],
    ['a number', 5],
    ['a weekday as a string', { mon: 'Panjim' }],
    ['an unknown weekday', { someday: ['Panjim'] }],
    ['51 areas in a day', { mon: Array.from({ length: 51 }, (_, i) => `Area ${i}`) }],
    ['a gap in a day', { mon: { 0: 'Panjim', 5: 'Margao' } }],
    ['an empty area name', { mon: [''] }],
    ['an area name of 61 characters', { mon: ['A'.repeat(61)] }],
    ['an area name with edge spaces', { mon: [' Panjim'] }],
    ['nested data as an area', { mon: [{ name: 'Panjim' }] }],
  ])('refuses %s', (_what, plan) => {
    expect(write({ 'settings/deliveryPlan': plan }, ADMIN)).toMatchObject({ ok: false });
  });
});

describe("catalogue: a colour's mrp is a list of {size, paise} for the product's sizes", () => {
  const mrpAt = 'catalog/p1/colors/1/mrp';

  it('accepts MRPs by size', () => {
    expect(write({ [mrpAt]: [{ size: 'T1', paise: 29900 }, { size: 'T3', paise: 0 }] }, ADMIN)).toEqual(ok);
  });

  it.each<[string, unknown]>([
    ['nested data', { a: { b: { c: 1 } } }],
    ['a string', 'Rs 299'],
    ['a size the product lacks', [{ size: 'XL', paise: 100 }]],
    ['a size twice', [{ size: 'T1', paise: 100 }, { size: 'T1', paise: 200 }]],
    ['negative paise', [{ size: 'T1', paise: -1 }]],
    ['fractional paise', [{ size: 'T1', paise: 1.5 }]],
    ['paise above 10^8', [{ size: 'T1', paise: 100_000_001 }]],
    ['paise as text', [{ size: 'T1', paise: '299' }]],
    ['an unknown field', [{ size: 'T1', paise: 1, currency: 'INR' }]],
    ['a gap', { 0: { size: 'T1', paise: 1 }, 3: { size: 'T2', paise: 1 } }],
  ])('refuses %s', (_what, mrp) => {
    expect(write({ [mrpAt]: mrp }, ADMIN)).toMatchObject({ ok: false });
  });

  it('refuses a blank product or colour name (the reader refuses them)', () => {
    expect(write({ 'catalog/p-new': { ...catalog['p2'], name: '   ' } }, ADMIN)).toMatchObject({ ok: false });
    expect(write({ 'catalog/p1/colors/1/name': ' ' }, ADMIN)).toMatchObject({ ok: false });
    expect(write({ 'catalog/p1/colors/1/name': 'Skin tone' }, ADMIN)).toEqual(ok);
  });

  it('refuses a product id longer than 128 characters', () => {
    expect(write({ [`catalog/${'p'.repeat(129)}`]: catalog['p2'] }, ADMIN)).toMatchObject({ ok: false });
    expect(write({ 'catalog/p-new': catalog['p2'] }, ADMIN)).toEqual(ok);
  });
});

describe('barcodes: a rewrite is stamped with the writer and the server time', () => {
  it("refuses a whole rewrite that keeps another user's updatedBy or an old updatedAt", () => {
    const { patch, record } = assignBarcodePatch('8901234567890', L(P1, 'BLACK', 'T1', 1), null, ctxAt(undefined, OTHER));
    expect(write(patch, OTHER)).toEqual(ok);
    const stored = db.get(Object.keys(patch)[0] ?? '') as Record<string, unknown>;
    const at = Object.keys(patch)[0] ?? '';
    db.clock += 60_000; // a minute later: the rewrite changes updatedAt
    expect(write({ [at]: { ...stored, updatedAt: SERVER_TIMESTAMP } }, STAFF)).toMatchObject({ ok: false });
    expect(write({ [at]: { ...stored, updatedBy: STAFF } }, STAFF)).toMatchObject({ ok: false });
    expect(write({ [at]: { ...record, updatedBy: STAFF } }, STAFF)).toEqual(ok);
  });
});

describe('parties: fields hold the shapes the app reads back', () => {
  const party = { name: 'New Shop', area: 'Vasco' };
  it.each<[string, Record<string, unknown>]>([
    ['a blank name', { ...party, name: '   ' }],
    ['a blank area', { ...party, area: ' ' }],
    ['a phone that is not a number', { ...party, phone: 'call me!' }],
    ['an email without @', { ...party, email: 'shop.example.in' }],
    ['a GSTIN in lower case', { ...party, gstin: '30abcde1234f1z5' }],
  ])('refuses a party with %s', (_what, record) => {
    expect(write({ 'parties/party-new': record })).toMatchObject({ ok: false });
  });

  it('accepts a full party, refuses a key longer than 128 characters', () => {
    const full = { ...party, phone: '+91 98220-12345', email: 'shop@example.in', address: 'Market road', gstin: '30ABCDE1234F1Z5' };
    expect(write({ 'parties/party-new': full })).toEqual(ok);
    expect(write({ [`parties/${'x'.repeat(129)}`]: party })).toMatchObject({ ok: false });
  });
});

describe('whole collections', () => {
  it('refuses replacing a whole collection of append-only or per-user records', () => {
    expect(write({ stockLedger: { 'led-x': { skuId: B1, reason: 'adjust', before: 10, delta: 0, actor: STAFF, at: SERVER_TIMESTAMP, note: 'x' } } })).toMatchObject({ ok: false });
    expect(write({ audit: null }, ADMIN)).toMatchObject({ ok: false });
    expect(write({ users: { [STAFF]: db.get(`users/${STAFF}`) } }, ADMIN)).toMatchObject({ ok: false });
    expect(write({ settings: { retentionDays: 5, junk: 'x' } }, ADMIN)).toMatchObject({ ok: false });
  });
});
