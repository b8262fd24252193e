import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { get, onValue, ref, set, setPriority, setWithPriority, update, query, orderByPriority } from 'firebase/database';
import { OPEN_RULES, TestDb, until } from '../support/dbHarness.ts';

describe('priority writes: setPriority(), update("x/.priority"), PUT /x/.priority.json', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await new TestDb().start();
    await db.setRules(OPEN_RULES);
  });
  afterEach(async () => db.close());

  it('setPriority() on an object and on a leaf is stored, seen by another client and by REST', async () => {
    const a = db.client();
    const b = db.client();
    await set(ref(a, 'p/obj'), { x: 1 });
    await set(ref(a, 'p/leaf'), 'v');
    await setPriority(ref(a, 'p/obj'), 5);
    await setPriority(ref(a, 'p/leaf'), 'z');
    const snap = await get(ref(b, 'p'));
    expect(snap.child('obj').priority).toBe(5);
    expect(snap.child('leaf').priority).toBe('z');
    expect(snap.val()).toEqual({ obj: { x: 1 }, leaf: 'v' });
    expect((await db.rest('GET', '/p.json?format=export')).json).toEqual({ obj: { x: 1, '.priority': 5 }, leaf: { '.value': 'v', '.priority': 'z' } });
    expect((await db.rest('GET', '/p/obj/.priority.json')).json).toBe(5);
    expect((await db.rest('GET', '/p/leaf/.priority.json')).json).toBe('z');
  });

  it('update({"c/.priority": 52}) sets the priority beside other changes, atomically', async () => {
    const a = db.client();
    const b = db.client();
    await set(ref(a, 'u'), { c: { n: 1 }, d: 2 });
    const seen: unknown[] = [];
    onValue(ref(b, 'u/c'), (s) => seen.push(s.priority));
    await until(() => seen.length === 1, 'first value');
    await update(ref(a, 'u'), { 'c/.priority': 52, d: 3 });
    await until(() => seen.includes(52), 'the new priority at the other client');
    expect((await db.rest('GET', '/u.json?format=export')).json).toEqual({ c: { n: 1, '.priority': 52 }, d: 3 });
    // Removing it: null.
    await update(ref(a, 'u'), { 'c/.priority': null });
    expect((await db.rest('GET', '/u/c.json?format=export')).json).toEqual({ n: 1 });
  });

  it('priorities order an orderByPriority query after setPriority()', async () => {
    const a = db.client();
    await set(ref(a, 'q'), { x: 1, y: 2, z: 3 });
    await setPriority(ref(a, 'q/x'), 3);
    await setPriority(ref(a, 'q/y'), 1);
    await setWithPriority(ref(a, 'q/z'), 3, 2);
    const keys: string[] = [];
    (await get(query(ref(db.client(), 'q'), orderByPriority()))).forEach((c) => void keys.push(c.key as string));
    expect(keys).toEqual(['y', 'z', 'x']);
  });

  it('REST PUT /x/.priority.json sets it; a priority on nothing is dropped; a bad priority is refused', async () => {
    expect((await db.rest('PUT', '/r.json', { a: 1 })).status).toBe(200);
    const put = await db.rest('PUT', '/r/.priority.json', 7);
    expect(put.status).toBe(200);
    expect(put.json).toBe(7);
    expect((await db.rest('GET', '/r.json?format=export')).json).toEqual({ a: 1, '.priority': 7 });
    expect((await db.rest('PUT', '/nothing/.priority.json', 1)).status).toBe(200);
    expect((await db.rest('GET', '/nothing.json')).json).toBeNull();
    const bad = await db.rest('PUT', '/r/.priority.json', { x: 1 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('/r/.priority');
    expect((await db.rest('PUT', '/r/.priority/x.json', 1)).status).toBe(400);
    expect((await db.rest('PATCH', '/r/.priority.json', { x: 1 })).status).toBe(400);
  });

  it('a priority write survives a restart (the log replays it)', async () => {
    const a = db.client();
    await set(ref(a, 's'), { k: 1 });
    await setPriority(ref(a, 's'), 'pri');
    await update(ref(a, '/'), { 'k2/.priority': 3, k2v: 1 });
    await db.restart();
    // Read in process: the SDK client is still reconnecting to the new server.
    expect(db.server.database('test-ns').data).toEqual({ s: { k: 1, '.priority': 'pri' }, k2v: 1 });
  });
});

describe('priority writes and rules: a write to x/.priority is a write at x', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await new TestDb().start();
    await db.setRules({
      rules: {
        items: {
          '.read': true,
          '$id': {
            '.write': "auth != null && auth.uid === $id",
            '.validate': "newData.getPriority() === null || newData.getPriority() < 100",
          },
        },
      },
    });
  });
  afterEach(async () => db.close());

  it('is allowed where the node may be written, refused elsewhere, and validated with the new priority', async () => {
    const alice = db.client({ uid: 'alice' });
    const bob = db.client({ uid: 'bob' });
    await set(ref(alice, 'items/alice'), { n: 1 });
    await setPriority(ref(alice, 'items/alice'), 10);
    expect((await db.rest('GET', '/items/alice/.priority.json')).json).toBe(10);
    await expect(setPriority(ref(bob, 'items/alice'), 11)).rejects.toThrow(/permission_denied/i);
    await expect(update(ref(bob, 'items'), { 'alice/.priority': 12 })).rejects.toThrow(/permission_denied/i);
    await expect(setPriority(ref(alice, 'items/alice'), 500)).rejects.toThrow(/permission_denied/i);
    expect((await db.rest('GET', '/items/alice/.priority.json')).json).toBe(10);
    // Reading x/.priority needs read access to x.
    expect((await db.rest('GET', '/items/alice/.priority.json', undefined, { token: null })).json).toBe(10);
  });
});
