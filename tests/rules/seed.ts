/**
 * The business state every rules test starts from, built with the domain's own transitions and
 * written as the database OWNER (no rules): a broken rule must fail the assertions about it, not
 * the set-up of every test of a file. Whether the rules accept these transitions is asserted by
 * the tests themselves (the matrix, tests/unit/domain/*Rules*.test.ts).
 */
import { assignBarcodePatch } from '../../src/domain/barcodes.ts';
import { DAY_MS, SERVER_TIMESTAMP, type Patch, type TransitionCtx } from '../../src/domain/patch.ts';
import { bill, deleteOrder, DEFAULT_EXPIRY, expireOrder, revertOrder, sendToBilling } from '../../src/domain/lifecycle.ts';
import { placeOrder, submitRetailerOrder } from '../../src/domain/placement.ts';
import { setStock } from '../../src/domain/stock.ts';
import type { Line, OrderId, OrderState, PartyId, ProductId, SentId, Uid } from '../../src/domain/types.ts';
import { readState, readStock } from '../unit/domain/support/readBack.ts';
import { RulesDb } from '../unit/domain/support/rulesDb.ts';
import type { Identity } from './matrix.ts';

export const UID: Record<Exclude<Identity, 'anonymous'>, Uid> = {
  pending: 'u-pending' as Uid,
  staff: 'u-staff' as Uid,
  admin: 'u-admin' as Uid,
  retailerA: 'u-ret-a' as Uid,
  retailerB: 'u-ret-b' as Uid,
  removed: 'u-removed' as Uid,
};
export const PARTY_A = 'party-a' as PartyId;
export const PARTY_B = 'party-b' as PartyId;
/** A party removed before the seed: only its tombstone is left. */
export const PARTY_GONE = 'party-gone' as PartyId;
export const P1 = 'p1' as ProductId;
export const L = (color: string, size: string, qty: number): Line => ({ productId: P1, color, size, qty });

/** Order ids of the seed: O1 pending, O2 billing + sent, O3 deleted + billing, O4 expired + pending. */
export const O = { o1: 'o1' as OrderId, o2: 'o2' as OrderId, o3: 'o3' as OrderId, o4: 'o4' as OrderId, rA: 'r-a' as OrderId, rB: 'r-b' as OrderId };
export const BARCODE = '8901234567890';

let seq = 0;
/** A transition context writing server time, with unique ids. */
export function ctx(actor: Uid = UID.staff): TransitionCtx {
  return { now: SERVER_TIMESTAMP, actor, newId: () => `id-${actor}-${++seq}` };
}

/** Applies a transition's patch as the owner (its author is in the patch: ctx(actor)). */
function apply(db: RulesDb, patch: Patch): void {
  db.ownerUpdate(patch);
}

