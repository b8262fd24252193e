import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { get, goOffline, goOnline, onValue, ref, set } from 'firebase/database';
import { OPEN_RULES, TestDb, until } from '../support/dbHarness.ts';
import { rawClient } from '../support/rawWs.ts';

describe('protocol: handshake, keep-alive, frames, reconnect', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await new TestDb().start();
    await db.setRules(OPEN_RULES);
  });
  afterEach(async () => db.close());

  it('sends the v5 handshake with a session id and answers pings', async () => {
    const c = await rawClient(db.port);
    const hello = (await c.next((m) => (m as { t: string }).t === 'c')) as { d: { t: string; d: { v: string; s: string; ts: number } } };
    expect(hello.d.t).toBe('h');
    expect(hello.d.d.v).toBe('5');
    expect(hello.d.d.s.length).toBeGreaterThan(0);
    expect(Math.abs(hello.d.d.ts - Date.now())).toBeLessThan(5000);
    c.ws.send('0'); // keep-alive: ignored
    c.ws.send(JSON.stringify({ t: 'c', d: { t: 'p', d: {} } }));
    const pong = (await c.next((m) => (m as { d: { t?: string } }).d.t === 'o')) as { t: string };
    expect(pong.t).toBe('c');
    c.ws.close();
  });

  it('reassembles and sends multi-frame messages (values far above 16 KB both ways)', async () => {
    const a = db.client();
    const b = db.client();
    const big = 'x'.repeat(300_000) + '€ü';
    const seen: unknown[] = [];
    onValue(ref(b, 'big'), (s) => seen.push(s.val()));
    await set(ref(a, 'big'), { text: big, n: 1 });
    await until(() => seen.some((v) => (v as { text?: string } | null)?.text === big), 'big value at client b');
    const fetched = await get(ref(db.client(), 'big/text'));
    expect(fetched.val()).toBe(big);
  });

  it('client re-listens and resends pending writes after a server restart', async () => {
    const a = db.client();
    const b = db.client();
    const seenB: unknown[] = [];
    onValue(ref(b, 'r'), (s) => seenB.push(s.val()));
    await set(ref(a, 'r'), 1);
    await until(() => seenB.includes(1), 'first value');
    let pending: Promise<void> = Promise.resolve();
    // Written while the server is down: the SDK queues it and resends it after reconnecting.
    await db.restart(300, () => {
      pending = set(ref(a, 'r'), 2);
    });
    await pending;
    await until(() => seenB.includes(2), 'b to see the write after the restart', 15000);
    expect((await get(ref(b, 'r'))).val()).toBe(2);
  });

  it('queues writes made offline and resends them on reconnect', async () => {
    const a = db.client();
    await set(ref(a, 'q'), 'before');
    goOffline(a);
    const p = set(ref(a, 'q'), 'after');
    goOnline(a);
    await p;
    expect((await db.rest('GET', '/q.json')).json).toBe('after');
  });
});
