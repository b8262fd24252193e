import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { get, orderByChild, query, ref, equalTo } from 'firebase/database';
import { TestDb } from '../support/dbHarness.ts';

const q = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const unindexed = (child: string, path: string) => `Index not defined, add ".indexOn": "${child}", for path "${path}", to the rules`;

describe('REST queries need an index, as in Firebase', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await new TestDb().start();
    await db.setRules({ rules: { '.read': true, '.write': true, shop: { $id: { orders: { '.indexOn': ['status', 'meta/day'] } } } } });
    await db.rest('PUT', '/shop/s1/orders.json', { o1: { status: 'new', n: 2, meta: { day: 1 } }, o2: { status: 'done', n: 1, meta: { day: 2 } } });
  });
  afterEach(async () => db.close());

  it('orderBy an unindexed child is a 400 naming the child and the path, for the owner and anyone else', async () => {
    for (const token of ['owner', null]) {
      const res = await db.rest('GET', `/shop/s1/orders.json?orderBy=${q('n')}&limitToFirst=1`, undefined, { token });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ error: unindexed('n', '/shop/s1/orders') });
    }
    const nested = await db.rest('GET', `/shop/s1/orders.json?orderBy=${q('meta/x')}`);
    expect(nested.json).toEqual({ error: unindexed('meta/x', '/shop/s1/orders') });
    const root = await db.rest('GET', `/.json?orderBy=${q('status')}`);
    expect(root.json).toEqual({ error: unindexed('status', '/') });
  });

  it('indexed children (nested too, under a wildcard) and $key, $value, $priority are answered', async () => {
    expect((await db.rest('GET', `/shop/s1/orders.json?orderBy=${q('status')}&equalTo=${q('done')}`)).json).toEqual({ o2: { status: 'done', n: 1, meta: { day: 2 } } });
    expect((await db.rest('GET', `/shop/s1/orders.json?orderBy=${q('meta/day')}&limitToLast=1`)).json).toEqual({ o2: { status: 'done', n: 1, meta: { day: 2 } } });
    for (const order of ['$key', '$value', '$priority']) {
      const res = await db.rest('GET', `/shop/s1/orders.json?orderBy=${q(order)}&limitToFirst=1`);
      expect(res.status, order).toBe(200);
    }
  });

  it('the SDK over WebSocket still gets its answer (with only a warning), as from the official emulator', async () => {
    const snap = await get(query(ref(db.client(), 'shop/s1/orders'), orderByChild('n'), equalTo(1)));
    expect(snap.val()).toEqual({ o2: { status: 'done', n: 1, meta: { day: 2 } } });
  });
});
