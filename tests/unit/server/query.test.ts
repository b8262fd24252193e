import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import {
  endAt,
  endBefore,
  equalTo,
  getDatabase,
  goOffline,
  limitToFirst,
  limitToLast,
  onValue,
  orderByChild,
  orderByKey,
  orderByPriority,
  orderByValue,
  query,
  ref,
  set,
  startAfter,
  startAt,
  type Database,
  type Query,
  type QueryConstraint,
} from 'firebase/database';
import {
  compareKeys,
  loadsAllData,
  parseQuery,
  parseRestQuery,
  QueryError,
  queryToWire,
  runQuery,
  selectKeys,
  toQueryVar,
  type QuerySpec,
} from '../../../server/query.ts';
import type { Json, JsonObject } from '../../../server/types.ts';

// The SDK computes query results locally from a pending write while offline: that is the oracle.
let app: FirebaseApp;
let db: Database;
let pathCounter = 0;

beforeAll(() => {
  app = initializeApp({ databaseURL: 'http://127.0.0.1:1?ns=querytest' }, 'query-test');
  db = getDatabase(app);
  goOffline(db);
});

afterAll(async () => {
  await deleteApp(app);
});

/** The wire query object the SDK would send for `q`. */
function wireOf(q: Query): unknown {
  return JSON.parse(JSON.stringify((q as unknown as { _queryObject: unknown })._queryObject)) as unknown;
}

/** Writes `data` at a fresh path; returns the SDK's query built from `constraints` there, and its result keys. */
function sdkRun(data: Json, constraints: QueryConstraint[]): Promise<{ keys: string[]; wire: unknown }> {
  const path = `t${pathCounter++}`;
  set(ref(db, path), data).catch(() => undefined); // never acknowledged: we are offline
  const q = query(ref(db, path), ...constraints);
  return new Promise((resolve, reject) => {
    onValue(
      q,
      (snap) => {
        const keys: string[] = [];
        snap.forEach((c) => {
          keys.push(c.key ?? '');
        });
        resolve({ keys, wire: wireOf(q) });
      },
      reject,
      { onlyOnce: true },
    );
  });
}

/** Runs a query the way the server does: from the SDK's own wire object. */
function serverKeys(data: Json, wire: unknown): string[] {
  return selectKeys(data, parseQuery(wire));
}

describe('compareKeys', () => {
  it.each([
    ['2', '10', -1],
    ['10', 'a', -1],
    ['-1', '0', -1],
    ['-2', '-1', -1],
    ['7', '007', -1],
    ['0', '00', -1],
    ['0', '-0', -1],
    ['2147483647', '-2147483649', -1], // the latter is not a 32-bit integer: a string
    ['2147483648', 'a', -1],
    ['-2147483648', '-1', -1],
    ['A', 'a', -1],
    ['a', 'aa', -1],
    ['z', 'é', -1],
    ['a', 'a', 0],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareKeys(a, b))).toBe(sign);
    expect(Math.sign(compareKeys(b, a))).toBe(sign === 0 ? 0 : -sign);
  });

  it('sorts a mixed key list', () => {
    const keys = ['a', '10', '2', '-1', '007', '7', 'b', '2147483648', '-0', '0', 'A'];
    expect([...keys].sort(compareKeys)).toEqual(['-1', '0', '-0', '2', '7', '007', '10', '2147483648', 'A', 'a', 'b']);
  });
});

type Case = [name: string, constraints: QueryConstraint[], expected: string[]];

