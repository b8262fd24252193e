/**
 * The server's sorted indexes (server/query.ts SortedIndex): a query on a wide collection is
 * answered from an index kept write by write, instead of a scan of every child. Attacked here as
 * the brief asks: a new sign-up and a retailer (forged emulator tokens) are refused on REST, the
 * SDK and raw WebSocket frames, and their refused queries make no index; active staff get exactly
 * what a scan gives, live, through writes of every shape; and no one can grow the indexes past
 * their cap by querying many collections.
 */
import { get, limitToLast, onValue, orderByChild, query, ref } from 'firebase/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDEX_MIN_CHILDREN, MAX_INDEXES } from '../../../server/database.ts';
import { rulesPath } from '../../support/rulesFile.ts';
import { TestDb, until } from '../support/dbHarness.ts';
import { rawClient, type RawClient } from '../support/rawWs.ts';
import { Attacks, tokenOf, who, type Who } from './attacks.ts';

const NEWBIE = who('new sign-up (pending staff)', 'newbie');
const RETAILER = who('retailer', 'retailer-a');
const STAFF = who('active staff', 'staff-a');
const EVERYONE = [NEWBIE, RETAILER, STAFF];
const N = INDEX_MIN_CHILDREN + 500;
const LIMIT = 40;

let db: TestDb;
let attacks: Attacks;
const raw = new Map<string, RawClient>();
/** What the test believes `sent` holds: key → billedAt. */
const billed = new Map<string, number>();

const key = (i: number) => `sent-${String(i).padStart(5, '0')}`;
/** The last LIMIT keys by billedAt (ties by key), as a scan would choose them, in query order. */
const expected = (): string[] =>
  [...billed.entries()]
    .sort(([ka, a], [kb, b]) => a - b || (ka < kb ? -1 : 1))
    .slice(-LIMIT)
    .map(([k]) => k);
const indexes = () => db.server.database('test-ns').indexCount;
const restLast = (w: Who | null) =>
  db.rest('GET', `/sent.json?orderBy=${encodeURIComponent('"billedAt"')}&limitToLast=${LIMIT}${w === null ? '' : `&auth=${tokenOf(w)}`}`, undefined, { token: w === null ? 'owner' : null });
const listen = (w: Who) => (raw.get(w.label) as RawClient).request('q', { p: '/sent', h: '', t: Math.floor(Math.random() * 1e6), q: { i: 'billedAt', l: LIMIT, vf: 'r' } });
const ordered = (value: unknown): string[] => Object.entries((value ?? {}) as Record<string, { billedAt: number }>).sort(([ka, a], [kb, b]) => a.billedAt - b.billedAt || (ka < kb ? -1 : 1)).map(([k]) => k);

beforeAll(async () => {
  db = await new TestDb({ rulesFile: rulesPath() }).start();
  const patch: Record<string, unknown> = {
    users: {
      [STAFF.uid]: { name: 'Sam Staff', email: STAFF.email, role: 'staff', status: 'active' },
      [RETAILER.uid]: { name: 'Alpha Retail', email: RETAILER.email, role: 'retailer', status: 'active', partyId: 'party-a' },
      [NEWBIE.uid]: { name: 'Nikhil New', email: NEWBIE.email, role: 'staff', status: 'pending' },
    },
  };
  for (let i = 0; i < N; i++) {
    const at = 1_000_000 + ((i * 7919) % N) * 10; // shuffled against the keys
    billed.set(key(i), at);
    patch[`sent/${key(i)}`] = { orderId: `ord-${i}`, partyId: 'party-a', number: `K${i}`, billedAt: at };
  }
  expect((await db.rest('PATCH', '/.json', patch)).status).toBe(200);
  attacks = new Attacks(db);
  await attacks.connect(EVERYONE);
  for (const w of EVERYONE) {
    const c = await rawClient(db.port);
    expect((await c.request('auth', { cred: tokenOf(w) })).s).toBe('ok');
    raw.set(w.label, c);
  }
}, 60_000);

afterAll(async () => {
  for (const c of raw.values()) await c.close();
  await attacks?.close();
  await db?.close();
});

