/**
 * A namespace loads from disk without stopping the server (issue 11: the local server holds a
 * year of a busy distributor). While a large namespace loads, requests for other namespaces are
 * answered, requests for it wait and are then answered from the loaded data, one load serves
 * every waiter, a failed load is reported to its waiters, and a loading namespace is never closed
 * by the namespace bound or the idle close. Also: small writes are acknowledged, and listeners get
 * their events, while a very large read is still being delivered.
 *
 * Ordering is asserted, not durations: "B answered before A" cannot pass if the load blocks.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request as httpRequest } from 'node:http';
import { basename, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Store, type StoreOptions } from '../../../server/persist/store.ts';
import { encodeRecords } from '../../../server/persist/framing.ts';
import { OPEN_RULES, TestDb, until } from '../support/dbHarness.ts';
import { rawClient, type RawClient } from '../support/rawWs.ts';
import type { Json } from '../../../server/types.ts';

const BIG = 'big-ns';
const SMALL = 'small-ns';
const COUNT = 120_000;
const item = (i: number): Json => ({ n: i, name: `item ${i}`, area: `area ${i % 40}`, note: 'x'.repeat(200) });

/**
 * Writes a namespace folder with a framed snapshot of `items` (COUNT of them) and `meta`, as
 * compaction would, plus open rules: about 35 MB, built in well under a second.
 */
function writeBigNamespace(dataDir: string, ns: string): void {
  const dir = join(dataDir, ns);
  mkdirSync(dir, { recursive: true });
  const parts: Buffer[] = [Buffer.from('DOMS-SNAPSHOT 2\n', 'latin1')];
  for (let from = 0; from < COUNT; from += 1000) {
    const batch: Record<string, Json> = {};
    for (let i = from; i < Math.min(COUNT, from + 1000); i++) batch[`k${i}`] = item(i);
    parts.push(encodeRecords([{ op: 'update', path: ['items'], value: batch }]));
  }
  parts.push(encodeRecords([{ op: 'update', path: [], value: { meta: { count: COUNT } } }]));
  writeFileSync(join(dir, 'snapshot.json'), Buffer.concat(parts));
  writeFileSync(join(dir, 'rules.json'), JSON.stringify(OPEN_RULES));
}

/** A control-layer ping as the SDK sends it; the answer is `{t:'c', d:{t:'o'}}`. */
const PING = JSON.stringify({ t: 'c', d: { t: 'p', d: {} } });
const isPong = (m: unknown): boolean => (m as { t?: string; d?: { t?: string } }).t === 'c' && (m as { d: { t?: string } }).d.t === 'o';

