import { describe, it, expect } from 'vitest';
import { canRead, checkWrite, compileRules, type QueryVar, type RuleNode, type WriteVerdict } from '../../../server/rules/index.ts';
import type { AuthVar, Json, JsonObject, Path } from '../../../server/types.ts';

const U1: AuthVar = { uid: 'u1', provider: 'password', token: { role: 'staff' } };

/** Returns `root` with `value` placed at `path`, copying only along the path (empty objects pruned). */
function setAt(root: Json, path: Path, value: Json): Json {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  const base: JsonObject = typeof root === 'object' && root !== null ? root : {};
  const child = setAt(base[key] ?? null, rest, value);
  const copy: JsonObject = { ...base };
  if (child === null) delete copy[key];
  else copy[key] = child;
  return Object.keys(copy).length === 0 ? null : copy;
}

const p = (s: string): string[] => s.split('/').filter(Boolean);

function read(rules: RuleNode, root: Json, path: string, auth: AuthVar = U1, query?: QueryVar): boolean {
  return canRead(rules, { auth, now: 1000, root, path: p(path), ...(query ? { query } : {}) });
}

/** A multi-path write: every [path, value] is applied to oldRoot. */
function write(rules: RuleNode, oldRoot: Json, changes: Record<string, Json>, auth: AuthVar = U1, now = 1000): WriteVerdict {
  let newRoot = oldRoot;
  for (const [path, value] of Object.entries(changes)) newRoot = setAt(newRoot, p(path), value);
  return checkWrite(rules, { auth, now, oldRoot, newRoot, paths: Object.keys(changes).map(p) });
}

const ok = { ok: true };
const deny = (path: string, reason: 'write' | 'validate' = 'write') => ({ ok: false, path: p(path), reason });

describe('canRead', () => {
  const rules = compileRules({
    rules: {
      users: { '.read': 'auth != null', $uid: { private: { '.read': false } } },
      profiles: { $uid: { '.read': 'auth.uid == $uid', avatar: { '.read': true } } },
      docs: { $id: { '.read': "data.child('public').val() == true" } },
      orders: { '.read': "query.orderByChild == 'owner' && query.equalTo == auth.uid" },
      nested: { deep: { '.read': true } },
    },
  });
  const root: Json = { docs: { d1: { public: true }, d2: { public: false } }, users: { u1: { private: { x: 1 } } } };

  it.each([
    ['/users/u1/private', U1, true], // ancestor grant cascades; deeper false cannot revoke
    ['/users/u1/private', null, false],
    ['/users', U1, true],
    ['/', U1, false], // no rule at the root
    ['/unknown/path', U1, false],
    ['/profiles/u1', U1, true],
    ['/profiles/u2', U1, false],
    ['/profiles/u2/avatar', U1, true],
    ['/profiles/u2/avatar/small', null, true],
    ['/docs/d1', U1, true],
    ['/docs/d1/public', U1, true],
    ['/docs/d2', U1, false],
    ['/docs/missing', U1, false],
    ['/nested', U1, false], // a grant on /nested/deep does not grant /nested
    ['/nested/deep/x', U1, true],
  ] as const)('%s as %j → %s', (path, auth, expected) => {
    expect(read(rules, root, path, auth)).toBe(expected);
  });

  it('evaluates query-based rules', () => {
    expect(read(rules, root, '/orders', U1, { orderByChild: 'owner', equalTo: 'u1' })).toBe(true);
    expect(read(rules, root, '/orders', U1, { orderByChild: 'owner', equalTo: 'u2' })).toBe(false);
    expect(read(rules, root, '/orders', U1, { orderByChild: 'date', equalTo: 'u1' })).toBe(false);
    expect(read(rules, root, '/orders', U1)).toBe(false);
  });

  it('strips priorities in val()', () => {
    const r = compileRules({ rules: { a: { '.read': "data.child('b').val() == 'x' && data.child('b').getPriority() == 1 && data.getPriority() == 'top'" } } });
    expect(read(r, { a: { b: { '.value': 'x', '.priority': 1 }, '.priority': 'top' } }, '/a')).toBe(true);
    expect(read(r, { a: { b: { '.value': 'y', '.priority': 1 }, '.priority': 'top' } }, '/a')).toBe(false);
  });
});

