import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_NAME, MIN_NAME, QueryWindow, SortedIndex, selectKeys, type QueryBound, type QueryIndex, type QuerySpec, type WindowDiff } from '../../../server/query.ts';
import type { Json, JsonObject } from '../../../server/types.ts';

// Few keys, so that writes often hit window members, the cut and ties; integer-like keys sort apart.
const KEYS = ['a', 'b', 'c', 'd', 'e', 'f', 'A', '1', '2', '10', '-1', '007', 'zz'];
const key = fc.constantFrom(...KEYS);
const scalar: fc.Arbitrary<Json> = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, 2.5),
  fc.constantFrom('', 'a', 'b', 'x', '1'),
  fc.boolean(),
  fc.constant(null),
);
/** A value of the ordered child field: a scalar, an object, or (undefined) missing. */
const field: fc.Arbitrary<Json | undefined> = fc.oneof(scalar, fc.constant({ x: 1 }), fc.constant(undefined));

/** A child as the tree holds it: an object with the ordered fields, a leaf, a leaf with a priority. */
const child: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ v: field, m: fc.option(fc.record({ d: field }), { nil: undefined }), p: fc.option(scalar, { nil: undefined }) }).map(({ v, m, p }) => {
    const o: JsonObject = { other: 1 };
    if (v !== undefined) o['v'] = v;
    if (m !== undefined) o['m'] = m.d === undefined ? { y: 1 } : { d: m.d };
    if (p !== undefined && p !== null) o['.priority'] = p;
    return o;
  }) },
  { weight: 2, arbitrary: scalar.filter((v) => v !== null) },
  { weight: 1, arbitrary: fc.tuple(scalar.filter((v) => v !== null), fc.constantFrom(1, 'p', 5)).map(([v, p]): Json => ({ '.value': v, '.priority': p })) },
);

const index: fc.Arbitrary<QueryIndex> = fc.constantFrom<QueryIndex>(
  { kind: 'key' },
  { kind: 'value' },
  { kind: 'priority' },
  { kind: 'child', path: ['v'] },
  { kind: 'child', path: ['m', 'd'] },
);

function bound(ix: QueryIndex): fc.Arbitrary<QueryBound> {
  if (ix.kind === 'key') return fc.record({ value: key as fc.Arbitrary<Json>, name: fc.constant(null), inclusive: fc.boolean() });
  return fc.record({ value: scalar, name: fc.oneof(fc.constant(null), key, fc.constantFrom(MIN_NAME, MAX_NAME)), inclusive: fc.boolean() });
}

const spec: fc.Arbitrary<QuerySpec> = index.chain((ix) =>
  fc
    .record({
      start: fc.option(bound(ix), { nil: undefined }),
      end: fc.option(bound(ix), { nil: undefined }),
      limit: fc.option(fc.record({ count: fc.integer({ min: 1, max: 6 }), from: fc.constantFrom<'first' | 'last'>('first', 'last') }), { nil: undefined }),
    })
    .map(({ start, end, limit }) => {
      const s: QuerySpec = { index: ix };
      if (start) s.start = start;
      if (end) s.end = end;
      if (limit) s.limit = limit;
      return s;
    }),
);

const collection = fc.dictionary(key, child, { maxKeys: KEYS.length });

/** One write, as the tree sees it: new values of some children (null deletes), or a replacement of the whole location. */
type Step =
  | { kind: 'children'; writes: { key: string; op: 'set'; value: Json }[] | { key: string; op: 'field'; value: Json | undefined }[] }
  | { kind: 'whole'; value: JsonObject };
const childWrite = fc.oneof(
  fc.record({ key, op: fc.constant('set' as const), value: child }),
  fc.record({ key, op: fc.constant('set' as const), value: fc.constant(null) }), // delete
  fc.record({ key: fc.constantFrom('.priority'), op: fc.constant('set' as const), value: fc.constantFrom<Json>(1, 'z', null) }),
  fc.record({ key, op: fc.constant('field' as const), value: field }), // change (or add) the ordered field only
);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: fc.uniqueArray(childWrite, { minLength: 1, maxLength: 3, selector: (w) => w.key }).map((writes) => ({ kind: 'children' as const, writes: writes as never })) },
  { weight: 1, arbitrary: collection.map((value) => ({ kind: 'whole' as const, value })) },
);

/** The location's node as the database would hold it: null when it has no children left. */
function nodeOf(o: JsonObject): Json {
  return Object.keys(o).length === 0 ? null : o;
}

/** Applies one child write in place: `field` edits the ordered field of an object child (creating it if needed). */
function applyWrite(o: JsonObject, w: { key: string; op: 'set' | 'field'; value: Json | undefined }): void {
  if (w.op === 'set') {
    if (w.value === null || w.value === undefined) delete o[w.key];
    else o[w.key] = w.value;
    return;
  }
  const cur = o[w.key];
  const next: JsonObject = typeof cur === 'object' && cur !== null && !Object.hasOwn(cur, '.value') ? { ...cur } : { other: 1 };
  if (w.value === undefined) delete next['v'];
  else next['v'] = w.value;
  o[w.key] = next;
}

/** The diff the server sent before windows existed: old and new key lists compared in full. */
function fullDiff(oldKeys: string[], newKeys: string[], touched: Set<string>): WindowDiff {
  const after = new Set(newKeys), before = new Set(oldKeys);
  return { removed: oldKeys.filter((k) => !after.has(k)), sent: newKeys.filter((k) => !before.has(k) || touched.has(k)) };
}

