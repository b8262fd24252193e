/**
 * Static type check of rule expressions, as Firebase does when rules are deployed.
 * A rules file that passes here should also deploy: Firebase refuses comparing a snapshot
 * (`root.child('x') != null`), computed method names (`root['exi' + 'sts']()`), unknown
 * methods and properties, operands of the wrong type and rules that are not boolean.
 *
 * Types follow Firebase's (as recorded in targaryen's fixtures): `auth` and its properties are
 * `any`; `val()` is a `primitive`; `any` and `primitive` are "fuzzy" and pass most checks,
 * which are then made at run time. `&&`, `||`, `!`, the test of `?:` and the whole rule must
 * be boolean for sure.
 */
import { RulesError, type Expr } from './parse.ts';

type Method = { args: readonly Type[] | 'keyList'; returns: Type };
type Type = 'boolean' | 'number' | 'string' | 'null' | 'primitive' | 'any' | 'snapshot' | 'query' | 'regex' | 'array';

const SNAPSHOT_METHODS: Readonly<Record<string, Method>> = {
  val: { args: [], returns: 'primitive' },
  child: { args: ['string'], returns: 'snapshot' },
  parent: { args: [], returns: 'snapshot' },
  hasChild: { args: ['string'], returns: 'boolean' },
  hasChildren: { args: 'keyList', returns: 'boolean' },
  exists: { args: [], returns: 'boolean' },
  getPriority: { args: [], returns: 'any' },
  isNumber: { args: [], returns: 'boolean' },
  isString: { args: [], returns: 'boolean' },
  isBoolean: { args: [], returns: 'boolean' },
};

const STRING_METHODS: Readonly<Record<string, Method>> = {
  contains: { args: ['string'], returns: 'boolean' },
  beginsWith: { args: ['string'], returns: 'boolean' },
  endsWith: { args: ['string'], returns: 'boolean' },
  replace: { args: ['string', 'string'], returns: 'string' },
  toLowerCase: { args: [], returns: 'string' },
  toUpperCase: { args: [], returns: 'string' },
  matches: { args: ['regex'], returns: 'boolean' },
};

const QUERY_PROPERTIES: Readonly<Record<string, Type>> = {
  orderByKey: 'boolean',
  orderByValue: 'boolean',
  orderByPriority: 'boolean',
  orderByChild: 'string',
  startAt: 'primitive',
  startAfter: 'primitive',
  endAt: 'primitive',
  endBefore: 'primitive',
  equalTo: 'primitive',
  limitToFirst: 'number',
  limitToLast: 'number',
};

const EQUALITY: readonly Type[] = ['string', 'number', 'boolean', 'null'];
const ADDITION: readonly Type[] = ['string', 'number'];
const ORDERING: readonly Type[] = ['string', 'number', 'null'];

export type RuleKind = 'read' | 'write' | 'validate';

function fail(message: string): never {
  throw new RulesError(message);
}

function isFuzzy(t: Type): boolean {
  return t === 'any' || t === 'primitive';
}

/** True when `t` is one of `allowed`, or (unless strict) may be one at run time. */
function fits(t: Type, allowed: readonly Type[], isStrict = false): boolean {
  return allowed.includes(t) || (!isStrict && isFuzzy(t));
}

function own<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

const describe = (t: Type): string => (t === 'snapshot' ? 'a snapshot' : t === 'query' ? 'the query' : t === 'regex' ? 'a regular expression' : t === 'array' ? 'an array' : t);

class Checker {
  constructor(private readonly kind: RuleKind) {}

  /** The method that `callee` names, or a refusal. */
  private method(callee: Expr): Method {
    let objectExpr: Expr;
    let name: string;
    if (callee.kind === 'member') {
      objectExpr = callee.object;
      name = callee.name;
    } else if (callee.kind === 'index' && callee.index.kind === 'literal' && typeof callee.index.value === 'string') {
      objectExpr = callee.object;
      name = callee.index.value;
    } else if (callee.kind === 'index') {
      return fail('a method name must be written out, not computed');
    } else {
      return fail('only methods can be called');
    }
    const object = this.type(objectExpr);
    const table = object === 'snapshot' ? SNAPSHOT_METHODS : object === 'string' || isFuzzy(object) ? STRING_METHODS : undefined;
    const found = table && own(table, name);
    if (!found) fail(`no method ${name}() on ${describe(object)}`);
    return found;
  }