const people: JsonObject = {
  alice: { age: 30, name: 'Alice' },
  bob: { age: 25 },
  carol: { age: 30 },
  dave: { age: '30' },
  erin: { age: true },
  frank: { name: 'F' },
  gina: { age: { x: 1 } },
  hank: { age: false },
  ivan: { age: 2.5 },
};
const age = orderByChild('age');
const peopleCases: Case[] = [
  ['no filter', [age], ['frank', 'hank', 'erin', 'ivan', 'bob', 'alice', 'carol', 'dave', 'gina']],
  ['startAt(30)', [age, startAt(30)], ['alice', 'carol', 'dave', 'gina']],
  ['startAt(30, bob)', [age, startAt(30, 'bob')], ['carol', 'dave', 'gina']],
  ['startAfter(30)', [age, startAfter(30)], ['dave', 'gina']],
  ['startAfter(30, alice)', [age, startAfter(30, 'alice')], ['carol', 'dave', 'gina']],
  ['endAt(30)', [age, endAt(30)], ['frank', 'hank', 'erin', 'ivan', 'bob', 'alice', 'carol']],
  ['endAt(30, alice)', [age, endAt(30, 'alice')], ['frank', 'hank', 'erin', 'ivan', 'bob', 'alice']],
  ['endBefore(30)', [age, endBefore(30)], ['frank', 'hank', 'erin', 'ivan', 'bob']],
  ['endBefore(30, carol)', [age, endBefore(30, 'carol')], ['frank', 'hank', 'erin', 'ivan', 'bob', 'alice']],
  ['equalTo(30)', [age, equalTo(30)], ['alice', 'carol']],
  ['equalTo(30, carol)', [age, equalTo(30, 'carol')], ['carol']],
  ["equalTo('30')", [age, equalTo('30')], ['dave']],
  ['equalTo(true)', [age, equalTo(true)], ['erin']],
  ['equalTo(null)', [age, equalTo(null)], ['frank']],
  ['startAt(false).endAt(true)', [age, startAt(false), endAt(true)], ['hank', 'erin']],
  ['limitToFirst(2)', [age, limitToFirst(2)], ['frank', 'hank']],
  ['limitToLast(3)', [age, limitToLast(3)], ['carol', 'dave', 'gina']],
  ['startAt(25).limitToFirst(2)', [age, startAt(25), limitToFirst(2)], ['bob', 'alice']],
  ['endAt(30).limitToLast(2)', [age, endAt(30), limitToLast(2)], ['alice', 'carol']],
  ["startAfter(2.5).endBefore('30')", [age, startAfter(2.5), endBefore('30')], ['bob', 'alice', 'carol']],
  ["startAt('')", [age, startAt('')], ['dave', 'gina']],
];

const nested: JsonObject = {
  k1: { a: { b: 3 } },
  k2: { a: { b: 1 } },
  k3: { a: 5 },
  k4: { a: { b: 'x' } },
  k5: { a: { c: 1 } },
  k6: { a: { b: { '.value': 2, '.priority': 9 } } },
};
const ab = orderByChild('a/b');
const nestedCases: Case[] = [
  ['no filter', [ab], ['k3', 'k5', 'k2', 'k6', 'k1', 'k4']],
  ['startAt(2)', [ab, startAt(2)], ['k6', 'k1', 'k4']],
  ['endBefore(3).limitToLast(2)', [ab, endBefore(3), limitToLast(2)], ['k2', 'k6']],
  ['equalTo(null)', [ab, equalTo(null)], ['k3', 'k5']],
];

const values: JsonObject = { '1': 'b', '2': 3, '10': 3, a: true, c: { x: 1 }, d: 'a', e: -1, f: { '.value': 0, '.priority': 1 } };
const val = orderByValue();
const valueCases: Case[] = [
  ['no filter', [val], ['a', 'e', 'f', '2', '10', 'd', '1', 'c']],
  ['startAt(3)', [val, startAt(3)], ['2', '10', 'd', '1', 'c']],
  ["startAt(3, '10')", [val, startAt(3, '10')], ['10', 'd', '1', 'c']],
  ["startAfter(3, '2')", [val, startAfter(3, '2')], ['10', 'd', '1', 'c']],
  ['startAfter(3)', [val, startAfter(3)], ['d', '1', 'c']],
  ["endAt('a')", [val, endAt('a')], ['a', 'e', 'f', '2', '10', 'd']],
  ["endBefore(3, '10')", [val, endBefore(3, '10')], ['a', 'e', 'f', '2']],
  ['equalTo(3).limitToFirst(1)', [val, equalTo(3), limitToFirst(1)], ['2']],
  ['limitToLast(2)', [val, limitToLast(2)], ['1', 'c']],
];

const keyed: JsonObject = { a: 1, b: 1, '10': 1, '2': 1, '-1': 1, '007': 1, '7': 1, A: 1, '2147483648': 1 };
const key = orderByKey();
const keyCases: Case[] = [
  ['no filter', [key], ['-1', '2', '7', '007', '10', '2147483648', 'A', 'a', 'b']],
  ["startAt('7')", [key, startAt('7')], ['7', '007', '10', '2147483648', 'A', 'a', 'b']],
  ["startAfter('7')", [key, startAfter('7')], ['007', '10', '2147483648', 'A', 'a', 'b']],
  ["endAt('10')", [key, endAt('10')], ['-1', '2', '7', '007', '10']],
  ["endBefore('007')", [key, endBefore('007')], ['-1', '2', '7']],
  ["equalTo('a')", [key, equalTo('a')], ['a']],
  ["startAt('B')", [key, startAt('B')], ['a', 'b']],
  ["startAt('3').endAt('9')", [key, startAt('3'), endAt('9')], ['7', '007']],
  ['limitToLast(2)', [key, limitToLast(2)], ['a', 'b']],
  ["startAfter('2').limitToFirst(2)", [key, startAfter('2'), limitToFirst(2)], ['7', '007']],
];

