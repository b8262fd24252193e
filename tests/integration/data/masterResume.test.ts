/**
 * Reopening is cheap for the catalogue and the parties too (issue 11): the resumed read of
 * src/data/resumedCollection.ts, as `catalog` and `parties` run it (src/data/collections.ts),
 * against the real server and the real rules file with the real SDK, through a proxy that records
 * what the server sent. Device A reads the collection whole (its saved copy); then staff and an
 * admin change it through the rules, with the writes the app and an admin make (a record created,
 * one changed deep inside, one edited, one removed, one removed and re-created); device B resumes
 * from A's copy and ends with exactly what a full download holds, having received only the changed
 * records and the tombstones of the removed ones. A removal while B is open reaches it live.
 */
import { resolve } from 'node:path';
import { ref, update } from 'firebase/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_BY_UPDATED_AT, GONE_CATALOG_BY_TIME, GONE_PARTIES_BY_TIME, PARTIES_BY_UPDATED_AT } from '../../../src/data/querySpecs.ts';
import { resumePoint, type Resumable } from '../../../src/data/resumedCollection.ts';
import { SERVER_TIMESTAMP, type Patch } from '../../../src/domain/patch.ts';
import type { Party, Product, Uid } from '../../../src/domain/types.ts';
import { partySchema, productSchema } from '../../../src/domain/validate.ts';
import { countingProxy, type CountingProxy } from '../support/countingProxy.ts';
import { TestDb, until } from '../support/dbHarness.ts';
import { itemsOf, openResumed, sorted, wholeCopy, type Opened } from './support/resumed.ts';

const STAFF = 'staff-a' as Uid;
const ADMIN = 'admin-a' as Uid;
const COUNT = 40;
const S = SERVER_TIMESTAMP;

/** One resumed collection: its read, a record, and the changes made after device A's copy ([who, patch], in order). */
type Case<T> = { name: string; r: Resumable<T>; prefix: string; record: (j: number) => T; changes: (id: (j: number) => string) => [Uid, Patch][] };

const product = (j: number): Product => ({ name: `Brief ${j}`, sizes: ['S', 'M'], colors: [{ code: 'BLACK', name: 'Black', swatch: '#000' }], active: true });
const party = (j: number): Party => ({ name: `TRADERS ${j}`, area: 'MAPUSA', phone: '9876543210' });

const CATALOG: Case<Product> = {
  name: 'catalog',
  r: { spec: CATALOG_BY_UPDATED_AT, schema: productSchema, stamp: (p) => p.updatedAt, gone: GONE_CATALOG_BY_TIME },
  prefix: 'p',
  record: product,
  changes: (id) => [
    // createProduct, addCatalogColor (staff); a rename, a removal, a removal and re-creation (an admin).
    [STAFF, { 'catalog/p-new': { ...product(99), updatedAt: S } }],
    [STAFF, { [`catalog/${id(3)}/colors/1`]: { code: 'RED', name: 'Red', swatch: '#f00' }, [`catalog/${id(3)}/updatedAt`]: S }],
    [ADMIN, { [`catalog/${id(5)}/name`]: 'Brief Five', [`catalog/${id(5)}/updatedAt`]: S }],
    [ADMIN, { [`catalog/${id(7)}`]: null, [`gone/catalog/${id(7)}`]: S }],
    [ADMIN, { [`catalog/${id(9)}`]: null, [`gone/catalog/${id(9)}`]: S }],
    [ADMIN, { [`catalog/${id(9)}`]: { ...product(9), name: 'Brief Nine', updatedAt: S }, [`gone/catalog/${id(9)}`]: null }],
  ],
};
const PARTIES: Case<Party> = {
  name: 'parties',
  r: { spec: PARTIES_BY_UPDATED_AT, schema: partySchema, stamp: (p) => p.updatedAt, gone: GONE_PARTIES_BY_TIME },
  prefix: 'pa',
  record: party,
  changes: (id) => [
    // addPartyFromText (staff); an edit, a removal of a field, a removal, a removal and re-creation (an admin).
    [STAFF, { 'parties/pa-new': { name: 'NEW TRADERS', area: 'PONDA', updatedAt: S } }],
    [ADMIN, { [`parties/${id(3)}/area`]: 'PANJIM', [`parties/${id(3)}/updatedAt`]: S }],
    [ADMIN, { [`parties/${id(5)}/phone`]: null, [`parties/${id(5)}/updatedAt`]: S }],
    [ADMIN, { [`parties/${id(7)}`]: null, [`gone/parties/${id(7)}`]: S }],
    [ADMIN, { [`parties/${id(9)}`]: null, [`gone/parties/${id(9)}`]: S }],
    [ADMIN, { [`parties/${id(9)}`]: { ...party(9), name: 'TRADERS NINE', updatedAt: S }, [`gone/parties/${id(9)}`]: null }],
  ],
};

