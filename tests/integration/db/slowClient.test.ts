import { afterEach, describe, expect, it } from 'vitest';
import { onValue, ref } from 'firebase/database';
import { OPEN_RULES, TestDb, until } from '../support/dbHarness.ts';
import { rawClient, type RawClient } from '../support/rawWs.ts';

const BOUND = 256 * 1024;
const VALUE = 'x'.repeat(100 * 1024);
const WRITES = 200; // 20 MB of events: far more than loopback socket buffers absorb

describe('a client that stops reading', () => {
  let db: TestDb;
  let raw: RawClient | undefined;
  afterEach(async () => {
    await raw?.close();
    await db.close();
  });

  it('is dropped once its unsent backlog passes the bound, and everyone else keeps getting events', async () => {
    const logs: string[] = [];
    db = await new TestDb({ maxSendBuffer: BOUND, log: (m) => logs.push(m) }).start();
    await db.setRules(OPEN_RULES);

    const sdk = db.client();
    let keysSeen = 0;
    onValue(ref(sdk, 'big'), (s) => (keysSeen = s.size));

    raw = await rawClient(db.port);
    expect((await raw.request('q', { p: '/big', h: '' })).s).toBe('ok');
    raw.ws.pause(); // stops reading from its socket: the server's outgoing buffer for it grows

    for (let i = 0; i < WRITES; i++) expect(await db.rest("PUT", `/big/k${i}.json`, JSON.stringify(VALUE))).toMatchObject({ status: 200 });

    await until(() => logs.some((l) => /dropped: \d+ bytes unsent \(bound 262144\)/.test(l)), 'the slow connection to be dropped', 20_000);
    await until(() => keysSeen === WRITES, 'the reading client to hear every write', 20_000);
    const dropped = logs.filter((l) => l.includes('dropped:'));
    expect(dropped).toHaveLength(1);
    // What was unsent when it was dropped is at most the bound plus one message (one 100 KB event).
    const unsent = Number(/dropped: (\d+) bytes/.exec(dropped[0] as string)?.[1]);
    expect(unsent).toBeGreaterThan(BOUND);
    expect(unsent).toBeLessThanOrEqual(BOUND + VALUE.length + 1024);

    raw.ws.resume();
    await until(() => raw?.closed() === true, 'the dropped client to see its socket close', 10_000);
    // The server still serves new clients.
    const late = await rawClient(db.port);
    expect((await late.request('q', { p: '/big/k0', h: '' })).s).toBe('ok');
    await late.close();
  }, 60_000);
});