describe('a large namespace loading', () => {
  let db: TestDb;
  const clients: RawClient[] = [];
  const raw = async (ns: string): Promise<RawClient> => {
    const c = await rawClient(db.port, ns);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    db = new TestDb({ maxSendBuffer: 256 * 1024 * 1024 });
    writeBigNamespace(db.dataDir, BIG);
    await db.start();
    await db.setRules(OPEN_RULES, SMALL);
    expect((await db.rest('PUT', '/v.json', 1, { ns: SMALL })).status).toBe(200);
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    await db.close();
  });

  it('serves REST and WebSocket requests for another namespace while it loads, then answers its own from the loaded data', async () => {
    const b = await raw(SMALL);
    expect((await b.request('g', { p: '/v', q: {} })).d).toBe(1);
    const order: string[] = [];
    // The server runs in this process: each answer notes whether the big namespace was still loading when it arrived.
    const note = (what: string) => <T,>(r: T): T => {
      order.push(`${what}${db.server.waitingFor(BIG) !== null ? ' while loading' : ''}`);
      return r;
    };
    const a = db.rest('GET', '/items/k77777.json', undefined, { ns: BIG }).then(note('A rest'));
    await until(() => db.server.waitingFor(BIG) !== null, 'the load of the big namespace to start');
    // A WebSocket on the loading namespace: its pings are answered at once, its get waits for the load.
    const aWs = await raw(BIG);
    aWs.sendRaw(PING);
    const pong = aWs.next(isPong, 60_000).then(note('A ping'));
    const aGet = aWs.request('g', { p: '/meta', q: {} }, 60_000).then(note('A ws'));
    const bRest = db.rest('GET', '/v.json', undefined, { ns: SMALL }).then(note('B rest'));
    const bWs = b.request('p', { p: '/w', d: 'written while big loads' }).then(note('B ws'));
    const [aRes, aGetRes, bRestRes, bWsRes] = await Promise.all([a, aGet, bRest, bWs, pong]);
    expect(bRestRes).toEqual({ status: 200, json: 1 });
    expect(bWsRes.s).toBe('ok');
    expect(aRes).toEqual({ status: 200, json: item(77777) });
    expect(aGetRes).toEqual({ s: 'ok', d: { count: COUNT } });
    // Everything for the small namespace, and the ping, came back while the big one was loading; its own requests after.
    expect(order.slice(0, 3).sort()).toEqual(['A ping while loading', 'B rest while loading', 'B ws while loading']);
    expect(order.slice(3).sort()).toEqual(['A rest', 'A ws']);
    expect(db.server.waitingFor(BIG)).toBeNull();
  }, 120_000);

  it('acknowledges small writes, and delivers other events, while a very large read is still being delivered', async () => {
    const order: string[] = [];
    // A REST GET of the whole collection (~35 MB) whose client does not read yet.
    let body = '';
    const bigRead = new Promise<void>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: db.port, path: `/items.json?ns=${BIG}`, headers: { authorization: 'Bearer owner' } }, (res) => {
        order.push('A headers');
        res.pause();
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => (order.push('A end'), resolve()));
        res.on('error', reject);
        held = res;
      });
      req.on('error', reject);
      req.end();
    });
    let held: { resume(): void } | null = null;
    // A WebSocket listen on the same huge node whose client does not read its socket.
    const slow = await raw(BIG);
    const slowSocket = (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    slow.sendRaw(JSON.stringify({ t: 'd', d: { r: slow.nextR(), a: 'q', b: { p: '/items', h: '' } } }));
    slowSocket.pause();
    const slowGotItems = slow.next((m) => (m as { d?: { b?: { p?: string } } }).d?.b?.p === '/items', 60_000).then(() => order.push('slow listen data'));
    await until(() => held !== null, 'the big response to start', 60_000);

    // Meanwhile: another listener on the big namespace, and writers to both namespaces.
    const listener = await raw(BIG);
    expect((await listener.request('q', { p: '/meta', h: '' })).s).toBe('ok');
    const metaEvent = listener.next((m) => JSON.stringify(m).includes('/meta/during'), 30_000).then(() => order.push('listener event'));
    const writer = await raw(BIG);
    const wsAck = writer.request('p', { p: '/meta/during', d: 1 }, 30_000).then((r) => (order.push('A ws write ack'), r));
    const restAck = db.rest('PUT', '/during.json', 2, { ns: SMALL }).then((r) => (order.push('B rest write ack'), r));
    expect((await wsAck).s).toBe('ok');
    expect((await restAck).status).toBe(200);
    await metaEvent;
    expect(order).toEqual(['A headers', ...order.slice(1, 4)]);
    expect(order.slice(1, 4).sort()).toEqual(['A ws write ack', 'B rest write ack', 'listener event']);

    // Now the slow readers read: they get the whole node.
    (held as { resume(): void } | null)?.resume();
    slowSocket.resume();
    await bigRead;
    await slowGotItems;
    expect(order.slice(4).sort()).toEqual(['A end', 'slow listen data']);
    const items = JSON.parse(body) as Record<string, Json>;
    expect(Object.keys(items)).toHaveLength(COUNT);
    expect(items['k119999']).toEqual(item(119_999));
    expect(slow.closed()).toBe(false);
  }, 120_000);
});

/** A server whose loads of the namespaces named in `gates` wait until the test opens the gate. */
function gatedServer(opts: ConstructorParameters<typeof TestDb>[0] = {}) {
  const gates = new Map<string, { open: () => void; promise: Promise<void> }>();
  const loads: string[] = [];
  const gate = (ns: string): void => {
    let open = (): void => undefined;
    const promise = new Promise<void>((resolve) => (open = resolve));
    gates.set(ns, { open, promise });
  };
  const openStore = async (dir: string, o: StoreOptions) => {
    loads.push(basename(dir));
    await gates.get(basename(dir))?.promise;
    return Store.openAsync(dir, o);
  };
  const db = new TestDb({ ...opts, openStore });
  return { db, gate, open: (ns: string) => gates.get(ns)?.open(), loads };
}

