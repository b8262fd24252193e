import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { equalTo, get, onValue, orderByChild, query, ref, set, update } from 'firebase/database';
import { TestDb, until } from '../support/dbHarness.ts';

const RULES = {
  rules: {
    users: {
      '.read': "auth != null && root.child('users').child(auth.uid).child('role').val() === 'admin'",
      $uid: {
        '.read': "auth != null && auth.uid === $uid && data.child('status').val() !== 'removed'",
        '.write': "auth != null && root.child('users').child(auth.uid).child('role').val() === 'admin'",
        '.validate': "newData.hasChildren(['name', 'role', 'status'])",
        name: { '.validate': 'newData.isString() && newData.val().length > 0 && newData.val().length <= 40' },
        role: { '.validate': "newData.val().matches(/^(admin|staff|retailer)$/)" },
        status: { '.validate': "newData.isString() && (newData.val() == 'active' || newData.val() == 'removed')" },
        $other: { '.validate': false },
      },
    },
    stock: {
      '.read': 'auth != null',
      $sku: {
        '.write': "auth != null && root.child('users').child(auth.uid).child('status').val() === 'active'",
        '.validate': 'newData.isNumber() && newData.val() >= 0 && newData.val() % 1 === 0',
      },
    },
    retailerOrders: {
      '.read': "auth != null && query.orderByChild === 'retailerUid' && query.equalTo === auth.uid",
      $id: {
        '.write': "auth != null && !data.exists() && newData.child('retailerUid').val() === auth.uid",
        '.validate': "newData.child('status').val() === 'awaiting' && newData.child('at').val() <= now",
      },
    },
  },
};

describe('security rules through the SDK', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await new TestDb().start();
    await db.setRules(RULES);
    await db.rest('PUT', '/.json', {
      users: {
        boss: { name: 'Boss', role: 'admin', status: 'active' },
        sam: { name: 'Sam', role: 'staff', status: 'active' },
        rita: { name: 'Rita', role: 'retailer', status: 'active' },
      },
      stock: { s1: 5, s2: 7 },
      retailerOrders: { r1: { retailerUid: 'rita', status: 'awaiting', at: 1 }, r2: { retailerUid: 'other', status: 'awaiting', at: 1 } },
    });
  });
  afterEach(async () => db.close());

  it('denied writes, reads and listens fail with PERMISSION_DENIED', async () => {
    const sam = db.client({ uid: 'sam' });
    await expect(set(ref(sam, 'users/sam/role'), 'admin')).rejects.toThrow(/PERMISSION_DENIED/);
    await expect(get(ref(sam, 'users'))).rejects.toThrow(/Permission denied/i);
    const err = await new Promise<Error>((resolve) => onValue(ref(sam, 'users/boss'), () => {}, resolve));
    expect(err.message).toMatch(/permission_denied/i);
    expect((await get(ref(sam, 'users/sam'))).val()).toMatchObject({ role: 'staff' });
  });

  it('a denied multi-path update writes nothing; validate runs on every path', async () => {
    const sam = db.client({ uid: 'sam' });
    await update(ref(sam), { 'stock/s1': 4, 'stock/s2': 8 });
    expect((await db.rest('GET', '/stock.json')).json).toEqual({ s1: 4, s2: 8 });
    await expect(update(ref(sam), { 'stock/s1': 3, 'stock/s2': -1 })).rejects.toThrow(/PERMISSION_DENIED/);
    await expect(update(ref(sam), { 'stock/s1': 3, 'users/sam/role': 'admin' })).rejects.toThrow(/PERMISSION_DENIED/);
    await expect(update(ref(sam), { 'stock/s1': 2.5 })).rejects.toThrow(/PERMISSION_DENIED/);
    expect((await db.rest('GET', '/stock.json')).json).toEqual({ s1: 4, s2: 8 });
  });

  it('validate rejects unknown fields, bad types and bad values; admin writes valid users', async () => {
    const boss = db.client({ uid: 'boss' });
    await expect(set(ref(boss, 'users/new'), { name: 'N', role: 'staff', status: 'active', extra: 1 })).rejects.toThrow(/PERMISSION_DENIED/);
    await expect(set(ref(boss, 'users/new'), { name: 'N', role: 'king', status: 'active' })).rejects.toThrow(/PERMISSION_DENIED/);
    await expect(set(ref(boss, 'users/new'), { name: '', role: 'staff', status: 'active' })).rejects.toThrow(/PERMISSION_DENIED/);
    await expect(set(ref(boss, 'users/new'), { name: 'N', role: 'staff' })).rejects.toThrow(/PERMISSION_DENIED/);
    await set(ref(boss, 'users/new'), { name: 'N', role: 'staff', status: 'active' });
    expect((await db.rest('GET', '/users/new/role.json')).json).toBe('staff');
  });

  it('query-based rules: a retailer may read only the query constrained to their own uid', async () => {
    const rita = db.client({ uid: 'rita' });
    const own = await get(query(ref(rita, 'retailerOrders'), orderByChild('retailerUid'), equalTo('rita')));
    expect(Object.keys(own.val() as object)).toEqual(['r1']);
    await expect(get(ref(rita, 'retailerOrders'))).rejects.toThrow(/Permission denied/i);
    await expect(get(query(ref(rita, 'retailerOrders'), orderByChild('retailerUid'), equalTo('other')))).rejects.toThrow(/Permission denied/i);
    // now is the server's clock: a future time is refused, the server timestamp accepted.
    await expect(set(ref(rita, 'retailerOrders/r3'), { retailerUid: 'rita', status: 'awaiting', at: Date.now() + 3_600_000 })).rejects.toThrow(/PERMISSION_DENIED/);
    await set(ref(rita, 'retailerOrders/r3'), { retailerUid: 'rita', status: 'awaiting', at: { '.sv': 'timestamp' } });
    await expect(set(ref(rita, 'retailerOrders/r3'), { retailerUid: 'rita', status: 'awaiting', at: 1 })).rejects.toThrow(/PERMISSION_DENIED/);
  });

  it('a listen is revoked at once when the data its rule depends on changes', async () => {
    const sam = db.client({ uid: 'sam' });
    const boss = db.client({ uid: 'boss' });
    const values: unknown[] = [];
    const failure = new Promise<Error>((resolve) => onValue(ref(sam, 'users/sam'), (s) => values.push(s.val()), resolve));
    await until(() => values.length === 1, 'first value');
    await update(ref(boss, 'users/sam'), { status: 'removed' });
    const err = await failure;
    expect(err.message).toMatch(/permission_denied/i);
    await expect(get(ref(sam, 'users/sam'))).rejects.toThrow(/Permission denied/i);
  });

  it('new rules apply to live connections at once', async () => {
    const sam = db.client({ uid: 'sam' });
    expect((await get(ref(sam, 'stock'))).val()).toEqual({ s1: 5, s2: 7 });
    await db.setRules({ rules: { '.read': false, '.write': false } });
    await expect(get(ref(sam, 'stock'))).rejects.toThrow(/Permission denied/i);
  });
});
