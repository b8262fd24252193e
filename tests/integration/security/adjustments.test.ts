/**
 * Adversarial probe of issue 13's admin side against the real local server with the repo's rules
 * file, over REST (`?auth=`, Bearer), the SDK and raw WebSocket frames, with forged emulator tokens:
 * - `retailerOrders/{id}/adjustments` and `adjustReason`: no retailer (own order or another's),
 *   new sign-up or staff member may write them; an admin only in the approval, with values that
 *   match the approved order and the request, never afterwards;
 * - `users/{uid}/status: disabled`: the retailer reads and writes nothing, and their open listens
 *   are revoked at once; enabled again, access returns.
 */
import { onValue, ref } from 'firebase/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineKey } from '../../../src/domain/lines.ts';
import { SERVER_TIMESTAMP, stamp, type Patch, type TransitionCtx } from '../../../src/domain/patch.ts';
import { approveRetailerOrder, submitRetailerOrder } from '../../../src/domain/placement.ts';
import type { Line, OrderId, PartyId, ProductId, RetailerOrder } from '../../../src/domain/types.ts';
import { rulesPath } from '../../support/rulesFile.ts';
import { TestDb, until } from '../support/dbHarness.ts';
import { rawClient } from '../support/rawWs.ts';
import { Attacks, tokenOf, TRANSPORTS, who, type Who } from './attacks.ts';

const NEWBIE = who('new sign-up (pending staff)', 'newbie');
const RETAILER = who('retailer A', 'retailer-a');
const RETAILER_B = who('retailer B (another party)', 'retailer-b');
const STAFF = who('active staff', 'staff-a');
const ADMIN = who('admin', 'admin-a');
const PARTY_A = 'party-a' as PartyId;

const line = (color: string, qty: number): Line => ({ productId: 'p1' as ProductId, color, size: 'M', qty });
const REQUEST = [line('RED', 4), line('BLUE', 3)];
const RED = lineKey(REQUEST[0] as Line);
const BLUE = lineKey(REQUEST[1] as Line);

let db: TestDb;
let attacks: Attacks;
let seq = 0;
const ctx = (w: Who): TransitionCtx => ({ now: SERVER_TIMESTAMP, actor: w.uid, newId: () => `adj-${w.uid}-${++seq}` });

