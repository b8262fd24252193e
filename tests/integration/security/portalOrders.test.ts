/**
 * Adversarial probe of the retailer portal's ordering rules (issue 13), against the real local
 * server with the repo's rules file and forged emulator tokens: retailer A, retailer B (another
 * party), active staff and a new sign-up, on every transport (REST `?auth=` and Bearer, the SDK
 * and raw WebSocket frames), each refusal with the whole database unchanged.
 *
 * - the abuse limit: at most 20 of a retailer's orders awaiting a decision, by the counter
 *   `retailerAwaiting/{uid}` that every submission moves in the same write (and every decision);
 * - bad input: quantities 0, negative, fractional, above 100,000; unknown and removed products;
 *   another party; a long note or reference; HTML;
 * - the counter and the stock bands cannot be forged; retailers read bands, not exact stock,
 *   unless the admin shows exact quantities.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runOrderCommand, transitionCtxOf } from '../../../src/data/orderKernel.ts';
import { SERVER_TIMESTAMP, type Patch } from '../../../src/domain/patch.ts';
import { approveRetailerOrder, rejectRetailerOrder, submitRetailerOrder } from '../../../src/domain/placement.ts';
import { parse } from '../../../src/domain/schema.ts';
import type { Line, OrderId, PartyId, ProductId } from '../../../src/domain/types.ts';
import { retailerOrderSchema } from '../../../src/domain/validate.ts';
import { rulesPath } from '../../support/rulesFile.ts';
import { TestDb } from '../support/dbHarness.ts';
import { Attacks, TRANSPORTS, who, type Who } from './attacks.ts';

const NEWBIE = who('new sign-up (pending staff)', 'newbie');
const RETAILER_A = who('retailer A', 'retailer-a');
const RETAILER_B = who('retailer B', 'retailer-b');
const STAFF = who('active staff', 'staff-a');
const ADMIN = who('admin', 'admin-a');
const PARTY_A = 'party-a' as PartyId;
const PARTY_B = 'party-b' as PartyId;

const PRODUCT = { name: 'Classic Brief', sizes: ['S', 'M'], colors: [{ code: 'BLACK', name: 'Black', swatch: '#000' }], active: true };
const L = (qty: number, productId = 'p1'): Line => ({ productId: productId as ProductId, color: 'BLACK', size: 'S', qty });

let db: TestDb;
let attacks: Attacks;
let seq = 0;

/** A fresh retailer order of `w` for `partyId`, as the portal writes it, with `change` applied to the record. */
function submission(w: Who, partyId: PartyId, opts: { lines?: Line[]; note?: string; reference?: string; record?: Record<string, unknown> } = {}): Patch {
  const id = `r-${++seq}` as OrderId;
  const { patch } = submitRetailerOrder(id, { note: opts.note ?? 'weekly', lines: opts.lines ?? [L(5)], ...(opts.reference !== undefined && { reference: opts.reference }) }, { uid: w.uid, partyId }, SERVER_TIMESTAMP);
  const path = `retailerOrders/${id}`;
  return opts.record === undefined ? patch : { ...patch, [path]: { ...(patch[path] as object), ...opts.record } };
}
/** A line written as given (the domain would refuse to build it). */
const rawLine = (qty: unknown, productId = 'p1') => ({ record: { lines: [{ productId, color: 'BLACK', size: 'S', qty }] } });

const setCounter = async (uid: string, submitted: number, decided = 0): Promise<void> => {
  const res = await db.rest('PUT', `/retailerAwaiting/${uid}.json`, { submitted, decided, by: 'seed' });
  expect(res.status).toBe(200);
};
const counterOf = async (uid: string): Promise<{ submitted?: number; decided?: number; by?: string } | null> =>
  (await attacks.ownerGet(`retailerAwaiting/${uid}`)) as { submitted?: number; decided?: number; by?: string } | null;