describe('sorted indexes on a wide collection', () => {
  it.each([RETAILER, NEWBIE])('$label is refused on every transport, and the refused queries make no index', async (w) => {
    expect((await restLast(w)).status).toBe(401);
    await expect(get(query(ref(attacks.client(w), 'sent'), orderByChild('billedAt'), limitToLast(LIMIT)))).rejects.toThrow(/permission.denied/i);
    expect((await listen(w)).s).toBe('permission_denied');
    expect(indexes()).toBe(0);
  });

  it('active staff get what a scan gives, over REST, raw frames and a live SDK listen, through writes of every shape', async () => {
    const r = await restLast(STAFF);
    expect(r.status).toBe(200);
    expect(ordered(r.json)).toEqual(expected());
    expect(indexes()).toBe(1); // the query made the index; the listens below share it
    const l = await listen(STAFF);
    expect(l.s).toBe('ok');

    let live: string[] = [];
    const stop = onValue(query(ref(attacks.client(STAFF), 'sent'), orderByChild('billedAt'), limitToLast(LIMIT)), (s) => {
      const out: string[] = [];
      s.forEach((c) => {
        out.push(c.key as string);
      });
      live = out;
    });
    try {
      await until(() => live.join() === expected().join(), 'the first answer');
      const top = expected();
      const at = (k: string) => billed.get(k) as number;
      // 1. A new record billed last, and one deleted from inside the window (one multi-path update).
      const fresh = 'sent-new-1';
      const gone = top[LIMIT - 5] as string;
      billed.set(fresh, at(top[LIMIT - 1] as string) + 1);
      billed.delete(gone);
      expect((await db.rest('PATCH', '/.json', { [`sent/${fresh}`]: { orderId: 'ord-new', partyId: 'party-a', number: 'K-new', billedAt: billed.get(fresh) }, [`sent/${gone}`]: null })).status).toBe(200);
      await until(() => live.join() === expected().join(), 'a record added and one removed');
      // 2. A window member's billedAt moves far back: the replacement comes from beyond the cut.
      const moved = top[LIMIT - 1] as string;
      billed.set(moved, 1);
      expect((await db.rest('PUT', `/sent/${moved}/billedAt.json`, 1)).status).toBe(200);
      await until(() => live.join() === expected().join(), 'a record moved out of the window');
      // 3. A record loses its billedAt (it sorts first, as null), then the whole collection is replaced.
      const bare = top[LIMIT - 2] as string;
      billed.set(bare, -Infinity);
      expect((await db.rest('DELETE', `/sent/${bare}/billedAt.json`)).status).toBe(200);
      await until(() => live.join() === expected().join(), 'a record without billedAt');
      const again = (await restLast(STAFF)).json;
      expect(ordered(again).filter((k) => k !== bare)).toEqual(expected().filter((k) => k !== bare));
      const small: Record<string, unknown> = {};
      billed.clear();
      for (let i = 0; i < 50; i++) {
        billed.set(key(i), 5_000 + i);
        small[key(i)] = { orderId: `ord-${i}`, partyId: 'party-a', number: `K${i}`, billedAt: 5_000 + i };
      }
      expect((await db.rest('PUT', '/sent.json', small)).status).toBe(200);
      await until(() => live.join() === expected().join(), 'the whole collection replaced');
      expect(indexes()).toBe(0); // dropped with the collection it indexed; 50 children get none
    } finally {
      stop();
    }
  });

  it(`no caller grows the indexes past ${MAX_INDEXES}, and an evicted index's collection still answers right`, async () => {
    await db.setRules({ rules: { '.read': true, '.write': 'auth.uid === "writer"' } }, 'wide');
    const patch: Record<string, number> = {};
    const COLLECTIONS = MAX_INDEXES + 8;
    for (let c = 0; c < COLLECTIONS; c++) for (let i = 0; i < INDEX_MIN_CHILDREN; i++) patch[`c${c}/k${String(i).padStart(4, '0')}`] = i;
    expect((await db.rest('PATCH', '/.json', patch, { ns: 'wide' })).status).toBe(200);
    const wide = () => db.server.database('wide').indexCount;
    for (let c = 0; c < COLLECTIONS; c++) {
      // Anyone may read here: an unauthenticated caller, by key (Firebase always indexes keys).
      const res = await db.rest('GET', `/c${c}.json?orderBy=${encodeURIComponent('"$key"')}&limitToLast=2`, undefined, { ns: 'wide', token: null });
      expect(res.json).toEqual({ k0998: 998, k0999: 999 });
      expect(wide()).toBeLessThanOrEqual(MAX_INDEXES);
    }
    expect(wide()).toBe(MAX_INDEXES);
    const first = await db.rest('GET', `/c0.json?orderBy=${encodeURIComponent('"$key"')}&limitToFirst=2`, undefined, { ns: 'wide', token: null });
    expect(first.json).toEqual({ k0000: 0, k0001: 1 });
    // An order the rules do not declare makes no index (it scans): `.indexOn` is what the server indexes.
    const before = wide();
    const byValue = await db.rest('GET', `/c1.json?orderBy=${encodeURIComponent('"$value"')}&limitToLast=1`, undefined, { ns: 'wide', token: null });
    expect(byValue.json).toEqual({ k0999: 999 });
    expect(wide()).toBe(before);
  });
});
