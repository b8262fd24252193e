import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { assignBarcodePatch, removeBarcodePatch, type BarcodeRecord } from '../../src/domain/barcodes.ts';
import { bill, deleteOrder, DEFAULT_EXPIRY, expireOrder, revertOrder, sendToBilling, setDeliveryStatus, setPicked, setRemarks } from '../../src/domain/lifecycle.ts';
import { lineKey } from '../../src/domain/lines.ts';
import { archiveSent } from '../../src/domain/archive.ts';
import { DAY_MS, SERVER_TIMESTAMP, stamp, type Patch } from '../../src/domain/patch.ts';
import { parse } from '../../src/domain/schema.ts';
import { sentSchema } from '../../src/domain/validate.ts';
import { approveRetailerOrder, placeOrder, submitRetailerOrder, withDeciderName } from '../../src/domain/placement.ts';
import { createSupportPatch, replySupportPatch, closeSupportPatch } from '../../src/domain/support.ts';
import { purgeDeleted, purgeExpired } from '../../src/domain/retention.ts';
import { setStock } from '../../src/domain/stock.ts';
import type { OrderId, RetailerOrder, SentRecord, Uid } from '../../src/domain/types.ts';
import { TestDb } from '../integration/support/dbHarness.ts';
import { readState, readStock } from '../unit/domain/support/readBack.ts';
import { IDENTITIES, MATRIX, type Identity } from './matrix.ts';
import { loadRules, loadRulesText } from '../support/rulesFile.ts';
import { BARCODE, buildSeed, ctx, L, O, PARTY_A, PARTY_B, PARTY_GONE, sentIdOf, UID } from './seed.ts';

type Db = ReturnType<ReturnType<RulesTestEnvironment['authenticatedContext']>['database']>;
type Attempt = (db: Db, who: Identity) => Promise<unknown>;

const { db: seed } = buildSeed();
// The seed's billing event dates from 400 days ago, old enough for the archive; the archive
// already holds one record (a copy, written as the owner) for the update and delete rows.
seed.ownerUpdate({ [`sent/${sentIdOf(seed)}/billedAt`]: Date.now() - 400 * DAY_MS });
seed.ownerUpdate({ 'sentArchive/s-archived': { ...(seed.get(`sent/${sentIdOf(seed)}`) as object), billedAt: Date.now() - 800 * DAY_MS } });
// An approved retailer order of retailer A (r-c, pending) for the progress rows, and one support
// request of retailer A for the reply rows.
const RC = 'r-c' as OrderId;
seed.ownerUpdate(submitRetailerOrder(RC, { note: '', lines: [L('BLACK', 'T1', 2)] }, { uid: UID.retailerA, partyId: PARTY_A }, Date.now() - DAY_MS).patch);
seed.ownerUpdate(withDeciderName(approveRetailerOrder(readState(seed, RC), seed.get(`retailerOrders/${RC}`) as RetailerOrder, 'Partner A', Number(seed.get('counters/orderNumber')), ctx(UID.admin)), RC, 'Ada Admin').patch);
seed.ownerUpdate(sendToBilling(readState(seed, RC), [L('BLACK', 'T1', 1)], ctx()).patch);
seed.ownerUpdate(createSupportPatch('s-1', { subject: 'Late', text: 'Where is it?' }, { uid: UID.retailerA, partyId: PARTY_A }, SERVER_TIMESTAMP));
const SEED = seed.get('');
/** The seed's billing event as the domain reads it. */
function seedSent(): SentRecord {
  const r = parse(sentSchema, seed.get(`sent/${sentIdOf(seed)}`), 'sent');
  if (!r.ok) throw new Error('the seed sent record does not parse');
  return r.value;
}
const uidOf = (who: Identity): Uid => (who === 'anonymous' ? ('anon' as Uid) : UID[who]);
const st = (id: OrderId) => readState(seed, id);
const counter = () => Number(seed.get('counters/orderNumber'));
const firstKey = (path: string) => Object.keys(seed.get(path) as object)[0] ?? '';
/** Someone else: the target of "another user" rows. */
const other = (who: Identity): Uid => (who === 'staff' ? UID.admin : UID.staff);
/** A well-formed revision bump of `id` with its audit entry, for a hand-written change to ride on. */
const bumped = (id: OrderId, uid: string): Patch => stamp(st(id), 'pick', ctx(uid as Uid)).patch;