describe('checkWrite: permission', () => {
  it('grants a whole subtree from an ancestor .write', () => {
    const rules = compileRules({ rules: { users: { '.write': 'auth != null', $uid: { '.write': false } } } });
    expect(write(rules, null, { '/users/u1/name': 'a' })).toEqual(ok);
    expect(write(rules, null, { '/users/u1/name': 'a' }, null)).toEqual(deny('/users/u1/name'));
  });

  it('denies where no rule exists', () => {
    const rules = compileRules({ rules: { a: { '.write': true } } });
    expect(write(rules, null, { '/a/x': 1 })).toEqual(ok);
    expect(write(rules, null, { '/b': 1 })).toEqual(deny('/b'));
    expect(write(rules, null, { '/': { a: 1 } })).toEqual(deny('/'));
    expect(write(rules, null, { '/a': 1, '/b': 1 })).toEqual(deny('/b'));
  });

  // Firebase: a write needs a grant at or above its location. `.write` cascades down and
  // shallower grants win; rules below the written location never grant it, even when every
  // changed child would be writable on its own.
  describe('deeper rules never grant a write at a shallower path', () => {
    const rules = compileRules({ rules: { users: { $uid: { '.write': 'auth.uid == $uid' } }, open: { x: { '.write': true } } } });
    const old: Json = { users: { u1: { name: 'a' }, u2: { name: 'b' } } };
    it.each([
      ['only my child changes', { '/users': { u1: { name: 'A' }, u2: { name: 'b' } } }, deny('/users')],
      ['set the whole root, only my child changes', { '/': { users: { u1: { name: 'A' }, u2: { name: 'b' } } } }, deny('/')],
      ['a new child of mine', { '/users': { u1: { name: 'a', age: 3 }, u2: { name: 'b' } } }, deny('/users')],
      ['a write that changes nothing', { '/users': { u1: { name: 'a' }, u2: { name: 'b' } } }, deny('/users')],
      ['my own record', { '/users/u1': { name: 'A' } }, ok],
      ['below my own record', { '/users/u1/name': 'A' }, ok],
      ["another user's record", { '/users/u2': { name: 'B' } }, deny('/users/u2')],
      ['a grant two levels down does not reach /open', { '/open': { x: { y: 1 } } }, deny('/open')],
      ['at the grant', { '/open/x': { y: 1 } }, ok],
      ['below the grant', { '/open/x/y/z': 1 }, ok],
      ['each path of an update is a write location of its own', { '/users/u1/name': 'A', '/open/x/y': 1 }, ok],
      ['one path of an update without a grant', { '/users/u1/name': 'A', '/users/u2/name': 'B' }, deny('/users/u2/name')],
    ])('%s', (_name, changes, expected) => {
      expect(write(rules, old, changes)).toEqual(expected);
    });
  });

  it('denies a set of the parent when only wildcard children grant (issue 10)', () => {
    const rules = compileRules({ rules: { a: { $k: { '.write': true } } } });
    expect(write(rules, { a: { x: 1 } }, { '/a': { x: 2 } })).toEqual(deny('/a'));
    expect(write(rules, { a: { x: 1 } }, { '/a': { x: 1, '.priority': 3 } })).toEqual(deny('/a'));
    expect(write(rules, { a: { x: 1 } }, { '/a/x': 2 })).toEqual(ok);
    expect(write(rules, { a: { x: 1 } }, { '/a/x': 2, '/a/y': 3 })).toEqual(ok);
  });

  it('a false .write grants nothing, and revokes nothing granted deeper', () => {
    const rules = compileRules({ rules: { a: { '.write': false, b: { '.write': true } } } });
    expect(write(rules, null, { '/a': { b: { x: 1 } } })).toEqual(deny('/a'));
    expect(write(rules, null, { '/a/b': { x: 1 } })).toEqual(ok);
    expect(write(rules, null, { '/a/b/x': 1 })).toEqual(ok);
    expect(write(rules, null, { '/a/c': 1 })).toEqual(deny('/a/c'));
  });

  it('a deeper grant does not cover a write of its parent record', () => {
    const rules = compileRules({ rules: { users: { $uid: { name: { '.write': true } } } } });
    const old: Json = { users: { u1: { name: 'a', age: 3 } } };
    expect(write(rules, old, { '/users/u1': { name: 'b', age: 3 } })).toEqual(deny('/users/u1'));
    expect(write(rules, old, { '/users/u1/name': 'b' })).toEqual(ok);
    expect(write(rules, old, { '/users/u1/name': null })).toEqual(ok);
  });

  it('names the denied path of a multi-path update', () => {
    const rules = compileRules({ rules: { a: { '.write': true }, b: { '.write': "auth.token.role == 'admin'" } } });
    expect(write(rules, null, { '/a/x': 1, '/b/y': 2 })).toEqual(deny('/b/y'));
    expect(write(rules, null, { '/a/x': 1, '/b/y': 2 }, { ...U1!, token: { role: 'admin' } } as AuthVar)).toEqual(ok);
  });

  it('prefers a named child rule over the wildcard', () => {
    const rules = compileRules({ rules: { items: { special: { '.write': false }, $id: { '.write': true } } } });
    expect(write(rules, null, { '/items/other': 1 })).toEqual(ok);
    expect(write(rules, null, { '/items/special': 1 })).toEqual(deny('/items/special'));
  });

  it('uses now, data and newData', () => {
    const rules = compileRules({ rules: { t: { '.write': 'newData.val() <= now' }, c: { '.write': 'newData.val() == data.val() + 1' } } });
    expect(write(rules, null, { '/t': 500 }, U1, 1000)).toEqual(ok);
    expect(write(rules, null, { '/t': 2000 }, U1, 1000)).toEqual(deny('/t'));
    expect(write(rules, { c: 1 }, { '/c': 2 })).toEqual(ok);
    expect(write(rules, { c: 1 }, { '/c': 5 })).toEqual(deny('/c'));
  });

  it('evaluates root against the data before the write', () => {
    const rules = compileRules({ rules: { config: { '.write': true }, docs: { '.write': "root.child('config/locked').val() != true" } } });
    expect(write(rules, { config: { locked: true } }, { '/docs/x': 1 })).toEqual(deny('/docs/x'));
    expect(write(rules, { config: { locked: true } }, { '/config/locked': false, '/docs/x': 1 })).toEqual(deny('/docs/x'));
    expect(write(rules, { config: { locked: false } }, { '/docs/x': 1 })).toEqual(ok);
  });

  it('denies instead of throwing when a rule errors', () => {
    // 'users/' + null is an error in Firebase, so the rule is false for a signed-out request.
    const rules = compileRules({ rules: { users: { $uid: { '.write': "!root.child('banned/' + auth.uid).exists()" } } } });
    expect(write(rules, null, { '/users/u1': 1 }, null)).toEqual(deny('/users/u1'));
    expect(write(rules, null, { '/users/u1': 1 })).toEqual(ok);
  });
});