let db: TestDb;
let proxy: CountingProxy;
const problems: string[] = [];
const report = (p: string, e: unknown): void => void problems.push(`${p}: ${String(e)}`);

/** A write as `uid` through the rules (the SDK), as the app and an admin make it. */
const writeAs = (uid: Uid, patch: Patch): Promise<void> => update(ref(db.client({ uid })), patch);

async function write(patch: Patch): Promise<void> {
  const r = await db.rest('PATCH', '/.json', patch);
  expect(r.status).toBe(200);
}

beforeAll(async () => {
  db = await new TestDb({ rulesFile: resolve('database.rules.json') }).start();
  await write({
    'users/staff-a': { name: 'Staff A', email: 'a@shop.in', role: 'staff', status: 'active' },
    'users/admin-a': { name: 'Admin A', email: 'admin@shop.in', role: 'admin', status: 'active' },
  });
  // One record a request, as they were typed in: their stamps are (mostly) distinct milliseconds.
  for (const c of [CATALOG, PARTIES] as Case<unknown>[]) for (let j = 0; j < COUNT; j++) await write({ [`${c.name}/${c.prefix}-${String(j).padStart(2, '0')}`]: { ...(c.record(j) as object), updatedAt: S } });
  proxy = await countingProxy(db.port, /^pa?-[a-z0-9]+$/);
}, 60_000);

afterAll(async () => {
  await db?.close();
  await proxy?.close();
});

describe.each([CATALOG, PARTIES] as Case<unknown>[])('a reopen of $name resumes from the saved copy', (c) => {
  const id = (j: number): string => `${c.prefix}-${String(j).padStart(2, '0')}`;
  const open = (base: ReadonlyMap<string, unknown>, from: number | null, uid = STAFF, port = proxy.port): Promise<Opened<unknown>> =>
    openResumed(db.client({ uid, port }), c.r, base, from, report);

  it('downloads only what changed since, and ends equal to a full download', async () => {
    const { copy, wholeBytes } = await wholeCopy(proxy, open);
    expect(copy.size).toBe(COUNT);
    const from = resumePoint(c.r, copy, Date.now());
    expect(from).not.toBeNull();

    // Staff and an admin change the collection through the rules.
    for (const [uid, patch] of c.changes(id)) await writeAs(uid, patch);
    const gone = (await db.rest('GET', `/gone/${c.name}.json`)).json as Record<string, number>;
    expect(Object.keys(gone)).toEqual([id(7)]);

    proxy.reset();
    const b = await open(copy, from);
    const resumedBytes = proxy.bytes();
    const received = new Set(proxy.keys());
    const atFrom = [...copy].filter(([, r]) => c.r.stamp(r) === from).map(([k]) => k);
    expect(atFrom.length).toBeLessThan(3);
    const changed = [`${c.prefix}-new`, id(3), id(5), id(7), id(9)];
    for (const k of changed) expect(received, k).toContain(k);
    expect([...received].filter((k) => !changed.includes(k) && !atFrom.includes(k))).toEqual([]);
    expect(resumedBytes).toBeLessThan(wholeBytes / 3);

    const full = await open(new Map(), null, STAFF, db.port);
    full.stop();
    expect(sorted(itemsOf(b.latest()))).toEqual(sorted(itemsOf(full.latest())));
    expect(itemsOf(b.latest()).has(id(7))).toBe(false);
    expect(itemsOf(b.latest()).has(id(9))).toBe(true);
    expect(itemsOf(b.latest()).size).toBe(COUNT);

    // A removal while B is open reaches it live, by its tombstone.
    await writeAs(ADMIN, { [`${c.name}/${id(11)}`]: null, [`gone/${c.name}/${id(11)}`]: S });
    await until(() => !itemsOf(b.latest()).has(id(11)), 'the live removal');
    b.stop();
    expect(problems).toEqual([]);
  });

  it('a copy of unstamped records (written before the migration) is read whole', () => {
    const unstamped = c.record(0);
    expect(c.r.stamp(unstamped)).toBeUndefined();
    expect(resumePoint(c.r, new Map([[id(0), unstamped]]), Date.now())).toBeNull();
  });

  it('retailers and new sign-ups cannot resume: the tombstones are refused to them', async () => {
    await write({ 'users/ret-a': { name: 'Ret A', email: 'r@shop.in', role: 'retailer', status: 'active', partyId: id(0) } });
    const r = await open(new Map([[id(0), c.record(0)]]), Date.now() - 1000, 'ret-a' as Uid, db.port);
    r.stop();
    expect(r.latest().state).toBe('denied');
    problems.length = 0;
  });
});
