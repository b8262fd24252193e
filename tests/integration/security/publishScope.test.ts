/**
 * Attacks on what the server pushes (issue 11 changed it: a listen above a multi-path write gets a
 * merge of only the changed paths under it). With the repo's rules and forged emulator tokens for
 * an active staff member, a retailer and a brand-new sign-up, each listening over WebSocket to
 * what it may read, a root update that touches their data and other people's must reach each of
 * them as paths under its own listen only, carrying nothing of anyone else's; REST reads of the
 * rest stay refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rulesPath } from '../../support/rulesFile.ts';
import { TestDb, until } from '../support/dbHarness.ts';
import { rawClient, type RawClient } from '../support/rawWs.ts';

const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
/** An unsigned ID token as the Auth emulator makes them. */
const tokenOf = (uid: string): string => {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: uid, user_id: uid, email: `${uid}@shop.in`, email_verified: true, auth_time: now, iat: now, exp: now + 3600, firebase: { sign_in_provider: 'password' } };
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
};

const STAFF = 'staff-a';
const RETAILER = 'retailer-a';
const NEWBIE = 'newbie';
const user = (uid: string, role: string, status: string, extra: Record<string, string> = {}) => ({ name: `${uid} name`, email: `${uid}@shop.in`, role, status, ...extra });

/** Data pushes (`{t:'d', d:{a, b:{p, d}}}`) received from message `from` on. */
const pushesOf = (c: RawClient, from: number): { a: string; p: string; text: string }[] =>
  c.messages.slice(from).flatMap((m) => {
    const d = (m as { t?: string; d?: { a?: unknown; b?: { p?: unknown } } }).d;
    if ((m as { t?: string }).t !== 'd' || typeof d?.a !== 'string') return [];
    return [{ a: d.a, p: String(d.b?.p), text: JSON.stringify(d.b) }];
  });

describe('pushes of a root multi-path update stay within each listen', () => {
  let db: TestDb;
  const clients = new Map<string, RawClient>();
  beforeAll(async () => {
    db = await new TestDb({ rulesFile: rulesPath() }).start();
    const seeded = await db.rest('PATCH', '/.json', {
      [`users/${STAFF}`]: user(STAFF, 'staff', 'active'),
      [`users/${RETAILER}`]: user(RETAILER, 'retailer', 'active', { partyId: 'party-a' }),
      [`users/${NEWBIE}`]: user(NEWBIE, 'staff', 'pending'),
      'users/someone-else': user('someone-else', 'admin', 'active'),
      'parties/party-a': { name: 'A TRADERS', area: 'MAPUSA' },
      'sent/s1': { number: 'K1', secret: 'old' },
    });
    expect(seeded.status).toBe(200);
    for (const [uid, path] of [
      [STAFF, `/users/${STAFF}`],
      [STAFF, '/sent'],
      [RETAILER, `/users/${RETAILER}`],
      [NEWBIE, `/users/${NEWBIE}`],
    ] as const) {
      const c = clients.get(uid) ?? (await rawClient(db.port));
      if (!clients.has(uid)) {
        expect((await c.request('auth', { cred: tokenOf(uid) })).s).toBe('ok');
        clients.set(uid, c);
      }
      expect((await c.request('q', { p: path, h: '' })).s).toBe('ok');
    }
  });
  afterAll(async () => {
    for (const c of clients.values()) await c.close();
    await db.close();
  });

  it('each identity gets its own changed paths only, nothing of the others', async () => {
    const from = new Map([...clients].map(([uid, c]) => [uid, c.messages.length]));
    const res = await db.rest('PATCH', '/.json', {
      [`users/${STAFF}/name`]: 'STAFF-NEW',
      [`users/${RETAILER}/name`]: 'RETAILER-NEW',
      [`users/${NEWBIE}/name`]: 'NEWBIE-NEW',
      'users/someone-else/name': 'ADMIN-SECRET',
      'sent/s2': { number: 'K2', secret: 'SENT-SECRET' },
      'orders/o1': { number: 'K3', secret: 'ORDER-SECRET' },
    });
    expect(res.status).toBe(200);
    const own: Record<string, string[]> = { [STAFF]: ['STAFF-NEW', 'SENT-SECRET'], [RETAILER]: ['RETAILER-NEW'], [NEWBIE]: ['NEWBIE-NEW'] };
    const everything = ['STAFF-NEW', 'RETAILER-NEW', 'NEWBIE-NEW', 'ADMIN-SECRET', 'SENT-SECRET', 'ORDER-SECRET'];
    for (const [uid, c] of clients) {
      const mine = own[uid] ?? [];
      await until(() => mine.every((s) => pushesOf(c, from.get(uid) ?? 0).some((p) => p.text.includes(s))), `${uid}'s own changes`);
      const pushes = pushesOf(c, from.get(uid) ?? 0);
      const allowed = uid === STAFF ? [`/users/${STAFF}`, '/sent'] : [`/users/${uid}`];
      for (const p of pushes) {
        expect(allowed.some((a) => p.p === a || p.p.startsWith(`${a}/`)), `${uid} got a push at ${p.p}`).toBe(true);
        for (const s of everything.filter((x) => !mine.includes(x))) expect(p.text, `${uid} received ${s}`).not.toContain(s);
      }
    }
  });

  it('REST reads of what the pushes left out stay refused', async () => {
    for (const uid of [RETAILER, NEWBIE]) {
      for (const path of ['/sent.json', '/users/someone-else.json', '/orders.json', `/users/${STAFF}.json`]) {
        const r = await db.rest('GET', path, undefined, { token: tokenOf(uid) });
        expect(r.status, `${uid} GET ${path}`).toBe(401);
      }
    }
    expect((await db.rest('GET', '/users/someone-else.json', undefined, { token: tokenOf(STAFF) })).status).toBe(401);
  });
});