describe('checkWrite: validate', () => {
  const rules = compileRules({
    rules: {
      users: {
        $uid: {
          '.write': 'auth.uid == $uid',
          '.validate': "newData.hasChildren(['name'])",
          name: { '.validate': 'newData.isString() && newData.val().length > 0' },
          age: { '.validate': 'newData.isNumber()' },
          $other: { '.validate': false },
        },
      },
      items: { '.write': true, $id: { name: { '.validate': 'newData.isString()' } } },
      orders: {
        $id: {
          '.write': true,
          total: { '.validate': "newData.isNumber() && newData.parent().child('currency').exists()" },
          prio: { '.validate': 'newData.val() == 5 && newData.getPriority() == 2' },
        },
      },
    },
  });

  it.each([
    ['a valid user', null, { '/users/u1': { name: 'Ann', age: 3 } }, ok],
    ['an invalid field', null, { '/users/u1': { name: 'Ann', age: 'x' } }, deny('/users/u1/age', 'validate')],
    ['an empty name', null, { '/users/u1': { name: '' } }, deny('/users/u1/name', 'validate')],
    ['validate on the ancestor: name missing', { users: { u1: { age: 1 } } }, { '/users/u1/age': 2 }, deny('/users/u1', 'validate')],
    ['validate on the ancestor: name present', { users: { u1: { name: 'A', age: 1 } } }, { '/users/u1/age': 2 }, ok],
    ['deleting the node skips validate', { users: { u1: { name: 'A' } } }, { '/users/u1': null }, ok],
    ['deleting a field skips its validate', { users: { u1: { name: 'A', age: 1 } } }, { '/users/u1/age': null }, ok],
    ['$other rejects an unknown field', null, { '/users/u1': { name: 'A', foo: 1 } }, deny('/users/u1/foo', 'validate')],
    ['$other rejects writing the unknown field directly', { users: { u1: { name: 'A' } } }, { '/users/u1/foo': 1 }, deny('/users/u1/foo', 'validate')],
    ['invalid data beside the written path is not re-validated', { users: { u1: { name: 'A', age: 'old' } } }, { '/users/u1/name': 'B' }, ok],
    ['a whole-record rewrite validates unchanged children too', { users: { u1: { name: 'A', age: 'old' } } }, { '/users/u1': { name: 'B', age: 'old' } }, deny('/users/u1/age', 'validate')],
    ['a rewrite that changes nothing is validated', { users: { u1: { name: 'A', age: 'old' } } }, { '/users/u1': { name: 'A', age: 'old' } }, deny('/users/u1/age', 'validate')],
    ['a key with no rule where no wildcard exists is fine', null, { '/items/i1': { name: 'a', extra: 1 } }, ok],
    ['a named rule below still applies', null, { '/items/i1': { name: 5 } }, deny('/items/i1/name', 'validate')],
    ['newData.parent() sees a sibling of the same update', null, { '/orders/o1/total': 5, '/orders/o1/currency': 'EUR' }, ok],
    ['newData.parent() without the sibling', null, { '/orders/o1/total': 5 }, deny('/orders/o1/total', 'validate')],
    ['val() strips the priority', null, { '/orders/o1/prio': { '.value': 5, '.priority': 2 } }, ok],
    ['getPriority() of the new value', null, { '/orders/o1/prio': { '.value': 5, '.priority': 3 } }, deny('/orders/o1/prio', 'validate')],
  ] as [string, Json, Record<string, Json>, unknown][])('%s', (_name, old, changes, expected) => {
    expect(write(rules, old, changes)).toEqual(expected);
  });

  it('validates a child that did not change when its record is rewritten whole (issue 10)', () => {
    const r = compileRules({
      rules: { barcodes: { $code: { '.write': 'auth != null', skuId: { '.validate': 'newData.isString()' }, updatedBy: { '.validate': 'newData.val() === auth.uid' } } } },
    });
    const old: Json = { barcodes: { c1: { skuId: 's1', updatedBy: 'u2' } } };
    expect(write(r, old, { '/barcodes/c1': { skuId: 's2', updatedBy: 'u2' } })).toEqual(deny('/barcodes/c1/updatedBy', 'validate'));
    expect(write(r, old, { '/barcodes/c1': { skuId: 's2', updatedBy: 'u1' } })).toEqual(ok);
    // A write below the record does not validate its siblings (they are not part of newData's written part).
    expect(write(r, old, { '/barcodes/c1/skuId': 's2' })).toEqual(ok);
    // Nor are deleted (null) nodes validated.
    expect(write(r, old, { '/barcodes/c1': { skuId: 's2' } })).toEqual(ok);
  });

  it('checks permission for every path before any validate', () => {
    expect(write(rules, null, { '/users/u1/age': 'x', '/users/u2/name': 'B' })).toEqual(deny('/users/u2/name'));
  });
});

