import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { OPEN_RULES, TestDb, until } from '../support/dbHarness.ts';
import { mockToken } from '../support/cliProcess.ts';
import { rawClient } from '../support/rawWs.ts';

const KB = 1024;
const LIMITS = { anonymous: 64 * KB, signedIn: 256 * KB, owner: 1024 * KB };

type Answer = { status: number; json: unknown; headers: IncomingMessage['headers'] };

function answer(res: IncomingMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ status: res.statusCode ?? 0, json: text === '' ? undefined : (JSON.parse(text) as unknown), headers: res.headers });
    });
    res.on('error', reject);
  });
}

/** Starts a request whose body we write ourselves, and never end unless told. */
function openRequest(port: number, method: string, path: string, headers: Record<string, string>): { req: ClientRequest; response: Promise<Answer> } {
  const req = request({ host: '127.0.0.1', port, method, path, headers });
  const response = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => void answer(res).then(resolve, reject));
    req.on('error', reject);
  });
  return { req, response };
}

describe('request bodies: refused by size before they are read, by who sends them', () => {
  let db: TestDb;
  const pending: ClientRequest[] = [];
  beforeEach(async () => {
    db = await new TestDb({ restBodyLimits: LIMITS }).start();
    await db.setRules(OPEN_RULES);
  });
  afterEach(async () => {
    for (const r of pending.splice(0)) r.destroy();
    await db.close();
  });

  it('a body whose Content-Length is over the limit is refused with 413 before any of it is sent', async () => {
    const { req, response } = openRequest(db.port, 'PUT', '/big.json?ns=test-ns', { 'content-type': 'application/json', 'content-length': String(300 * 1024 * 1024) });
    pending.push(req);
    req.flushHeaders();
    // The body is never sent: only a server that decides on the header alone can answer.
    const res = await response;
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ error: expect.stringMatching(/65536-byte limit/) as unknown });
    expect(res.headers['connection']).toBe('close');
    expect((await db.rest('GET', '/big.json')).json).toBe(null);
  });

  it('a chunked body is counted as it streams and refused once past the limit, while other clients are served', async () => {
    const { req, response } = openRequest(db.port, 'PUT', '/big.json?ns=test-ns', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    pending.push(req);
    let answered = false;
    void response.then(() => (answered = true));
    req.write('"');
    // Eight times the limit, in 16 KB chunks, and the request is never ended.
    for (let i = 0; i < 32 && !answered; i++) {
      if (!req.write('x'.repeat(16 * KB))) await new Promise<void>((r) => req.once('drain', () => r()));
    }
    const res = await response;
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ error: expect.stringMatching(/limit/) as unknown });
    // Another client, meanwhile: answered at once, and the refused body wrote nothing.
    expect(await db.rest('GET', '/big.json', undefined, { token: null })).toEqual({ status: 200, json: null });
  });

  it('Expect: 100-continue over the limit is answered 413 instead of Continue', async () => {
    const { req, response } = openRequest(db.port, 'PUT', '/big.json?ns=test-ns', {
      'content-type': 'application/json',
      'content-length': String(128 * KB),
      expect: '100-continue',
    });
    pending.push(req);
    let continued = false;
    req.on('continue', () => {
      continued = true;
      req.end(JSON.stringify('x'.repeat(128 * KB - 2)));
    });
    req.flushHeaders();
    const res = await response;
    expect(res.status).toBe(413);
    expect(continued).toBe(false);
  });

  it('the limit depends on who sends: anonymous < signed in < owner', async () => {
    const body = (kb: number) => JSON.stringify('y'.repeat(kb * KB));
    const user = mockToken('u1');
    expect((await db.rest('PUT', '/a.json', body(100), { token: null })).status).toBe(413);
    expect((await db.rest('PUT', '/a.json', body(100), { token: user })).status).toBe(200);
    expect((await db.rest('PUT', '/a.json', body(300), { token: user })).status).toBe(413);
    expect((await db.rest('PUT', '/a.json', body(300))).status).toBe(200);
    expect((await db.rest('PUT', '/a.json', body(1100))).status).toBe(413);
    // Under the limit, anonymous writes go through as before.
    expect((await db.rest('PATCH', '/.json', { b: body(10) }, { token: null })).status).toBe(200);
    expect(((await db.rest('GET', '/a.json')).json as string).length).toBe(300 * KB);
  });
});

describe('WebSocket frames', () => {
  let db: TestDb;
  afterEach(async () => db.close());

  it('one frame larger than a whole message may be is refused from its header: the connection closes with 1009', async () => {
    db = await new TestDb().start();
    await db.setRules(OPEN_RULES);
    const bystander = await rawClient(db.port);
    const ws = new WebSocket(`ws://127.0.0.1:${db.port}/.ws?v=5&ns=test-ns`);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    let code = 0;
    ws.on('close', (c) => (code = c));
    ws.on('error', () => {});
    // 17 MB in one frame: over the 16 MB write limit plus the envelope, and no SDK sends such a frame.
    ws.send(JSON.stringify({ t: 'd', d: { r: 1, a: 'p', b: { p: '/f', d: 'z'.repeat(17 * KB * KB) } } }));
    await until(() => code !== 0, 'the oversized frame to close the connection', 20_000);
    expect(code).toBe(1009);
    expect((await bystander.request('p', { p: '/ok', d: 1 })).s).toBe('ok');
    expect((await db.rest('GET', '/f.json')).json).toBe(null);
    await bystander.close();
  });
});
