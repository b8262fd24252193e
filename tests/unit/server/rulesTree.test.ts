import { describe, it, expect } from 'vitest';
import { CLOSED_RULES, OPEN_RULES, RulesError, canRead, checkWrite, compileRules, indexOnAt } from '../../../server/rules/index.ts';

describe('compileRules', () => {
  it('compiles booleans, expressions, wildcards and .indexOn', () => {
    const rules = compileRules({
      rules: {
        '.read': true,
        orders: { '.indexOn': ['owner', 'date'], $id: { '.write': 'auth.uid == $id', '.validate': "newData.hasChildren(['owner'])" } },
        users: { '.indexOn': 'name' },
      },
    });
    expect(rules.read).toEqual({ kind: 'literal', value: true });
    const orders = rules.children.get('orders');
    expect(orders?.indexOn).toEqual(['owner', 'date']);
    expect(orders?.wildcard?.name).toBe('$id');
    expect(orders?.wildcard?.node.write?.kind).toBe('binary');
    expect(orders?.wildcard?.node.validate?.kind).toBe('call');
    expect(rules.children.get('users')?.indexOn).toEqual(['name']);
    expect(rules.write).toBeUndefined();
  });

  it.each([
    [null, /rules document must be a JSON object/],
    [[], /rules document must be a JSON object/],
    [{}, /rules document has no "rules" key/],
    [{ rules: {}, extra: 1 }, /^extra: unknown top-level key/],
    [{ rules: true }, /^rules: expected an object of rules/],
    [{ rules: { orders: { '.xyz': true } } }, /^rules\.orders\.\.xyz: unknown rule type "\.xyz"/],
    [{ rules: { '.value': true } }, /^rules\.\.value: unknown rule type/],
    [{ rules: { '.read': 1 } }, /^rules\.\.read: a rule must be a string or a boolean, got number/],
    [{ rules: { a: { '.write': null } } }, /^rules\.a\.\.write: a rule must be a string or a boolean, got null/],
    [{ rules: { a: { '.validate': ['x'] } } }, /^rules\.a\.\.validate: a rule must be a string or a boolean, got an array/],
    [{ rules: { a: true } }, /^rules\.a: expected an object of rules/],
    [{ rules: { a: { $x: {}, $y: {} } } }, /^rules\.a\.\$y: two wildcards at one level \("\$x" and "\$y"\)/],
    [{ rules: { $x: { $x: {} } } }, /already used above/],
    [{ rules: { 'a#b': {} } }, /invalid key "a#b"/],
    [{ rules: { '$a-b': {} } }, /invalid wildcard name/],
    [{ rules: { a: { '.read': '$id == auth.uid' } } }, /^rules\.a\.\.read: unknown variable "\$id"/],
    [{ rules: { a: { '.indexOn': 5 } } }, /^rules\.a\.\.indexOn: \.indexOn must be a string or an array of strings/],
    [{ rules: { a: { '.indexOn': ['x', 1] } } }, /\.indexOn must be a string or an array of strings/],
    [{ rules: { a: { '.read': 'x'.repeat(10_001) } } }, /^rules\.a\.\.read: expression is longer than 10000 characters/],
    [{ rules: { a: { '.read': "'a'.matches(/(a+)+/)" } } }, /^rules\.a\.\.read: nested quantifiers/],
  ])('rejects %j', (doc, message) => {
    expect(() => compileRules(doc)).toThrow(RulesError);
    expect(() => compileRules(doc)).toThrow(message);
  });

  it('names the rule path and the position of a syntax error', () => {
    const doc = { rules: { orders: { $id: { '.write': "auth.uid == 'x')" } } } };
    expect(() => compileRules(doc)).toThrow('rules.orders.$id..write: unexpected token ")" at 15');
  });

  it('binds a wildcard at its own node and below', () => {
    expect(() => compileRules({ rules: { $a: { '.read': '$a == 1', b: { $c: { '.read': '$a == $c' } } } } })).not.toThrow();
  });

  it('provides open and closed rule sets', () => {
    const base = { auth: null, now: 0 };
    expect(canRead(OPEN_RULES, { ...base, root: null, path: ['a', 'b'] })).toBe(true);
    expect(canRead(CLOSED_RULES, { ...base, root: null, path: [] })).toBe(false);
    expect(checkWrite(OPEN_RULES, { ...base, oldRoot: null, newRoot: { a: 1 }, paths: [['a']] })).toEqual({ ok: true });
    expect(checkWrite(CLOSED_RULES, { ...base, oldRoot: null, newRoot: { a: 1 }, paths: [['a']] })).toEqual({ ok: false, path: ['a'], reason: 'write' });
  });
});

describe('indexOnAt', () => {
  const rules = compileRules({
    rules: {
      '.indexOn': 'top',
      orders: { '.indexOn': ['owner', 'date'] },
      users: { $uid: { '.indexOn': 'x', posts: { '.indexOn': ['when'] } }, special: { '.read': true } },
    },
  });
  it.each([
    [[], ['top']],
    [['orders'], ['owner', 'date']],
    [['orders', 'o1'], []],
    [['users', 'u1'], ['x']],
    [['users', 'u1', 'posts'], ['when']],
    [['users', 'special'], []],
    [['nope', 'deeper'], []],
  ])('%j → %j', (path, expected) => {
    expect(indexOnAt(rules, path)).toEqual(expected);
  });

  it('returns a copy', () => {
    indexOnAt(rules, ['orders']).push('mutated');
    expect(indexOnAt(rules, ['orders'])).toEqual(['owner', 'date']);
  });
});
