import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planBatches, type Batch, type BatchLimits } from '../../../server/seed/batches.ts';
import { generateBusiness } from '../../../server/seed/generate.ts';
import { jsonPieces } from '../../../server/seed/output.ts';
import type { Tree } from '../../../server/seed/tree.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** What the database holds after the batches, each a root PATCH, are written onto an empty namespace. */
function applyAll(batches: readonly Batch[]): Record<string, Json> {
  const root: Record<string, Json> = {};
  for (const b of batches) {
    for (const [path, value] of Object.entries(JSON.parse(b.body) as Record<string, Json>)) {
      const keys = path.split('/');
      let node = root;
      for (const k of keys.slice(0, -1)) {
        const next = node[k];
        if (typeof next !== 'object' || next === null || Array.isArray(next)) node[k] = {};
        node = node[k] as Record<string, Json>;
      }
      node[keys.at(-1) as string] = value;
    }
  }
  return root;
}

/** Every path the batches set, across all of them. */
const pathsOf = (batches: readonly Batch[]) => batches.flatMap((b) => Object.keys(JSON.parse(b.body) as object));

/** Each batch is within the bounds, or is a single value that cannot be split (a list or a scalar). */
function checkBounds(batches: readonly Batch[], limits: BatchLimits): void {
  for (const b of batches) {
    expect(b.bytes).toBe(Buffer.byteLength(b.body));
    expect(b.keys).toBe(Object.keys(JSON.parse(b.body) as object).length);
    expect(b.keys).toBeLessThanOrEqual(limits.keys);
    expect(b.keys).toBeGreaterThan(0);
    if (b.bytes > limits.bytes) {
      expect(b.keys).toBe(1);
      const only = Object.values(JSON.parse(b.body) as object)[0] as unknown;
      expect(typeof only !== 'object' || only === null || Array.isArray(only)).toBe(true);
    }
  }
}

/** No path is another's ancestor (or equal to it): so batches can be written in any order, or twice. */
function checkDisjoint(batches: readonly Batch[]): void {
  const sorted = pathsOf(batches).sort();
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1] as string, sorted[i] as string];
    expect(a === b || b.startsWith(`${a}/`), `${a} and ${b}`).toBe(false);
  }
}

describe('planBatches: the seed tree cut into bounded root PATCHes', () => {
  const tree = generateBusiness({ seed: 5, days: 4, scale: 1, today: Date.UTC(2025, 5, 1) });
  const uids = new Map([
    ['demo-uid-staff1', 'real-staff-1'],
    ['demo-uid-admin', 'real-admin'],
  ]);

  it.each([
    { bytes: 64 * 1024, keys: 1000 },
    { bytes: 200 * 1024, keys: 50 },
    { bytes: 1024 * 1024, keys: 1000 },
  ])('keeps every batch within %j and writes exactly the tree, uids mapped', (limits) => {
    const batches = [...planBatches(tree, uids, limits)];
    checkBounds(batches, limits);
    checkDisjoint(batches);
    const whole = [...jsonPieces(tree, uids)].join('');
    expect(batches.length).toBeGreaterThanOrEqual(Math.ceil(Buffer.byteLength(whole) / limits.bytes));
    expect(applyAll(batches)).toEqual(JSON.parse(whole));
    expect(Object.keys(applyAll(batches)['users'] as object)).toContain('real-staff-1');
  });

  it('splits a record bigger than a batch into its fields, and a collection into records, never sending a collection whole when too big', () => {
    const big: Tree = { orders: { a: { lines: Array.from({ length: 400 }, (_, i) => ({ sku: `S${i}`, qty: i })), note: 'x'.repeat(3000), tag: 'y' }, b: { n: 1 } }, meta: { v: 1 } };
    const limits = { bytes: 8 * 1024, keys: 100 };
    const batches = [...planBatches(big, null, limits)];
    const paths = pathsOf(batches);
    expect(paths).toEqual(expect.arrayContaining(['orders/a/lines', 'orders/a/note', 'orders/b', 'meta']));
    expect(paths).not.toContain('orders');
    expect(paths).not.toContain('orders/a');
    checkBounds(batches, limits);
    expect(batches.find((b) => b.bytes > limits.bytes)?.lastPath).toBe('orders/a/lines'); // a list is never split
    expect(applyAll(batches)).toEqual(JSON.parse(JSON.stringify(big)));
  });

  it('makes the same batches for the same tree (what --resume relies on)', () => {
    const limits = { bytes: 64 * 1024, keys: 1000 };
    expect([...planBatches(tree, uids, limits)]).toEqual([...planBatches(tree, uids, limits)]);
  });

  it('holds for any tree and any bounds: within bounds, disjoint paths, union = the tree', () => {
    const key = fc.stringMatching(/^[a-zA-Z0-9_-]{1,6}$/);
    const leaf = fc.oneof(fc.boolean(), fc.integer(), fc.string({ maxLength: 60, unit: 'grapheme' }), fc.array(fc.integer(), { minLength: 1, maxLength: 20 }));
    const { node } = fc.letrec<{ node: Json }>((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.dictionary(key, tie('node'), { minKeys: 1, maxKeys: 8 })),
    }));
    const trees = fc.dictionary(key, node, { minKeys: 1, maxKeys: 6 });
    fc.assert(
      fc.property(trees, fc.integer({ min: 20, max: 600 }), fc.integer({ min: 1, max: 6 }), (t, bytes, keys) => {
        const batches = [...planBatches(t, null, { bytes, keys })];
        checkBounds(batches, { bytes, keys });
        checkDisjoint(batches);
        expect(applyAll(batches)).toEqual(t);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