async function request(id: string): Promise<RetailerOrder> {
  return (await attacks.ownerGet(`retailerOrders/${id}`)) as RetailerOrder;
}
/** The admin's approval of `id` reducing red to 2 and removing blue, built by the domain, optionally forged after. */
async function approval(id: string, w: Who = ADMIN, forge: (p: Patch) => Patch = (p) => p): Promise<Patch> {
  const counter = Number((await attacks.ownerGet('counters/orderNumber')) ?? 0);
  return forge(approveRetailerOrder({ id: id as OrderId, rev: 0 }, await request(id), 'Alpha Stores', counter, ctx(w), { qty: [2, 0], reason: 'Blue is sold out' }).patch);
}
async function submit(id: string): Promise<void> {
  const res = await db.rest('PATCH', '/.json', submitRetailerOrder(id as OrderId, { note: '', lines: REQUEST }, { uid: RETAILER.uid, partyId: PARTY_A }, Date.now()).patch);
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  db = await new TestDb({ rulesFile: rulesPath() }).start();
  const res = await db.rest('PATCH', '/.json', {
    users: {
      [STAFF.uid]: { name: 'Sam Staff', email: STAFF.email, role: 'staff', status: 'active' },
      [ADMIN.uid]: { name: 'Asha Admin', email: ADMIN.email, role: 'admin', status: 'active' },
      [RETAILER.uid]: { name: 'Alpha Retail', email: RETAILER.email, role: 'retailer', status: 'active', partyId: PARTY_A },
      [RETAILER_B.uid]: { name: 'Beta Retail', email: RETAILER_B.email, role: 'retailer', status: 'active', partyId: 'party-b' },
      [NEWBIE.uid]: { name: 'Nikhil New', email: NEWBIE.email, role: 'staff', status: 'pending' },
    },
    parties: { [PARTY_A]: { name: 'Alpha Stores', area: 'Panjim', updatedAt: Date.now() }, 'party-b': { name: 'Beta Stores', area: 'Margao', updatedAt: Date.now() } },
    'catalog/p1': { name: 'Tee', sizes: ['M'], colors: [{ code: 'RED', name: 'Red', swatch: '#f00' }], active: true, updatedAt: Date.now() },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  for (const id of ['ro-1', 'ro-2', 'ro-3', ...TRANSPORTS.map((_, i) => `ro-t${i}`)]) await submit(id);
  attacks = new Attacks(db);
  await attacks.connect([NEWBIE, RETAILER, RETAILER_B, STAFF, ADMIN]);
}, 60_000);

afterAll(async () => {
  await attacks?.close();
  await db?.close();
});

describe('adjustments of a retailer order', () => {
  it('no retailer, second retailer, new sign-up or staff member may write adjustments or a reason, alone or in a whole approval', async () => {
    const forged = (): Patch => ({ [`retailerOrders/ro-1/adjustments/${RED}`]: { line: 0, from: 4, to: 1 }, 'retailerOrders/ro-1/adjustReason': 'changed by me' });
    for (const w of [RETAILER, RETAILER_B, NEWBIE, STAFF]) {
      await attacks.expectRefused(w, 'write adjustments into a submitted order', forged);
      await attacks.expectRefused(w, 'approve with adjustments', () => approval('ro-1', w));
    }
    // A retailer cannot submit an order that arrives "already adjusted".
    await attacks.expectRefused(RETAILER, 'submit with adjustments', () => {
      const p = submitRetailerOrder(`ro-new-${++seq}` as OrderId, { note: '', lines: REQUEST }, { uid: RETAILER.uid, partyId: PARTY_A }, SERVER_TIMESTAMP).patch;
      const [[path, record]] = Object.entries(p) as [[string, object]];
      return { [path]: { ...record, adjustments: { [RED]: { line: 0, from: 4, to: 1 } }, adjustReason: 'x' } };
    });
  });

  it('an admin may not record adjustments that do not match the approved order or the request', async () => {
    const adj = 'retailerOrders/ro-2/adjustments';
    const cases: [string, (p: Patch) => Patch][] = [
      ['to ≠ the order', (p) => ({ ...p, [adj]: { [RED]: { line: 0, from: 4, to: 3 }, [BLUE]: { line: 1, from: 3, to: 0 } } })],
      ['from ≠ the request', (p) => ({ ...p, [adj]: { [RED]: { line: 0, from: 5, to: 2 }, [BLUE]: { line: 1, from: 3, to: 0 } } })],
      ['an increase', (p) => ({ ...p, [adj]: { [RED]: { line: 0, from: 4, to: 5 }, [BLUE]: { line: 1, from: 3, to: 0 } } })],
      ['a negative quantity', (p) => ({ ...p, [adj]: { [RED]: { line: 0, from: 4, to: -2 }, [BLUE]: { line: 1, from: 3, to: 0 } } })],
      ['a fractional quantity', (p) => ({ ...p, [adj]: { [RED]: { line: 0, from: 4, to: 1.5 }, [BLUE]: { line: 1, from: 3, to: 0 } } })],
      ['an empty reason', (p) => ({ ...p, 'retailerOrders/ro-2/adjustReason': '' })],
      ['a 10,000-character reason', (p) => ({ ...p, 'retailerOrders/ro-2/adjustReason': 'x'.repeat(10_000) })],
      ['no reason', (p) => ({ ...p, 'retailerOrders/ro-2/adjustReason': null })],
    ];
    for (const [what, forge] of cases) await attacks.expectRefused(ADMIN, `approve with ${what}`, () => approval('ro-2', ADMIN, forge));
    expect(await attacks.ownerGet('retailerOrders/ro-2/status')).toBe('submitted');
  });

  it('an admin approving with real adjustments is accepted on every transport, and the order holds the reduced quantity', async () => {
    for (const [i, transport] of TRANSPORTS.entries()) {
      const id = `ro-t${i}`;
      const res = await attacks.attempt(transport, ADMIN, await approval(id));
      expect(res, `${transport}: ${res.detail}`).toMatchObject({ ok: true });
      expect(await attacks.ownerGet(`orders/${id}/lines/${RED}/qty`)).toBe(2);
      expect(await attacks.ownerGet(`orders/${id}/lines/${BLUE}`)).toBeNull();
      expect(await attacks.ownerGet(`retailerOrders/${id}/adjustments`)).toEqual({ [RED]: { line: 0, from: 4, to: 2 }, [BLUE]: { line: 1, from: 3, to: 0 } });
    }
  });

  it('after the approval nobody changes or removes them, even with the revision bump', async () => {
    const id = 'ro-t0';
    const bumped = async (w: Who, change: Patch): Promise<Patch> => {
      const rev = Number(await attacks.ownerGet(`orderRev/${id}`));
      return { ...stamp({ id: id as OrderId, rev }, 'pick', ctx(w)).patch, ...change };
    };
    const changes: [string, Patch][] = [
      ['a changed to', { [`retailerOrders/${id}/adjustments/${RED}/to`]: 1 }],
      ['a new adjustment', { [`retailerOrders/${id}/adjustments/p1~GREEN~M`]: { line: 1, from: 3, to: 1 } }],
      ['a changed reason', { [`retailerOrders/${id}/adjustReason`]: 'rewritten' }],
      ['the reason removed', { [`retailerOrders/${id}/adjustReason`]: null }],
      ['all adjustments removed', { [`retailerOrders/${id}/adjustments`]: null }],
    ];
    for (const w of [ADMIN, STAFF]) for (const [what, change] of changes) await attacks.expectRefused(w, what, () => bumped(w, change));
    for (const w of [RETAILER, RETAILER_B, NEWBIE]) for (const [what, change] of changes) await attacks.expectRefused(w, what, () => change);
  });
});

describe('a disabled retailer', () => {
  const setStatus = async (status: string) => expect((await db.rest('PATCH', `/users/${RETAILER.uid}.json`, { status })).status).toBe(200);

  it('reads and writes nothing, over REST and WebSocket, and loses open listens at once; enabled again, it is back', async () => {
    const sdk = attacks.client(RETAILER);
    let cancelled: Error | null = null;
    let seen = 0;
    const stop = onValue(ref(sdk, `parties/${PARTY_A}`), () => void seen++, (e) => void (cancelled = e));
    await until(() => seen > 0, 'first party snapshot');
    const raw = await rawClient(db.port);
    expect((await raw.request('auth', { cred: tokenOf(RETAILER) })).s).toBe('ok');
    expect((await raw.request('q', { p: `/parties/${PARTY_A}`, h: '' })).s).toBe('ok');

    await setStatus('disabled');
    await until(() => cancelled !== null, 'the SDK listen cancelled', 10_000);
    await raw.next((m) => JSON.stringify(m).includes('"a":"c"') && JSON.stringify(m).includes(`/parties/${PARTY_A}`), 10_000);
    stop();

    for (const path of [`parties/${PARTY_A}`, 'catalog', 'stock', 'meta/firstAdmin']) expect(await attacks.read(RETAILER, path), path).toEqual({ status: 401, isSdkDenied: true });
    expect((await raw.request('q', { p: '/catalog', h: '' })).s).toBe('permission_denied');
    await attacks.expectRefused(RETAILER, 'submit an order while disabled', () =>
      submitRetailerOrder(`ro-dis-${++seq}` as OrderId, { note: '', lines: REQUEST }, { uid: RETAILER.uid, partyId: PARTY_A }, SERVER_TIMESTAMP).patch,
    );
    await attacks.expectRefused(RETAILER, 'write presence while disabled', () => ({ [`presence/${RETAILER.uid}`]: { online: true, lastSeen: Date.now() - 1000 } }));
    // Nor can they enable themselves; other retailers are unaffected.
    await attacks.expectRefused(RETAILER, 'enable themselves', () => ({ [`users/${RETAILER.uid}/status`]: 'active' }));
    expect((await attacks.read(RETAILER_B, 'parties/party-b')).status).toBe(200);

    await setStatus('active');
    expect(await attacks.read(RETAILER, `parties/${PARTY_A}`)).toEqual({ status: 200, isSdkDenied: false });
    expect((await raw.request('q', { p: '/catalog', h: '' })).s).toBe('ok');
    await raw.close();
  });

  it('only an admin with a recent sign-in may disable or enable an account', async () => {
    for (const w of [RETAILER_B, NEWBIE, STAFF]) await attacks.expectRefused(w, 'disable retailer A', () => ({ [`users/${RETAILER.uid}/status`]: 'disabled' }));
    const res = await attacks.attempt('rest ?auth=', ADMIN, { [`users/${RETAILER.uid}/status`]: 'disabled' });
    expect(res).toMatchObject({ ok: true });
    expect((await attacks.attempt('sdk', ADMIN, { [`users/${RETAILER.uid}/status`]: 'active' })).ok).toBe(true);
    await attacks.expectRefused(ADMIN, 'a status that does not exist', () => ({ [`users/${RETAILER.uid}/status`]: 'frozen' }));
  });
});