describe('QueryWindow', () => {
  it('equals selectKeys from scratch after every step of random child writes, and sends the same diff', () => {
    let incremental = 0, recomputed = 0;
    fc.assert(
      fc.property(spec, collection, fc.array(step, { minLength: 1, maxLength: 25 }), (q, initial, steps) => {
        const data: JsonObject = { ...initial };
        const w = new QueryWindow(q, nodeOf(data));
        expect(w.keys()).toEqual(selectKeys(nodeOf(data), q));
        for (const s of steps) {
          const oldKeys = w.keys();
          if (s.kind === 'whole') {
            for (const k of Object.keys(data)) delete data[k];
            Object.assign(data, s.value);
            w.reset(nodeOf(data));
            expect(w.keys()).toEqual(selectKeys(nodeOf(data), q));
            continue;
          }
          for (const wr of s.writes) applyWrite(data, wr);
          const touched = new Set(s.writes.map((wr) => wr.key));
          const before = w.recomputes;
          const diff = w.applyChildren(nodeOf(data), touched);
          if (w.recomputes === before) incremental++;
          else recomputed++;
          const expected = selectKeys(nodeOf(data), q);
          expect(w.keys()).toEqual(expected);
          expect(w.size).toBe(expected.length);
          for (const k of KEYS) expect(w.has(k)).toBe(expected.includes(k));
          expect(diff).toEqual(fullDiff(oldKeys, expected, touched));
        }
      }),
      { numRuns: 1500 },
    );
    // Most steps must stay incremental, or the property says little about the fast path.
    expect(incremental).toBeGreaterThan(recomputed * 4);
  });

  it('follows limitToLast(50) by updatedAt on a large collection without recomputing', () => {
    const n = 15000;
    const orders: JsonObject = {};
    for (let i = 0; i < n; i++) orders[`o${i}`] = { status: 'new', updatedAt: i };
    const q: QuerySpec = { index: { kind: 'child', path: ['updatedAt'] }, limit: { count: 50, from: 'last' } };
    const w = new QueryWindow(q, orders);
    let t = n;
    for (let i = 0; i < 2000; i++) {
      const k = `o${(i * 7919) % n}`;
      orders[k] = { status: 'packed', updatedAt: t++ };
      w.applyChildren(orders, new Set([k]));
    }
    expect(w.recomputes).toBe(1);
    expect(w.keys()).toEqual(selectKeys(orders, q));
  });

  it('recomputes when a full window loses a member whose replacement is outside it', () => {
    const data: JsonObject = { a: 1, b: 2, c: 3, d: 4 };
    const w = new QueryWindow({ index: { kind: 'value' }, limit: { count: 2, from: 'last' } }, data);
    expect(w.keys()).toEqual(['c', 'd']);
    data['d'] = 0;
    expect(w.applyChildren(data, new Set(['d']))).toEqual({ removed: ['d'], sent: ['b'] });
    expect(w.keys()).toEqual(['b', 'c']);
    expect(w.recomputes).toBe(2);
  });
});

describe('SortedIndex', () => {
  it('selects what selectKeys selects, and windows built on it follow the same writes, after every step of random child writes', () => {
    let sliced = 0;
    fc.assert(
      fc.property(spec, collection, fc.array(step, { minLength: 1, maxLength: 25 }), (q, initial, steps) => {
        const data: JsonObject = { ...initial };
        let index = new SortedIndex(q.index, nodeOf(data));
        const w = new QueryWindow(q, nodeOf(data), index);
        const check = (): void => {
          const expected = selectKeys(nodeOf(data), q);
          expect(index.keys(q)).toEqual(expected);
          expect(index.keys({ index: q.index })).toEqual(selectKeys(nodeOf(data), { index: q.index }));
          expect(w.keys()).toEqual(expected);
        };
        check();
        for (const s of steps) {
          const oldKeys = w.keys();
          if (s.kind === 'whole') {
            // The database drops an index whose whole collection a write replaced, and makes a new one.
            for (const k of Object.keys(data)) delete data[k];
            Object.assign(data, s.value);
            index.live = false;
            index = new SortedIndex(q.index, nodeOf(data));
            w.reset(nodeOf(data)); // on the dropped index: scans
            check();
            continue;
          }
          for (const wr of s.writes) applyWrite(data, wr);
          const touched = new Set(s.writes.map((wr) => wr.key));
          index.applyChildren(nodeOf(data), touched); // the database updates its indexes before the listeners' windows
          const before = w.recomputes;
          const diff = w.applyChildren(nodeOf(data), touched);
          if (w.recomputes !== before) sliced++;
          check();
          expect(diff).toEqual(fullDiff(oldKeys, selectKeys(nodeOf(data), q), touched));
        }
      }),
      { numRuns: 1500 },
    );
    // Windows that lose a member beyond their cut recompute from the index: the property must reach that path.
    expect(sliced).toBeGreaterThan(50);
  });

  it('answers a limitToLast(40) query on 56,000 children from the index, kept up to date write by write', () => {
    const n = 56_000;
    const sent: JsonObject = {};
    for (let i = 0; i < n; i++) sent[`o${String(i).padStart(6, '0')}`] = { billedAt: (i * 7919) % n };
    const q: QuerySpec = { index: { kind: 'child', path: ['billedAt'] }, limit: { count: 40, from: 'last' } };
    const index = new SortedIndex(q.index, sent);
    expect(index.size).toBe(n);
    for (let i = 0; i < 500; i++) {
      const k = `o${String((i * 104729) % n).padStart(6, '0')}`;
      if (i % 5 === 0) delete sent[k];
      else sent[k] = { billedAt: n + i };
      index.applyChildren(sent, new Set([k]));
    }
    expect(index.keys(q)).toEqual(selectKeys(sent, q));
    const ranged: QuerySpec = { index: q.index, start: { value: 1000, name: null, inclusive: false }, end: { value: 1200, name: 'o5', inclusive: true } };
    expect(index.keys(ranged)).toEqual(selectKeys(sent, ranged));
  });
});