  private call(expr: Extract<Expr, { kind: 'call' }>): Type {
    const m = this.method(expr.callee);
    const name = expr.callee.kind === 'member' ? expr.callee.name : 'method';
    if (m.args === 'keyList') {
      if (expr.args.length === 0) return m.returns;
      const list = expr.args[0];
      if (expr.args.length > 1 || list?.kind !== 'array') fail(`${name}() takes one argument: an array of child names`);
      if (list.items.length === 0) fail(`${name}() needs at least one child name`);
      for (const item of list.items) if (!fits(this.type(item), ['string'])) fail(`${name}() takes an array of strings`);
      return m.returns;
    }
    if (expr.args.length !== m.args.length) fail(`${name}() takes ${m.args.length} argument(s), got ${expr.args.length}`);
    expr.args.forEach((arg, i) => {
      const expected = m.args[i] as Type;
      const actual = arg.kind === 'regex' ? 'regex' : this.type(arg);
      const ok = expected === 'regex' ? actual === 'regex' : fits(actual, [expected]);
      if (!ok) fail(`${name}() expects argument ${i + 1} to be ${describe(expected)}, got ${describe(actual)}`);
    });
    return m.returns;
  }

  private property(object: Type, name: string): Type {
    if (object === 'any') return 'any';
    if (object === 'query') return own(QUERY_PROPERTIES, name) ?? fail(`query has no property ${name}`);
    if (object === 'string' || object === 'primitive') {
      if (name === 'length') return 'number';
      if (own(STRING_METHODS, name)) fail(`${name} is a method: call it as ${name}()`);
      return fail(`strings have no property ${name}`);
    }
    if (object === 'snapshot' && own(SNAPSHOT_METHODS, name)) fail(`${name} is a method: call it as ${name}()`);
    return fail(`${describe(object)} has no property ${name}`);
  }

  type(expr: Expr): Type {
    switch (expr.kind) {
      case 'literal':
        return expr.value === null ? 'null' : (typeof expr.value as 'boolean' | 'number' | 'string');
      case 'regex':
        return fail('a regular expression is only allowed as the argument of matches()');
      case 'array':
        return fail('an array is only allowed as the argument of hasChildren()');
      case 'var':
        if (expr.name.startsWith('$')) return 'string';
        if (expr.name === 'newData' && this.kind === 'read') fail('newData is not defined in .read rules');
        return expr.name === 'auth' ? 'any' : expr.name === 'now' ? 'number' : expr.name === 'query' ? 'query' : 'snapshot';
      case 'member':
        return this.property(this.type(expr.object), expr.name);
      case 'index': {
        const object = this.type(expr.object);
        const index = expr.index;
        if (object === 'any') {
          this.type(index);
          return 'any';
        }
        if (index.kind !== 'literal' || typeof index.value !== 'string') return fail(`${describe(object)} can only be indexed with a written-out name`);
        return this.property(object, index.value);
      }
      case 'call':
        return this.call(expr);
      case 'unary': {
        const arg = this.type(expr.arg);
        if (expr.op === '!') {
          if (arg !== 'boolean') fail(`! needs a boolean, got ${describe(arg)}`);
          return 'boolean';
        }
        if (!fits(arg, ['number'])) fail(`unary - needs a number, got ${describe(arg)}`);
        return 'number';
      }
      case 'binary': {
        const l = this.type(expr.left);
        const r = this.type(expr.right);
        const both = (allowed: readonly Type[], isStrict = false): void => {
          if (!fits(l, allowed, isStrict)) fail(`left operand of ${expr.op} must be ${allowed.join(' or ')}, got ${describe(l)}`);
          if (!fits(r, allowed, isStrict)) fail(`right operand of ${expr.op} must be ${allowed.join(' or ')}, got ${describe(r)}`);
        };
        switch (expr.op) {
          case '&&': case '||':
            both(['boolean'], true);
            return 'boolean';
          case '==': case '===': case '!=': case '!==':
            both(EQUALITY);
            return 'boolean';
          case '<': case '<=': case '>': case '>=':
            both(ORDERING);
            if (!isFuzzy(l) && !isFuzzy(r) && l !== r) fail(`${expr.op} compares ${describe(l)} with ${describe(r)}`);
            return 'boolean';
          case '+':
            both(ADDITION);
            if (l === 'string' || r === 'string') return 'string';
            return l === 'number' && r === 'number' ? 'number' : 'primitive';
          case '-': case '*': case '/': case '%':
            both(['number']);
            return 'number';
        }
        return fail('unknown operator');
      }
      case 'conditional': {
        const test = this.type(expr.test);
        if (test !== 'boolean') fail(`the test of ?: must be boolean, got ${describe(test)}`);
        const a = this.type(expr.then);
        const b = this.type(expr.else);
        if (a === b) return a;
        const primitives: readonly Type[] = ['boolean', 'number', 'string', 'null', 'primitive'];
        return primitives.includes(a) && primitives.includes(b) ? 'primitive' : 'any';
      }
    }
    return fail('unknown expression');
  }
}

/** Throws RulesError (without a rule path) unless `expr` is a well-typed boolean rule of this kind. */
export function checkRuleType(expr: Expr, kind: RuleKind): void {
  const t = new Checker(kind).type(expr);
  if (t !== 'boolean') fail(`a rule must evaluate to a boolean, but this is ${describe(t)}`);
}
