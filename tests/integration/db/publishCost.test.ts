/**
 * What a listener is sent follows what changed, not what exists (issue 11): a multi-path update at
 * the root that touches one child of a large listened collection sends that child, not the whole
 * collection, and a multi-key update costs time linear in its keys.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onValue, ref, update } from 'firebase/database';
import fc from 'fast-check';
import { OPEN_RULES, TestDb, until } from '../support/dbHarness.ts';
import { rawClient, type RawClient } from '../support/rawWs.ts';

const CHILDREN = 5000;
const record = (i: number) => ({ number: `K${i}`, partyName: `Party ${i % 97}`, note: 'x'.repeat(60), lines: { a: { qty: i % 9 } } });

function bigCollection(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < CHILDREN; i++) out[`k${String(i).padStart(5, '0')}`] = record(i);
  return out;
}

/** JSON with object keys sorted, to compare trees whatever their key order. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'object' && x !== null && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));

/** Bytes of every data push received by `c` from message index `from` on. */
const pushedBytes = (c: RawClient, from: number): number =>
  c.messages
    .slice(from)
    .filter((m) => (m as { t?: string; d?: { a?: string } }).t === 'd' && typeof (m as { d: { a?: unknown } }).d.a === 'string')
    .reduce<number>((n, m) => n + JSON.stringify(m).length, 0);

describe('publishing: a listener is sent only what changed under it', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await new TestDb().start();
    await db.setRules(OPEN_RULES);
    await db.rest('PUT', '/deleted.json', bigCollection());
  });
  afterEach(async () => db.close());

  it('root multi-path updates that each remove one child send that child only, not the collection', async () => {
    const raw = await rawClient(db.port);
    const listened = await raw.request('q', { p: '/deleted', h: '' });
    expect(listened.s).toBe('ok');
    const initial = pushedBytes(raw, 0);
    expect(initial).toBeGreaterThan(CHILDREN * 100); // the whole collection, once
    const from = raw.messages.length;
    for (let i = 0; i < 50; i++) {
      // A purge: the record goes, an audit entry and a revision elsewhere in the same update.
      const res = await db.rest('PATCH', '/.json', { [`deleted/k${String(i).padStart(5, '0')}`]: null, [`audit/a${i}`]: { action: 'purge' }, [`orderRev/o${i}`]: 2 });
      expect(res.status).toBe(200);
    }
    await until(() => raw.messages.length - from >= 50, 'the 50 pushes');
    const perPush = pushedBytes(raw, from) / 50;
    // About 60 bytes each (path, null); the old server re-sent all 5,000 children (~500 KB) each time.
    expect(perPush).toBeLessThan(200);
    await raw.close();
  });

  it('a write above the listen that replaces the listened node still sends it whole', async () => {
    const raw = await rawClient(db.port);
    await raw.request('q', { p: '/deleted/k00001', h: '' });
    const from = raw.messages.length;
    await db.rest('PATCH', '/.json', { deleted: { k00001: { number: 'K1b' } }, other: 1 });
    await until(() => raw.messages.length > from, 'the push');
    const pushes = raw.messages.slice(from) as { d: { a?: string; b: unknown } }[];
    expect(pushes.map((m) => [m.d.a, m.d.b])).toEqual([['d', { p: '/deleted/k00001', d: { number: 'K1b' } }]]);
    await raw.close();
  });

  it('SDK listeners end with the same tree as the server after random root updates (only diffs sent)', async () => {
    const sdk = db.client();
    let seen: unknown = undefined;
    const stop = onValue(ref(sdk, 'deleted'), (s) => (seen = s.val()));
    await until(() => seen !== undefined, 'first snapshot');
    const writer = db.client();
    const key = fc.integer({ min: 0, max: 40 }).map((i) => `k${String(i).padStart(5, '0')}`);
    const change = fc.oneof(
      fc.tuple(key, fc.constant(null)),
      fc.tuple(key, fc.record({ number: fc.string({ maxLength: 4 }), n: fc.integer() }).map((r) => ({ ...r }))),
      fc.tuple(key.map((k) => `${k}/note`), fc.oneof(fc.constant(null), fc.string({ maxLength: 8 }))),
      fc.tuple(key.map((k) => `${k}/lines/a/qty`), fc.integer({ min: 0, max: 9 })),
    );
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(change, { minLength: 1, maxLength: 6, selector: ([p]) => p.split('/')[0] }), async (changes) => {
        const patch: Record<string, unknown> = { [`audit/x${Math.random().toString(36).slice(2)}`]: 1 };
        for (const [p, v] of changes) patch[`deleted/${p}`] = v;
        await update(ref(writer), patch);
        const server = (await db.rest('GET', '/deleted.json')).json;
        await until(() => canonical(seen) === canonical(server), 'the listener to match the server', 5000);
      }),
      { numRuns: 40 },
    );
    stop();
  });
});

describe('multi-key updates cost time linear in their keys', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await new TestDb().start();
    await db.setRules(OPEN_RULES);
  });
  afterEach(async () => db.close());

  it('a 150,000-key PATCH at the root is applied whole (the quadratic overlap check took minutes)', async () => {
    const patch: Record<string, unknown> = {};
    for (let i = 0; i < 50_000; i++) {
      patch[`audit/a${i}`] = { at: i };
      patch[`orderRev/o${i}`] = i;
      patch[`stockLedger/l${i}/delta`] = -1;
    }
    const res = await db.rest('PATCH', '/.json', patch);
    expect(res.status).toBe(200);
    const audit = (await db.rest('GET', '/audit.json?shallow=true')).json as Record<string, unknown>;
    expect(Object.keys(audit)).toHaveLength(50_000);
    expect((await db.rest('GET', '/stockLedger/l49999.json')).json).toEqual({ delta: -1 });
  });

  it('still refuses overlapping paths in a large update, naming both', async () => {
    const patch: Record<string, unknown> = {};
    for (let i = 0; i < 20_000; i++) patch[`a/k${i}`] = i;
    patch['a/k777/deeper'] = 1;
    const res = await db.rest('PATCH', '/.json', patch);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json)).toMatch(/a\/k777.*overlap|overlap.*a\/k777/);
    expect((await db.rest('GET', '/a/k1.json')).json).toBeNull();
  });
});