const read = (path: string): Attempt => (db) => db.ref(path).once('value');
const write = (patch: (who: Identity, uid: Uid) => Patch): Attempt => (db, who) => db.ref().update(patch(who, uidOf(who)));
/** A new order `o-new` placed by `uid` with the next number. */
const placeNew = (uid: Uid): Patch => placeOrder('o-new' as OrderId, { partyId: PARTY_A, partyName: 'Partner A', note: '', lines: [L('BLACK', 'T1', 1)] }, counter(), ctx(uid)).patch;
/** Approval of retailer A's order (2 × BLACK T1) reduced to 1, with the reason. */
const approveAdjusted = (uid: Uid): Patch =>
  approveRetailerOrder(st(O.rA), seed.get(`retailerOrders/${O.rA}`) as RetailerOrder, 'Partner A', counter(), ctx(uid), { qty: [1], reason: 'Only 1 in stock' }).patch;
/** `patch` with fields of the record at `path` replaced. */
const withRecord = (patch: Patch, path: string, change: Record<string, unknown>): Patch => ({ ...patch, [path]: { ...(patch[path] as object), ...change } });

// How each row of the matrix is tried: valid payloads built with the domain's own transitions,
// so an allowed cell is really allowed and a denied one is refused by the rules' policy.
const ATTEMPTS: Record<string, Attempt> = {
  'users:read': read('users'),
  'users:read-own': (db, who) => db.ref(`users/${who === 'anonymous' ? UID.staff : uidOf(who)}`).once('value'),
  'users:read-name': (db, who) => db.ref(`users/${other(who)}/name`).once('value'),
  'users:create': write(() => ({ 'users/u-new': { name: 'New Person', email: 'new@example.in', role: 'staff', status: 'pending' } })),
  'users:update': write((who) => ({ [`users/${other(who)}/role`]: 'admin' })),
  'users:update-own': write((_, uid) => ({ [`users/${uid}/role`]: 'admin' })),
  'users:update-remove': write((who) => ({ [`users/${other(who)}/status`]: 'removed' })),
  'users:update-disable': write((who) => ({ [`users/${other(who)}/status`]: 'disabled' })),
  'users:delete': write((who) => ({ [`users/${other(who)}`]: null })),

  'catalog:read': read('catalog'),
  'catalog:create': write(() => ({ 'catalog/p-new': { name: 'Vest', sizes: ['S'], colors: [{ code: 'RED', name: 'Red', swatch: '#f00' }], active: true, updatedAt: SERVER_TIMESTAMP } })),
  'catalog:create-colour': write(() => ({ 'catalog/p1/colors/2': { code: 'RED', name: 'Red', swatch: '#f00' }, 'catalog/p1/updatedAt': SERVER_TIMESTAMP })),
  'catalog:update': write(() => ({ 'catalog/p1/name': 'Classic Brief II', 'catalog/p1/updatedAt': SERVER_TIMESTAMP })),
  'catalog:update-unstamped': write(() => ({ 'catalog/p1/name': 'Classic Brief II' })),
  'catalog:create-coded': write(() => ({ 'catalog/p-new': { name: 'Vest', code: 'VST-001', sizes: ['S'], colors: [{ code: 'RED', name: 'Red', swatch: '#f00' }], active: true, updatedAt: SERVER_TIMESTAMP } })),
  'catalog:update-code': write(() => ({ 'catalog/p1/code': 'BRF 001', 'catalog/p1/updatedAt': SERVER_TIMESTAMP })),
  'catalog:update-bad-code': write(() => ({ 'catalog/p1/code': 'BRF/001 ', 'catalog/p1/updatedAt': SERVER_TIMESTAMP })),
  'catalog:delete': write(() => ({ 'catalog/p1': null, 'gone/catalog/p1': SERVER_TIMESTAMP })),
  'catalog:delete-bare': write(() => ({ 'catalog/p1': null })),

  'parties:read': read('parties'),
  'parties:read-own': read(`parties/${PARTY_A}`),
  'parties:create': write(() => ({ 'parties/party-new': { name: 'Partner C', area: 'Vasco', updatedAt: SERVER_TIMESTAMP } })),
  'parties:update': write(() => ({ [`parties/${PARTY_A}/area`]: 'Vasco', [`parties/${PARTY_A}/updatedAt`]: SERVER_TIMESTAMP })),
  'parties:update-unstamped': write(() => ({ [`parties/${PARTY_A}/area`]: 'Vasco' })),
  'parties:delete': write(() => ({ [`parties/${PARTY_B}`]: null, [`gone/parties/${PARTY_B}`]: SERVER_TIMESTAMP })),
  'parties:delete-bare': write(() => ({ [`parties/${PARTY_B}`]: null })),

  'stock:read': read('stock'),
  'stock:create': write((_, uid) => setStock([L('SKIN', 'T1', 5)], readStock(seed), 'adjust', { ...ctx(uid), note: 'new SKU counted' }).patch),
  'stock:update': write((_, uid) => setStock([L('BLACK', 'T1', 90)], readStock(seed), 'adjust', { ...ctx(uid), note: 'recount' }).patch),
  'stockBands:read': read('stockBands'),
  'stockBands:update': write((_, uid) => setStock([L('BLACK', 'T1', 3)], readStock(seed), 'adjust', { ...ctx(uid), note: 'recount' }).patch),
  'stockBands:create': write((_, uid) => setStock([L('SKIN', 'T2', 4)], readStock(seed), 'adjust', { ...ctx(uid), note: 'new SKU counted' }).patch),
  'stockBands:delete': write(() => ({ [`stockBands/${lineKey(L('BLACK', 'T1', 1))}`]: null })),
  'stockBands:update-wrong': write(() => ({ [`stockBands/${lineKey(L('BLACK', 'T1', 1))}`]: 'out' })),
  'stock:delete': write(() => ({ [`stock/${lineKey(L('BLACK', 'T1', 1))}`]: null })),

  'stockLedger:read': read('stockLedger'),
  'stockLedger:create': write((_, uid) => ({
    'stockLedger/led-new': { skuId: lineKey(L('BLACK', 'T1', 1)), reason: 'adjust', before: readStock(seed)[lineKey(L('BLACK', 'T1', 1))], delta: 1, actor: uid, at: SERVER_TIMESTAMP, note: 'found one' },
  })),
  'stockLedger:update': write(() => ({ [`stockLedger/${firstKey('stockLedger')}/note`]: 'edited' })),
  'stockLedger:delete': write(() => ({ [`stockLedger/${firstKey('stockLedger')}`]: null })),

  'stockImports:read': read('stockImports'),
  'stockImports:create': write((who, uid) => ({
    'stockImports/imp-new': { actor: uid, actorName: who === 'anonymous' ? 'Anon' : (seed.get(`users/${uid}/name`) as string), at: SERVER_TIMESTAMP, file: 'count.xlsx', rows: 1, added: 0, changed: 1, removed: 0, errors: 0 },
  })),
  'stockImports:update': write(() => ({ 'stockImports/imp-0/rows': 3 })),
  'stockImports:delete': write(() => ({ 'stockImports/imp-0': null })),

  'barcodes:read': read('barcodes'),
  'barcodes:create': write((_, uid) => assignBarcodePatch('NEW-123', L('BLACK', 'T2', 1), null, ctx(uid)).patch),
  'barcodes:update': write((_, uid) => assignBarcodePatch(BARCODE, L('BLACK', 'T1', 1), seed.get(`barcodes/${BARCODE}`) as BarcodeRecord, ctx(uid)).patch),
  'barcodes:delete': write(() => removeBarcodePatch(BARCODE)),

  'orders:read': read('orders'),
  'orders:create': write((_, uid) => placeOrder('o-new' as OrderId, { partyId: PARTY_A, partyName: 'Partner A', note: '', lines: [L('BLACK', 'T1', 1)] }, counter(), ctx(uid)).patch),
  'orders:update': write((_, uid) => setPicked(st(O.o1), [L('BLACK', 'T1', 2)], ctx(uid)).patch),
  'orders:delete': write((_, uid) => deleteOrder(st(O.o1), 'pending', 'Duplicate', ctx(uid)).patch),
  'orders:create-as-other': write((who, uid) => withRecord(placeNew(uid), 'orders/o-new', { createdBy: other(who) })),
  'orders:create-taken-number': write((_, uid) => {
    const p = withRecord(placeNew(uid), 'orders/o-new', { number: String(seed.get(`orders/${O.o1}/number`)) });
    delete p[`orderNumbers/K${counter() + 1}`];
    return p;
  }),

  'billing:read': read('billing'),
  'billing:create': write((_, uid) => sendToBilling(st(O.o1), [L('BLACK', 'T1', 5)], ctx(uid)).patch),
  'billing:update': write((_, uid) => setRemarks(st(O.o2), 'Urgent', ctx(uid)).patch),
  'billing:delete': write((_, uid) => deleteOrder(st(O.o2), 'billing', 'Cancelled', ctx(uid)).patch),
  'billing:create-as-other': write((who, uid) => withRecord(sendToBilling(st(O.o1), [L('BLACK', 'T1', 5)], ctx(uid)).patch, `billing/${O.o1}`, { queuedBy: other(who) })),

  'sent:read': read('sent'),
  'sent:create': write((_, uid) => bill(st(O.o2), [L('BLACK', 'T2', 1)], readStock(seed), ctx(uid)).patch),
  'sent:update': write((_, uid) => setDeliveryStatus(st(O.o2), sentIdOf(seed), seed.get(`sent/${sentIdOf(seed)}`) as SentRecord, 'delivered', ctx(uid)).patch),
  'sent:delete': write(() => ({ [`sent/${sentIdOf(seed)}`]: null, [`orderRev/${O.o2}`]: st(O.o2).rev + 1 })),
  'sentArchive:read': read('sentArchive'),
  'sentArchive:create': write((_, uid) => archiveSent(st(O.o2), sentIdOf(seed), seedSent(), Date.now(), 365, ctx(uid))!.patch),
  'sentArchive:create-copy': write((_, uid) => ({ ...stamp(st(O.o2), 'archive', ctx(uid), { detail: sentIdOf(seed) }).patch, [`sentArchive/${sentIdOf(seed)}`]: seed.get(`sent/${sentIdOf(seed)}`) })),
  'sentArchive:update': write((_, uid) => ({ ...bumped(O.o2, uid), 'sentArchive/s-archived/deliveryStatus': 'delivered' })),
  'sentArchive:delete': write((_, uid) => ({ ...bumped(O.o2, uid), 'sentArchive/s-archived': null })),
  'sent:create-as-other': write((who, uid) => {
    const b = bill(st(O.o2), [L('BLACK', 'T2', 1)], readStock(seed), ctx(uid));
    return withRecord(b.patch, `sent/${b.sentId}`, { billedBy: other(who) });
  }),

  'deleted:read': read('deleted'),
  'deleted:create': write((_, uid) => deleteOrder(st(O.o1), 'pending', 'Duplicate', ctx(uid)).patch),
  'deleted:update': write((_, uid) => deleteOrder(st(O.o3), 'billing', 'Duplicate', ctx(uid)).patch),
  'deleted:delete': write((_, uid) => purgeDeleted(st(O.o3), ctx(uid)).patch),

  'expired:read': read('expired'),
  // o1 and o4 are overdue in the seed (their deadline passed yesterday by the server's clock).
  'expired:create': write((_, uid) => expireOrder(st(O.o1), Date.now(), DEFAULT_EXPIRY, ctx(uid))!.patch),
  'expired:update': write((_, uid) => expireOrder(st(O.o4), Date.now(), DEFAULT_EXPIRY, ctx(uid))!.patch),
  'expired:delete': write((_, uid) => purgeExpired(st(O.o4), ctx(uid)).patch),

  'retailerOrders:read': read('retailerOrders'),
  'retailerOrders:read-own': (db) => db.ref('retailerOrders').orderByChild('retailerUid').equalTo(UID.retailerA).once('value'),
  'retailerOrders:create': write((who, uid) =>
    submitRetailerOrder('r-new' as OrderId, { note: 'please', lines: [L('BLACK', 'T1', 1)] }, { uid, partyId: who === 'retailerB' ? PARTY_B : PARTY_A }, SERVER_TIMESTAMP).patch,
  ),
  'retailerOrders:create-as-A': write(() => submitRetailerOrder('r-new' as OrderId, { note: 'as A', lines: [L('BLACK', 'T1', 1)] }, { uid: UID.retailerA, partyId: PARTY_A }, SERVER_TIMESTAMP).patch),
  'retailerOrders:update': write((_, uid) => approveRetailerOrder(st(O.rA), seed.get(`retailerOrders/${O.rA}`) as RetailerOrder, 'Partner A', counter(), ctx(uid)).patch),
  'retailerOrders:update-adjusted': write((_, uid) => approveAdjusted(uid)),
  'retailerOrders:update-forged-adjustment': write((_, uid) => ({ ...approveAdjusted(uid), [`retailerOrders/${O.rA}/adjustments`]: { [lineKey(L('BLACK', 'T1', 1))]: { line: 0, from: 2, to: 0 } } })),
  'retailerOrders:delete': write(() => ({ [`retailerOrders/${O.rB}`]: null })),
  'retailerOrders:update-progress': write((_, uid) => setPicked(st(RC), [L('BLACK', 'T1', 1)], ctx(uid)).patch),
  'retailerOrders:update-false-progress': write((_, uid) => ({ ...bumped(RC, uid), [`retailerOrders/${RC}/pickingAt`]: SERVER_TIMESTAMP })),
  'retailerOrders:update-missing-dispatch': write((_, uid) => {
    const b = bill(st(RC), [L('BLACK', 'T1', 1)], readStock(seed), ctx(uid));
    return Object.fromEntries(Object.entries(b.patch).filter(([k]) => !k.includes('/dispatches/')));
  }),

  'support:read': read('support'),
  'support:read-own': (db) => db.ref('support').orderByChild('retailerUid').equalTo(UID.retailerA).once('value'),
  'support:create': write((who, uid) => createSupportPatch('s-new', { subject: 'Torn box', text: 'Two boxes arrived torn.' }, { uid, partyId: who === 'retailerB' ? PARTY_B : PARTY_A }, SERVER_TIMESTAMP)),
  'support:create-order': write((who, uid) => createSupportPatch('s-new', { subject: 'Short', text: 'One piece short.', orderId: O.rB }, { uid, partyId: who === 'retailerB' ? PARTY_B : PARTY_A }, SERVER_TIMESTAMP)),
  'support:create-html': write((who, uid) => createSupportPatch('s-new', { subject: '<b>Torn</b>', text: 'Torn.' }, { uid, partyId: who === 'retailerB' ? PARTY_B : PARTY_A }, SERVER_TIMESTAMP)),
  'support:update': write((who, uid) => replySupportPatch('s-1', 'On its way today.', { uid, name: who === 'anonymous' ? 'Anon' : String(seed.get(`users/${uid}/name`)) }, SERVER_TIMESTAMP)),
  'support:update-close': write(() => closeSupportPatch('s-1', SERVER_TIMESTAMP)),
  'support:update-text': write(() => ({ 'support/s-1/text': 'Never mind', 'support/s-1/updatedAt': SERVER_TIMESTAMP })),
  'support:delete': write(() => ({ 'support/s-1': null })),
  'retailerOrders:create-uncounted': write((who, uid) => {
    const p = submitRetailerOrder('r-new' as OrderId, { note: 'uncounted', lines: [L('BLACK', 'T1', 1)] }, { uid, partyId: who === 'retailerB' ? PARTY_B : PARTY_A }, SERVER_TIMESTAMP).patch;
    return Object.fromEntries(Object.entries(p).filter(([k]) => !k.startsWith('retailerAwaiting/')));
  }),
  'retailerAwaiting:read': read(`retailerAwaiting/${UID.retailerA}`),
  'retailerAwaiting:update': write(() => ({ [`retailerAwaiting/${UID.retailerA}/submitted`]: Number(seed.get(`retailerAwaiting/${UID.retailerA}/submitted`)) + 1, [`retailerAwaiting/${UID.retailerA}/by`]: 'r-none' })),
  'retailerAwaiting:create': write(() => ({ 'retailerAwaiting/u-new-retailer': { submitted: 1, by: 'r-none' } })),
  'retailerAwaiting:delete': write(() => ({ [`retailerAwaiting/${UID.retailerA}`]: null })),
  'retailerAwaiting:update-decided': write(() => ({ [`retailerAwaiting/${UID.retailerA}/decided`]: Number(seed.get(`retailerAwaiting/${UID.retailerA}/decided`) ?? 0) + 1, [`retailerAwaiting/${UID.retailerA}/by`]: O.rA })),

  'orderRev:read': read('orderRev'),
  'orderRev:create': write(() => ({ 'orderRev/o-none': 1 })),
  'orderRev:create-audited': write((_, uid) => stamp({ id: 'o-none' as OrderId, rev: 0 }, 'pick', ctx(uid)).patch),
  'orderAudit:read': read('orderAudit'),
  'orderAudit:create': write(() => ({ 'orderAudit/o-none': firstKey('audit') })),
  'orderAudit:update': write((_, uid) => stamp(st(O.o1), 'pick', ctx(uid)).patch),
  'orderAudit:update-other': write((_, uid) => {
    const t = stamp(st(O.o1), 'pick', ctx(uid));
    const auditId = String(t.patch[`orderAudit/${O.o1}`]);
    return { ...t.patch, [`orderAudit/${O.o2}`]: auditId };
  }),
  'orderAudit:delete': write(() => ({ [`orderAudit/${O.o1}`]: null })),
  'orderRev:update': write(() => ({ [`orderRev/${O.o1}`]: st(O.o1).rev - 1 })),
  'orderRev:delete': write(() => ({ [`orderRev/${O.o1}`]: null })),

  'orderTally:read': read('orderTally'),
  'orderTally:create': write((_, uid) => placeNew(uid)),
  'orderTally:create-line': write((_, uid) => ({ ...bumped(O.o1, uid), [`orderTally/${O.o1}/${lineKey(L('SKIN', 'T1', 1))}`]: { productId: L('SKIN', 'T1', 1).productId, color: 'SKIN', size: 'T1', ordered: 1, sent: 0, purged: 0 } })),
  'orderTally:update': write((_, uid) => bill(st(O.o2), [L('BLACK', 'T2', 1)], readStock(seed), ctx(uid)).patch),
  'orderTally:update-ordered': write((_, uid) => ({ ...bumped(O.o1, uid), [`orderTally/${O.o1}/${lineKey(L('BLACK', 'T1', 1))}/ordered`]: 6, [`orders/${O.o1}/lines/${lineKey(L('BLACK', 'T1', 1))}/qty`]: 6 })),
  'orderTally:update-purged': write((_, uid) => purgeDeleted(st(O.o3), ctx(uid)).patch),
  'orderTally:delete': write((_, uid) => ({ ...bumped(O.o1, uid), [`orderTally/${O.o1}`]: null })),
  'counters:read': read('counters'),
  'counters:create': write(() => ({ 'counters/invoiceNumber': 1 })),
  'counters:update': write(() => ({ 'counters/orderNumber': counter() - 1 })),
  'counters:update-skip': write(() => ({ 'counters/orderNumber': counter() + 1 })),
  'counters:update-last': write(() => ({ 'counters/lastOrderId': O.o1 })),
  'counters:delete': write(() => ({ 'counters/orderNumber': null })),

  'counts:read': read('counts'),
  'counts:create': write(() => ({ 'counts/sent': { n: 1, by: O.o2 } })),
  'counts:update': write((_, uid) => placeNew(uid)),
  'counts:update-alone': write(() => ({ 'counts/orders/n': Number(seed.get('counts/orders/n')) + 1, 'counts/orders/by': O.o1 })),
  'counts:delete': write(() => ({ 'counts/orders': null })),

  'orderNumbers:read': read('orderNumbers'),
  'orderNumbers:create': write((_, uid) => placeNew(uid)),
  'orderNumbers:create-alone': write(() => ({ [`orderNumbers/K${counter() + 1}`]: O.o1 })),
  'orderNumbers:update': write(() => ({ [`orderNumbers/${String(seed.get(`orders/${O.o1}/number`))}`]: O.o2 })),
  'orderNumbers:delete': write(() => ({ [`orderNumbers/${String(seed.get(`orders/${O.o1}/number`))}`]: null })),

  'audit:read': read('audit'),
  'audit:create': write((_, uid) => ({ 'audit/a-new': { action: 'pick', orderId: O.o1, actor: uid, at: SERVER_TIMESTAMP, rev: st(O.o1).rev } })),
  'audit:update': write(() => ({ [`audit/${firstKey('audit')}/detail`]: 'edited' })),
  'audit:delete': write(() => ({ [`audit/${firstKey('audit')}`]: null })),

  'orderExports:read': read('orderExports'),
  'orderExports:create': write((_, uid) => ({ [`orderExports/${O.o2}`]: { at: SERVER_TIMESTAMP, by: uid } })),
  'orderExports:update': write((_, uid) => ({ [`orderExports/${O.o1}`]: { at: SERVER_TIMESTAMP, by: uid } })),
  'orderExports:delete': write(() => ({ [`orderExports/${O.o1}`]: null })),

  'gone:read': read('gone/orders'),
  'gone:create': write((_, uid) => deleteOrder(st(O.o1), 'pending', 'Duplicate', ctx(uid)).patch),
  'gone:create-alone': write(() => ({ [`gone/orders/${O.o1}`]: SERVER_TIMESTAMP })),
  'gone:update': write(() => ({ [`gone/orders/${O.o3}`]: Date.now() - 365 * DAY_MS })),
  'gone:delete': write(() => ({ [`gone/orders/${O.o3}`]: null })),
  'gone:read-catalog': read('gone/catalog'),
  'gone:read-parties': read('gone/parties'),
  'gone:create-product-alone': write(() => ({ 'gone/catalog/p1': SERVER_TIMESTAMP })),
  'gone:update-party': write(() => ({ [`gone/parties/${PARTY_GONE}`]: Date.now() - 365 * DAY_MS })),
  'gone:delete-revert': write((_, uid) => revertOrder(st(O.o3), 'deleted', Date.now(), DEFAULT_EXPIRY, ctx(uid)).patch),

  'presence:read': read('presence'),
  'presence:create': write((_, uid) => ({ [`presence/${uid}`]: { online: true, lastSeen: SERVER_TIMESTAMP } })),
  'presence:create-other': write((who) => ({ [`presence/${other(who)}`]: { online: true, lastSeen: SERVER_TIMESTAMP } })),
  'presence:update': async (db, who) => {
    await db.ref(`presence/${uidOf(who)}`).set({ online: true, lastSeen: SERVER_TIMESTAMP });
    return db.ref(`presence/${uidOf(who)}/online`).set(false);
  },
  'presence:delete': write((_, uid) => ({ [`presence/${uid}`]: null })),

  'meta:read': read('meta/firstAdmin'),
  'meta:create': write((_, uid) => ({ 'meta/firstAdmin': uid, [`users/${uid}`]: { name: 'Me', email: 'me@example.in', role: 'admin', status: 'active' } })),
  'meta:update': write((_, uid) => ({ 'meta/firstAdmin': uid })),
  'meta:delete': write(() => ({ 'meta/firstAdmin': null })),

  'settings:read': read('settings'),
  'settings:create': write(() => ({ 'settings/deliveryPlan/mon': ['Panjim'] })),
  'settings:update': write(() => ({ 'settings/retentionDays': 60 })),
  'settings:delete': write(() => ({ 'settings/retentionDays': null })),
  'settings:read-retailer-stock': read('settings/retailerStock'),
  'settings:update-retailer-stock': write(() => ({ 'settings/retailerStock': 'exact' })),
  'settings:update-archive': write(() => ({ 'settings/archiveAfterDays': 90 })),
};