describe('loading: one load, failures, and the namespace bound', () => {
  let db: TestDb | null = null;
  const clients: RawClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    await db?.close();
    db = null;
  });

  it('concurrent requests for a loading namespace share one load and are answered in order', async () => {
    const g = gatedServer();
    db = g.db;
    mkdirSync(join(db.dataDir, 'shared'), { recursive: true });
    writeFileSync(join(db.dataDir, 'shared', 'rules.json'), JSON.stringify(OPEN_RULES));
    await db.start();
    g.gate('shared');
    const t = db;
    const puts = Array.from({ length: 5 }, (_, i) => t.rest('PUT', '/n.json', i, { ns: 'shared' }));
    const ws = await rawClient(t.port, 'shared');
    clients.push(ws);
    const wsWrite = ws.request('p', { p: '/n', d: 'ws' }, 30_000);
    const wsRead = ws.request('g', { p: '/n', q: {} }, 30_000);
    await until(() => t.server.waitingFor('shared') === 7, 'seven requests waiting for the load');
    g.open('shared');
    const results = await Promise.all(puts);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await wsWrite).s).toBe('ok');
    expect((await wsRead).d).toBe('ws'); // the socket's own requests ran in the order it sent them
    expect(g.loads.filter((ns) => ns === 'shared')).toHaveLength(1);
  });

  it('a failed load answers its waiters with the reason (REST 503, WebSocket error and close) and the server serves on', async () => {
    const g = gatedServer();
    db = g.db;
    const dir = join(db.dataDir, 'broken');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'snapshot.json'), Buffer.concat([Buffer.from('DOMS-SNAPSHOT 2\n'), Buffer.from('12:00000000:{"op":"set"}\n')]));
    await db.start();
    await db.setRules(OPEN_RULES, 'fine');
    g.gate('broken');
    const t = db;
    const rest = t.rest('GET', '/a.json', undefined, { ns: 'broken' });
    const ws = await rawClient(t.port, 'broken');
    clients.push(ws);
    const wsGet = ws.request('g', { p: '/a', q: {} }, 30_000).then(
      () => 'answered',
      () => 'closed',
    );
    await until(() => t.server.waitingFor('broken') === 2, 'two requests waiting for the load');
    g.open('broken');
    const res = await rest;
    expect(res.status).toBe(503);
    expect((res.json as { error: string }).error).toMatch(/broken could not be loaded: .*snapshot\.json is damaged/);
    expect(await wsGet).toBe('closed');
    expect(await ws.controlError(1)).toMatch(/could not be loaded/);
    expect((await t.rest('GET', '/.json', undefined, { ns: 'fine' })).status).toBe(200);
    // Not kept as open: the next request tries again (and fails again, with the same reason).
    expect(t.server.openNamespaces()).not.toContain('broken');
    expect((await t.rest('GET', '/a.json', undefined, { ns: 'broken' })).status).toBe(503);
  });

  it('a loading namespace counts against maxNamespaces and is never closed for room or for idleness', async () => {
    const g = gatedServer({ maxNamespaces: 2, namespaceIdleMs: 20 });
    db = g.db;
    for (const ns of ['slow', 'x', 'y']) {
      mkdirSync(join(db.dataDir, ns), { recursive: true });
      writeFileSync(join(db.dataDir, ns, 'rules.json'), JSON.stringify(OPEN_RULES));
    }
    await db.start();
    g.gate('slow');
    const t = db;
    const waiting = t.rest('PUT', '/v.json', { s: 'kept' }, { ns: 'slow' });
    await until(() => t.server.waitingFor('slow') === 1, 'the request waiting for the load');
    // Opening others closes idle loaded ones, never the loading one.
    for (const ns of ['x', 'y', 'x', 'y']) expect((await t.rest('GET', '/.json', undefined, { ns })).status).toBe(200);
    expect(t.server.openNamespaces()).toContain('slow');
    // With the loading one and a connected one, no room is left: refused, not closed under them.
    const held = await rawClient(t.port, 'y');
    clients.push(held);
    expect((await held.request('g', { p: '/', q: {} })).s).toBe('ok');
    expect((await t.rest('GET', '/.json', undefined, { ns: 'x' })).status).toBe(503);
    // Well past the idle time, it is still there with its waiter.
    await new Promise((r) => setTimeout(r, 200));
    expect(t.server.waitingFor('slow')).toBe(1);
    g.open('slow');
    expect((await waiting).status).toBe(200);
    expect((await t.rest('GET', '/v.json', undefined, { ns: 'slow' })).json).toEqual({ s: 'kept' });
  });
});

describe('an older single-JSON snapshot', () => {
  it('is rewritten framed in the background once loaded, keeping writes made meanwhile, so the next start loads in slices', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'doms-legacy-'));
    const db = new TestDb({ dataDir });
    const dir = join(dataDir, 'legacy-ns');
    mkdirSync(dir, { recursive: true });
    const items = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, item(i)]));
    writeFileSync(join(dir, 'snapshot.json'), JSON.stringify({ items }));
    writeFileSync(join(dir, 'rules.json'), JSON.stringify(OPEN_RULES));
    const head = (): string => readFileSync(join(dir, 'snapshot.json')).subarray(0, 16).toString('latin1');
    try {
      await db.start();
      expect(head()).not.toBe('DOMS-SNAPSHOT 2\n');
      const first = db.rest('GET', '/items/k7.json', undefined, { ns: 'legacy-ns' });
      const write = db.rest('PUT', '/items/new.json', { n: -1 }, { ns: 'legacy-ns' });
      expect((await first).json).toEqual(item(7));
      expect((await write).status).toBe(200);
      await until(() => head() === 'DOMS-SNAPSHOT 2\n', 'the snapshot rewritten framed');
      await db.close();
      // What the next start loads: the framed snapshot and the log's tail, with the write made meanwhile.
      const { store, data } = await Store.openAsync(dir);
      store.close();
      expect(data).toEqual({ items: { ...items, new: { n: -1 } } });
      expect(store.hasLegacySnapshot).toBe(false);
    } finally {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
