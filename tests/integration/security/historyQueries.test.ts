/**
 * The history filters' queries (issue 12): Deleted and Expired by party and by order number, Sent
 * by order number, each on an indexed child (`.indexOn` in rules/orders.ts), so a filter reads the
 * matching records of the whole collection instead of downloading it. Active staff run each query
 * over REST, the SDK and raw WebSocket frames and get the record, with no `no_index` warning; a
 * retailer and a new sign-up, with forged emulator tokens, are refused on every transport.
 */
import { equalTo, get, orderByChild, query, ref } from 'firebase/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rulesPath } from '../../support/rulesFile.ts';
import { TestDb } from '../support/dbHarness.ts';
import { rawClient, type RawClient } from '../support/rawWs.ts';
import { Attacks, tokenOf, who, type Who } from './attacks.ts';

const NEWBIE = who('new sign-up (pending staff)', 'newbie');
const RETAILER = who('retailer', 'retailer-a');
const STAFF = who('active staff', 'staff-a');
const EVERYONE = [NEWBIE, RETAILER, STAFF];
const PARTY = 'party-a';

/** Each filter's query: the collection, the child it is ordered by, the value, and the record it must find. */
const QUERIES = [
  { path: 'deleted', child: 'partyId', value: PARTY, key: 'ord-del' },
  { path: 'deleted', child: 'number', value: 'K7', key: 'ord-del' },
  { path: 'expired', child: 'partyId', value: PARTY, key: 'ord-exp' },
  { path: 'expired', child: 'number', value: 'K8', key: 'ord-exp' },
  { path: 'sent', child: 'number', value: 'K9', key: 'sent-1' },
] as const;
type Q = (typeof QUERIES)[number];

let db: TestDb;
let attacks: Attacks;
const raw = new Map<string, RawClient>();

const rest = (w: Who, q: Q) => db.rest('GET', `/${q.path}.json?orderBy=${encodeURIComponent(JSON.stringify(q.child))}&equalTo=${encodeURIComponent(JSON.stringify(q.value))}&auth=${tokenOf(w)}`, undefined, { token: null });
const sdk = async (w: Who, q: Q): Promise<{ ok: boolean; keys: string[]; detail: string }> => {
  try {
    const snap = await get(query(ref(attacks.client(w), q.path), orderByChild(q.child), equalTo(q.value)));
    return { ok: true, keys: Object.keys((snap.val() ?? {}) as object), detail: 'read' };
  } catch (e) {
    return { ok: false, keys: [], detail: e instanceof Error ? e.message : String(e) };
  }
};
/** A listen with the query in the wire format (what the SDK sends); the answer and any warnings. */
const listen = (w: Who, q: Q) => (raw.get(w.label) as RawClient).request('q', { p: `/${q.path}`, h: '', t: Math.floor(Math.random() * 1e6), q: { i: q.child, sp: q.value, ep: q.value } });

beforeAll(async () => {
  db = await new TestDb({ rulesFile: rulesPath() }).start();
  const rec = (number: string) => ({ number, partyId: PARTY, partyName: 'Alpha Stores' });
  const res = await db.rest('PATCH', '/.json', {
    users: {
      [STAFF.uid]: { name: 'Sam Staff', email: STAFF.email, role: 'staff', status: 'active' },
      [RETAILER.uid]: { name: 'Alpha Retail', email: RETAILER.email, role: 'retailer', status: 'active', partyId: PARTY },
      [NEWBIE.uid]: { name: 'Nikhil New', email: NEWBIE.email, role: 'staff', status: 'pending' },
    },
    'deleted/ord-del': { ...rec('K7'), deletedAt: 1 },
    'deleted/ord-other': { ...rec('K70'), partyId: 'party-b', deletedAt: 2 },
    'expired/ord-exp': { ...rec('K8'), expiredAt: 1 },
    'sent/sent-1': { ...rec('K9'), orderId: 'ord-sent', billedAt: 1 },
  });
  expect(res.status).toBe(200);
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

describe.each(QUERIES)('$path by $child', (q) => {
  it('active staff run it on every transport and get the record, indexed', async () => {
    const r = await rest(STAFF, q);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(Object.keys(r.json as object)).toEqual([q.key]);
    expect(await sdk(STAFF, q)).toEqual({ ok: true, keys: [q.key], detail: 'read' });
    const l = await listen(STAFF, q);
    expect(l.s).toBe('ok');
    expect(JSON.stringify(l.d)).not.toContain('no_index');
  });

  it.each([RETAILER, NEWBIE])('$label is refused on every transport', async (w) => {
    expect((await rest(w, q)).status).toBe(401);
    const s = await sdk(w, q);
    expect(s.ok).toBe(false);
    expect(s.detail).toMatch(/permission.denied/i);
    expect((await listen(w, q)).s).toBe('permission_denied');
  });
});
