/**
 * Attacks on a namespace while it loads (issue 11 made loading asynchronous: requests that arrive
 * meanwhile wait and run when the data is there). With the repo's rules and forged emulator tokens
 * for an active staff member, a retailer, a brand-new sign-up and no one, reads and writes sent
 * over REST and WebSocket while the namespace is still loading must get exactly what the rules
 * allow once it has loaded: refused reads and writes are refused, nothing of anyone else's is
 * sent, nothing is written. The load is held open by the test, so every request is known to have
 * waited for it (the server counts them) before it is let go.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeRecords } from '../../../server/persist/framing.ts';
import { Store, type StoreOptions } from '../../../server/persist/store.ts';
import { rulesPath } from '../../support/rulesFile.ts';
import { TestDb, until } from '../support/dbHarness.ts';
import { rawClient, type RawClient, type RawResponse } from '../support/rawWs.ts';

const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
/** An unsigned ID token as the Auth emulator makes them. */
const tokenOf = (uid: string): string => {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: uid, user_id: uid, email: `${uid}@shop.in`, email_verified: true, auth_time: now, iat: now, exp: now + 3600, firebase: { sign_in_provider: 'password' } };
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
};

const NS = 'loading-year';
const STAFF = 'staff-a';
const RETAILER = 'retailer-a';
const NEWBIE = 'newbie';
const user = (uid: string, role: string, status: string, extra: Record<string, string> = {}) => ({ name: `${uid} name`, email: `${uid}@shop.in`, role, status, ...extra });
const SECRETS = ['ADMIN-SECRET', 'SENT-SECRET', 'ORDER-SECRET'];

/** What the namespace holds on disk: a framed snapshot, as compaction writes it. */
function seed(): Record<string, unknown> {
  const sent: Record<string, unknown> = {};
  for (let i = 0; i < 2000; i++) sent[`s${i}`] = { number: `K${i}`, secret: 'SENT-SECRET' };
  return {
    users: {
      [STAFF]: user(STAFF, 'staff', 'active'),
      [RETAILER]: user(RETAILER, 'retailer', 'active', { partyId: 'party-a' }),
      [NEWBIE]: user(NEWBIE, 'staff', 'pending'),
      'someone-else': { ...user('someone-else', 'admin', 'active'), note: 'ADMIN-SECRET' },
    },
    parties: { 'party-a': { name: 'A TRADERS', area: 'MAPUSA' } },
    sent,
    orders: { o1: { number: 'K3', secret: 'ORDER-SECRET' } },
  };
}

type Expect = { status: number } | { s: string };
type Attack = { who: string; label: string; send: () => Promise<RawResponse | { status: number; json: unknown }>; want: Expect };

