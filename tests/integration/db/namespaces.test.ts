import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { get, ref } from 'firebase/database';
import { OPEN_RULES, TestDb, until } from '../support/dbHarness.ts';
import { rawClient } from '../support/rawWs.ts';

/** File descriptors of this process (the server runs in it) that point into `dir`. */
function fdsUnder(dir: string): number {
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith(dir)) n++;
    } catch {
      // The fd closed between the listing and the readlink (the listing's own fd does).
    }
  }
  return n;
}

describe('namespace lifecycle: storage on first write, a bounded number open, idle ones closed', () => {
  let db: TestDb;
  afterEach(async () => db.close());

  it('anonymous requests naming fresh namespaces create no folders and keep no files open', async () => {
    db = await new TestDb({ maxNamespaces: 8 }).start();
    const before = readdirSync(db.dataDir).sort();
    for (let i = 0; i < 40; i++) {
      const ns = `flood-${i}`;
      // Every namespace without rules of its own denies (no rules file): nothing is accepted.
      expect((await db.rest('GET', '/.json', undefined, { ns, token: null })).status).toBe(401);
      expect((await db.rest('PUT', '/x.json', { a: 1 }, { ns, token: null })).status).toBe(401);
      expect((await db.rest('PATCH', '/.json', { y: 2 }, { ns, token: null })).status).toBe(401);
    }
    // WebSocket clients too: connecting and reading names a namespace, it writes nothing.
    for (let i = 0; i < 20; i++) {
      const raw = await rawClient(db.port, `flood-ws-${i}`);
      expect((await raw.request('g', { p: '/' })).s).toBe('permission_denied');
      await raw.close();
    }
    expect(readdirSync(db.dataDir).sort()).toEqual(before);
    // Not even the default namespace holds a file open: nothing was ever written to it.
    expect(fdsUnder(db.dataDir)).toBe(0);
    expect(db.server.openNamespaces().length).toBeLessThanOrEqual(8);
  });

  it('a namespace gets its folder on its first accepted write, and only then', async () => {
    db = await new TestDb().start();
    await db.rest('GET', '/.json', undefined, { ns: 'later' });
    expect(existsSync(`${db.dataDir}/later`)).toBe(false);
    expect((await db.rest('PUT', '/a.json', 1, { ns: 'later' })).status).toBe(200);
    expect(existsSync(`${db.dataDir}/later/log`)).toBe(true);
    await db.setRules(OPEN_RULES, 'ruled');
    expect(existsSync(`${db.dataDir}/ruled/rules.json`)).toBe(true);
  });

  it('an idle namespace is closed (its log file too) and reopened from disk with its data', async () => {
    db = await new TestDb({ namespaceIdleMs: 200 }).start();
    await db.setRules(OPEN_RULES, 'quiet');
    expect((await db.rest('PUT', '/orders.json', { k1: { n: 1 } }, { ns: 'quiet' })).status).toBe(200);
    // A namespace with a connected client is in use, however long it stays silent.
    await db.setRules(OPEN_RULES, 'busy');
    const sdk = db.client({ ns: 'busy' });
    expect((await get(ref(sdk, 'x'))).val()).toBe(null);

    await until(() => !db.server.openNamespaces().includes('quiet'), 'the idle namespace to close', 10_000);
    expect(fdsUnder(`${db.dataDir}/quiet/`)).toBe(0);
    expect(db.server.openNamespaces()).toContain('busy');

    expect((await db.rest('GET', '/orders.json', undefined, { ns: 'quiet' })).json).toEqual({ k1: { n: 1 } });
    expect(db.server.openNamespaces()).toContain('quiet');
    // Its own rules came back with it: anonymous reads are allowed by them.
    expect((await db.rest('GET', '/orders/k1/n.json', undefined, { ns: 'quiet', token: null })).json).toBe(1);
    expect((await db.rest('PUT', '/orders/k2.json', { n: 2 }, { ns: 'quiet' })).status).toBe(200);
    expect((await get(ref(sdk, 'x'))).val()).toBe(null);
  });

  it('past the bound the least recently used idle namespace is closed; when every one is in use, a new one is refused', async () => {
    db = await new TestDb({ maxNamespaces: 2 }).start();
    await db.setRules(OPEN_RULES, 'one');
    expect((await db.rest('PUT', '/v.json', 1, { ns: 'one' })).status).toBe(200);
    await db.setRules(OPEN_RULES, 'two');
    await db.setRules(OPEN_RULES, 'three');
    expect(db.server.openNamespaces().sort()).toEqual(['three', 'two']);
    expect((await db.rest('GET', '/v.json', undefined, { ns: 'one' })).json).toBe(1);

    const a = await rawClient(db.port, 'one');
    const b = await rawClient(db.port, 'two');
    const refused = await db.rest('GET', '/.json', undefined, { ns: 'four' });
    expect(refused.status).toBe(503);
    expect(refused.json).toEqual({ error: expect.stringMatching(/namespaces/) as unknown });
    await expect(rawClient(db.port, 'four')).rejects.toThrow(/503/);
    await a.close();
    // Once the server has seen that client go, 'one' is idle again and makes room for 'four'.
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      status = (await db.rest('GET', '/.json', undefined, { ns: 'four' })).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(200);
    expect(db.server.openNamespaces().sort()).toEqual(['four', 'two']);
    expect((await b.request('g', { p: '/' })).s).toBe('ok');
    await b.close();
  });
});