let server: TestDb;
/** Every identity signed in just now, so critical actions (which need a recent sign-in) count as confirmed. */
const signedInAt = Math.floor(Date.now() / 1000);
let env: RulesTestEnvironment;
const dbs = {} as Record<Identity, Db>;

async function reseed(): Promise<void> {
  await env.withSecurityRulesDisabled(async (c) => {
    await c.database().ref().set(SEED);
  });
}

beforeAll(async () => {
  server = await new TestDb().start();
  env = await initializeTestEnvironment({ projectId: 'demo-rules-matrix', database: { host: '127.0.0.1', port: server.port, rules: loadRulesText() } });
  for (const who of IDENTITIES) dbs[who] = who === 'anonymous' ? env.unauthenticatedContext().database() : env.authenticatedContext(UID[who], { auth_time: signedInAt }).database();
  await reseed();
});

afterAll(async () => {
  await env.cleanup();
  await server.close();
});

describe('critical actions need a recent sign-in (a password re-entered in the last 5 minutes)', () => {
  // The same attempts the matrix allows an admin (or staff) who signed in just now.
  const CRITICAL = ['users:create', 'users:update-remove', 'users:update-disable', 'users:update', 'retailerOrders:update', 'retailerOrders:update-adjusted', 'deleted:delete', 'expired:delete', 'stockImports:create'] as const;

  it.each(CRITICAL.map((k) => [k] as const))('%s is refused to an admin whose sign-in is 10 minutes old, and allowed again after a re-entry', async (key) => {
    const attempt = ATTEMPTS[key]!;
    const stale = env.authenticatedContext(UID.admin, { auth_time: Math.floor(Date.now() / 1000) - 600 }).database();
    await assertFails(attempt(stale, 'admin'));
    const fresh = env.authenticatedContext(UID.admin, { auth_time: Math.floor(Date.now() / 1000) }).database();
    await assertSucceeds(attempt(fresh, 'admin'));
    await reseed();
  });

  it('adding an account (a new user record, e.g. a retailer or an admin) needs a re-entry, as changing an existing one does', async () => {
    const stale = env.authenticatedContext(UID.admin, { auth_time: 0 }).database();
    await assertFails(ATTEMPTS['users:create']!(stale, 'admin'));
    await assertFails(stale.ref('users/u-boss').set({ name: 'Boss Two', email: 'boss2@example.in', role: 'admin', status: 'active' }));
    await assertFails(ATTEMPTS['users:update-remove']!(stale, 'admin'));
  });
});