describe('requests sent while a namespace loads still go through the rules', () => {
  let db: TestDb;
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const clients = new Map<string, RawClient>();

  beforeAll(async () => {
    const openStore = async (dir: string, o: StoreOptions) => {
      if (basename(dir) === NS) await gate;
      return Store.openAsync(dir, o);
    };
    db = new TestDb({ rulesFile: rulesPath(), openStore });
    const dir = join(db.dataDir, NS);
    mkdirSync(dir, { recursive: true });
    const data = seed();
    const pieces = Object.entries(data).map(([k, v]) => encodeRecords([{ op: 'update', path: [], value: { [k]: v as never } }]));
    writeFileSync(join(dir, 'snapshot.json'), Buffer.concat([Buffer.from('DOMS-SNAPSHOT 2\n'), ...pieces]));
    await db.start();
  });
  afterAll(async () => {
    release();
    for (const c of clients.values()) await c.close();
    await db.close();
  });

  it('forged staff, retailer, new sign-up and anonymous requests get exactly what the rules allow, nothing leaks, nothing is written', async () => {
    const rest = (uid: string | null, method: string, path: string, body?: unknown) => () =>
      db.rest(method, path, body, { ns: NS, token: uid === null ? null : tokenOf(uid) });
    // WebSocket clients connect now (the load starts) and sign in; their requests queue behind the sign-in.
    const auths: Promise<RawResponse>[] = [];
    for (const uid of [STAFF, RETAILER, NEWBIE, 'anonymous']) {
      const c = await rawClient(db.port, NS);
      clients.set(uid, c);
      if (uid !== 'anonymous') auths.push(c.request('auth', { cred: tokenOf(uid) }, 30_000));
    }
    const ws = (uid: string, action: string, body: Record<string, unknown>) => () => (clients.get(uid) as RawClient).request(action, body, 30_000);
    const refused = { s: 'permission_denied' };
    const denied = { status: 401 };
    const attacks: Attack[] = [
      // Reads of other people's data.
      ...[RETAILER, NEWBIE].flatMap((uid) =>
        ['/sent.json', '/users/someone-else.json', '/orders.json', `/users/${STAFF}.json`].map((p) => ({ who: uid, label: `REST GET ${p}`, send: rest(uid, 'GET', p), want: denied })),
      ),
      { who: STAFF, label: 'REST GET /users/someone-else.json', send: rest(STAFF, 'GET', '/users/someone-else.json'), want: denied },
      { who: 'anonymous', label: 'REST GET /.json', send: rest(null, 'GET', '/.json'), want: denied },
      { who: RETAILER, label: 'WS listen /sent', send: ws(RETAILER, 'q', { p: '/sent', h: '' }), want: refused },
      { who: RETAILER, label: 'WS get /users/someone-else', send: ws(RETAILER, 'g', { p: '/users/someone-else', q: {} }), want: refused },
      { who: NEWBIE, label: 'WS get /orders', send: ws(NEWBIE, 'g', { p: '/orders', q: {} }), want: refused },
      { who: NEWBIE, label: 'WS listen /', send: ws(NEWBIE, 'q', { p: '/', h: '' }), want: refused },
      { who: STAFF, label: 'WS get /users/someone-else', send: ws(STAFF, 'g', { p: '/users/someone-else', q: {} }), want: refused },
      { who: 'anonymous', label: 'WS get /sent', send: ws('anonymous', 'g', { p: '/sent', q: {} }), want: refused },
      // Writes the rules refuse.
      { who: NEWBIE, label: 'REST PUT own status active', send: rest(NEWBIE, 'PUT', `/users/${NEWBIE}/status.json`, '"active"'), want: denied },
      { who: NEWBIE, label: 'WS set own status active', send: ws(NEWBIE, 'p', { p: `/users/${NEWBIE}/status`, d: 'active' }), want: refused },
      { who: RETAILER, label: 'REST PATCH own role admin', send: rest(RETAILER, 'PATCH', '/.json', { [`users/${RETAILER}/role`]: 'admin' }), want: denied },
      { who: RETAILER, label: 'WS set another user', send: ws(RETAILER, 'p', { p: '/users/someone-else/name', d: 'pwned' }), want: refused },
      { who: STAFF, label: 'WS update own role admin', send: ws(STAFF, 'm', { p: '/', d: { [`users/${STAFF}/role`]: 'admin' } }), want: refused },
      { who: STAFF, label: 'REST PUT another user role', send: rest(STAFF, 'PUT', '/users/someone-else/role.json', '"staff"'), want: denied },
      { who: 'anonymous', label: 'REST PUT /sent/x', send: rest(null, 'PUT', '/sent/x.json', { number: 'X' }), want: denied },
      { who: 'anonymous', label: 'WS set /orders/x', send: ws('anonymous', 'p', { p: '/orders/x', d: { number: 'X' } }), want: refused },
      // What each may read: answered, with its own data.
      { who: RETAILER, label: 'REST GET own record', send: rest(RETAILER, 'GET', `/users/${RETAILER}.json`), want: { status: 200 } },
      { who: NEWBIE, label: 'WS get own record', send: ws(NEWBIE, 'g', { p: `/users/${NEWBIE}`, q: {} }), want: { s: 'ok' } },
      { who: STAFF, label: 'WS get /sent/s7', send: ws(STAFF, 'g', { p: '/sent/s7', q: {} }), want: { s: 'ok' } },
    ];
    const answers = attacks.map((a) => a.send());
    // Every request, and the three sign-ins, is waiting for the load: none was answered from an empty tree.
    await until(() => db.server.waitingFor(NS) === attacks.length + auths.length, `all ${attacks.length + auths.length} requests waiting for the load`, 30_000);
    for (const c of clients.values()) expect(c.responses.size).toBe(0);
    release();
    for (const a of auths) expect((await a).s).toBe('ok');
    const results = await Promise.all(answers);
    attacks.forEach((a, i) => {
      const got = results[i] as { status?: number; s?: string };
      const status = 'status' in a.want ? got.status : got.s;
      expect.soft(status, `${a.label} as ${a.who}: ${JSON.stringify(got).slice(0, 300)}`).toBe('status' in a.want ? a.want.status : a.want.s);
    });
    expect((results[attacks.length - 3] as { json: unknown }).json).toEqual(user(RETAILER, 'retailer', 'active', { partyId: 'party-a' }));
    expect((results[attacks.length - 2] as RawResponse).d).toEqual(user(NEWBIE, 'staff', 'pending'));
    expect((results[attacks.length - 1] as RawResponse).d).toEqual({ number: 'K7', secret: 'SENT-SECRET' });

    // Nothing of anyone else's reached the retailer, the new sign-up or the anonymous client.
    for (const uid of [RETAILER, NEWBIE, 'anonymous']) {
      const text = JSON.stringify((clients.get(uid) as RawClient).messages);
      for (const s of SECRETS) expect(text, `${uid} received ${s}`).not.toContain(s);
    }
    attacks.forEach((a, i) => {
      if (a.who === STAFF) return;
      for (const s of SECRETS) expect(JSON.stringify(results[i]), `${a.label} as ${a.who}`).not.toContain(s);
    });
    // Nothing was written: the namespace holds exactly what it was loaded with.
    expect((await db.rest('GET', '/.json', undefined, { ns: NS })).json).toEqual(seed());
  }, 60_000);
});
