import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { OPEN_RULES, TestDb } from '../support/dbHarness.ts';
import { rawClient } from '../support/rawWs.ts';

type Res = { status: number; json: unknown; acao: string | null; vary: string | null };

async function call(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Res> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as unknown), acao: res.headers.get('access-control-allow-origin'), vary: res.headers.get('vary') };
}

/** Opens a WebSocket with the given headers; resolves with 'open' or the refusal's message. */
function upgrade(port: number, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/.ws?v=5&ns=test-ns`, { headers });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('error', (e) => resolve(e.message));
  });
}

describe('the owner token is honoured from loopback only', () => {
  let db: TestDb;
  afterEach(async () => db.close());

  it('a peer the server does not count as this machine gets 401 over REST and invalid_token over WebSocket', async () => {
    const seen: string[] = [];
    // Every request here comes from 127.0.0.1; the injected check stands in for a remote peer.
    db = await new TestDb({ trustedAddress: (a) => (seen.push(a), false) }).start();
    const rest = await call(db.port, 'GET', '/.json?ns=test-ns&auth=owner');
    expect(rest.status).toBe(401);
    expect(rest.json).toEqual({ error: expect.stringMatching(/owner token.*loopback only/) as unknown });
    const put = await call(db.port, 'PUT', '/x.json?ns=test-ns', { authorization: 'Bearer owner' }, '1');
    expect(put.status).toBe(401);
    const rules = await call(db.port, 'PUT', '/.settings/rules.json?ns=test-ns&auth=owner', {}, JSON.stringify(OPEN_RULES));
    expect(rules.status).toBe(401);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((a) => /(^|:)127\.0\.0\.1$/.test(a))).toBe(true);

    const raw = await rawClient(db.port);
    const auth = await raw.request('auth', { cred: 'owner' });
    expect(auth.s).toBe('invalid_token');
    expect(String(auth.d)).toMatch(/loopback only/);
    // Still anonymous: the closed default rules deny.
    expect((await raw.request('g', { p: '/' })).s).toBe('permission_denied');
    await raw.close();
  });

  it('from loopback (the default check) the owner is an admin, as before', async () => {
    db = await new TestDb().start();
    expect((await call(db.port, 'PUT', '/x.json?ns=test-ns&auth=owner', {}, '1')).status).toBe(200);
    const raw = await rawClient(db.port);
    expect((await raw.request('auth', { cred: 'owner' })).s).toBe('ok');
    expect((await raw.request('g', { p: '/x' })).d).toBe(1);
    await raw.close();
  });
});

describe('Origin: owner data never goes to a foreign page, WebSockets only from allowed pages', () => {
  let db: TestDb;
  afterEach(async () => db.close());

  it('REST as owner from a foreign Origin is refused without CORS headers; nothing is written', async () => {
    db = await new TestDb().start();
    await db.setRules(OPEN_RULES);
    expect((await db.rest('PUT', '/secret.json', '"s"')).status).toBe(200);
    const evil = { origin: 'http://evil.example' };
    const read = await call(db.port, 'GET', '/secret.json?ns=test-ns&auth=owner', evil);
    expect(read.status).toBe(403);
    expect(read.acao).toBe(null);
    expect(read.json).toEqual({ error: expect.stringMatching(/http:\/\/evil\.example/) as unknown });
    // A form-style POST needs no preflight in a browser: it must not write either.
    const post = await call(db.port, 'POST', '/planted.json?ns=test-ns&auth=owner', { ...evil, 'content-type': 'text/plain' }, '"x"');
    expect(post.status).toBe(403);
    expect((await db.rest('GET', '/planted.json')).json).toBe(null);
  });

  it('REST as owner from a loopback page gets its own origin back, not *; anonymous requests keep *', async () => {
    db = await new TestDb().start();
    await db.setRules(OPEN_RULES);
    const app = await call(db.port, 'GET', '/.json?ns=test-ns&auth=owner', { origin: 'http://127.0.0.1:5173' });
    expect(app.status).toBe(200);
    expect(app.acao).toBe('http://127.0.0.1:5173');
    expect(app.vary).toMatch(/origin/i);
    const anon = await call(db.port, 'GET', '/.json?ns=test-ns', { origin: 'http://evil.example' });
    expect(anon.status).toBe(200);
    expect(anon.acao).toBe('*');
    // No Origin (curl, Node): the owner works as always.
    expect((await call(db.port, 'GET', '/.json?ns=test-ns&auth=owner')).status).toBe(200);
  });

  it('the WebSocket upgrade checks Origin: none and loopback pass, foreign ones get 403 unless listed', async () => {
    db = await new TestDb({ allowedOrigins: ['https://shop.example'] }).start();
    expect(await upgrade(db.port, {})).toBe('open');
    expect(await upgrade(db.port, { origin: 'http://localhost:5173' })).toBe('open');
    expect(await upgrade(db.port, { origin: 'https://shop.example' })).toBe('open');
    expect(await upgrade(db.port, { origin: 'http://evil.example' })).toMatch(/403/);
    expect(await upgrade(db.port, { origin: 'null' })).toMatch(/403/);
  });
});
