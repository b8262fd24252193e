/**
 * Adversarial probe of the catalogue's and the parties' change stamps and tombstones
 * (`catalog/{id}/updatedAt`, `parties/{id}/updatedAt`, `gone/catalog/{id}`, `gone/parties/{id}`),
 * against the real local server with the repo's rules file. A new sign-up, a retailer, an active
 * staff member and an admin attack with forged emulator tokens over REST (`?auth=`, Bearer), the
 * SDK and raw WebSocket frames (tests/integration/security/attacks.ts). Nobody but active staff
 * reads `gone/catalog` or `gone/parties`; nobody writes a tombstone outside the removal it records,
 * backdates one, removes a product or a party without one (not even an admin), changes one without
 * stamping it, or trims a tombstone before GONE_KEEP_DAYS. The legitimate writes go through: the
 * app's own commands and an admin's removal with its tombstone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { update, ref } from 'firebase/database';
import { trimTombstones } from '../../../src/data/housekeeping.ts';
import { DAY_MS, SERVER_TIMESTAMP, type Patch } from '../../../src/domain/patch.ts';
import { GONE_KEEP_DAYS } from '../../../src/domain/snapshot.ts';
import { rulesPath } from '../../support/rulesFile.ts';
import { TestDb } from '../support/dbHarness.ts';
import { Attacks, who } from './attacks.ts';

const NEWBIE = who('new sign-up (pending staff)', 'newbie');
const RETAILER = who('retailer', 'retailer-a');
const STAFF = who('active staff', 'staff-a');
const ADMIN = who('admin', 'admin-a');
const EVERYONE = [NEWBIE, RETAILER, STAFF, ADMIN];

/** The server's clock: real time plus a skew the test moves to make tombstones old. */
let skew = 0;
const serverNow = (): number => Date.now() + skew;

const PRODUCT = { name: 'Classic Brief', sizes: ['S'], colors: [{ code: 'BLACK', name: 'Black', swatch: '#000' }], active: true };
/** A product and a party that stay, one of each removed by the admin before the attacks. */
const KEPT = { catalog: 'p-kept', parties: 'party-a' } as const;
const GONE = { catalog: 'p-gone', parties: 'party-gone' } as const;
const COLLECTIONS = ['catalog', 'parties'] as const;
/** A field each write below may change. */
const FIELD = { catalog: 'name', parties: 'area' } as const;

let db: TestDb;
let attacks: Attacks;

beforeAll(async () => {
  db = await new TestDb({ rulesFile: rulesPath(), clock: serverNow }).start();
  const res = await db.rest('PATCH', '/.json', {
    [`parties/${KEPT.parties}`]: { name: 'Alpha Stores', area: 'Panjim', updatedAt: 1 },
    [`parties/${GONE.parties}`]: { name: 'Beta Stores', area: 'Margao', updatedAt: 1 },
    [`catalog/${KEPT.catalog}`]: { ...PRODUCT, updatedAt: 1 },
    [`catalog/${GONE.catalog}`]: { ...PRODUCT, name: 'Old Vest', updatedAt: 1 },
    users: {
      [STAFF.uid]: { name: 'Sam Staff', email: STAFF.email, role: 'staff', status: 'active' },
      [ADMIN.uid]: { name: 'Ada Admin', email: ADMIN.email, role: 'admin', status: 'active' },
      [RETAILER.uid]: { name: 'Alpha Retail', email: RETAILER.email, role: 'retailer', status: 'active', partyId: KEPT.parties },
      [NEWBIE.uid]: { name: 'Nikhil New', email: NEWBIE.email, role: 'staff', status: 'pending' },
    },
  });
  expect(res.status).toBe(200);
  attacks = new Attacks(db);
  await attacks.connect(EVERYONE);
  await update(ref(attacks.client(ADMIN)), { [`catalog/${GONE.catalog}`]: null, [`gone/catalog/${GONE.catalog}`]: SERVER_TIMESTAMP, [`parties/${GONE.parties}`]: null, [`gone/parties/${GONE.parties}`]: SERVER_TIMESTAMP });
}, 60_000);

afterAll(async () => {
  await attacks?.close();
  await db?.close();
});

describe('the legitimate writes', () => {
  it.each(COLLECTIONS)('%s: an admin removal with its tombstone went through, stamped with the server time', async (c) => {
    expect(await attacks.ownerGet(`${c}/${GONE[c]}`)).toBeNull();
    expect(Math.abs(((await attacks.ownerGet(`gone/${c}/${GONE[c]}`)) as number) - serverNow())).toBeLessThan(60_000);
  });

  it.each(COLLECTIONS)('%s: an admin edit stamped now goes through', async (c) => {
    await update(ref(attacks.client(ADMIN)), { [`${c}/${KEPT[c]}/${FIELD[c]}`]: 'Edited', [`${c}/${KEPT[c]}/updatedAt`]: SERVER_TIMESTAMP });
    expect(Math.abs(((await attacks.ownerGet(`${c}/${KEPT[c]}/updatedAt`)) as number) - serverNow())).toBeLessThan(60_000);
  });
});