beforeAll(async () => {
  db = await new TestDb({ rulesFile: rulesPath() }).start();
  const res = await db.rest('PATCH', '/.json', {
    'catalog/p1': { ...PRODUCT, updatedAt: Date.now() },
    'catalog/p-off': { ...PRODUCT, name: 'Old Vest', active: false, updatedAt: Date.now() },
    users: {
      [STAFF.uid]: { name: 'Sam Staff', email: STAFF.email, role: 'staff', status: 'active' },
      [ADMIN.uid]: { name: 'Asha Admin', email: ADMIN.email, role: 'admin', status: 'active' },
      [RETAILER_A.uid]: { name: 'Alpha Retail', email: RETAILER_A.email, role: 'retailer', status: 'active', partyId: PARTY_A },
      [RETAILER_B.uid]: { name: 'Beta Retail', email: RETAILER_B.email, role: 'retailer', status: 'active', partyId: PARTY_B },
      [NEWBIE.uid]: { name: 'Nikhil New', email: NEWBIE.email, role: 'staff', status: 'pending' },
    },
    [`parties/${PARTY_A}`]: { name: 'Alpha Stores', area: 'Panjim', updatedAt: Date.now() },
    [`parties/${PARTY_B}`]: { name: 'Beta Traders', area: 'Margao', updatedAt: Date.now() },
    'stock/p1~BLACK~S': { productId: 'p1', color: 'BLACK', size: 'S', qty: 7, updatedAt: Date.now(), ledgerId: 'l0' },
    'stockBands/p1~BLACK~S': 'low',
  });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  attacks = new Attacks(db);
  await attacks.connect([NEWBIE, RETAILER_A, RETAILER_B, STAFF, ADMIN]);
}, 60_000);

afterAll(async () => {
  await attacks?.close();
  await db?.close();
});

describe('at most 20 orders awaiting a decision per retailer', () => {
  beforeEach(async () => setCounter(RETAILER_A.uid, 0));

  it('the 21st awaiting order is refused on every transport; the 20th goes through and moves the counter', async () => {
    await setCounter(RETAILER_A.uid, 19);
    const res = await attacks.attempt('rest ?auth=', RETAILER_A, submission(RETAILER_A, PARTY_A));
    expect(res, res.detail).toMatchObject({ ok: true });
    expect(await counterOf(RETAILER_A.uid)).toMatchObject({ submitted: 20, decided: 0, by: `r-${seq}` });
    await attacks.expectRefused(RETAILER_A, 'a 21st awaiting order', () => submission(RETAILER_A, PARTY_A));
  });

  it('a submission without its counter move, or with the counter moved by more than one, is refused', async () => {
    const without = (): Patch => Object.fromEntries(Object.entries(submission(RETAILER_A, PARTY_A)).filter(([k]) => !k.startsWith('retailerAwaiting/')));
    await attacks.expectRefused(RETAILER_A, 'a submission that leaves the counter alone', without);
    await attacks.expectRefused(RETAILER_A, 'a submission that sets submitted back to 0', () => ({ ...submission(RETAILER_A, PARTY_A), [`retailerAwaiting/${RETAILER_A.uid}/submitted`]: 0 }));
    await attacks.expectRefused(RETAILER_A, "a submission that also counts a decision", () => ({ ...submission(RETAILER_A, PARTY_A), [`retailerAwaiting/${RETAILER_A.uid}/decided`]: 1 }));
  });

  it('a decision frees a place: after the admin rejects one of 20, the retailer may send one more, and no more', async () => {
    await setCounter(RETAILER_A.uid, 19);
    const first = submission(RETAILER_A, PARTY_A);
    expect((await attacks.attempt('sdk', RETAILER_A, first)).ok).toBe(true);
    const id = `r-${seq}` as OrderId;
    await attacks.expectRefused(RETAILER_A, 'a 21st awaiting order', () => submission(RETAILER_A, PARTY_A));
    const adminDb = attacks.client(ADMIN);
    await runOrderCommand(adminDb, id, async (s, r) => {
      const req = parse(retailerOrderSchema, await r.val(`retailerOrders/${id}`));
      if (!req.ok) throw new Error(JSON.stringify(req.errors));
      return rejectRetailerOrder(s, req.value, 'Out of season', transitionCtxOf(adminDb, ADMIN.uid));
    });
    expect(await counterOf(RETAILER_A.uid)).toMatchObject({ submitted: 20, decided: 1, by: id });
    expect((await attacks.attempt('ws raw', RETAILER_A, submission(RETAILER_A, PARTY_A))).ok).toBe(true);
    await attacks.expectRefused(RETAILER_A, 'a 21st awaiting order after the decision', () => submission(RETAILER_A, PARTY_A));
  });

  it('an approval counts as a decision in the same write', async () => {
    expect((await attacks.attempt('rest Bearer', RETAILER_A, submission(RETAILER_A, PARTY_A))).ok).toBe(true);
    const id = `r-${seq}` as OrderId;
    const adminDb = attacks.client(ADMIN);
    await runOrderCommand(adminDb, id, async (s, r) => {
      const req = parse(retailerOrderSchema, await r.val(`retailerOrders/${id}`));
      if (!req.ok) throw new Error(JSON.stringify(req.errors));
      return approveRetailerOrder(s, req.value, 'Alpha Stores', await r.counter(), transitionCtxOf(adminDb, ADMIN.uid));
    });
    expect(await counterOf(RETAILER_A.uid)).toMatchObject({ submitted: 1, decided: 1, by: id });
  });

  it('nobody can move the counter without an order or a decision', async () => {
    await setCounter(RETAILER_A.uid, 20);
    for (const w of [RETAILER_A, RETAILER_B, STAFF, NEWBIE]) {
      await attacks.expectRefused(w, "retailer A's decided + 1 with no decision", () => ({ [`retailerAwaiting/${RETAILER_A.uid}/decided`]: 1, [`retailerAwaiting/${RETAILER_A.uid}/by`]: 'seed' }));
      await attacks.expectRefused(w, "retailer A's counter reset", () => ({ [`retailerAwaiting/${RETAILER_A.uid}`]: { submitted: 0, decided: 0, by: 'x' } }));
      await attacks.expectRefused(w, "retailer A's counter removed", () => ({ [`retailerAwaiting/${RETAILER_A.uid}`]: null }));
      await attacks.expectRefused(w, "retailer A's submitted count dropped from the counter", () => ({ [`retailerAwaiting/${RETAILER_A.uid}`]: { decided: 0, by: 'seed' } }));
      await attacks.expectRefused(w, "retailer A's submitted count lowered", () => ({ [`retailerAwaiting/${RETAILER_A.uid}/submitted`]: 3 }));
    }
  });
});

