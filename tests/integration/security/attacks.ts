/**
 * What the adversarial probes of order writes share: forged emulator tokens (unsigned, as the Auth
 * emulator accepts them) for a new sign-up, a retailer and an active staff member, and one
 * multi-path update at the root tried over every transport: REST with `?auth=` and with
 * `Authorization: Bearer`, the firebase SDK over WebSocket, and raw WebSocket frames. A write
 * counts as refused only when the rules deny it and the whole database is unchanged.
 */
import { get, ref, update, type Database } from 'firebase/database';
import { expect } from 'vitest';
import type { Patch } from '../../../src/domain/patch.ts';
import type { Uid } from '../../../src/domain/types.ts';
import { until, type TestDb } from '../support/dbHarness.ts';
import { rawClient, type RawClient } from '../support/rawWs.ts';

export type Who = { label: string; uid: Uid; email: string };
export const who = (label: string, uid: string): Who => ({ label, uid: uid as Uid, email: `${uid}@shop.in` });

const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
/** The claims of a fresh password sign-in of `w`. */
export const claimsOf = (w: Who): Record<string, unknown> => {
  const t = Math.floor(Date.now() / 1000);
  return { sub: w.uid, user_id: w.uid, email: w.email, email_verified: true, auth_time: t, iat: t, exp: t + 3600, firebase: { sign_in_provider: 'password' } };
};
/** An unsigned ID token, as the Auth emulator issues them. */
export const tokenOf = (w: Who): string => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claimsOf(w))}.`;

export const TRANSPORTS = ['rest ?auth=', 'rest Bearer', 'sdk', 'ws raw'] as const;
export type Outcome = { ok: boolean; detail: string };

/** Resolves with the write's outcome, or a refusal after 10 s (a hung write is not an acceptance). */
async function settle(p: Promise<unknown>): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome>((r) => {
    timer = setTimeout(() => r({ ok: false, detail: 'timeout (no answer)' }), 10_000);
  });
  try {
    return await Promise.race([p.then(() => ({ ok: true, detail: 'accepted' })).catch((e: unknown) => ({ ok: false, detail: e instanceof Error ? e.message.slice(0, 160) : String(e) })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A refusal by the rules (permission denied), not a malformed write refused for another reason. */
const isDenial = (detail: string): boolean => /HTTP 401|permission_denied/i.test(detail);

/** The attackers of one test database: each signed in over the SDK and over a raw WebSocket. */
export class Attacks {
  private readonly sdk = new Map<string, Database>();
  private readonly raw = new Map<string, RawClient>();

  constructor(private readonly db: TestDb) {}

  /** Signs `ws` in on both WebSocket transports (their users records must exist). */
  async connect(ws: readonly Who[]): Promise<void> {
    for (const w of ws) {
      const c = claimsOf(w);
      this.sdk.set(w.label, this.db.client({ uid: w.uid, claims: { email: c['email'], email_verified: true, auth_time: c['auth_time'], iat: c['iat'], exp: c['exp'] } }));
      const rc = await rawClient(this.db.port);
      expect((await rc.request('auth', { cred: tokenOf(w) })).s, `raw auth of ${w.label}`).toBe('ok');
      this.raw.set(w.label, rc);
    }
  }

  /** `w`'s SDK client. */
  client(w: Who): Database {
    return this.sdk.get(w.label) as Database;
  }

  /** `path` as the owner reads it. */
  async ownerGet(path: string): Promise<unknown> {
    const res = await this.db.rest('GET', `/${path}.json`);
    expect(res.status).toBe(200);
    return res.json;
  }

  /** One multi-path update at the root as `w` over `transport`. */
  async attempt(transport: (typeof TRANSPORTS)[number], w: Who, patch: Patch): Promise<Outcome> {
    switch (transport) {
      case 'rest ?auth=': {
        const res = await this.db.rest('PATCH', `/.json?auth=${tokenOf(w)}`, JSON.stringify(patch), { token: null });
        return { ok: res.status < 400, detail: `HTTP ${res.status}` };
      }
      case 'rest Bearer': {
        const res = await this.db.rest('PATCH', '/.json', JSON.stringify(patch), { token: tokenOf(w) });
        return { ok: res.status < 400, detail: `HTTP ${res.status}` };
      }
      case 'sdk':
        return settle(update(ref(this.client(w)), patch));
      case 'ws raw': {
        const c = this.raw.get(w.label) as RawClient;
        const r = c.nextR();
        c.sendFramed(JSON.stringify({ t: 'd', d: { r, a: 'm', b: { p: '/', d: patch } } }));
        await until(() => c.responses.has(r) || c.closed(), `response ${r}`, 15_000);
        const res = c.responses.get(r);
        return { ok: res?.s === 'ok', detail: res === undefined ? 'connection closed' : `${res.s}` };
      }
    }
  }

  /**
   * `build`'s patch (rebuilt before each transport) is refused by the rules as `w` on every
   * transport, and the database is unchanged.
   */
  async expectRefused(w: Who, what: string, build: () => Promise<Patch> | Patch): Promise<void> {
    const through: string[] = [];
    for (const transport of TRANSPORTS) {
      const before = JSON.stringify(await this.ownerGet(''));
      const res = await this.attempt(transport, w, await build());
      const isChanged = JSON.stringify(await this.ownerGet('')) !== before;
      if (res.ok || isChanged || !isDenial(res.detail)) through.push(`${transport}: ${res.ok ? 'accepted' : 'refused'} ${res.detail}${isChanged ? ', database changed' : ''}`);
    }
    expect.soft(through, `${what} as ${w.label} GOT THROUGH`).toEqual([]);
  }

  /** Reads `path` as `w` over REST (`?auth=`) and over the SDK: [HTTP status, whether the SDK read was refused]. */
  async read(w: Who, path: string): Promise<{ status: number; isSdkDenied: boolean }> {
    const res = await this.db.rest('GET', `/${path}.json?auth=${tokenOf(w)}`, undefined, { token: null });
    const sdk = await settle(get(ref(this.client(w), path)));
    return { status: res.status, isSdkDenied: !sdk.ok && /permission.denied/i.test(sdk.detail) };
  }

  async close(): Promise<void> {
    for (const c of this.raw.values()) await c.close();
  }
}
