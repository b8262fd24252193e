import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestDb } from '../support/dbHarness.ts';
import { rawClient } from '../support/rawWs.ts';

/** An unsigned Auth-emulator ID token, as anyone can forge one against an emulator. */
function forgedToken(uid: string, email: string): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const claims = { sub: uid, user_id: uid, email, email_verified: false, auth_time: Math.floor(Date.now() / 1000), iat: 0, exp: 3600, firebase: { sign_in_provider: 'password' } };
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
}

const RULES_TEXT = readFileSync(new URL('../../../database.rules.json', import.meta.url), 'utf8');

// Update bodies written as JSON text: a JavaScript object literal could not even hold an own "__proto__" key.
// Each pairs a stored user record of an active staff member with a shifted copy the old server showed the rules.
const exploits = (email: string): Record<string, string> => ({
  'an integer-looking key "/0"': `{"status":"active","name":null,"/0":"pending","role":"staff","email":${JSON.stringify(email)}}`,
  'a "__proto__" key': `{"email":${JSON.stringify(email)},"role":"staff","__proto__":null,"name":null,"status":"active","x":"pending"}`,
  'both': `{"name":"Eve","__proto__":{},"status":"active","/0":"pending","email":${JSON.stringify(email)},"role":"staff"}`,
});

describe('special keys in updates: the rules check exactly what is stored', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await new TestDb().start();
    await db.setRules(RULES_TEXT);
  });
  afterEach(async () => db.close());

  for (const [what, makeBody] of Object.entries(exploits('eve@example.com')).map(([k]) => [k, (e: string) => exploits(e)[k] as string] as const)) {
    it(`a new sign-up cannot make itself active staff with ${what} (REST PATCH)`, async () => {
      const uid = 'eve-rest';
      const token = forgedToken(uid, 'eve@example.com');
      const res = await db.rest('PATCH', `/users/${uid}.json`, makeBody('eve@example.com'), { token });
      const stored = (await db.rest('GET', `/users/${uid}.json`)).json as Record<string, unknown> | null;
      expect(stored?.['status'] ?? null).not.toBe('active');
      expect(res.status).toBe(401);
      expect(stored).toBeNull();
    });

    it(`a new sign-up cannot make itself active staff with ${what} (WebSocket update)`, async () => {
      const uid = 'eve-ws';
      const raw = await rawClient(db.port);
      try {
        const auth = await raw.request('auth', { cred: forgedToken(uid, 'eve@example.com') });
        expect(auth.s).toBe('ok');
        const r = raw.nextR();
        raw.sendFramed(`{"t":"d","d":{"r":${r},"a":"m","b":{"p":"/users/${uid}","d":${makeBody('eve@example.com')}}}}`);
        await raw.next((m) => (m as { d?: { r?: number } }).d?.r === r);
        expect(raw.responses.get(r)?.s).toBe('permission_denied');
      } finally {
        await raw.close();
      }
      expect((await db.rest('GET', `/users/${uid}.json`)).json).toBeNull();
    });
  }

  it('an honest sign-up still works over REST with the same rules', async () => {
    const token = forgedToken('ann', 'ann@example.com');
    const res = await db.rest('PATCH', '/users/ann.json', { name: 'Ann', email: 'ann@example.com', role: 'staff', status: 'pending' }, { token });
    expect(res.status).toBe(200);
    expect((await db.rest('GET', '/users/ann.json')).json).toEqual({ name: 'Ann', email: 'ann@example.com', role: 'staff', status: 'pending' });
  });
});