describe("a retailer's order: own party, known products, whole quantities 1..100,000, bounded text, no HTML", () => {
  beforeEach(async () => setCounter(RETAILER_A.uid, 0));

  const BAD: [string, () => Patch][] = [
    ['quantity 0', () => submission(RETAILER_A, PARTY_A, rawLine(0))],
    ['a negative quantity', () => submission(RETAILER_A, PARTY_A, rawLine(-3))],
    ['a fractional quantity', () => submission(RETAILER_A, PARTY_A, rawLine(1.5))],
    ['a quantity above 100,000', () => submission(RETAILER_A, PARTY_A, rawLine(100_001))],
    ['a quantity as text', () => submission(RETAILER_A, PARTY_A, rawLine('5'))],
    ['an unknown product', () => submission(RETAILER_A, PARTY_A, { lines: [L(1, 'p-none')] })],
    ['a removed product (no longer sold)', () => submission(RETAILER_A, PARTY_A, { lines: [L(1, 'p-off')] })],
    ["another party (retailer B's)", () => submission(RETAILER_A, PARTY_B)],
    ["another retailer's name", () => submission(RETAILER_A, PARTY_A, { record: { retailerUid: RETAILER_B.uid } })],
    ['a note of 10,000 characters', () => submission(RETAILER_A, PARTY_A, { note: 'x'.repeat(10_000) })],
    ['a note of 501 characters', () => submission(RETAILER_A, PARTY_A, { note: 'x'.repeat(501) })],
    ['HTML in the note', () => submission(RETAILER_A, PARTY_A, { note: 'hi <img src=x onerror=alert(1)>' })],
    ['a reference of 41 characters', () => submission(RETAILER_A, PARTY_A, { reference: 'R'.repeat(41) })],
    ['HTML in the reference', () => submission(RETAILER_A, PARTY_A, { reference: '<b>PO-7</b>' })],
    ['already decided (status approved)', () => submission(RETAILER_A, PARTY_A, { record: { status: 'approved' } })],
  ];
  it.each(BAD)('%s is refused', async (what, build) => {
    await attacks.expectRefused(RETAILER_A, what, build);
  });

  it('the good order beside them is accepted: 100,000 pieces, a 40-character reference, a 500-character note with "<" in plain text', async () => {
    const res = await attacks.attempt('sdk', RETAILER_A, submission(RETAILER_A, PARTY_A, { lines: [L(100_000)], reference: 'R'.repeat(40), note: `qty < 5 please ${'x'.repeat(485)}` }));
    expect(res, res.detail).toMatchObject({ ok: true });
    expect(await attacks.ownerGet(`retailerOrders/r-${seq}/reference`)).toBe('R'.repeat(40));
  });

  it("retailer B, staff and a new sign-up cannot submit in retailer A's name", async () => {
    for (const w of [RETAILER_B, STAFF, NEWBIE]) await attacks.expectRefused(w, "an order in retailer A's name", () => submission(RETAILER_A, PARTY_A));
    await attacks.expectRefused(STAFF, 'a retailer order of their own', () => submission(STAFF, PARTY_A));
    await attacks.expectRefused(NEWBIE, 'a retailer order of their own', () => submission(NEWBIE, PARTY_A));
  });
});

