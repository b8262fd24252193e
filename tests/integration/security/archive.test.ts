/**
 * Adversarial probe of the archive of old sent records (`sent` → `sentArchive`), against the real
 * local server with the repo's rules file. A business is built through the app's kernel and the
 * domain's transitions; then a new sign-up, a retailer and an active staff member attack the move
 * with forged emulator tokens (unsigned, as the Auth emulator accepts them) over REST (`?auth=`
 * and `Authorization: Bearer`), the firebase SDK over WebSocket, and raw WebSocket frames. Every
 * attack must be refused on every transport and leave the whole database as it was; the
 * legitimate move by staff, once the server's clock says the record is old enough, goes through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, runOrderCommand, transitionCtxOf } from '../../../src/data/orderKernel.ts';
import { archiveSent } from '../../../src/domain/archive.ts';
import { bill, sendToBilling } from '../../../src/domain/lifecycle.ts';
import { lineKey } from '../../../src/domain/lines.ts';
import { DAY_MS, SERVER_TIMESTAMP, stamp, type Patch, type TransitionCtx } from '../../../src/domain/patch.ts';
import { placeOrder } from '../../../src/domain/placement.ts';
import { parse } from '../../../src/domain/schema.ts';
import { setStock } from '../../../src/domain/stock.ts';
import type { Line, OrderId, OrderState, PartyId, ProductId, SentId, SentRecord } from '../../../src/domain/types.ts';
import { sentSchema } from '../../../src/domain/validate.ts';
import { rulesPath } from '../../support/rulesFile.ts';
import { TestDb } from '../support/dbHarness.ts';
import { Attacks, who, type Who } from './attacks.ts';

const NEWBIE = who('new sign-up (pending staff)', 'newbie');
const RETAILER = who('retailer', 'retailer-a');
const STAFF = who('active staff', 'staff-a');

/** The server's clock: real time plus a skew the test moves to make records old. */
let skew = 0;
const serverNow = (): number => Date.now() + skew;

const P1 = 'p1' as ProductId;
const L = (color: string, size: string, qty: number): Line => ({ productId: P1, color, size, qty });
const K_BS = lineKey(L('BLACK', 'S', 1));
const K_WM = lineKey(L('WHITE', 'M', 1));
const PARTY = 'party-a' as PartyId;
/** Billed 400 days before the attacks (by the server's clock). */
const O_OLD = 'ord-old' as OrderId;
/** Billed just before the attacks. */
const O_NEW = 'ord-new' as OrderId;

let db: TestDb;
let attacks: Attacks;
let oldSent: SentId;
let newSent: SentId;
let seq = 0;
const ctxOf = (w: Who): TransitionCtx => ({ now: SERVER_TIMESTAMP, actor: w.uid, newId: () => `atk-${Date.now().toString(36)}-${++seq}` });

const ownerGet = (path: string): Promise<unknown> => attacks.ownerGet(path);
async function ownerPatch(body: Record<string, unknown>): Promise<void> {
  const res = await db.rest('PATCH', '/.json', body);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
}
async function stateOf(id: OrderId): Promise<OrderState> {
  const rev = (await ownerGet(`orderRev/${id}`)) as number | null;
  return { id, rev: rev ?? 0 };
}
async function sentOf(id: SentId, path = 'sent'): Promise<SentRecord> {
  const r = parse(sentSchema, await ownerGet(`${path}/${id}`), `${path}/${id}`);
  if (!r.ok) throw new Error(`${path}/${id} does not parse`);
  return r.value;
}
/** The domain's move of `id` (of `order`) as `w`, at the server's clock. */
async function move(w: Who, order: OrderId, id: SentId, clock = serverNow()): Promise<Patch> {
  const t = archiveSent(await stateOf(order), id, await sentOf(id), clock, 365, ctxOf(w));
  if (t === null) throw new Error(`sent/${id} is not due`);
  return t.patch;
}
const without = (patch: Patch, drop: (path: string) => boolean): Patch => Object.fromEntries(Object.entries(patch).filter(([k]) => !drop(k)));

const expectRefused = (w: Who, what: string, build: () => Promise<Patch> | Patch): Promise<void> => attacks.expectRefused(w, what, build);

beforeAll(async () => {
  db = await new TestDb({ rulesFile: rulesPath(), clock: serverNow }).start();
  await ownerPatch({
    [`parties/${PARTY}`]: { name: 'Alpha Stores', area: 'Panjim' },
    'catalog/p1': { name: 'Classic Brief', sizes: ['S', 'M'], colors: [{ code: 'BLACK', name: 'Black', swatch: '#000' }, { code: 'WHITE', name: 'White', swatch: '#fff' }], active: true },
    users: {
      [STAFF.uid]: { name: 'Sam Staff', email: STAFF.email, role: 'staff', status: 'active' },
      [RETAILER.uid]: { name: 'Alpha Retail', email: RETAILER.email, role: 'retailer', status: 'active', partyId: PARTY },
      [NEWBIE.uid]: { name: 'Nikhil New', email: NEWBIE.email, role: 'staff', status: 'pending' },
    },
  });
  attacks = new Attacks(db);
  await attacks.connect([NEWBIE, RETAILER, STAFF]);
  const staffDb = attacks.client(STAFF);
  const tx = transitionCtxOf(staffDb, STAFF.uid);
  await runCommand(staffDb, async (r) => setStock([L('BLACK', 'S', 50), L('WHITE', 'M', 40)], await r.stock([K_BS, K_WM]), 'adjust', { ...tx, note: 'opening count' }));
  const billWhole = async (id: OrderId): Promise<SentId> => {
    await runCommand(staffDb, async (r) => placeOrder(id, { partyId: PARTY, partyName: 'Alpha Stores', note: 'probe', lines: [L('BLACK', 'S', 2), L('WHITE', 'M', 3)] }, await r.counter(), tx));
    await runOrderCommand(staffDb, id, (s) => sendToBilling(s, [L('BLACK', 'S', 2), L('WHITE', 'M', 3)], tx));
    const b = await runOrderCommand(staffDb, id, async (s, r) => bill(s, [L('BLACK', 'S', 2), L('WHITE', 'M', 2)], await r.stock([K_BS, K_WM]), tx));
    return b.sentId;
  };
  oldSent = await billWhole(O_OLD);
  // 400 days later by the server's clock, a second order is billed.
  skew = 400 * DAY_MS;
  newSent = await billWhole(O_NEW);
}, 60_000);

