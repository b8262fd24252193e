import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { get, onChildAdded, onValue, ref } from 'firebase/database';
import { OPEN_RULES, TestDb, until } from '../support/dbHarness.ts';
import { mockToken } from '../support/cliProcess.ts';

type Auth = 'query' | 'header' | 'none';
type Res = { status: number; text: string; json: unknown; type: string | null };

const NS = 'test-ns';
const PUSH_ID = /^[-0-9A-Za-z_]{20}$/;
const q = (v: unknown) => encodeURIComponent(JSON.stringify(v));

describe('REST API: /<path>.json in Firebase shape', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await new TestDb().start();
  });
  afterEach(async () => db.close());

  /** A REST call with the token in `?auth=` or in `Authorization: Bearer`, or none. */
  async function call(method: string, path: string, opts: { body?: string; auth?: Auth; token?: string; ns?: string } = {}): Promise<Res> {
    const auth = opts.auth ?? 'header';
    const token = opts.token ?? 'owner';
    const url = new URL(`http://127.0.0.1:${db.port}${path}`);
    url.searchParams.set('ns', opts.ns ?? NS);
    if (auth === 'query') url.searchParams.set('auth', token);
    const headers: Record<string, string> = {};
    if (auth === 'header') headers['authorization'] = `Bearer ${token}`;
    const res = await fetch(url, { method, headers, body: opts.body });
    const text = await res.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      json = Symbol('not json');
    }
    return { status: res.status, text, json, type: res.headers.get('content-type') };
  }

  for (const auth of ['query', 'header'] as const) {
    it(`owner (${auth === 'query' ? '?auth=owner' : 'Authorization: Bearer owner'}) does GET/PUT/PATCH/POST/DELETE with Firebase-shaped answers, bypassing closed rules`, async () => {
      // No rules were set and there is no rules file: everyone but the owner is denied.
      expect((await call('GET', '/m.json', { auth: 'none' })).status).toBe(401);

      const put = await call('PUT', '/m/item.json', { auth, body: JSON.stringify({ a: 1, b: { c: 'x' }, gone: null, empty: {} }) });
      expect(put.status).toBe(200);
      expect(put.type).toMatch(/application\/json/);
      expect(put.json).toEqual({ a: 1, b: { c: 'x' } });
      expect((await call('GET', '/m/item.json', { auth })).json).toEqual({ a: 1, b: { c: 'x' } });

      const prim = await call('PUT', '/m/name.json', { auth, body: '"Shirt €"' });
      expect(prim).toMatchObject({ status: 200, json: 'Shirt €' });

      const patch = await call('PATCH', '/m/item.json', { auth, body: JSON.stringify({ a: 2, 'b/c': 'y', d: true }) });
      expect(patch.status).toBe(200);
      expect(patch.json).toEqual({ a: 2, 'b/c': 'y', d: true });
      expect((await call('GET', '/m/item.json', { auth })).json).toEqual({ a: 2, b: { c: 'y' }, d: true });

      const post1 = await call('POST', '/m/log.json', { auth, body: JSON.stringify({ text: 'first' }) });
      const post2 = await call('POST', '/m/log.json', { auth, body: '"second"' });
      expect(post1.status).toBe(200);
      expect(Object.keys(post1.json as object)).toEqual(['name']);
      const name1 = (post1.json as { name: string }).name;
      const name2 = (post2.json as { name: string }).name;
      expect(name1).toMatch(PUSH_ID);
      expect(name2).toMatch(PUSH_ID);
      expect(name1 < name2).toBe(true);
      expect((await call('GET', '/m/log.json', { auth })).json).toEqual({ [name1]: { text: 'first' }, [name2]: 'second' });

      const del = await call('DELETE', '/m/item.json', { auth });
      expect(del.status).toBe(200);
      expect(del.text).toBe('null');
      expect((await call('GET', '/m/item.json', { auth })).text).toBe('null');
      expect((await call('GET', '/m.json', { auth })).json).toEqual({ name: 'Shirt €', log: { [name1]: { text: 'first' }, [name2]: 'second' } });
      expect((await call('GET', '/nothing/here.json', { auth })).text).toBe('null');
    });
  }

  it('print=silent answers writes with 204 and an empty body, and still writes', async () => {
    const put = await call('PUT', '/s.json?print=silent', { body: JSON.stringify({ a: 1 }) });
    expect(put.status).toBe(204);
    expect(put.text).toBe('');
    const patch = await call('PATCH', '/s.json?print=silent', { body: JSON.stringify({ b: 2 }) });
    expect(patch.status).toBe(204);
    expect(patch.text).toBe('');
    const post = await call('POST', '/s/list.json?print=silent', { body: '"v"' });
    expect(post.status).toBe(204);
    expect(post.text).toBe('');
    const after = (await call('GET', '/s.json')).json as { a: number; b: number; list: Record<string, string> };
    expect(after.a).toBe(1);
    expect(after.b).toBe(2);
    expect(Object.values(after.list)).toEqual(['v']);
    const del = await call('DELETE', '/s.json?print=silent');
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect((await call('GET', '/s.json')).text).toBe('null');
  });

  it('GET renders array-like children as JSON arrays, as Firebase does (keys 0..n, more than half present)', async () => {
    const put = await call('PUT', '/arr.json', { body: JSON.stringify({ list: ['p', 'q', 'r'], sparse: { 1: 'a', 2: 'b' }, obj: { 0: 'x', 5: 'y' } }) });
    expect(put.status).toBe(200);
    const got = await call('GET', '/arr.json');
    expect(got.json).toEqual({ list: ['p', 'q', 'r'], sparse: [null, 'a', 'b'], obj: { 0: 'x', 5: 'y' } });
    expect((await call('GET', '/arr/list.json')).text).toBe('["p","q","r"]');
  });

  it('shallow=true truncates children to true and returns a primitive as is', async () => {
    await call('PUT', '/sh.json', { body: JSON.stringify({ a: { x: 1, y: { z: 2 } }, b: { q: 'deep' } }) });
    expect((await call('GET', '/sh.json?shallow=true')).json).toEqual({ a: true, b: true });
    expect((await call('GET', '/sh/a/x.json?shallow=true')).json).toBe(1);
    expect((await call('GET', '/sh/none.json?shallow=true')).text).toBe('null');
  });

  it('format=export includes priorities; a plain GET leaves them out', async () => {
    const value = { a: { '.value': 1, '.priority': 5 }, b: { '.priority': 'p', c: 'x' }, d: 'plain' };
    expect((await call('PUT', '/e.json', { body: JSON.stringify(value) })).status).toBe(200);
    expect((await call('GET', '/e.json')).json).toEqual({ a: 1, b: { c: 'x' }, d: 'plain' });
    expect((await call('GET', '/e.json?format=export')).json).toEqual(value);
    expect((await call('GET', '/e/b.json?format=export')).json).toEqual({ '.priority': 'p', c: 'x' });
  });

  it('queries: orderBy="$key" with startAt and limitToFirst, orderBy a child, equalTo, limitToLast', async () => {
    await db.setRules({ rules: { '.read': false, '.write': false, q: { '.indexOn': ['h'] } } });
    const data = { a: { h: 5 }, b: { h: 1 }, c: { h: 3 }, d: { h: 4 }, e: { n: 'no h' } };
    await call('PUT', '/q.json', { body: JSON.stringify(data) });
    const byKey = await call('GET', `/q.json?orderBy=${q('$key')}&startAt=${q('b')}&limitToFirst=2`);
    expect(byKey.status).toBe(200);
    expect(byKey.json).toEqual({ b: { h: 1 }, c: { h: 3 } });
    expect((await call('GET', `/q.json?orderBy=${q('$key')}&endAt=${q('b')}`)).json).toEqual({ a: { h: 5 }, b: { h: 1 } });
    expect((await call('GET', `/q.json?orderBy=${q('h')}&limitToFirst=2`)).json).toEqual({ e: { n: 'no h' }, b: { h: 1 } });
    expect((await call('GET', `/q.json?orderBy=${q('h')}&startAt=3&limitToFirst=2`)).json).toEqual({ c: { h: 3 }, d: { h: 4 } });
    expect((await call('GET', `/q.json?orderBy=${q('h')}&limitToLast=1`)).json).toEqual({ a: { h: 5 } });
    expect((await call('GET', `/q.json?orderBy=${q('h')}&equalTo=4`)).json).toEqual({ d: { h: 4 } });
  });

  it('filtering without orderBy is a 400 that names the parameter', async () => {
    await call('PUT', '/f.json', { body: JSON.stringify({ a: 1, b: 2 }) });
    for (const param of ['limitToFirst=1', `startAt=${q('a')}`, 'limitToLast=1', `equalTo=${q('a')}`, `endAt=${q('b')}`]) {
      const res = await call('GET', `/f.json?${param}`);
      expect(res.status, param).toBe(400);
      const error = (res.json as { error: string }).error;
      expect(error).toContain(param.split('=')[0] as string);
      expect(error).toContain('orderBy');
    }
    const badOrder = await call('GET', '/f.json?orderBy=$key');
    expect(badOrder.status).toBe(400);
    expect((badOrder.json as { error: string }).error).toContain('orderBy');
  });

  it('enforces rules for a non-owner token: 401 {"error":"Permission denied"} and nothing written', async () => {
    const rules = {
      rules: {
        '.read': false,
        '.write': false,
        public: { '.read': true, '.write': 'auth != null' },
        users: { $uid: { '.read': 'auth != null && auth.uid == $uid', '.write': 'auth != null && auth.uid == $uid' } },
      },
    };
    const set = await call('PUT', '/.settings/rules.json', { body: JSON.stringify(rules) });
    expect(set).toMatchObject({ status: 200 });
    await call('PUT', '/secret.json', { body: '"s3cret"' });
    const u1 = mockToken('u1');
    for (const auth of ['query', 'header'] as const) {
      const read = await call('GET', '/secret.json', { auth, token: u1 });
      expect(read.status).toBe(401);
      expect(read.json).toEqual({ error: 'Permission denied' });
      for (const method of ['PUT', 'PATCH', 'POST']) {
        const write = await call(method, '/secret.json', { auth, token: u1, body: method === 'PATCH' ? '{"x":1}' : '"stolen"' });
        expect(write.status, method).toBe(401);
        expect(write.json, method).toEqual({ error: 'Permission denied' });
      }
      const del = await call('DELETE', '/secret.json', { auth, token: u1 });
      expect(del.status).toBe(401);
      expect((await call('PUT', '/users/u2.json', { auth, token: u1, body: '1' })).status).toBe(401);
      expect((await call('GET', '/users/u2.json', { auth, token: u1 })).status).toBe(401);
      expect((await call('PUT', '/users/u1.json', { auth, token: u1, body: JSON.stringify({ n: auth }) })).json).toEqual({ n: auth });
      expect((await call('GET', '/users/u1.json', { auth, token: u1 })).json).toEqual({ n: auth });
    }
    // Anonymous may read /public but not write it.
    expect((await call('PUT', '/public/x.json', { auth: 'none', body: '1' })).status).toBe(401);
    expect((await call('PUT', '/public/x.json', { token: u1, body: '1' })).status).toBe(200);
    expect((await call('GET', '/public.json', { auth: 'none' })).json).toEqual({ x: 1 });
    // A token that is neither "owner" nor a JWT is refused.
    expect((await call('GET', '/public.json', { token: 'garbage' })).status).toBe(401);
    expect((await call('GET', '/secret.json')).json).toBe('s3cret');
    expect((await call('GET', '/users.json')).json).toEqual({ u1: { n: 'header' } });
  });

  it('only the owner may read or set rules through /.settings/rules.json; GET returns the rules text', async () => {
    const text = `{
      // comments are allowed in rules
      "rules": { ".read": false, ".write": false, "open": { ".read": true } /* trailing */ }
    }`;
    const put = await call('PUT', '/.settings/rules.json', { body: text });
    expect(put.status).toBe(200);
    const stored = { rules: { '.read': false, '.write': false, open: { '.read': true } } };
    expect((await call('GET', '/.settings/rules.json')).json).toEqual(stored);
    expect((await call('GET', '/.settings/rules.json', { auth: 'query' })).json).toEqual(stored);

    const u1 = mockToken('u1');
    const open = JSON.stringify(OPEN_RULES);
    for (const opts of [{ token: u1 }, { token: u1, auth: 'query' as const }, { auth: 'none' as const }]) {
      expect((await call('PUT', '/.settings/rules.json', { ...opts, body: open })).status).toBe(401);
      expect((await call('GET', '/.settings/rules.json', opts)).status).toBe(401);
    }
    expect((await call('GET', '/.settings/rules.json')).json).toEqual(stored);
    expect((await call('PUT', '/closed.json', { token: u1, body: '1' })).status).toBe(401);

    // Invalid rules are refused and the old ones kept.
    expect((await call('PUT', '/.settings/rules.json', { body: '{"rules": {' })).status).toBe(400);
    expect((await call('PUT', '/.settings/rules.json', { body: JSON.stringify({ rules: { '.read': 'auth.nonsense(((' } }) })).status).toBe(400);
    expect((await call('GET', '/.settings/rules.json')).json).toEqual(stored);

    // Rules are per namespace.
    expect((await call('PUT', '/.settings/rules.json', { ns: 'other-ns', body: open })).status).toBe(200);
    expect((await call('GET', '/.settings/rules.json', { ns: 'other-ns' })).json).toEqual(OPEN_RULES);
    expect((await call('PUT', '/x.json', { ns: 'other-ns', auth: 'none', body: '1' })).status).toBe(200);
    expect((await call('PUT', '/x.json', { auth: 'none', body: '1' })).status).toBe(401);
  });

  it('an invalid JSON body is a 400 and writes nothing', async () => {
    await call('PUT', '/.json', { body: JSON.stringify({ keep: { a: 1 } }) });
    for (const method of ['PUT', 'PATCH', 'POST']) {
      for (const body of ['{"a": 1,', 'not json', '', "{'a': 1}", '{"a": 1}}']) {
        const res = await call(method, '/keep.json', { body });
        expect(res.status, `${method} ${body}`).toBe(400);
        expect((res.json as { error: string }).error, `${method} ${body}`).toMatch(/JSON/);
      }
    }
    // Valid JSON but invalid data: also refused, naming the key.
    const badKey = await call('PUT', '/keep.json', { body: JSON.stringify({ 'a.b': 1 }) });
    expect(badKey.status).toBe(400);
    expect((badKey.json as { error: string }).error).toContain('a.b');
    expect((await call('GET', '/.json')).json).toEqual({ keep: { a: 1 } });
  });

  it('export/import round trip: GET /.json?format=export from one namespace, PUT it into another', async () => {
    const value = {
      orders: { o1: { qty: 3, price: 9.99, paid: true, note: 'a "quoted" \\ line\nnext', '.priority': 2 }, o2: { qty: 1, lines: { l1: 'x', l2: 'y' } } },
      stock: { s1: { '.value': 10, '.priority': 'z' }, 'ü-key': 'ünïcødé €' },
      n: -0.5,
    };
    expect((await call('PUT', '/.json', { ns: 'src-ns', body: JSON.stringify(value) })).status).toBe(200);
    const exported = await fetch(`http://127.0.0.1:${db.port}/.json?ns=src-ns&format=export&auth=owner`).then((r) => r.text());
    const imported = await fetch(`http://127.0.0.1:${db.port}/.json?ns=dst-ns&auth=owner`, { method: 'PUT', body: exported });
    expect(imported.status).toBe(200);
    const again = await fetch(`http://127.0.0.1:${db.port}/.json?ns=dst-ns&format=export&auth=owner`).then((r) => r.text());
    expect(JSON.parse(again)).toEqual(JSON.parse(exported));
    expect(JSON.parse(exported)).toEqual(value);
    const plainSrc = (await call('GET', '/.json', { ns: 'src-ns' })).json;
    const plainDst = (await call('GET', '/.json', { ns: 'dst-ns' })).json;
    expect(plainDst).toEqual(plainSrc);
    // An SDK client of the target namespace sees the same data, priorities included.
    const client = db.client({ ns: 'dst-ns', token: 'owner' });
    const snap = await get(ref(client, 'stock/s1'));
    expect(snap.val()).toBe(10);
    expect(snap.priority).toBe('z');
    expect((await get(ref(client, '/'))).val()).toEqual(plainSrc);
  });

  it('a REST write is seen live by an SDK listener', async () => {
    await db.setRules(OPEN_RULES);
    const client = db.client();
    const seen: unknown[] = [];
    onValue(ref(client, 'live'), (s) => seen.push(s.val()));
    const added: string[] = [];
    onChildAdded(ref(client, 'feed'), (s) => added.push(s.key as string));
    await until(() => seen.length === 1, 'initial value');
    expect(seen[0]).toBeNull();
    await call('PUT', '/live.json', { body: JSON.stringify({ n: 1 }) });
    await until(() => seen.length === 2, 'the PUT');
    expect(seen[1]).toEqual({ n: 1 });
    await call('PATCH', '/live.json', { auth: 'query', body: JSON.stringify({ m: 2 }) });
    await until(() => seen.length === 3, 'the PATCH');
    expect(seen[2]).toEqual({ n: 1, m: 2 });
    const post = await call('POST', '/feed.json', { body: '"hello"' });
    await until(() => added.length === 1, 'the POST');
    expect(added).toEqual([(post.json as { name: string }).name]);
    await call('DELETE', '/live.json');
    await until(() => seen.length === 4, 'the DELETE');
    expect(seen[3]).toBeNull();
  });
});