describe('checkWrite: performance along changed paths', () => {
  function counting(target: JsonObject, counts: { ownKeys: number; get: number }): JsonObject {
    return new Proxy(target, {
      ownKeys(t) {
        counts.ownKeys++;
        return Reflect.ownKeys(t);
      },
      get(t, key, receiver) {
        counts.get++;
        return Reflect.get(t, key, receiver) as unknown;
      },
    });
  }

  it('does not scan a 10k-child collection when one child is written', () => {
    const rules = compileRules({
      rules: { items: { '.indexOn': 'name', $id: { '.write': 'auth != null', '.validate': "newData.hasChildren(['name'])", name: { '.validate': 'newData.isString()' } } } },
    });
    const items: JsonObject = {};
    for (let i = 0; i < 10_000; i++) items[`k${i}`] = { name: `n${i}`, qty: i };
    const counts = { ownKeys: 0, get: 0 };
    const oldItems = counting(items, counts);
    const newItems = counting({ ...items, k5: { name: 'changed', qty: 1 } }, counts);
    const verdict = checkWrite(rules, { auth: U1, now: 0, oldRoot: { items: oldItems }, newRoot: { items: newItems }, paths: [['items', 'k5']] });
    expect(verdict).toEqual({ ok: true });
    expect(counts.ownKeys).toBe(0);
    expect(counts.get).toBeLessThan(50);
  });

  it('walks a whole written value only where .validate rules lie below', () => {
    const rules = compileRules({
      rules: { docs: { $id: { '.write': true, title: { '.validate': 'newData.isString()' } } } },
    });
    const blob: JsonObject = {};
    for (let i = 0; i < 10_000; i++) blob[`k${i}`] = { v: i };
    const counts = { ownKeys: 0, get: 0 };
    const value = { title: 't', body: counting(blob, counts) };
    // `body` has no rule node at all, and `docs/$id` has no wildcard: only `title` is looked at.
    expect(checkWrite(rules, { auth: U1, now: 0, oldRoot: null, newRoot: { docs: { d1: value } }, paths: [['docs', 'd1']] })).toEqual({ ok: true });
    expect(counts.ownKeys).toBe(0);
    expect(counts.get).toBe(0);
  });

  it('validates every child of a big whole write', () => {
    const rules = compileRules({ rules: { items: { '.write': true, $id: { qty: { '.validate': 'newData.isNumber()' } } } } });
    const items: JsonObject = {};
    for (let i = 0; i < 20_000; i++) items[`k${i}`] = { qty: i };
    const t0 = performance.now();
    expect(checkWrite(rules, { auth: U1, now: 0, oldRoot: null, newRoot: { items }, paths: [['items']] })).toEqual({ ok: true });
    const elapsed = performance.now() - t0;
    items['k19999'] = { qty: 'x' };
    expect(checkWrite(rules, { auth: U1, now: 0, oldRoot: null, newRoot: { items }, paths: [['items']] })).toEqual({ ok: false, path: ['items', 'k19999', 'qty'], reason: 'validate' });
    expect(elapsed).toBeLessThan(1000);
  });
});
