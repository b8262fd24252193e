import { describe, expect, it } from 'vitest';
import { applyPatch, compact, getAt, type Tree } from '../../../server/seed/tree.ts';

const NOW = 1_750_000_000_000;

describe('applyPatch: multi-path updates with the server semantics', () => {
  it('resolves server timestamps anywhere in a value to the simulated time', () => {
    const tree: Tree = {};
    applyPatch(tree, { 'orders/a': { createdAt: { '.sv': 'timestamp' }, note: 'x' }, 'audit/1/at': { '.sv': 'timestamp' } }, NOW);
    expect(tree).toEqual({ orders: { a: { createdAt: NOW, note: 'x' } }, audit: { '1': { at: NOW } } });
  });

  it('increments the value stored before the update, or 0 when absent', () => {
    const tree: Tree = { stock: { s1: { qty: 5 } } };
    applyPatch(tree, { 'stock/s1/qty': { '.sv': { increment: -3 } }, 'stock/s2/qty': { '.sv': { increment: 4 } } }, NOW);
    expect(getAt(tree, 'stock', 's1', 'qty')).toBe(2);
    expect(getAt(tree, 'stock', 's2', 'qty')).toBe(4);
  });

  it('removes with null, drops null children, and lets emptied records vanish', () => {
    const tree: Tree = { retailerOrders: { r: { status: 'submitted' } }, orders: { a: { n: 1 }, b: { n: 2 } } };
    applyPatch(tree, { 'orders/a': null, 'retailerOrders/r/status': null, 'billing/x': { lines: [{ q: 1 }], gone: null } }, NOW);
    expect(tree).toEqual({ retailerOrders: {}, orders: { b: { n: 2 } }, billing: { x: { lines: [{ q: 1 }] } } });
    expect(compact(tree)).toEqual({ orders: { b: { n: 2 } }, billing: { x: { lines: [{ q: 1 }] } } });
  });

  it('refuses overlapping paths, undefined values and unknown server values, writing nothing', () => {
    const tree: Tree = { a: { b: 1 } };
    expect(() => applyPatch(tree, { 'a/b': 2, a: { c: 1 } }, NOW)).toThrow(/overlap/);
    expect(() => applyPatch(tree, { 'a/b': undefined }, NOW)).toThrow(/undefined/);
    expect(() => applyPatch(tree, { 'a/c': 1, 'a/b': { '.sv': 'nope' } }, NOW)).toThrow(/server value/);
    expect(tree).toEqual({ a: { b: 1 } });
  });

  it('copies objects it stores but keeps unchanged lists shared (records of one order share `ordered`)', () => {
    const ordered = [{ productId: 'p', qty: 1 }];
    const record = { lines: ordered, ordered };
    const tree: Tree = {};
    applyPatch(tree, { 'orders/a': record, 'billing/a': { ...record, queuedAt: { '.sv': 'timestamp' } } }, NOW);
    const a = getAt(tree, 'orders', 'a') as typeof record;
    expect(a).not.toBe(record);
    expect(a.ordered).toBe(ordered);
    expect((getAt(tree, 'billing', 'a') as typeof record).ordered).toBe(ordered);
  });
});