const prios: JsonObject = {
  a: { '.value': 1, '.priority': 5 },
  b: { x: 1, '.priority': 'z' },
  c: 3,
  d: { '.value': 'v', '.priority': 1 },
  e: { '.value': true, '.priority': 5 },
  f: { y: 2, '.priority': 'a' },
  g: { '.value': 2, '.priority': 10 },
};
const prio = orderByPriority();
const priorityCases: Case[] = [
  ['orderByPriority', [prio], ['c', 'd', 'a', 'e', 'g', 'f', 'b']],
  ['default index startAt(5)', [startAt(5)], ['a', 'e', 'g', 'f', 'b']],
  ["startAt(5, 'e')", [prio, startAt(5, 'e')], ['e', 'g', 'f', 'b']],
  ['startAfter(5)', [prio, startAfter(5)], ['g', 'f', 'b']],
  ["endBefore('z')", [prio, endBefore('z')], ['c', 'd', 'a', 'e', 'g', 'f']],
  ['equalTo(null)', [prio, equalTo(null)], ['c']],
  ['endAt(1)', [prio, endAt(1)], ['c', 'd']],
  ["startAt('a').limitToFirst(1)", [prio, startAt('a'), limitToFirst(1)], ['f']],
  ['startAt(null)', [prio, startAt(null)], ['c', 'd', 'a', 'e', 'g', 'f', 'b']],
  ['limitToLast(1) on default index', [limitToLast(1)], ['b']],
];

describe.each([
  ['orderByChild(age)', people, peopleCases],
  ['orderByChild(a/b)', nested, nestedCases],
  ['orderByValue', values, valueCases],
  ['orderByKey', keyed, keyCases],
  ['priority', prios, priorityCases],
] as const)('selectKeys %s', (_name, data, cases) => {
  it.each(cases)('%s', async (_case, constraints, expected) => {
    const { keys, wire } = await sdkRun(data, constraints);
    expect(keys).toEqual(expected); // the table itself is right
    expect(serverKeys(data, wire)).toEqual(expected);
    expect(queryToWire(parseQuery(wire))).toEqual(wire);
  });
});

describe('runQuery', () => {
  it('returns the matching children unchanged, priorities included, without copying', () => {
    const spec = parseQuery({ sp: 5, sin: true, l: 2, vf: 'l' });
    const out = runQuery(prios, spec) as JsonObject;
    expect(out).toEqual({ a: { '.value': 1, '.priority': 5 }, e: { '.value': true, '.priority': 5 } });
    expect(out['a']).toBe(prios['a']);
  });
  it('returns null when nothing matches, and for leaves', () => {
    expect(runQuery(people, parseQuery({ i: 'age', sp: 99, sin: true, ep: 99, ein: true }))).toBeNull();
    expect(runQuery(5, parseQuery({ l: 1, vf: 'l' }))).toBeNull();
    expect(runQuery(null, parseQuery({ l: 1, vf: 'l' }))).toBeNull();
    expect(selectKeys({ '.value': 1, '.priority': 2 }, parseQuery({}))).toEqual([]);
  });
  it('returns the node itself for a query that loads all data', () => {
    const spec = parseQuery({ i: 'age' });
    expect(loadsAllData(spec)).toBe(true);
    expect(runQuery(people, spec)).toBe(people);
    expect(loadsAllData(parseQuery({ l: 1, vf: 'r' }))).toBe(false);
  });
  it('handles a __proto__ key as data', () => {
    const data = JSON.parse('{"__proto__": {"a": 1}, "x": {"a": 2}}') as JsonObject;
    const out = runQuery(data, parseQuery({ i: 'a', sp: 1, sin: true })) as JsonObject;
    expect(Object.keys(out)).toEqual(['__proto__', 'x']);
    // A stored node has no prototype at all: "__proto__" is an own key holding the child.
    expect(Object.getPrototypeOf(out)).toBeNull();
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ a: 1 });
  });
});