/** The seeded database (in memory) and its data, to load into the server as the owner. */
export function buildSeed(): { db: RulesDb; data: unknown } {
  const db = new RulesDb(Date.now());
  const user = (name: string, role: string, status: string, partyId?: string) => ({ name, email: `${name.toLowerCase().replace(/ /g, '.')}@example.in`, role, status, ...(partyId ? { partyId } : {}) });
  db.seed('users', {
    [UID.pending]: user('Pat Pending', 'staff', 'pending'),
    [UID.staff]: user('Sam Staff', 'staff', 'active'),
    [UID.admin]: user('Ada Admin', 'admin', 'active'),
    [UID.retailerA]: user('Retailer A', 'retailer', 'active', PARTY_A),
    [UID.retailerB]: user('Retailer B', 'retailer', 'active', PARTY_B),
    [UID.removed]: user('Rex Removed', 'staff', 'removed'),
  });
  db.seed('catalog/p1', {
    name: 'Classic Brief',
    sizes: ['T1', 'T2'],
    colors: [
      { code: 'BLACK', name: 'Black', swatch: '#000' },
      { code: 'SKIN', name: 'Skin', swatch: '#e8c4a0' },
    ],
    active: true,
  });
  db.seed('parties', { [PARTY_A]: { name: 'Partner A', area: 'Panjim' }, [PARTY_B]: { name: 'Partner B', area: 'Margao' } });
  // A party an admin removed: its tombstone (the catalogue and the parties are resumed like pending orders).
  db.seed(`gone/parties/${PARTY_GONE}`, db.clock);
  db.seed('settings/retentionDays', 30);
  db.seed('meta/firstAdmin', UID.admin);
  // The opening import: its ledger entries name the stockImports record written with them.
  apply(db, {
    ...setStock([L('BLACK', 'T1', 100), L('BLACK', 'T2', 100)], {}, 'import', { ...ctx(), importId: 'imp-0' }).patch,
    'stockImports/imp-0': { actor: UID.staff, actorName: 'Sam Staff', at: SERVER_TIMESTAMP, file: 'stock.xlsx', rows: 2, added: 2, changed: 0, removed: 0, errors: 0 },
  });
  apply(db, assignBarcodePatch(BARCODE, L('BLACK', 'T1', 1), null, ctx()).patch);

  const counter = () => Number(db.get('counters/orderNumber') ?? 0);
  const place = (id: OrderId, lines: Line[], party = PARTY_A) => apply(db, placeOrder(id, { partyId: party, partyName: 'Partner A', note: 'seed', lines }, counter(), ctx()).patch);
  const st = (id: OrderId): OrderState => readState(db, id);

  place(O.o1, [L('BLACK', 'T1', 5)]);
  place(O.o2, [L('BLACK', 'T1', 3), L('BLACK', 'T2', 4)]);
  apply(db, sendToBilling(st(O.o2), [L('BLACK', 'T1', 3), L('BLACK', 'T2', 4)], ctx()).patch);
  apply(db, bill(st(O.o2), [L('BLACK', 'T1', 3)], readStock(db), ctx()).patch);
  place(O.o3, [L('BLACK', 'T1', 2), L('BLACK', 'T2', 2)]);
  apply(db, sendToBilling(st(O.o3), [L('BLACK', 'T2', 2)], ctx()).patch);
  apply(db, deleteOrder(st(O.o3), 'pending', 'Duplicate', ctx()).patch);
  place(O.o4, [L('BLACK', 'T1', 1), L('BLACK', 'T2', 1)]);
  apply(db, sendToBilling(st(O.o4), [L('BLACK', 'T2', 1)], ctx()).patch);
  apply(db, expireOrder(st(O.o4), Date.now() + 100 * DAY_MS, DEFAULT_EXPIRY, ctx())!.patch);
  apply(db, deleteOrder(st(O.o4), 'billing', 'Wrong size', ctx()).patch);
  apply(db, revertOrder(st(O.o4), 'deleted', Date.now(), DEFAULT_EXPIRY, ctx()).patch);
  apply(db, submitRetailerOrder(O.rA, { note: 'from A', lines: [L('BLACK', 'T1', 2)] }, { uid: UID.retailerA, partyId: PARTY_A }, SERVER_TIMESTAMP).patch);
  apply(db, submitRetailerOrder(O.rB, { note: 'from B', lines: [L('BLACK', 'T2', 2)] }, { uid: UID.retailerB, partyId: PARTY_B }, SERVER_TIMESTAMP).patch);
  apply(db, { [`orderExports/${O.o1}`]: { at: SERVER_TIMESTAMP, by: UID.staff } });
  // o1 and o4 are overdue: their deadline passed a day ago (expiry is due by the server's clock).
  apply(db, { [`orders/${O.o1}/expiresAt`]: Date.now() - DAY_MS, [`orders/${O.o4}/expiresAt`]: Date.now() - DAY_MS });
  return { db, data: db.get('') };
}

/** The one billing event of the seed. */
export function sentIdOf(db: RulesDb): SentId {
  const sent = db.get('sent') as Record<string, unknown>;
  return Object.keys(sent)[0] as SentId;
}
