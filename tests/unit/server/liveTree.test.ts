import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../../../server/types.ts';
import { applyInPlace, getAt, overlay, setInPlace } from '../../../server/liveTree.ts';

type Change = { set: Json } | { update: Record<string, Json> };
type Write = { path: string[]; change: Change };

const PRIORITY = '.priority';
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const segs = (p: string): string[] => p.split('/').filter((s) => s.length > 0);

/** An object with these own keys ("__proto__" included, as data). */
function obj(entries: ReadonlyArray<readonly [string, Json]>): JsonObject {
  const o: JsonObject = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  return o;
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

type Canon = null | boolean | number | string | undefined | Array<[string, Canon]>;
/** A comparable form of a tree or view, read only through Object.keys and property access. */
function canon(v: unknown): Canon {
  if (typeof v !== 'object' || v === null) return v as Canon;
  return Object.keys(v)
    .sort()
    .map((k) => [k, canon((v as Record<string, unknown>)[k])]);
}

/** The (path, value) pairs of a write, as the server hands them to overlay. */
function changesOf(w: Write): Array<[string[], Json]> {
  if ('set' in w.change) return [[w.path, w.change.set]];
  return Object.entries(w.change.update).map(([rel, v]) => [[...w.path, ...segs(rel)], v]);
}

// ---- The reference: a small, obviously-correct model of pure functions that rebuild every node
// they touch. (It was checked against the former copy-on-write applySet/applyUpdate, whose
// results it reproduces: an update's changes apply at once, priorities after the children.) ----

const isChildren = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !hasOwn(v, '.value');

function modelPriority(node: Json, p: Json): Json {
  if (node === null) return null;
  if (isChildren(node)) {
    const entries = Object.entries(node).filter(([k]) => k !== PRIORITY);
    return obj(p === null ? entries : [...entries, [PRIORITY, p]]);
  }
  const leaf = typeof node === 'object' ? (node['.value'] ?? null) : node;
  return typeof p === 'string' || typeof p === 'number' ? { '.value': leaf, [PRIORITY]: p } : leaf;
}

/** Applies non-overlapping writes (paths relative to `node`) at once; priorities after children. */
function modelApply(node: Json, writes: ReadonlyArray<readonly [readonly string[], Json]>): Json {
  const whole = writes.find(([p]) => p.length === 0);
  if (whole !== undefined) return whole[1];
  const groups = new Map<string, Array<[string[], Json]>>();
  let prio: Json | undefined;
  for (const [[k, ...rest], v] of writes) {
    if (k === PRIORITY) {
      if (rest.length === 0) prio = v;
      continue;
    }
    let g = groups.get(k!);
    if (g === undefined) groups.set(k!, (g = []));
    g.push([rest, v]);
  }
  const kids = new Map<string, Json>(isChildren(node) ? Object.entries(node).filter(([k]) => k !== PRIORITY) : []);
  let changed = false;
  for (const [k, g] of groups) {
    const cur = kids.get(k) ?? null;
    const next = modelApply(cur, g);
    if (next === cur) continue;
    changed = true;
    if (next === null) kids.delete(k);
    else kids.set(k, next);
  }
  let out: Json = node;
  if (changed) {
    const p = node !== null && typeof node === 'object' && hasOwn(node, PRIORITY) ? (node[PRIORITY] ?? null) : null;
    out = kids.size === 0 ? null : obj(p === null ? [...kids] : [...kids, [PRIORITY, p]]);
  }
  return prio === undefined ? out : modelPriority(out, prio);
}

const model = (root: Json, w: Write): Json => modelApply(root, changesOf(w));

// ---- Table tests ----

const wrapped = (v: Json, p: Json): JsonObject => ({ '.value': v, [PRIORITY]: p });

const cases: Array<[name: string, before: Json, path: string, change: Change, after: Json]> = [
  ['creates nested paths', null, 'a/b/c', { set: 1 }, { a: { b: { c: 1 } } }],
  ['creates beside existing children', { a: { x: 'y' } }, 'a/b/c', { set: 1 }, { a: { x: 'y', b: { c: 1 } } }],
  ['replaces a subtree', { a: { b: { c: 1 }, x: 2 } }, 'a/b', { set: { d: true } }, { a: { b: { d: true }, x: 2 } }],
  ['replaces the root', { a: 1 }, '', { set: { b: 2 } }, { b: 2 }],
  ['deletes the root', { a: 1 }, '', { set: null }, null],
  ['deletes, removing emptied parents', { a: { b: { c: 1 } }, d: 1 }, 'a/b/c', { set: null }, { d: 1 }],
  ['deletes, removing emptied parents up to the root', { a: { b: { c: 1 } } }, 'a/b/c', { set: null }, null],
  ['deletes a missing key', { a: 1 }, 'b/c', { set: null }, { a: 1 }],
  ['delete below a leaf is a no-op', { a: 'v' }, 'a/b', { set: null }, { a: 'v' }],
  ['delete far below a leaf is a no-op', { a: 'v' }, 'a/b/c/d', { set: null }, { a: 'v' }],
  ['delete below a wrapped leaf is a no-op', { a: wrapped('v', 1) }, 'a/b', { set: null }, { a: wrapped('v', 1) }],
  ['write below a leaf replaces it', { a: 'v' }, 'a/b', { set: 2 }, { a: { b: 2 } }],
  ['write below the root leaf replaces it', 'v', 'a/b', { set: 2 }, { a: { b: 2 } }],
  ['write below a wrapped leaf keeps its priority', { a: wrapped('v', 1) }, 'a/b', { set: 2 }, { a: { b: 2, [PRIORITY]: 1 } }],
  ['priority on a leaf wraps it', { a: 'v' }, 'a/.priority', { set: 3 }, { a: wrapped('v', 3) }],
  ['priority change on a wrapped leaf', { a: wrapped('v', 3) }, 'a/.priority', { set: 'p' }, { a: wrapped('v', 'p') }],
  ['priority removal unwraps a leaf', { a: wrapped('v', 3) }, 'a/.priority', { set: null }, { a: 'v' }],
  ['priority removal on a plain leaf', { a: 'v' }, 'a/.priority', { set: null }, { a: 'v' }],
  ['priority on an object', { a: { x: 1 } }, 'a/.priority', { set: 2 }, { a: { x: 1, [PRIORITY]: 2 } }],
  ['priority removal on an object', { a: { x: 1, [PRIORITY]: 2 } }, 'a/.priority', { set: null }, { a: { x: 1 } }],
  ['priority on nothing is a no-op', null, 'a/.priority', { set: 3 }, null],
  ['priority on a missing child is a no-op', { b: 1 }, 'a/.priority', { set: 3 }, { b: 1 }],
  ['priority below a leaf is a no-op', { a: 'v' }, 'a/b/.priority', { set: 3 }, { a: 'v' }],
  ['an object left with only its priority vanishes', { a: { x: 1, [PRIORITY]: 5 }, b: 1 }, 'a/x', { set: null }, { b: 1 }],
  ['a set value keeps its priorities', null, 'a', { set: { x: wrapped(1, 'p'), [PRIORITY]: 2 } }, { a: { x: wrapped(1, 'p'), [PRIORITY]: 2 } }],
  [
    'update mixing sets and deletes',
    { a: { b: 1, c: 2 }, d: { e: 3 } },
    'a',
    { update: { b: 10, 'n/m': 'x', c: null } },
    { a: { b: 10, n: { m: 'x' } }, d: { e: 3 } },
  ],
  ['update removing emptied parents up to the root', { a: { b: 1, c: 2 }, d: { e: 3 } }, '', { update: { 'a/b': null, 'a/c': null, 'd/e': null } }, null],
  ['update of deletes under a missing path', { a: 1 }, 'q', { update: { r: null } }, { a: 1 }],
  ['update of deletes below a leaf', { a: 'v' }, 'a', { update: { b: null, 'c/d': null } }, { a: 'v' }],
  ['empty update', { a: 1 }, 'x', { update: {} }, { a: 1 }],
  ['update applies priority entries last', null, 'a', { update: { [PRIORITY]: 1, b: 2 } }, { a: { b: 2, [PRIORITY]: 1 } }],
  ['update sets a priority on a child it creates', null, '', { update: { 'a/.priority': 1, 'a/b': 2 } }, { a: { b: 2, [PRIORITY]: 1 } }],
  ['update turns a leaf into an object with a priority', { a: 'v' }, 'a', { update: { [PRIORITY]: 1, b: 2 } }, { a: { b: 2, [PRIORITY]: 1 } }],
  ['update removing every child drops the priority', { a: { x: 1, [PRIORITY]: 5 } }, 'a', { update: { x: null, [PRIORITY]: 6 } }, null],
  [
    'update replacing every child of an object keeps its priority',
    { a: { x: 1, [PRIORITY]: 5 } },
    'a',
    { update: { x: null, y: 2 } },
    { a: { y: 2, [PRIORITY]: 5 } },
  ],
];

describe('setInPlace / applyInPlace', () => {
  it.each(cases)('%s', (_name, before, path, change, after) => {
    expect(applyInPlace(clone(before), segs(path), clone(change))).toEqual(after);
    if ('set' in change) expect(setInPlace(clone(before), segs(path), clone(change.set))).toEqual(after);
    expect(model(clone(before), { path: segs(path), change })).toEqual(after);
  });

  it('mutates the tree in place and shares the written value', () => {
    const root = { a: { b: 1 }, c: { d: 2 } } as JsonObject;
    const a = root['a'];
    const value = { x: 1 };
    expect(applyInPlace(root, ['a', 'v'], { set: value })).toBe(root);
    expect(root['a']).toBe(a);
    expect(getAt(root, ['a', 'v'])).toBe(value);
  });

  it('applies overlapping update paths in order', () => {
    const t = { a: { b: 1 }, d: { e: 3 } };
    expect(applyInPlace(clone(t), [], { update: { a: { z: 1 }, 'a/y': 2 } })).toEqual({ a: { z: 1, y: 2 }, d: { e: 3 } });
    expect(applyInPlace(clone(t), [], { update: { 'a/y': 2, a: { z: 1 } } })).toEqual({ a: { z: 1 }, d: { e: 3 } });
  });

  it('stores a __proto__ key as data', () => {
    const t = applyInPlace({ a: 1 }, ['__proto__', 'x'], { set: 1 }) as JsonObject;
    expect(Object.getPrototypeOf(t)).toBe(Object.prototype);
    expect(Object.keys(t)).toEqual(['a', '__proto__']);
    expect(getAt(t, ['__proto__', 'x'])).toBe(1);
    expect(getAt(t, ['__proto__', 'y'])).toBeNull();
    expect(JSON.stringify(t)).toBe('{"a":1,"__proto__":{"x":1}}');
    const u = applyInPlace(t, ['__proto__'], { update: { y: 2, x: null } }) as JsonObject;
    expect(JSON.stringify(u)).toBe('{"a":1,"__proto__":{"y":2}}');
    expect(applyInPlace(u, ['__proto__', 'y'], { set: null })).toEqual({ a: 1 });
    expect(Object.keys(u)).toEqual(['a']);
    expect(Object.getPrototypeOf(u)).toBe(Object.prototype);
    expect(JSON.stringify(setInPlace(null, ['__proto__'], 'v'))).toBe('{"__proto__":"v"}');
  });

  it('reads with getAt', () => {
    expect(getAt({ a: { b: 2 } }, ['a', 'b'])).toBe(2);
    expect(getAt({ a: { b: 2 } }, [])).toEqual({ a: { b: 2 } });
    expect(getAt({ a: { b: 2 } }, ['a', 'toString'])).toBeNull();
    expect(getAt({ a: 1 }, ['a', 'b'])).toBeNull();
    expect(getAt(null, ['a'])).toBeNull();
  });
});

// ---- overlay ----

describe('overlay', () => {
  it.each(cases)(
    'shows the result of: %s',
    (_name, before, path, change, after) => {
      const base = deepFreeze(clone(before));
      const view = overlay(base, changesOf({ path: segs(path), change }));
      expect(canon(view)).toEqual(canon(after));
      expect(JSON.parse(JSON.stringify(view))).toEqual(after);
      expect(base).toEqual(before);
    },
  );

  const base = (): JsonObject => deepFreeze({ a: { b: 1, c: 2 }, d: { e: 3 }, g: { h: { i: 1 } } });
  const changes: Array<[string[], Json]> = [
    [['a', 'b'], null],
    [['a', 'n', 'm'], 'x'],
    [['f'], 1],
    [['g', 'h', 'i'], null],
  ];

  it('answers Object.keys, in, hasOwnProperty and nested reads', () => {
    const root = base();
    const view = overlay(root, changes) as JsonObject;
    expect(view).toEqual({ a: { c: 2, n: { m: 'x' } }, d: { e: 3 }, f: 1 });
    expect(Object.keys(view).sort()).toEqual(['a', 'd', 'f']);
    expect('a' in view && 'd' in view && 'f' in view).toBe(true);
    expect('g' in view || 'zz' in view).toBe(false);
    expect(Object.prototype.hasOwnProperty.call(view, 'f')).toBe(true);
    expect(Object.prototype.hasOwnProperty.call(view, 'g')).toBe(false);
    const a = view['a'] as JsonObject;
    expect(Object.keys(a).sort()).toEqual(['c', 'n']);
    expect('b' in a).toBe(false);
    expect(a['b']).toBeUndefined();
    expect(a['c']).toBe(2);
    expect((a['n'] as JsonObject)['m']).toBe('x');
    expect(getAt(view, ['a', 'n', 'm'])).toBe('x');
    expect(getAt(view, ['g', 'h'])).toBeNull();
    expect(view['d']).toBe(root['d']); // untouched subtrees are the real data
    expect(JSON.parse(JSON.stringify(view))).toEqual({ a: { c: 2, n: { m: 'x' } }, d: { e: 3 }, f: 1 });
  });

  it('shows emptied ancestors as absent and an emptied root as null', () => {
    const view = overlay({ a: { b: { c: 1 } }, x: 1 }, [[['a', 'b', 'c'], null]]) as JsonObject;
    expect(view['a']).toBeUndefined();
    expect('a' in view).toBe(false);
    expect(Object.keys(view)).toEqual(['x']);
    expect(overlay({ a: { b: { c: 1 } } }, [[['a', 'b', 'c'], null]])).toBeNull();
    expect(overlay({ a: { b: 1, [PRIORITY]: 2 } }, [[['a', 'b'], null]])).toBeNull();
  });

  it('leaves the base tree alone and refuses writes', () => {
    const plain = { a: { b: 1, c: 2 }, d: { e: 3 }, g: { h: { i: 1 } } };
    const root = clone(plain) as JsonObject; // not frozen: the view itself must not write
    const view = overlay(root, changes) as JsonObject;
    JSON.stringify(view);
    expect(root).toEqual(plain);
    const a = view['a'] as JsonObject;
    expect(() => (view['z'] = 1)).toThrow(TypeError);
    expect(() => (a['c'] = 1)).toThrow(TypeError);
    expect(() => delete view['d']).toThrow(TypeError);
    expect(() => Object.defineProperty(view, 'z', { value: 1 })).toThrow(TypeError);
    expect(() => Object.setPrototypeOf(view, null)).toThrow(TypeError);
    expect(root).toEqual(plain);
  });

  it('applies overlapping paths in order, like applyInPlace', () => {
    const t = deepFreeze({ a: { b: 1 }, d: { e: 3 } });
    const one: Array<[string[], Json]> = [
      [['a'], { z: 1 }],
      [['a', 'y'], 2],
      [['d', '.priority'], 1],
      [['d'], null],
    ];
    for (const order of [one, [...one].reverse()]) {
      const update = obj(order.map(([p, v]) => [p.join('/'), v]));
      expect(overlay(t, order)).toEqual(applyInPlace(clone(t), [], { update }));
    }
    expect(overlay(t, one)).toEqual({ a: { z: 1, y: 2 } });
  });

  it('returns the base itself when nothing changes', () => {
    const t = { a: { b: 1 } };
    expect(overlay(t, [])).toBe(t);
    expect(overlay(t, [[['x', 'y'], null]])).toBe(t);
    expect(overlay('leaf', [[['x'], null]])).toBe('leaf');
  });

  it('treats a __proto__ key as data', () => {
    const view = overlay({ a: 1 }, [[['__proto__', 'x'], 1]]) as JsonObject;
    expect(Object.keys(view).sort()).toEqual(['__proto__', 'a']);
    expect(getAt(view, ['__proto__', 'x'])).toBe(1);
    expect(JSON.stringify(view)).toBe('{"a":1,"__proto__":{"x":1}}');
  });
});

// ---- Properties ----

const KEYS = ['a', 'b', 'c', '__proto__'];
const keyArb = fc.constantFrom(...KEYS);
const primArb = fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constantFrom('s', 't'), fc.boolean());
const prioArb = fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom('p', 'q'));
const wrapperArb = fc.tuple(primArb, prioArb).map(([v, p]) => wrapped(v, p));
/** Values in stored form: no nulls or empty objects inside, priorities as Firebase keeps them. */
const { node: nodeArb } = fc.letrec<{ node: Json; object: JsonObject }>((tie) => ({
  node: fc.oneof({ maxDepth: 3, depthSize: 'small' }, primArb, wrapperArb, tie('object')),
  object: fc
    .tuple(fc.uniqueArray(fc.tuple(keyArb, tie('node')), { minLength: 1, maxLength: 3, selector: (e) => e[0] }), fc.option(prioArb))
    .map(([entries, p]) => obj(p === null ? entries : [...entries, [PRIORITY, p]])),
}));
const treeArb = fc.option(nodeArb);
const pathArb = fc.array(keyArb, { maxLength: 4 });