describe('what retailers see of stock', () => {
  it('bands by default: retailers read stockBands and their own counter, never exact stock nor another counter', async () => {
    await setCounter(RETAILER_B.uid, 1);
    for (const w of [RETAILER_A, RETAILER_B]) {
      expect(await attacks.read(w, 'stock')).toMatchObject({ status: 401, isSdkDenied: true });
      expect(await attacks.read(w, 'stockBands')).toMatchObject({ status: 200, isSdkDenied: false });
    }
    expect(await attacks.read(RETAILER_A, `retailerAwaiting/${RETAILER_A.uid}`)).toMatchObject({ status: 200 });
    expect(await attacks.read(RETAILER_A, `retailerAwaiting/${RETAILER_B.uid}`)).toMatchObject({ status: 401, isSdkDenied: true });
    expect(await attacks.read(NEWBIE, 'stockBands')).toMatchObject({ status: 401, isSdkDenied: true });
    expect(await attacks.read(STAFF, 'stock')).toMatchObject({ status: 200 });
  });

  it('with exact quantities chosen by the admin, retailers read stock; only an admin may choose', async () => {
    for (const w of [RETAILER_A, STAFF, NEWBIE]) await attacks.expectRefused(w, 'show retailers exact stock', () => ({ 'settings/retailerStock': 'exact' }));
    await attacks.expectRefused(ADMIN, 'an unknown choice', () => ({ 'settings/retailerStock': 'everything' }));
    expect((await attacks.attempt('rest Bearer', ADMIN, { 'settings/retailerStock': 'exact' })).ok).toBe(true);
    expect(await attacks.read(RETAILER_A, 'stock')).toMatchObject({ status: 200, isSdkDenied: false });
    expect(await attacks.read(RETAILER_A, 'settings/retailerStock')).toMatchObject({ status: 200 });
    expect(await attacks.read(RETAILER_A, 'settings')).toMatchObject({ status: 401 });
    expect((await attacks.attempt('rest Bearer', ADMIN, { 'settings/retailerStock': 'bands' })).ok).toBe(true);
    expect(await attacks.read(RETAILER_A, 'stock')).toMatchObject({ status: 401 });
  });

  it('a band that does not match the stock quantity is refused, even from staff', async () => {
    for (const w of [STAFF, RETAILER_A, NEWBIE]) {
      await attacks.expectRefused(w, 'band out for 7 pieces', () => ({ 'stockBands/p1~BLACK~S': 'out' }));
      await attacks.expectRefused(w, 'band in for 7 pieces', () => ({ 'stockBands/p1~BLACK~S': 'in' }));
    }
    for (const transport of TRANSPORTS) expect((await attacks.attempt(transport, STAFF, { 'stockBands/p1~BLACK~S': 'low' })).ok, transport).toBe(true);
  });
});
