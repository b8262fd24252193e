import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  endAt, endBefore, equalTo, get, limitToFirst, limitToLast, off, onChildAdded, onChildChanged, onChildMoved, onChildRemoved,
  onValue, orderByChild, orderByKey, orderByValue, query, ref, remove, set, startAfter, startAt, update, type Query,
} from 'firebase/database';
import { TestDb, until } from '../support/dbHarness.ts';

const ORDERS = {
  k1: { party: 'A', total: 30, meta: { day: 3 } },
  k2: { party: 'B', total: 10, meta: { day: 1 } },
  k3: { party: 'A', total: 20, meta: { day: 2 } },
  k4: { party: 'C', total: 20, meta: { day: 5 } },
  k5: { party: 'B', total: 50, meta: { day: 4 } },
};

function keysOf(q: Query): Promise<string[]> {
  return get(q).then((s) => {
    const out: string[] = [];
    s.forEach((c) => {
      out.push(c.key as string);
    });
    return out;
  });
}

/** Follows a query live and returns the keys of its latest value, in order. */
function follow(q: Query): { keys: () => string[] | null } {
  let latest: string[] | null = null;
  onValue(q, (s) => {
    const out: string[] = [];
    s.forEach((c) => {
      out.push(c.key as string);
    });
    latest = out;
  });
  return { keys: () => latest };
}