describe('parseQuery', () => {
  it('parses the SDK wire format', () => {
    expect(parseQuery({})).toEqual({ index: { kind: 'priority' } });
    expect(parseQuery({ i: 'a//b/' })).toEqual({ index: { kind: 'child', path: ['a', 'b'] } });
    expect(parseQuery({ i: '.value', sp: 3, sn: '[MAX_NAME]', sin: false, l: 4, vf: 'r' })).toEqual({
      index: { kind: 'value' },
      start: { value: 3, name: '[MAX_NAME]', inclusive: false },
      limit: { count: 4, from: 'last' },
    });
    expect(parseQuery({ sp: 1 }).start).toEqual({ value: 1, name: null, inclusive: true });
    expect(parseQuery({ sp: 1, l: 2 }).limit).toEqual({ count: 2, from: 'first' });
    expect(parseQuery({ l: 2 }).limit).toEqual({ count: 2, from: 'last' });
  });

  it.each([
    [null, /must be an object/],
    [[], /must be an object/],
    ['q', /must be an object/],
    [{ x: 1 }, /unknown query key "x"/],
    [{ l: 0, vf: 'l' }, /query\.l must be a positive integer/],
    [{ l: -1, vf: 'l' }, /query\.l must be a positive integer/],
    [{ l: 1.5, vf: 'l' }, /query\.l must be a positive integer/],
    [{ l: '3', vf: 'l' }, /query\.l must be a positive integer/],
    [{ l: 1, vf: 'x' }, /query\.vf/],
    [{ vf: 'l' }, /query\.vf requires query\.l/],
    [{ i: 5 }, /query\.i must be a string/],
    [{ i: 'a.b' }, /not a valid child path/],
    [{ i: 'a#' }, /not a valid child path/],
    [{ i: '$x' }, /not a valid child path/],
    [{ i: 'a[0]' }, /not a valid child path/],
    [{ i: '' }, /must name a child path/],
    [{ i: '/' }, /must name a child path/],
    [{ sp: { a: 1 } }, /query\.sp must be null, a number or a string when ordering by priority/],
    [{ sp: true }, /query\.sp must be null, a number or a string/],
    [{ i: 'a', ep: { a: 1 } }, /query\.ep must be null, a boolean, a number or a string/],
    [{ i: '.key', sp: 1 }, /query\.sp must be a string when ordering by key/],
    [{ i: '.key', sp: 'a', sn: 'b' }, /query\.sn is not allowed when ordering by key/],
    [{ sn: 'a' }, /query\.sn requires query\.sp/],
    [{ ein: true }, /query\.ein requires query\.ep/],
    [{ sp: 1, sin: 'yes' }, /query\.sin must be a boolean/],
    [{ i: 'a', sp: 1, sn: 5 }, /query\.sn must be a string/],
    [{ i: 'a', sp: 1, sn: 'a/b' }, /query\.sn "a\/b" is not a valid key/],
  ])('rejects %j', (q, message) => {
    expect(() => parseQuery(q)).toThrow(QueryError);
    expect(() => parseQuery(q)).toThrow(message);
  });
});

describe('toQueryVar', () => {
  it('describes equalTo, start/end and limits', async () => {
    const { wire } = await sdkRun(people, [age, equalTo('x'), limitToFirst(3)]);
    expect(toQueryVar(parseQuery(wire))).toEqual({
      orderByKey: false, orderByValue: false, orderByPriority: false, orderByChild: 'age',
      startAt: 'x', startAfter: null, endAt: 'x', endBefore: null, equalTo: 'x', limitToFirst: 3, limitToLast: null,
    });
    const v = toQueryVar(parseQuery((await sdkRun(people, [key, startAfter('a'), endBefore('c'), limitToLast(2)])).wire));
    expect(v).toMatchObject({ orderByKey: true, startAt: null, startAfter: 'a', endAt: null, endBefore: 'c', equalTo: null, limitToLast: 2 });
    expect(toQueryVar(parseQuery({ sp: 1, ep: 2 }))).toMatchObject({ orderByPriority: true, startAt: 1, endAt: 2, equalTo: null });
  });
});