const setArb: fc.Arbitrary<Write> = fc.oneof(
  fc.tuple(pathArb, fc.option(nodeArb)).map(([path, value]) => ({ path, change: { set: value } })),
  fc.tuple(fc.array(keyArb, { maxLength: 3 }), fc.option(prioArb)).map(([path, p]) => ({ path: [...path, PRIORITY], change: { set: p } })),
);
const relArb: fc.Arbitrary<[string[], Json]> = fc.oneof(
  fc.tuple(fc.array(keyArb, { minLength: 1, maxLength: 3 }), fc.option(nodeArb)),
  fc.tuple(
    fc.array(keyArb, { maxLength: 2 }).map((p) => [...p, PRIORITY]),
    fc.option(prioArb),
  ),
);
const prefixOf = (a: readonly string[], b: readonly string[]): boolean => a.length <= b.length && a.every((s, i) => s === b[i]);
const updateArb: fc.Arbitrary<Write> = fc
  .tuple(fc.array(keyArb, { maxLength: 3 }), fc.array(relArb, { maxLength: 5 }))
  .map(([path, rels]) => {
    const kept: Array<[string[], Json]> = [];
    for (const r of rels) if (!kept.some(([p]) => prefixOf(p, r[0]) || prefixOf(r[0], p))) kept.push(r);
    return { path, change: { update: obj(kept.map(([p, v]) => [p.join('/'), v])) } };
  });