afterAll(async () => {
  await attacks?.close();
  await db?.close();
});

describe('the archive move cannot be forged or forced', () => {
  it('a record billed just now is not archived, even with a device clock a year ahead', async () => {
    await expectRefused(STAFF, 'archive a recent record', () => move(STAFF, O_NEW, newSent, serverNow() + 366 * DAY_MS));
  });

  it('a retailer and a new sign-up cannot archive an old record', async () => {
    for (const w of [RETAILER, NEWBIE]) await expectRefused(w, 'archive an old record', () => move(w, O_OLD, oldSent));
  });

  it('staff cannot remove a sent record without archiving it, archive a copy and keep it, or archive it changed', async () => {
    await expectRefused(STAFF, 'remove without the archive', async () => without(await move(STAFF, O_OLD, oldSent), (k) => k.startsWith('sentArchive/')));
    await expectRefused(STAFF, 'archive without removing', async () => without(await move(STAFF, O_OLD, oldSent), (k) => k.startsWith('sent/')));
    await expectRefused(STAFF, 'remove whole, plain', async () => ({ ...(await stamp(await stateOf(O_OLD), 'archive', ctxOf(STAFF), { detail: oldSent }).patch), [`sent/${oldSent}`]: null }));
    for (const [field, value] of [['deliveryStatus', 'delivered'], ['partyId', 'party-b'], ['billedAt', 1]] as const) {
      await expectRefused(STAFF, `archive with ${field} changed`, async () => {
        const p = await move(STAFF, O_OLD, oldSent);
        return { ...p, [`sentArchive/${oldSent}`]: { ...(p[`sentArchive/${oldSent}`] as object), [field]: value } };
      });
    }
    await expectRefused(STAFF, 'archive with a line left out', async () => {
      const p = await move(STAFF, O_OLD, oldSent);
      const rec = structuredClone(p[`sentArchive/${oldSent}`]) as { lines: Record<string, unknown> };
      delete rec.lines[K_WM];
      return { ...without(p, (k) => k === `sent/${oldSent}/lines/${K_WM}`), [`sentArchive/${oldSent}`]: rec };
    });
    await expectRefused(STAFF, 'archive without the revision bump and audit entry', async () => without(await move(STAFF, O_OLD, oldSent), (k) => /^(orderRev|orderAudit|audit)\//.test(k)));
  });
});

describe('the legitimate move, and the archive afterwards', () => {
  it('staff moves the old record through the kernel: archived unchanged, gone from sent, the tally unchanged', async () => {
    const before = await ownerGet(`sent/${oldSent}`);
    const tally = await ownerGet(`orderTally/${O_OLD}`);
    const staffDb = attacks.client(STAFF);
    await runOrderCommand(staffDb, O_OLD, async (s, r) => {
      const v = parse(sentSchema, await r.val(`sent/${oldSent}`));
      if (!v.ok) throw new Error('sent record does not parse');
      return archiveSent(s, oldSent, v.value, serverNow(), 365, transitionCtxOf(staffDb, STAFF.uid));
    });
    expect(await ownerGet(`sentArchive/${oldSent}`)).toEqual(before);
    expect(await ownerGet(`sent/${oldSent}`)).toBeNull();
    expect(await ownerGet(`orderTally/${O_OLD}`)).toEqual(tally);
    expect(await ownerGet(`sent/${newSent}`)).not.toBeNull();
  });

  it('nobody changes or removes an archived record, or puts it back in sent', async () => {
    const bump = async (w: Who): Promise<Patch> => stamp(await stateOf(O_OLD), 'delivery', ctxOf(w), { detail: `${oldSent}: delivered` }).patch;
    for (const w of [STAFF, RETAILER, NEWBIE]) {
      await expectRefused(w, 'change an archived record', async () => ({ ...(await bump(w)), [`sentArchive/${oldSent}/deliveryStatus`]: 'delivered' }));
      await expectRefused(w, 'remove an archived record', async () => ({ ...(await bump(w)), [`sentArchive/${oldSent}`]: null }));
      await expectRefused(w, 'move it back to sent', async () => ({ ...(await bump(w)), [`sent/${oldSent}`]: await ownerGet(`sentArchive/${oldSent}`) }));
    }
  });

  it('only active staff read the archive', async () => {
    expect((await attacks.read(STAFF, 'sentArchive')).status).toBe(200);
    for (const w of [RETAILER, NEWBIE]) expect(await attacks.read(w, 'sentArchive')).toEqual({ status: 401, isSdkDenied: true });
  });
});