describe('parseRestQuery', () => {
  const p = (s: string): QuerySpec | null => parseRestQuery(new URLSearchParams(s));
  it('parses REST parameters', () => {
    expect(p('')).toBeNull();
    expect(p('print=pretty&shallow=true')).toBeNull();
    expect(p('orderBy="$key"&startAt="a"&limitToFirst=2')).toEqual({
      index: { kind: 'key' },
      start: { value: 'a', name: null, inclusive: true },
      limit: { count: 2, from: 'first' },
    });
    expect(p('orderBy="age"&startAt=30,"bob"&endBefore="z"')).toEqual({
      index: { kind: 'child', path: ['age'] },
      start: { value: 30, name: 'bob', inclusive: true },
      end: { value: 'z', name: null, inclusive: false },
    });
    expect(p('orderBy="a/b"&equalTo=' + encodeURIComponent('"x,y","k"') + '&limitToLast=1')).toEqual({
      index: { kind: 'child', path: ['a', 'b'] },
      start: { value: 'x,y', name: 'k', inclusive: true },
      end: { value: 'x,y', name: 'k', inclusive: true },
      limit: { count: 1, from: 'last' },
    });
    expect(p('orderBy="$priority"')).toEqual({ index: { kind: 'priority' } });
    const after = p('orderBy="$value"&startAfter=3');
    expect(after && selectKeys(values, after)).toEqual(['d', '1', 'c']);
  });

  it.each([
    ['limitToFirst=1', /orderBy must be defined/],
    ['orderBy=$key', /orderBy must be a JSON string/],
    ['orderBy=5', /orderBy must be a JSON string/],
    ['orderBy="a.b"', /orderBy "a.b" is not a valid child path/],
    ['orderBy="$key"&limitToFirst=0', /limitToFirst must be a positive integer/],
    ['orderBy="$key"&limitToLast=abc', /limitToLast must be a positive integer/],
    ['orderBy="$key"&limitToFirst=1&limitToLast=1', /limitToFirst and limitToLast/],
    ['orderBy="a"&startAt=1&startAfter=2', /startAt and startAfter/],
    ['orderBy="a"&endAt=1&endBefore=2', /endAt and endBefore/],
    ['orderBy="a"&equalTo=1&startAt=1', /equalTo cannot be combined/],
    ['orderBy="$key"&startAt=1', /startAt must be a string when ordering by key/],
    ['orderBy="$key"&startAt="a","b"', /not allowed when ordering by key/],
    ['orderBy="a"&startAt=bad', /startAt must be a JSON value/],
    ['orderBy="a"&endAt={"x":1}', /endAt must be null, a boolean, a number or a string/],
  ])('rejects %s', (s, message) => {
    expect(() => p(s)).toThrow(QueryError);
    expect(() => p(s)).toThrow(message);
  });
});

