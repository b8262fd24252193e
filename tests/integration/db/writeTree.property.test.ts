/**
 * Property: the tree the rules check (the newRoot handed to checkWrite) is byte for byte the tree
 * stored afterwards, and is what Firebase would store, for writes whose keys JavaScript treats
 * specially: integer-looking keys ("0", "/0", "5/"), "__proto__", "constructor", "prototype",
 * empty segments ("a//b") and unicode. Over REST and over the WebSocket protocol, and again after
 * a restart replays the append log.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WriteRequest } from '../../../server/rules/access.ts';
import type * as Rules from '../../../server/rules/index.ts';
import { getAt } from '../../../server/liveTree.ts';
import type { Json } from '../../../server/types.ts';
import { TestDb } from '../support/dbHarness.ts';
import { rawClient, type RawClient } from '../support/rawWs.ts';

/** Canonical JSON: keys sorted, read through own keys only (works on overlay views too). */
function canon(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const o = v as Record<string, unknown>;
  return '{' + Object.keys(o).sort().map((k) => JSON.stringify(k) + ':' + canon(Object.getOwnPropertyDescriptor(o, k)?.value)).join(',') + '}';
}

const checked: string[] = [];
vi.mock('../../../server/rules/index.ts', async (importOriginal) => {
  const real = await importOriginal<typeof Rules>();
  return {
    ...real,
    checkWrite: (rules: Parameters<typeof real.checkWrite>[0], req: WriteRequest) => {
      // Materialise now: the view reads the live tree, which the commit then changes.
      checked.push(canon(req.newRoot));
      return real.checkWrite(rules, req);
    },
  };
});

// ---- Generated writes, kept as key/value pairs so that no JavaScript object decides their order or drops a key ----

type Gen = { leaf: Json } | { arr: Gen[] } | { obj: Array<[string, Gen]> };

const SEGMENTS = ['0', '07', '5', '10', '-1', '2147483648', '__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', 'ü', '日本', '😀', 'a', 'b', ' ', '1e3'];
const UPDATE_KEYS = [...SEGMENTS, '/0', '0/', '5/', '/07', 'a//b', 'a/b', '/__proto__', '__proto__/x', 'constructor/prototype', 'x/y', '😀/0'];

const leaf = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.string({ maxLength: 4 }),
  fc.constant(null),
);
const { value: genValue } = fc.letrec<{ value: Gen }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf.map((l): Gen => ({ leaf: l })),
    fc.array(tie('value'), { maxLength: 3 }).map((arr): Gen => ({ arr })),
    fc.uniqueArray(fc.tuple(fc.constantFrom(...SEGMENTS), tie('value')), { selector: (t) => t[0], maxLength: 4 }).map((obj): Gen => ({ obj })),
  ),
}));

const genOp = fc.oneof(
  fc.record({ kind: fc.constant('update' as const), under: fc.array(fc.constantFrom(...SEGMENTS), { maxLength: 1 }), pairs: fc.uniqueArray(fc.tuple(fc.constantFrom(...UPDATE_KEYS), genValue), { selector: (t) => t[0], minLength: 1, maxLength: 6 }) }),
  fc.record({ kind: fc.constant('set' as const), under: fc.array(fc.constantFrom(...SEGMENTS), { maxLength: 2 }), value: genValue }),
);
type Op = typeof genOp extends fc.Arbitrary<infer T> ? T : never;

function text(g: Gen): string {
  if ('leaf' in g) return JSON.stringify(g.leaf);
  if ('arr' in g) return '[' + g.arr.map(text).join(',') + ']';
  return '{' + g.obj.map(([k, v]) => JSON.stringify(k) + ':' + text(v)).join(',') + '}';
}

const opBody = (op: Op): string => (op.kind === 'set' ? text(op.value) : '{' + op.pairs.map(([k, v]) => JSON.stringify(k) + ':' + text(v)).join(',') + '}');

// ---- A model of what Firebase stores ----

type Tree = Map<string, Tree> | Json;

/** The stored form of a generated value: arrays keyed by index, nulls and empty objects gone. */
function model(g: Gen): Tree {
  if ('leaf' in g) return g.leaf === null ? null : g.leaf;
  const m = new Map<string, Tree>();
  const entries: Array<[string, Gen]> = 'arr' in g ? g.arr.map((v, i) => [String(i), v]) : g.obj;
  for (const [k, v] of entries) {
    const n = model(v);
    if (n !== null) m.set(k, n);
  }
  return m.size === 0 ? null : m;
}

function setModel(t: Tree, path: string[], v: Tree): Tree {
  if (path.length === 0) return v;
  if (v === null && !(t instanceof Map)) return t; // removing below a leaf (or nothing) changes nothing
  const [k, ...rest] = path as [string, ...string[]];
  const m = t instanceof Map ? new Map(t) : new Map<string, Tree>();
  const next = setModel(m.get(k) ?? null, rest, v);
  if (next === null) m.delete(k);
  else m.set(k, next);
  return m.size === 0 ? null : m;
}

