/**
 * Adversarial probe of the pending orders' change stamps and tombstones (`orders/{id}/updatedAt`,
 * `gone/orders/{id}`), against the real local server with the repo's rules file. Orders are placed
 * and changed through the app's kernel; then a new sign-up, a retailer and an active staff member
 * attack with forged emulator tokens over REST (`?auth=`, Bearer), the SDK and raw WebSocket
 * frames (tests/integration/security/attacks.ts). Nobody but active staff reads `gone/`; nobody
 * writes a tombstone outside the removal it records, backdates one, removes an order without one,
 * re-creates an order leaving one, changes a pending order without stamping it, or trims a
 * tombstone before GONE_KEEP_DAYS. The legitimate removal and trim by staff go through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trimTombstones } from '../../../src/data/housekeeping.ts';
import { readOrderState, runCommand, runOrderCommand, transitionCtxOf } from '../../../src/data/orderKernel.ts';
import { deleteOrder, DEFAULT_EXPIRY, revertOrder, setPicked } from '../../../src/domain/lifecycle.ts';
import { DAY_MS, SERVER_TIMESTAMP, type Patch, type TransitionCtx } from '../../../src/domain/patch.ts';
import { placeOrder } from '../../../src/domain/placement.ts';
import { GONE_KEEP_DAYS } from '../../../src/domain/snapshot.ts';
import type { Line, OrderId, PartyId, ProductId } from '../../../src/domain/types.ts';
import { rulesPath } from '../../support/rulesFile.ts';
import { TestDb } from '../support/dbHarness.ts';
import { Attacks, who, type Who } from './attacks.ts';

const NEWBIE = who('new sign-up (pending staff)', 'newbie');
const RETAILER = who('retailer', 'retailer-a');
const STAFF = who('active staff', 'staff-a');
const EVERYONE = [NEWBIE, RETAILER, STAFF];

/** The server's clock: real time plus a skew the test moves to make tombstones old. */
let skew = 0;
const serverNow = (): number => Date.now() + skew;

const LINE: Line = { productId: 'p1' as ProductId, color: 'BLACK', size: 'S', qty: 3 };
const PARTY = 'party-a' as PartyId;
/** Pending throughout. */
const O_KEPT = 'ord-kept' as OrderId;
/** Deleted from pending by staff before the attacks: it has a tombstone. */
const O_GONE = 'ord-gone' as OrderId;

let db: TestDb;
let attacks: Attacks;
let seq = 0;
const ctxOf = (w: Who): TransitionCtx => ({ now: SERVER_TIMESTAMP, actor: w.uid, newId: () => `atk-${Date.now().toString(36)}-${++seq}` });
const without = (patch: Patch, ...keys: string[]): Patch => Object.fromEntries(Object.entries(patch).filter(([k]) => !keys.includes(k)));
const state = (id: OrderId) => readOrderState(attacks.client(STAFF), id);
const tombOf = (id: OrderId): string => `gone/orders/${id}`;

beforeAll(async () => {
  db = await new TestDb({ rulesFile: rulesPath(), clock: serverNow }).start();
  const res = await db.rest('PATCH', '/.json', {
    [`parties/${PARTY}`]: { name: 'Alpha Stores', area: 'Panjim' },
    'catalog/p1': { name: 'Classic Brief', sizes: ['S'], colors: [{ code: 'BLACK', name: 'Black', swatch: '#000' }], active: true },
    users: {
      [STAFF.uid]: { name: 'Sam Staff', email: STAFF.email, role: 'staff', status: 'active' },
      [RETAILER.uid]: { name: 'Alpha Retail', email: RETAILER.email, role: 'retailer', status: 'active', partyId: PARTY },
      [NEWBIE.uid]: { name: 'Nikhil New', email: NEWBIE.email, role: 'staff', status: 'pending' },
    },
  });
  expect(res.status).toBe(200);
  attacks = new Attacks(db);
  await attacks.connect(EVERYONE);
  const staffDb = attacks.client(STAFF);
  const tx = transitionCtxOf(staffDb, STAFF.uid);
  for (const id of [O_KEPT, O_GONE]) await runCommand(staffDb, async (r) => placeOrder(id, { partyId: PARTY, partyName: 'Alpha Stores', note: 'probe', lines: [LINE] }, await r.counter(), tx));
  await runOrderCommand(staffDb, O_GONE, (s) => deleteOrder(s, 'pending', 'Duplicate', tx));
}, 60_000);

afterAll(async () => {
  await attacks?.close();
  await db?.close();
});

describe('the legitimate writes', () => {
  it('placing and deleting stamp the server time: the pending record its updatedAt, the removal its tombstone', async () => {
    const at = (await attacks.ownerGet(tombOf(O_GONE))) as number;
    expect(Math.abs(at - serverNow())).toBeLessThan(60_000);
    expect(await attacks.ownerGet(`orders/${O_GONE}`)).toBeNull();
    expect(typeof (await attacks.ownerGet(`orders/${O_KEPT}/updatedAt`))).toBe('number');
    expect(await attacks.ownerGet(tombOf(O_KEPT))).toBeNull();
  });
});