describe('selectKeys agrees with the SDK on random data and queries', () => {
  const keyArb = fc.constantFrom(
    // Not both '00' and '-0': the SDK's nameCompare says they are equal, which corrupts its own sorted maps.
    '0', '1', '2', '7', '007', '10', '-1', '-0', '2147483647', '2147483648', '-2147483648', '-2147483649',
    'a', 'b', 'A', 'aa', 'Z', '_', '~', '1a', ' ', 'é', '\u{1F600}', 'b1',
  );
  const numArb = fc.constantFrom(-1, 0, 1, 2, 2.5, 3, 10, -0.5, 1e9);
  const strArb = fc.constantFrom('', 'a', 'b', 'A', '1', '10', '2', 'aa');
  const leafArb: fc.Arbitrary<Json> = fc.oneof(fc.boolean(), numArb, strArb);
  const prioArb = fc.oneof(numArb, strArb);
  const innerArb: fc.Arbitrary<Json> = fc.oneof(
    leafArb,
    fc.record({ b: leafArb, c: leafArb }, { requiredKeys: [], noNullPrototype: true }) as fc.Arbitrary<Json>,
  );
  const plainChildArb: fc.Arbitrary<Json> = fc.oneof(
    leafArb,
    fc.record({ a: innerArb, c: leafArb }, { requiredKeys: ['c'], noNullPrototype: true }) as fc.Arbitrary<Json>,
    fc.record({ a: innerArb, c: leafArb }, { requiredKeys: [], noNullPrototype: true }) as fc.Arbitrary<Json>,
  );
  const childArb: fc.Arbitrary<Json> = fc
    .tuple(plainChildArb, fc.option(prioArb, { freq: 2 }))
    .map(([v, p]): Json => {
      if (p === null) return v;
      if (typeof v === 'object' && v !== null) return Object.keys(v).length === 0 ? v : { ...v, '.priority': p };
      return { '.value': v, '.priority': p };
    });
  /** Stored data never holds empty objects (nor objects with only a priority): drop them. */
  const clean = (v: Json): Json => {
    if (typeof v !== 'object' || v === null || Object.hasOwn(v, '.value')) return v;
    const out: JsonObject = {};
    for (const [k, c] of Object.entries(v)) {
      const cc = k.startsWith('.') ? c : clean(c);
      if (cc !== null) out[k] = cc;
    }
    return Object.keys(out).some((k) => !k.startsWith('.')) ? out : null;
  };
  const dataArb = fc.dictionary(keyArb, childArb, { maxKeys: 14, noNullPrototype: true }).map(clean);

  type IndexKind = 'default' | 'priority' | 'key' | 'value' | 'a' | 'a/b';
  const indexArb = fc.constantFrom<IndexKind>('default', 'priority', 'key', 'value', 'a', 'a/b');
  const valueFor = (ix: IndexKind): fc.Arbitrary<string | number | boolean | null> =>
    ix === 'key' ? keyArb : ix === 'default' || ix === 'priority' ? fc.oneof(fc.constant(null), numArb, strArb) : fc.oneof(fc.constant(null), leafArb) as fc.Arbitrary<string | number | boolean | null>;
  const boundArb = (ix: IndexKind): fc.Arbitrary<{ value: string | number | boolean | null; name: string | undefined }> =>
    fc.record({ value: valueFor(ix), name: ix === 'key' ? fc.constant(undefined) : fc.option(keyArb, { nil: undefined }) });

  const queryArb = indexArb.chain((ix) =>
    fc.record({
      ix: fc.constant(ix),
      start: fc.option(fc.record({ after: fc.boolean(), b: boundArb(ix) }), { nil: undefined }),
      end: fc.option(fc.record({ before: fc.boolean(), b: boundArb(ix) }), { nil: undefined }),
      equal: fc.option(boundArb(ix), { nil: undefined, freq: 4 }),
      limit: fc.option(fc.record({ n: fc.integer({ min: 1, max: 6 }), last: fc.boolean() }), { nil: undefined }),
    }),
  );
  type Q = typeof queryArb extends fc.Arbitrary<infer T> ? T : never;

  function constraintsOf(q: Q): QueryConstraint[] {
    const cs: QueryConstraint[] = [];
    if (q.ix === 'priority') cs.push(orderByPriority());
    else if (q.ix === 'key') cs.push(orderByKey());
    else if (q.ix === 'value') cs.push(orderByValue());
    else if (q.ix !== 'default') cs.push(orderByChild(q.ix));
    if (q.equal) {
      cs.push(equalTo(q.equal.value, q.equal.name));
    } else {
      if (q.start) cs.push((q.start.after ? startAfter : startAt)(q.start.b.value, q.start.b.name));
      if (q.end) cs.push((q.end.before ? endBefore : endAt)(q.end.b.value, q.end.b.name));
    }
    if (q.limit) cs.push((q.limit.last ? limitToLast : limitToFirst)(q.limit.n));
    return cs;
  }

  it('for 600 seeded cases', async () => {
    await fc.assert(
      fc.asyncProperty(dataArb, queryArb, async (data, q) => {
        const { keys, wire } = await sdkRun(data, constraintsOf(q));
        const spec = parseQuery(wire);
        expect(selectKeys(data, spec)).toEqual(keys);
        expect(queryToWire(spec)).toEqual(wire);
        const out = runQuery(data, spec);
        expect(out === null ? [] : Object.keys(out).sort(compareKeys)).toEqual([...keys].sort(compareKeys));
      }),
      { seed: 20240611, numRuns: 600 },
    );
  });
});

describe('performance', () => {
  it('selects a limited range from 100k children quickly', () => {
    const data: JsonObject = {};
    let x = 12345;
    for (let i = 0; i < 100_000; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      data[`k${i}`] = { a: x % 5000, b: 'v' };
    }
    const specs = [
      parseQuery({ i: 'a', l: 10, vf: 'r' }),
      parseQuery({ i: 'a', sp: 100, sin: true, l: 25, vf: 'l' }),
      parseQuery({ i: '.key', l: 10, vf: 'l' }),
      parseQuery({ l: 50_000, vf: 'l' }),
    ];
    for (const spec of specs) {
      const t0 = performance.now();
      const keys = selectKeys(data, spec);
      const ms = performance.now() - t0;
      expect(ms).toBeLessThan(1500);
      // Same answer as a full sort without the limit.
      const all = selectKeys(data, { ...spec, limit: undefined } as QuerySpec);
      const n = spec.limit?.count ?? 0;
      expect(keys).toEqual(spec.limit?.from === 'last' ? all.slice(all.length - n) : all.slice(0, n));
    }
  });
});