describe('only active staff read the tombstones', () => {
  it.each(['gone/catalog', 'gone/parties', `gone/catalog/${GONE.catalog}`, `gone/parties/${GONE.parties}`])('%s: refused to a retailer and a new sign-up over REST and the SDK', async (path) => {
    expect((await attacks.read(STAFF, path)).status).toBe(200);
    expect((await attacks.read(ADMIN, path)).status).toBe(200);
    for (const w of [RETAILER, NEWBIE]) expect(await attacks.read(w, path), w.label).toEqual({ status: 401, isSdkDenied: true });
  });
});

describe.each(COLLECTIONS)('%s: tombstones cannot be forged, bent or skipped', (c) => {
  const tomb = (id: string): string => `gone/${c}/${id}`;

  it('nobody writes a tombstone of a record that stays or never was, or under the other collection', async () => {
    for (const w of EVERYONE) {
      await attacks.expectRefused(w, 'a tombstone of a record that stays', () => ({ [tomb(KEPT[c])]: SERVER_TIMESTAMP }));
      await attacks.expectRefused(w, 'a tombstone of a made-up record', () => ({ [tomb('never-was')]: SERVER_TIMESTAMP }));
      await attacks.expectRefused(w, 'a tombstone riding on a stamped edit', () => ({ [`${c}/${KEPT[c]}/${FIELD[c]}`]: 'Forged', [`${c}/${KEPT[c]}/updatedAt`]: SERVER_TIMESTAMP, [tomb(KEPT[c])]: SERVER_TIMESTAMP }));
    }
  });

  it('nobody backdates or moves an existing tombstone', async () => {
    for (const w of EVERYONE) {
      await attacks.expectRefused(w, 'a backdated tombstone', () => ({ [tomb(GONE[c])]: serverNow() - 2 * GONE_KEEP_DAYS * DAY_MS }));
      await attacks.expectRefused(w, 'a tombstone moved to now', () => ({ [tomb(GONE[c])]: SERVER_TIMESTAMP }));
    }
  });

  it('nobody removes the record without its tombstone, or with one that is not now; only an admin removes it at all', async () => {
    const removal: Patch = { [`${c}/${KEPT[c]}`]: null };
    for (const w of EVERYONE) {
      await attacks.expectRefused(w, 'removal without the tombstone', () => removal);
      await attacks.expectRefused(w, 'removal with a backdated tombstone', () => ({ ...removal, [tomb(KEPT[c])]: serverNow() - 2 * GONE_KEEP_DAYS * DAY_MS }));
      await attacks.expectRefused(w, 'removal with a tombstone in the future', () => ({ ...removal, [tomb(KEPT[c])]: serverNow() + DAY_MS }));
      await attacks.expectRefused(w, 'removal with the tombstone under another id', () => ({ ...removal, [tomb(`${KEPT[c]}-x`)]: SERVER_TIMESTAMP }));
    }
    for (const w of [NEWBIE, RETAILER, STAFF]) await attacks.expectRefused(w, 'removal with its tombstone', () => ({ ...removal, [tomb(KEPT[c])]: SERVER_TIMESTAMP }));
  });

  it('nobody changes the record without stamping it now', async () => {
    for (const w of EVERYONE) {
      await attacks.expectRefused(w, 'an edit without updatedAt', () => ({ [`${c}/${KEPT[c]}/${FIELD[c]}`]: 'Unstamped' }));
      await attacks.expectRefused(w, 'an edit with an old updatedAt', () => ({ [`${c}/${KEPT[c]}/${FIELD[c]}`]: 'Backdated', [`${c}/${KEPT[c]}/updatedAt`]: serverNow() - DAY_MS }));
    }
  });

  it('nobody re-creates a removed record leaving its tombstone', async () => {
    const again = c === 'catalog' ? { ...PRODUCT, updatedAt: SERVER_TIMESTAMP } : { name: 'Beta Stores', area: 'Margao', updatedAt: SERVER_TIMESTAMP };
    for (const w of EVERYONE) await attacks.expectRefused(w, 're-creation keeping the tombstone', () => ({ [`${c}/${GONE[c]}`]: again }));
  });

  it('no trim of a tombstone younger than GONE_KEEP_DAYS, by anyone', async () => {
    for (const w of EVERYONE) await attacks.expectRefused(w, 'trim a young tombstone', () => ({ [tomb(GONE[c])]: null }));
  });
});

describe('the trim, once the keep window has passed by the server clock', () => {
  it('the housekeeping step trims nothing while young; then a retailer and a new sign-up still cannot trim, and staff trim both', async () => {
    expect(await trimTombstones(attacks.client(STAFF), serverNow())).toBe(0);
    skew = (GONE_KEEP_DAYS + 1) * DAY_MS;
    for (const w of [RETAILER, NEWBIE]) for (const c of COLLECTIONS) await attacks.expectRefused(w, 'trim an old tombstone', () => ({ [`gone/${c}/${GONE[c]}`]: null }));
    expect(await trimTombstones(attacks.client(STAFF), serverNow())).toBe(2);
    for (const c of COLLECTIONS) expect(await attacks.ownerGet(`gone/${c}/${GONE[c]}`)).toBeNull();
    expect(await attacks.ownerGet(`catalog/${KEPT.catalog}`)).not.toBeNull();
  });
});
