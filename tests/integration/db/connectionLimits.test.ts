import { afterEach, describe, expect, it } from 'vitest';
import { get, onValue, ref } from 'firebase/database';
import { OPEN_RULES, TestDb, until } from '../support/dbHarness.ts';
import { rawClient, type RawClient } from '../support/rawWs.ts';

const VALUE = 'x'.repeat(100 * 1024);
const WRITES = 200; // 20 MB of events: far more than loopback socket buffers absorb

describe('connections per remote address', () => {
  let db: TestDb;
  const clients: RawClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await db.close();
  });

  it('past the bound a new WebSocket from the same address is refused with 429; closing one makes room', async () => {
    db = await new TestDb({ maxConnectionsPerAddress: 3 }).start();
    await db.setRules(OPEN_RULES);
    for (let i = 0; i < 3; i++) clients.push(await rawClient(db.port));
    await expect(rawClient(db.port)).rejects.toThrow(/429/);
    // REST is not a connection that stays: it is still answered.
    expect((await db.rest('GET', '/.json')).status).toBe(200);
    await clients.pop()?.close();
    let again: RawClient | null = null;
    for (let i = 0; i < 100 && again === null; i++) {
      again = await rawClient(db.port).catch(() => null);
      if (again === null) await new Promise((r) => setTimeout(r, 50));
    }
    expect(again).not.toBe(null);
    if (again !== null) clients.push(again);
    expect((await clients[0]?.request('g', { p: '/' }))?.s).toBe('ok');
  });

  it('the default leaves room for the many SDK clients a test opens from 127.0.0.1', async () => {
    db = await new TestDb().start();
    await db.setRules(OPEN_RULES);
    const sdks = Array.from({ length: 40 }, () => db.client());
    const values = await Promise.all(sdks.map((s) => get(ref(s, 'nothing'))));
    expect(values.every((v) => v.val() === null)).toBe(true);
  });
});

describe('memory held for slow readers, server-wide', () => {
  let db: TestDb;
  const clients: RawClient[] = [];
  afterEach(async () => {
    // A paused client would not read the closing handshake and wait out ws's 30 s close timeout.
    for (const c of clients) c.ws.resume();
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await db.close();
  });

  it('past the budget the connection with the largest backlog is dropped first; a small one stays', async () => {
    const BUDGET = 512 * 1024;
    const logs: string[] = [];
    // Each connection alone may hold far more than the budget: only the server-wide bound acts.
    db = await new TestDb({ sendBudget: BUDGET, log: (m) => logs.push(m) }).start();
    await db.setRules(OPEN_RULES);
    const sdk = db.client();
    let keysSeen = 0;
    onValue(ref(sdk, 'big'), (s) => (keysSeen = s.size));

    const greedy = await rawClient(db.port);
    const modest = await rawClient(db.port);
    clients.push(greedy, modest);
    expect((await greedy.request('q', { p: '/big', h: '' })).s).toBe('ok');
    expect((await modest.request('q', { p: '/big/k0', h: '' })).s).toBe('ok');
    greedy.ws.pause();
    modest.ws.pause();

    for (let i = 0; i < WRITES; i++) expect((await db.rest('PUT', `/big/k${i}.json`, JSON.stringify(VALUE))).status).toBe(200);
    await until(() => logs.some((l) => /server-wide/.test(l)), 'the greedy connection to be dropped', 20_000);
    await until(() => keysSeen === WRITES, 'the reading client to hear every write', 20_000);
    const dropped = logs.filter((l) => l.includes('dropped'));
    expect(dropped).toHaveLength(1);
    const unsent = Number(/dropped: (\d+) bytes/.exec(dropped[0] as string)?.[1]);
    expect(unsent).toBeGreaterThan(0);
    expect(unsent).toBeLessThanOrEqual(BUDGET + VALUE.length + 1024);

    greedy.ws.resume();
    modest.ws.resume();
    await until(() => greedy.closed(), 'the greedy client to see its socket close', 10_000);
    expect(modest.closed()).toBe(false);
    expect((await modest.request('g', { p: '/big/k0' })).s).toBe('ok');
  }, 60_000);

  it('several stalled readers together never hold much more than the budget', async () => {
    const BUDGET = 1024 * 1024;
    const logs: string[] = [];
    db = await new TestDb({ sendBudget: BUDGET, log: (m) => logs.push(m) }).start();
    await db.setRules(OPEN_RULES);
    for (let i = 0; i < 4; i++) {
      const c = await rawClient(db.port);
      clients.push(c);
      expect((await c.request('q', { p: '/big', h: '' })).s).toBe('ok');
      c.ws.pause();
    }
    let peak = 0;
    // 12 MB of events for each reader: past what loopback socket buffers absorb, far under 64 MB.
    for (let i = 0; i < 120; i++) {
      expect((await db.rest('PUT', `/big/k${i}.json`, JSON.stringify(VALUE))).status).toBe(200);
      peak = Math.max(peak, db.server.unsentBytes());
    }
    // Each reader alone would hold up to 64 MB; together they stay within one message of the budget.
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(BUDGET + VALUE.length + 1024);
    expect(logs.filter((l) => /server-wide/.test(l)).length).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