describe('the rules matrix (docs/security.md) holds cell by cell on the local database server', () => {
  it('covers every top-level path of database.rules.json, and every row has an attempt', () => {
    const top = Object.keys(loadRules().rules).filter((k) => !k.startsWith('.'));
    const covered = new Set(MATRIX.map((r) => r.path));
    expect(top.filter((p) => !covered.has(p))).toEqual([]);
    for (const p of covered) expect(MATRIX.filter((r) => r.path === p).map((r) => r.op)).toEqual(expect.arrayContaining(['read', 'create', 'update', 'delete']));
    expect(MATRIX.filter((r) => ATTEMPTS[r.key] === undefined).map((r) => r.key)).toEqual([]);
    expect(new Set(MATRIX.map((r) => r.key)).size).toBe(MATRIX.length);
  });

  it.each(MATRIX.map((r) => [`${r.path} ${r.op}: ${r.what}`, r] as const))('%s', async (_, row) => {
    const attempt = ATTEMPTS[row.key]!;
    const wrong: string[] = [];
    for (const who of IDENTITIES) {
      const allowed = row.allow.includes(who);
      try {
        if (allowed) await assertSucceeds(attempt(dbs[who], who));
        else await assertFails(attempt(dbs[who], who));
      } catch (e) {
        wrong.push(`${who}: expected ${allowed ? 'allowed' : 'denied'} (${String(e).slice(0, 160)})`);
      }
      // A write that went through changed the data: start the next identity from the seed again.
      if (allowed && row.op !== 'read') await reseed();
    }
    expect(wrong).toEqual([]);
  });
});
