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

// Firebase refuses these when rules are deployed (recorded in targaryen's fixtures), so a rules
// file that loads here also deploys.
describe('compileRules: the static type check', () => {
  const at = (rule: string, kind = '.write') => ({ rules: { a: { $k: { [kind]: rule } } } });
  it.each([
    ["root.child('foo') != null", /^rules\.a\.\$k\.\.write: left operand of != must be string or number or boolean or null, got a snapshot/],
    ["data == newData", /left operand of == must be .*, got a snapshot/],
    ["root['exi' + 'sts']()", /a method name must be written out, not computed/],
    ['root[$k]() == false', /a method name must be written out, not computed/],
    ["root['doesNotExist']() == true", /no method doesNotExist\(\) on a snapshot/],
    ['newData.val()', /a rule must evaluate to a boolean, but this is primitive/],
    ['auth.token.admin', /a rule must evaluate to a boolean, but this is any/],
    ["'foo'", /a rule must evaluate to a boolean, but this is string/],
    ['7', /a rule must evaluate to a boolean, but this is number/],
    ["auth.uid === '5' ? 7 : true", /a rule must evaluate to a boolean, but this is primitive/],
    ['auth != null && auth.token.admin', /right operand of && must be boolean, got any/],
    ['!auth.token.admin', /! needs a boolean, got any/],
    ["newData.val() ? true : false", /the test of \?: must be boolean, got primitive/],
    ['auth.foo.contains(7)', /contains\(\) expects argument 1 to be string, got number/],
    ["root.hasChildren('foo', 'bar')", /hasChildren\(\) takes one argument: an array of child names/],
    ["root.hasChildren(['foo', 7])", /hasChildren\(\) takes an array of strings/],
    ['root.hasChildren([])', /hasChildren\(\) needs at least one child name/],
    ["root.child('s').val().matches('/foo/')", /matches\(\) expects argument 1 to be a regular expression, got string/],
    ['auth.foo.notFound() == false', /no method notFound\(\) on any/],
    ['root.val().notFound == false', /strings have no property notFound/],
    ['data.val == null', /val is a method: call it as val\(\)/],
    ["data.exists == true", /exists is a method/],
    ['root.val() > true', /right operand of > must be string or number or null, got boolean/],
    ["1 < 'a'", /< compares number with string/],
    ['query.foo == 1', /query has no property foo/],
    ["'x' + null == 'xnull'", /right operand of \+ must be string or number, got null/],
    ['data.exists() + 1 == 2', /left operand of \+ must be string or number, got boolean/],
    ["data.child(1).exists()", /child\(\) expects argument 1 to be string, got number/],
    ['now.length > 0', /number has no property length/],
  ])('refuses %s', (rule, message) => {
    expect(() => compileRules(at(rule))).toThrow(RulesError);
    expect(() => compileRules(at(rule))).toThrow(message);
  });

  it('refuses newData in a .read rule, naming the rule', () => {
    expect(() => compileRules(at('newData.exists()', '.read'))).toThrow(/^rules\.a\.\$k\.\.read: newData is not defined in \.read rules/);
    expect(() => compileRules(at('newData.exists()', '.validate'))).not.toThrow();
  });

  it.each([
    "root['exists']() == false",
    "auth.token.email['contains']('@') == true",
    'auth.foo[$k] == true',
    "(1 / 0 + '') == 'NaN'",
    "auth.uid !== 'x'",
    "root.child('banned/' + auth.uid).val() != true",
    'query.orderByKey == true && query.limitToLast == null',
    "$k == 'blue' && $k.length < 5 && $k.matches(/^[a-z]+$/)",
    '-auth.foo == -1',
    '(auth.someString + 1) == 2',
    'root.hasChildren() && root.hasChildren([$k, auth.uid])',
    "newData.val() === (data.exists() ? data.val() : 0) + 1",
    "(data.exists() ? data : newData).child('x').isString()",
    "newData.child('n').val() % 1 === 0 && newData.getPriority() == null",
    "data.val().toLowerCase().replace('a', 'b').beginsWith('x')",
  ])('accepts %s', (rule) => {
    expect(() => compileRules(at(rule))).not.toThrow();
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