describe('listen and get with queries', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await new TestDb().start();
    await db.setRules({ rules: { '.read': true, '.write': true, orders: { '.indexOn': ['total', 'party', 'meta/day'] } } });
    await db.rest('PUT', '/orders.json', ORDERS);
    await db.rest('PUT', '/scores.json', { a: 3, b: 1, c: 2, d: 'x', e: true });
  });
  afterEach(async () => db.close());

  it.each([
    ['orderByChild total', [orderByChild('total')], ['k2', 'k3', 'k4', 'k1', 'k5']],
    ['orderByChild nested path', [orderByChild('meta/day')], ['k2', 'k3', 'k1', 'k5', 'k4']],
    ['startAt', [orderByChild('total'), startAt(20)], ['k3', 'k4', 'k1', 'k5']],
    ['startAt with key', [orderByChild('total'), startAt(20, 'k4')], ['k4', 'k1', 'k5']],
    ['startAfter', [orderByChild('total'), startAfter(20)], ['k1', 'k5']],
    ['startAfter with key', [orderByChild('total'), startAfter(20, 'k3')], ['k4', 'k1', 'k5']],
    ['endAt', [orderByChild('total'), endAt(20)], ['k2', 'k3', 'k4']],
    ['endBefore', [orderByChild('total'), endBefore(20)], ['k2']],
    ['endBefore with key', [orderByChild('total'), endBefore(20, 'k4')], ['k2', 'k3']],
    ['equalTo', [orderByChild('party'), equalTo('A')], ['k1', 'k3']],
    ['equalTo with key', [orderByChild('party'), equalTo('A', 'k3')], ['k3']],
    ['limitToFirst', [orderByChild('total'), limitToFirst(2)], ['k2', 'k3']],
    ['limitToLast', [orderByChild('total'), limitToLast(2)], ['k1', 'k5']],
    ['range and limit', [orderByChild('total'), startAt(15), endAt(40), limitToLast(2)], ['k4', 'k1']],
    ['orderByKey range', [orderByKey(), startAt('k2'), endAt('k4')], ['k2', 'k3', 'k4']],
    ['orderByKey limit', [orderByKey(), limitToLast(1)], ['k5']],
  ] as const)('%s', async (_name, constraints, expected) => {
    const c = db.client();
    const q = query(ref(c, 'orders'), ...constraints);
    expect(await keysOf(q)).toEqual(expected);
    const live = follow(query(ref(db.client(), 'orders'), ...constraints));
    await until(() => live.keys() !== null, 'live query value');
    expect(live.keys()).toEqual(expected);
  });

  it('orderByValue sorts mixed types as Firebase does', async () => {
    const c = db.client();
    expect(await keysOf(query(ref(c, 'scores'), orderByValue()))).toEqual(['e', 'b', 'c', 'a', 'd']);
    expect(await keysOf(query(ref(c, 'scores'), orderByValue(), startAt(2), endAt(3)))).toEqual(['c', 'a']);
  });

  it('tagged limit queries in another client follow changes: added, changed, removed, moved', async () => {
    const writer = db.client();
    const reader = db.client();
    const q = query(ref(reader, 'orders'), orderByChild('total'), limitToLast(3));
    const events: string[] = [];
    onChildAdded(q, (s) => events.push(`added ${s.key}`));
    onChildRemoved(q, (s) => events.push(`removed ${s.key}`));
    onChildChanged(q, (s) => events.push(`changed ${s.key}`));
    onChildMoved(q, (s, prev) => events.push(`moved ${s.key} after ${prev}`));
    const live = follow(q);
    await until(() => JSON.stringify(live.keys()) === JSON.stringify(['k4', 'k1', 'k5']), 'initial window');
    events.length = 0;
    await set(ref(writer, 'orders/k6'), { party: 'D', total: 40 });
    await until(() => JSON.stringify(live.keys()) === JSON.stringify(['k1', 'k6', 'k5']), 'k6 enters, k4 leaves');
    expect(events).toContain('added k6');
    expect(events).toContain('removed k4');
    events.length = 0;
    await update(ref(writer, 'orders/k1'), { total: 60 });
    await until(() => JSON.stringify(live.keys()) === JSON.stringify(['k6', 'k5', 'k1']), 'k1 moves to the end');
    expect(events).toContain('changed k1');
    expect(events.some((e) => e.startsWith('moved k1'))).toBe(true);
    events.length = 0;
    await remove(ref(writer, 'orders/k5'));
    await until(() => JSON.stringify(live.keys()) === JSON.stringify(['k4', 'k6', 'k1']) || JSON.stringify(live.keys()) === JSON.stringify(['k3', 'k6', 'k1']), 'k5 removed, a 20 re-enters');
    expect(events).toContain('removed k5');
  });

  it('tagged queries follow multi-path updates that move several children in and out of the window at once', async () => {
    const writer = db.client();
    const reader = db.client();
    const checker = db.client();
    const specs = [
      [orderByChild('total'), limitToLast(3)],
      [orderByChild('total'), limitToFirst(2)],
      [orderByChild('total'), startAfter(10), endAt(45), limitToLast(2)],
      [orderByChild('total'), startAt(15), endBefore(50)],
      [orderByKey(), startAt('k3'), limitToFirst(3)],
    ] as const;
    const lives = specs.map((c) => follow(query(ref(reader, 'orders'), ...c)));
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 12; round++) {
      const patch: Record<string, unknown> = {};
      for (const k of new Set([`k${1 + rand(8)}`, `k${1 + rand(8)}`, `k${1 + rand(8)}`])) {
        const r = rand(4);
        if (r === 0) patch[`orders/${k}`] = null;
        else if (r === 1) patch[`orders/${k}`] = { party: 'X', total: rand(60) };
        else patch[`orders/${k}/total`] = rand(60);
      }
      await update(ref(writer), patch);
      for (const [i, c] of specs.entries()) {
        const expected = await keysOf(query(ref(checker, 'orders'), ...c));
        await until(() => JSON.stringify(lives[i]?.keys()) === JSON.stringify(expected), `round ${round}, query ${i}: ${JSON.stringify(expected)}`);
      }
    }
  });

  it('a listener on a plain path sees child events from another client and stops after off()', async () => {
    const writer = db.client();
    const reader = db.client();
    const r = ref(reader, 'orders');
    const events: string[] = [];
    const cb = (s: { key: string | null }) => events.push(`added ${s.key}`);
    onChildAdded(r, cb);
    await until(() => events.length === 5, 'five initial children');
    await set(ref(writer, 'orders/k9'), { party: 'Z', total: 1 });
    await until(() => events.includes('added k9'), 'k9 added');
    off(r, 'child_added', cb);
    await set(ref(writer, 'orders/k10'), { party: 'Z', total: 1 });
    await new Promise((res) => setTimeout(res, 200));
    expect(events).not.toContain('added k10');
  });
});
