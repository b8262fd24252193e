/**
 * Adversarial probe of the product code (`catalog/{id}/code`, issue 12), against the real local
 * server with the repo's rules file. Only those who may write the catalogue today may set a code:
 * an admin (any product) and active staff creating a new product. A new sign-up, a retailer, and
 * staff changing or adding the code of an existing product are refused, as is a malformed code
 * from anyone, on every transport (REST `?auth=` and Bearer, SDK and raw WebSocket frames), with
 * the whole database unchanged. The accepted writes show the refusals are the rule at work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_TIMESTAMP, type Patch } from '../../../src/domain/patch.ts';
import { rulesPath } from '../../support/rulesFile.ts';
import { TestDb } from '../support/dbHarness.ts';
import { Attacks, TRANSPORTS, who } from './attacks.ts';

const NEWBIE = who('new sign-up (pending staff)', 'newbie');
const RETAILER = who('retailer', 'retailer-a');
const STAFF = who('active staff', 'staff-a');
const ADMIN = who('admin', 'admin-a');

const PRODUCT = { name: 'Cotton Hipster', sizes: ['S', 'M'], colors: [{ code: 'RED', name: 'Red', swatch: '#f00' }], active: true };

let db: TestDb;
let attacks: Attacks;
let seq = 0;

/** A new product `catalog/{fresh id}` with `code`, stamped as the app writes it. */
const create = (code: unknown): Patch => ({ [`catalog/new-${++seq}`]: { ...PRODUCT, code, updatedAt: SERVER_TIMESTAMP } });
/** Sets the code of the existing product p1, stamped. */
const setCode = (code: unknown): Patch => ({ 'catalog/p1/code': code, 'catalog/p1/updatedAt': SERVER_TIMESTAMP });

beforeAll(async () => {
  db = await new TestDb({ rulesFile: rulesPath() }).start();
  const res = await db.rest('PATCH', '/.json', {
    'catalog/p1': { ...PRODUCT, code: 'HIP-014', updatedAt: Date.now() },
    'catalog/p2': { ...PRODUCT, name: 'Plain Brief', updatedAt: Date.now() },
    users: {
      [STAFF.uid]: { name: 'Sam Staff', email: STAFF.email, role: 'staff', status: 'active' },
      [ADMIN.uid]: { name: 'Asha Admin', email: ADMIN.email, role: 'admin', status: 'active' },
      [RETAILER.uid]: { name: 'Alpha Retail', email: RETAILER.email, role: 'retailer', status: 'active', partyId: 'party-a' },
      [NEWBIE.uid]: { name: 'Nikhil New', email: NEWBIE.email, role: 'staff', status: 'pending' },
    },
    'parties/party-a': { name: 'Alpha Stores', area: 'Panjim', updatedAt: Date.now() },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  attacks = new Attacks(db);
  await attacks.connect([NEWBIE, RETAILER, STAFF, ADMIN]);
}, 60_000);

afterAll(async () => {
  await attacks?.close();
  await db?.close();
});

describe('who may set a product code', () => {
  it('a retailer and a new sign-up cannot create a product with a code, nor set the code of one', async () => {
    for (const w of [RETAILER, NEWBIE]) {
      await attacks.expectRefused(w, 'create a product with a code', () => create('NEW-1'));
      await attacks.expectRefused(w, 'change a product code', () => setCode('EVIL-1'));
      await attacks.expectRefused(w, 'give a code to a product without one', () => ({ 'catalog/p2/code': 'EVIL-2', 'catalog/p2/updatedAt': SERVER_TIMESTAMP }));
    }
  });

  it('staff cannot change, add or remove the code of an existing product (only an admin edits products)', async () => {
    await attacks.expectRefused(STAFF, 'change a product code', () => setCode('HIP-015'));
    await attacks.expectRefused(STAFF, 'give a code to a product without one', () => ({ 'catalog/p2/code': 'BRF-1', 'catalog/p2/updatedAt': SERVER_TIMESTAMP }));
    await attacks.expectRefused(STAFF, 'remove a product code', () => setCode(null));
    await attacks.expectRefused(STAFF, 'rewrite the whole product with another code', () => ({ 'catalog/p1': { ...PRODUCT, code: 'HIP-999', updatedAt: SERVER_TIMESTAMP } }));
  });

  it('staff creating a product may give it a code, on every transport', async () => {
    for (const transport of TRANSPORTS) {
      const patch = create(`HIP-${seq + 1}`);
      const [path] = Object.keys(patch);
      const res = await attacks.attempt(transport, STAFF, patch);
      expect(res, `${transport}: ${res.detail}`).toMatchObject({ ok: true });
      expect(await attacks.ownerGet(`${path}/code`)).toBe(`HIP-${seq}`);
    }
  });

  it('an admin may change the code of a product', async () => {
    for (const transport of TRANSPORTS) {
      const code = `HIP ${transport.length}-${seq++}`.replace(/[^A-Za-z0-9 -]/g, '');
      const res = await attacks.attempt(transport, ADMIN, setCode(code));
      expect(res, `${transport}: ${res.detail}`).toMatchObject({ ok: true });
      expect(await attacks.ownerGet('catalog/p1/code')).toBe(code);
    }
  });
});

describe('a malformed code is refused, even from an admin', () => {
  const BAD: [string, unknown][] = [
    ['empty', ''],
    ['21 characters', 'X'.repeat(21)],
    ['a leading space', ' HIP'],
    ['a trailing space', 'HIP '],
    ['a slash', 'HIP/14'],
    ['markup', '<b>x</b>'],
    ['a letter outside A-Z', 'HİP'],
    ['a newline', 'HIP\n14'],
    ['a number', 14],
    ['an object', { a: 'HIP' }],
  ];
  it.each(BAD)('%s: refused when staff create a product and when an admin edits one', async (_what, code) => {
    await attacks.expectRefused(STAFF, `create a product with code ${JSON.stringify(code)}`, () => create(code));
    await attacks.expectRefused(ADMIN, `set code ${JSON.stringify(code)}`, () => setCode(code));
  });
});