function canonModel(t: Tree): string {
  if (!(t instanceof Map)) return JSON.stringify(t);
  return '{' + [...t.keys()].sort().map((k) => JSON.stringify(k) + ':' + canonModel(t.get(k) ?? null)).join(',') + '}';
}

const segs = (s: string): string[] => s.split('/').filter((x) => x !== '');
const overlaps = (a: string[], b: string[]): boolean => a.slice(0, b.length).every((x, i) => x === b[i]) || b.slice(0, a.length).every((x, i) => x === a[i]);

/** The model tree after `op` at `base`, or 'refused' when Firebase refuses it (overlapping update paths). */
function expected(before: Tree, base: string[], op: Op): Tree | 'refused' {
  if (op.kind === 'set') return setModel(before, [...base, ...op.under], model(op.value));
  const paths = op.pairs.map(([k]) => segs(k));
  for (let i = 0; i < paths.length; i++) for (let j = 0; j < i; j++) if (overlaps(paths[i] as string[], paths[j] as string[])) return 'refused';
  let t = before;
  op.pairs.forEach(([, v], i) => (t = setModel(t, [...base, ...op.under, ...(paths[i] as string[])], model(v))));
  return t;
}

function toModel(v: Json): Tree {
  if (v === null || typeof v !== 'object') return v;
  return new Map(Object.keys(v).map((k) => [k, toModel(Object.getOwnPropertyDescriptor(v, k)?.value as Json)]));
}

// ---- The runs ----

const token = (uid: string): string => {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: uid, user_id: uid, iat: 0, exp: 3600 })}.`;
};

describe('writes with special keys: rules tree = stored tree = Firebase tree', () => {
  let db: TestDb;
  let raw: RawClient;
  beforeAll(async () => {
    db = await new TestDb().start();
    // Open to a signed-in user (not the owner), so that every write goes through checkWrite.
    await db.setRules({ rules: { '.read': 'auth != null', '.write': 'auth != null' } });
    raw = await rawClient(db.port);
    expect((await raw.request('auth', { cred: token('prop') })).s).toBe('ok');
  });
  afterAll(async () => {
    await raw.close();
    await db.close();
  });

  const stored = (): Json => db.server.database('test-ns').data;
  let run = 0;

  async function viaRest(path: string[], op: Op): Promise<boolean> {
    const url = '/' + path.map(encodeURIComponent).join('/') + '.json';
    const res = await db.rest(op.kind === 'set' ? 'PUT' : 'PATCH', url, opBody(op), { token: token('prop') });
    return res.status === 200;
  }

  async function viaWs(path: string[], op: Op): Promise<boolean> {
    const r = raw.nextR();
    raw.sendFramed(`{"t":"d","d":{"r":${r},"a":"${op.kind === 'set' ? 'p' : 'm'}","b":{"p":${JSON.stringify('/' + path.join('/'))},"d":${opBody(op)}}}}`);
    await raw.next((m) => (m as { d?: { r?: number } }).d?.r === r);
    return raw.responses.get(r)?.s === 'ok';
  }

  async function property(send: (path: string[], op: Op) => Promise<boolean>): Promise<void> {
    await fc.assert(
      fc.asyncProperty(genValue, fc.array(genOp, { minLength: 1, maxLength: 3 }), async (initial, ops) => {
        const base = ['t', `run${++run}`];
        expect((await db.rest('PUT', `/${base.join('/')}.json`, text(initial))).status).toBe(200);
        // Runs write below their own base; the model covers the base, the rules check covers the whole tree.
        const here = (): string => canon(getAt(stored(), base));
        let want: Tree = toModel(getAt(stored(), base));
        for (const op of ops) {
          const next = expected(want, [], op);
          checked.length = 0;
          const ok = await send([...base, ...op.under], op);
          expect(ok).toBe(next !== 'refused');
          if (next === 'refused') {
            expect(here()).toBe(canonModel(want));
            continue;
          }
          // The rules checked exactly the tree that is stored, and that tree is Firebase's.
          expect(checked).toHaveLength(1);
          if (checked[0] !== canon(stored())) expect({ rulesSaw: checked[0]?.length, stored: canon(stored()).length, here: here() }).toBe('the same tree');
          expect(here()).toBe(canonModel(next));
          want = next;
        }
      }),
      { numRuns: 150 },
    );
  }

  it('over REST (PUT and PATCH)', async () => property(viaRest));

  it('over the WebSocket protocol (p and m)', async () => property(viaWs));

  it('a restart replays the log to the same tree', async () => {
    const before = canon(stored());
    expect(before).toContain('__proto__');
    await raw.close();
    await db.restart();
    expect(canon(stored())).toBe(before);
    raw = await rawClient(db.port);
  });
});