describe('only active staff read the tombstones', () => {
  it.each(['gone/orders', `gone/orders/${O_GONE}`])('%s: refused to a retailer and a new sign-up over REST and the SDK', async (path) => {
    expect((await attacks.read(STAFF, path)).status).toBe(200);
    for (const w of [RETAILER, NEWBIE]) expect(await attacks.read(w, path), w.label).toEqual({ status: 401, isSdkDenied: true });
  });

  it('gone/ itself is read by nobody (only its orders are granted, to staff)', async () => {
    for (const w of EVERYONE) expect(await attacks.read(w, 'gone'), w.label).toEqual({ status: 401, isSdkDenied: true });
  });
});

describe('tombstones cannot be forged', () => {
  it('nobody writes a tombstone for an order that stays pending, alone or riding on its own transition', async () => {
    for (const w of EVERYONE) {
      await attacks.expectRefused(w, 'a tombstone of a pending order', () => ({ [tombOf(O_KEPT)]: SERVER_TIMESTAMP }));
      await attacks.expectRefused(w, 'a tombstone riding on a picking save', async () => ({ ...setPicked(await state(O_KEPT), [{ ...LINE, qty: 1 }], ctxOf(w)).patch, [tombOf(O_KEPT)]: SERVER_TIMESTAMP }));
    }
  });

  it('nobody writes a tombstone for an order that was never placed', async () => {
    for (const w of EVERYONE) await attacks.expectRefused(w, 'a tombstone of a made-up order', () => ({ 'gone/orders/ord-never': SERVER_TIMESTAMP }));
  });

  it('nobody backdates or moves an existing tombstone, or writes elsewhere under gone/', async () => {
    for (const w of EVERYONE) {
      await attacks.expectRefused(w, 'a backdated tombstone', () => ({ [tombOf(O_GONE)]: serverNow() - 2 * GONE_KEEP_DAYS * DAY_MS }));
      await attacks.expectRefused(w, 'a tombstone moved to now', () => ({ [tombOf(O_GONE)]: SERVER_TIMESTAMP }));
      await attacks.expectRefused(w, 'another tombstone collection', () => ({ 'gone/billing/ord-kept': SERVER_TIMESTAMP }));
    }
  });

  it('a retailer and a new sign-up cannot remove a pending order, with or without its tombstone', async () => {
    for (const w of [RETAILER, NEWBIE]) {
      await attacks.expectRefused(w, 'delete a pending order', async () => deleteOrder(await state(O_KEPT), 'pending', 'Cancelled', ctxOf(w)).patch);
      await attacks.expectRefused(w, 'delete a pending order without its tombstone', async () => without(deleteOrder(await state(O_KEPT), 'pending', 'Cancelled', ctxOf(w)).patch, tombOf(O_KEPT)));
    }
  });
});

describe('staff cannot skip or bend the stamps', () => {
  it('no removal of a pending order without its tombstone, or with one that is not now', async () => {
    const removal = async (): Promise<Patch> => deleteOrder(await state(O_KEPT), 'pending', 'Cancelled', ctxOf(STAFF)).patch;
    await attacks.expectRefused(STAFF, 'delete without the tombstone', async () => without(await removal(), tombOf(O_KEPT)));
    await attacks.expectRefused(STAFF, 'delete with a backdated tombstone', async () => ({ ...(await removal()), [tombOf(O_KEPT)]: serverNow() - 2 * GONE_KEEP_DAYS * DAY_MS }));
    await attacks.expectRefused(STAFF, 'delete with a tombstone in the future', async () => ({ ...(await removal()), [tombOf(O_KEPT)]: serverNow() + DAY_MS }));
  });

  it('no change of a pending order without stamping it now', async () => {
    const pick = async (): Promise<Patch> => setPicked(await state(O_KEPT), [{ ...LINE, qty: 2 }], ctxOf(STAFF)).patch;
    await attacks.expectRefused(STAFF, 'a picking save without updatedAt', async () => without(await pick(), `orders/${O_KEPT}/updatedAt`));
    await attacks.expectRefused(STAFF, 'a picking save with an old updatedAt', async () => ({ ...(await pick()), [`orders/${O_KEPT}/updatedAt`]: serverNow() - DAY_MS }));
  });

  it('no re-creation of a removed order that leaves its tombstone', async () => {
    await attacks.expectRefused(STAFF, 'revert keeping the tombstone', async () => without(revertOrder(await state(O_GONE), 'deleted', serverNow(), DEFAULT_EXPIRY, ctxOf(STAFF)).patch, tombOf(O_GONE)));
  });

  it('no trim of a tombstone younger than GONE_KEEP_DAYS, by anyone', async () => {
    for (const w of EVERYONE) await attacks.expectRefused(w, 'trim a young tombstone', () => ({ [tombOf(O_GONE)]: null }));
    expect(await trimTombstones(attacks.client(STAFF), serverNow())).toBe(0);
    expect(await attacks.ownerGet(tombOf(O_GONE))).not.toBeNull();
  });
});

describe('the trim, once the keep window has passed by the server clock', () => {
  it('a retailer and a new sign-up still cannot trim; staff trim through the housekeeping step', async () => {
    skew = (GONE_KEEP_DAYS + 1) * DAY_MS;
    for (const w of [RETAILER, NEWBIE]) await attacks.expectRefused(w, 'trim an old tombstone', () => ({ [tombOf(O_GONE)]: null }));
    expect(await trimTombstones(attacks.client(STAFF), serverNow())).toBe(1);
    expect(await attacks.ownerGet(tombOf(O_GONE))).toBeNull();
    expect(await attacks.ownerGet(`orders/${O_KEPT}`)).not.toBeNull();
  });
});