const writeArb = fc.oneof(setArb, updateArb);
const writesArb = fc.array(writeArb, { maxLength: 6 });
const RUNS = { numRuns: 1500 };
const SLOW = 60_000; // a busy machine must not time these out

describe('properties', () => {
  it('applyInPlace on a clone gives what the model gives', () => {
    fc.assert(
      fc.property(treeArb, writesArb, (tree, writes) => {
        let live = clone(tree);
        let ref = clone(tree);
        for (const w of writes) {
          live = applyInPlace(live, w.path, clone(w.change));
          ref = model(ref, w);
          expect(canon(live)).toEqual(canon(ref));
        }
      }),
      RUNS,
    );
  }, SLOW);

  it('overlay shows the result of the write without touching the tree', () => {
    /** Compares a view with a plain tree through keys, `in`, hasOwnProperty and reads; the first difference or null. */
    const difference = (view: Json, want: Json, at = '/'): string | null => {
      if (typeof want !== 'object' || want === null) return view === want ? null : `${at}: ${String(view)} is not ${String(want)}`;
      if (typeof view !== 'object' || view === null) return `${at}: not an object`;
      if (Object.keys(view).sort().join() !== Object.keys(want).sort().join()) return `${at}: keys ${Object.keys(view).join()}`;
      for (const k of [...KEYS, PRIORITY, '.value']) {
        // (Every plain object inherits a __proto__ accessor, so `in` says nothing about that key.)
        if (k !== '__proto__' && k in view !== hasOwn(want, k)) return `${at}: wrong \`${k} in\``;
        if (hasOwn(view, k) !== hasOwn(want, k)) return `${at}: wrong hasOwnProperty(${k})`;
      }
      for (const k of Object.keys(want)) {
        const d = difference(view[k] ?? null, want[k] ?? null, `${at}${k}/`);
        if (d !== null) return d;
      }
      return null;
    };
    fc.assert(
      fc.property(treeArb, writesArb, (tree, writes) => {
        let live = clone(tree);
        for (const w of writes) {
          // As the server does: the rules see the view of the live tree, then the write happens.
          const before = canon(live);
          const view = overlay(live, changesOf(w));
          const seen = canon(view);
          const viaJson = JSON.parse(JSON.stringify(view)) as Json;
          const expected = applyInPlace(clone(live), w.path, clone(w.change));
          expect(difference(view, expected)).toBeNull();
          expect(canon(live)).toEqual(before);
          live = applyInPlace(live, w.path, clone(w.change));
          expect(seen).toEqual(canon(live));
          expect(canon(viaJson)).toEqual(canon(live));
        }
      }),
      RUNS,
    );
  }, SLOW);

  it('a node vanishes exactly when its last child is deleted', () => {
    fc.assert(
      fc.property(treeArb, writesArb, pathArb, (tree, writes, target) => {
        let live = clone(tree);
        overlay(live, [[target, null]]); // counts children along the target path
        for (const w of writes) {
          overlay(live, changesOf(w));
          live = applyInPlace(live, w.path, clone(w.change));
        }
        // The deepest object with children along the target path.
        const at: string[] = [];
        for (const k of target) {
          if (!isChildren(getAt(live, [...at, k]))) break;
          at.push(k);
        }
        const node = getAt(live, at);
        if (!isChildren(node)) return;
        const keys = Object.keys(node).filter((k) => k !== PRIORITY);
        let ref = clone(live);
        keys.forEach((k, i) => {
          live = setInPlace(live, [...at, k], null);
          ref = model(ref, { path: [...at, k], change: { set: null } });
          expect(canon(live)).toEqual(canon(ref));
          const left = keys.length - 1 - i;
          if (left === 0) expect(getAt(live, at)).toBeNull();
          else {
            expect(getAt(live, at)).toBe(node);
            expect(Object.keys(node).filter((x) => x !== PRIORITY)).toHaveLength(left);
          }
        });
      }),
      RUNS,
    );
  }, SLOW);
});
