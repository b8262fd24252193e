/**
 * Evaluator for parsed rule expressions. Any runtime problem (type error, a method
 * called on null, arithmetic or ordering with null, non-boolean result) makes the
 * rule false. As in Firebase, a property of null is null (`auth.uid` when signed out).
 */
import type { AuthVar, Json, JsonObject, Path } from '../types.ts';
import type { BinaryOp, Expr } from './parse.ts';

/** Longest string handed to a RegExp; longer subjects make matches() an error (→ false). */
export const MAX_REGEX_SUBJECT = 10_000;

/** The `query` variable of rules. */
export type QueryVar = {
  orderByKey?: boolean;
  orderByValue?: boolean;
  orderByPriority?: boolean;
  orderByChild?: string | null;
  startAt?: unknown;
  startAfter?: unknown;
  endAt?: unknown;
  endBefore?: unknown;
  equalTo?: unknown;
  limitToFirst?: number | null;
  limitToLast?: number | null;
};

class EvalError extends Error {}

function err(message: string): never {
  throw new EvalError(message);
}

// ---------------------------------------------------------------------------
// Stored-data helpers (values may carry priorities in export format)

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null;
}

/** True for a primitive or a `{".value": v, ".priority": p}` leaf. */
export function isLeaf(v: Json): boolean {
  return v !== null && (!isObject(v) || Object.hasOwn(v, '.value'));
}

/** The child `key` of a stored node (null when absent). Never returns the `.priority`/`.value` entries. */
export function childOf(node: Json, key: string): Json {
  if (!isObject(node) || key.startsWith('.') || Object.hasOwn(node, '.value')) return null;
  return Object.hasOwn(node, key) ? (node[key] as Json) : null;
}

/** The keys of a stored node's children (excluding `.priority`). */
export function childKeys(node: Json): string[] {
  if (!isObject(node) || Object.hasOwn(node, '.value')) return [];
  return Object.keys(node).filter((k) => !k.startsWith('.'));
}

export function getAtPath(root: Json, path: Path): Json {
  let node = root;
  for (const key of path) {
    node = childOf(node, key);
    if (node === null) return null;
  }
  return node;
}

/** The plain value of a stored node: priorities stripped. */
export function stripPriority(node: Json): Json {
  if (!isObject(node)) return node;
  if (Object.hasOwn(node, '.value')) return node['.value'] as Json;
  const out: JsonObject = {};
  let any = false;
  for (const key of Object.keys(node)) {
    if (key.startsWith('.')) continue;
    const v = stripPriority(node[key] as Json);
    if (v !== null) {
      out[key] = v;
      any = true;
    }
  }
  return any ? out : null;
}

/** Deep equality of stored values, with a reference-equality shortcut at every level. */
export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (!isObject(a) || !isObject(b)) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  for (const key of keysA) {
    if (!Object.hasOwn(b, key) || !deepEqual(a[key] as Json, b[key] as Json)) return false;
  }
  return true;
}


/**
 * Firebase evaluates child paths holding characters that keys cannot hold (`. # $ [ ]`,
 * as in `root.child('banned/' + auth.token.email)`): such a child simply never exists.
 */
function parseChildPath(arg: unknown): string[] {
  if (typeof arg !== 'string') err('child path must be a string');
  if (arg.length > 0 && !arg.includes('/')) return [arg];
  const segments = arg.split('/').filter((s) => s.length > 0);
  if (segments.length === 0) err('child path is empty');
  return segments;
}

/** `root`, `data` and `newData` in rules: a position in one version of the tree. */
export class RuleSnapshot {
  private cached: Json | undefined;
  /** Rules like `newData.parent().child(x)` repeat parent() many times in one rule. */
  private parentSnapshot: RuleSnapshot | undefined;

  constructor(
    readonly root: Json,
    readonly path: Path,
    node?: Json,
  ) {
    this.cached = node;
  }

  node(): Json {
    if (this.cached === undefined) this.cached = getAtPath(this.root, this.path);
    return this.cached;
  }

  child(arg: unknown): RuleSnapshot {
    const segments = parseChildPath(arg);
    let node = this.node();
    for (const key of segments) node = childOf(node, key);
    return new RuleSnapshot(this.root, [...this.path, ...segments], node);
  }

  parent(): RuleSnapshot {
    if (this.path.length === 0) err('parent() of the root');
    this.parentSnapshot ??= new RuleSnapshot(this.root, this.path.slice(0, -1));
    return this.parentSnapshot;
  }

  val(): Json {
    return stripPriority(this.node());
  }

  exists(): boolean {
    return this.val() !== null;
  }

  hasChild(arg: unknown): boolean {
    return this.child(arg).exists();
  }

  hasChildren(arg?: unknown): boolean {
    if (arg === undefined) return childKeys(this.node()).some((k) => stripPriority(childOf(this.node(), k)) !== null);
    if (!Array.isArray(arg)) err('hasChildren() expects an array of child names');
    return arg.every((name) => this.hasChild(name));
  }

  getPriority(): Json {
    const node = this.node();
    if (!isObject(node)) return null;
    const p = node['.priority'];
    return p === undefined ? null : p;
  }
}

// ---------------------------------------------------------------------------
// Evaluation

export type EvalContext = {
  auth: AuthVar;
  now: number;
  query: QueryVar | undefined;
  root: RuleSnapshot;
  data: RuleSnapshot;
  newData: RuleSnapshot | undefined;
  wildcards: Readonly<Record<string, string>>;
};

const SNAPSHOT_METHODS: Record<string, (s: RuleSnapshot, args: unknown[]) => unknown> = {
  child: (s, a) => (arity(a, 1), s.child(a[0])),
  parent: (s, a) => (arity(a, 0), s.parent()),
  val: (s, a) => (arity(a, 0), s.val()),
  exists: (s, a) => (arity(a, 0), s.exists()),
  hasChild: (s, a) => (arity(a, 1), s.hasChild(a[0])),
  hasChildren: (s, a) => (a.length > 1 ? arity(a, 1) : undefined, s.hasChildren(a[0])),
  isNumber: (s, a) => (arity(a, 0), typeof s.val() === 'number'),
  isString: (s, a) => (arity(a, 0), typeof s.val() === 'string'),
  isBoolean: (s, a) => (arity(a, 0), typeof s.val() === 'boolean'),
  getPriority: (s, a) => (arity(a, 0), s.getPriority()),
};

const STRING_METHODS: Record<string, (s: string, args: unknown[]) => unknown> = {
  contains: (s, a) => s.includes(stringArg(a, 1, 0)),
  beginsWith: (s, a) => s.startsWith(stringArg(a, 1, 0)),
  endsWith: (s, a) => s.endsWith(stringArg(a, 1, 0)),
  replace: (s, a) => {
    const from = stringArg(a, 2, 0);
    const to = stringArg(a, 2, 1);
    return from === '' ? s : s.split(from).join(to);
  },
  toLowerCase: (s, a) => (arity(a, 0), s.toLowerCase()),
  toUpperCase: (s, a) => (arity(a, 0), s.toUpperCase()),
  matches: (s, a) => {
    arity(a, 1);
    const re = a[0];
    if (!(re instanceof RegExp)) err('matches() expects a regular expression');
    if (s.length > MAX_REGEX_SUBJECT) err(`matches() subject longer than ${MAX_REGEX_SUBJECT} characters`);
    return re.test(s);
  },
};

function arity(args: unknown[], n: number): void {
  if (args.length !== n) err(`expected ${n} argument(s), got ${args.length}`);
}

function stringArg(args: unknown[], n: number, i: number): string {
  arity(args, n);
  const v = args[i];
  if (typeof v !== 'string') err('expected a string argument');
  return v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof RuleSnapshot) && !(v instanceof RegExp);
}

/**
 * Property access on a runtime value. Missing properties are null, and so is any property of
 * null or of a number or boolean (Firebase: `auth.uid !== 'x'` is true when signed out).
 */
function property(object: unknown, name: unknown): unknown {
  if (object === null || object === undefined || typeof object === 'number' || typeof object === 'boolean') return null;
  if (typeof object === 'string') return name === 'length' ? object.length : null;
  if (Array.isArray(object)) {
    if (name === 'length') return object.length;
    if (typeof name === 'number' && Number.isInteger(name)) return (object[name] as unknown) ?? null;
    return null;
  }
  if (isPlainObject(object)) {
    if (typeof name !== 'string') err('property name must be a string');
    const v = Object.hasOwn(object, name) ? object[name] : null;
    return v === undefined ? null : v;
  }
  return err(`cannot read property ${String(name)} here`);
}

function callMethod(object: unknown, name: string, args: unknown[]): unknown {
  if (object instanceof RuleSnapshot) {
    const fn = Object.hasOwn(SNAPSHOT_METHODS, name) ? SNAPSHOT_METHODS[name] : undefined;
    if (fn) return fn(object, args);
  } else if (typeof object === 'string') {
    const fn = Object.hasOwn(STRING_METHODS, name) ? STRING_METHODS[name] : undefined;
    if (fn) return fn(object, args);
  } else if (object === null || object === undefined) {
    err(`cannot call ${name}() on null`);
  }
  return err(`unknown method ${name}()`);
}

function bool(v: unknown, what: string): boolean {
  if (typeof v !== 'boolean') err(`${what} needs a boolean`);
  return v;
}

function binary(op: BinaryOp, l: unknown, r: unknown): unknown {
  switch (op) {
    case '==': case '===': return l === r;
    case '!=': case '!==': return l !== r;
    case '+': {
      // Only strings and numbers add up; null or a boolean on either side is an error
      // (Firebase: `'users/' + auth.uid` fails for a signed-out request).
      const isAddable = (v: unknown) => typeof v === 'string' || typeof v === 'number';
      if (!isAddable(l) || !isAddable(r)) err('+ needs numbers or strings');
      return typeof l === 'number' && typeof r === 'number' ? l + r : String(l) + String(r);
    }
    case '<': case '<=': case '>': case '>=': {
      const isOrdered = (typeof l === 'number' || typeof l === 'string' || l === null) && typeof l === typeof r;
      if (!isOrdered) err(`${op} needs two numbers or two strings`);
      const a = l as number | string;
      const b = r as number | string;
      return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
    }
    case '-': case '*': case '/': case '%': {
      if (typeof l !== 'number' || typeof r !== 'number') err(`${op} needs numbers`);
      // Firebase divides by zero to NaN, never to ±Infinity.
      return op === '-' ? l - r : op === '*' ? l * r : op === '/' ? (r === 0 ? NaN : l / r) : l % r;
    }
    case '&&': case '||':
      return err('unreachable');
  }
}

function variable(name: string, ctx: EvalContext): unknown {
  switch (name) {
    case 'auth': return ctx.auth;
    case 'now': return ctx.now;
    case 'root': return ctx.root;
    case 'data': return ctx.data;
    case 'newData': return ctx.newData ?? err('newData is not available in .read rules');
    case 'query': return normalizeQuery(ctx.query);
  }
  if (Object.hasOwn(ctx.wildcards, name)) return ctx.wildcards[name];
  return err(`unbound variable ${name}`);
}

function normalizeQuery(q: QueryVar | undefined): Record<string, unknown> {
  const o = (v: unknown) => (v === undefined ? null : v);
  return {
    orderByKey: q?.orderByKey ?? false,
    orderByValue: q?.orderByValue ?? false,
    orderByPriority: q?.orderByPriority ?? false,
    orderByChild: o(q?.orderByChild),
    startAt: o(q?.startAt),
    startAfter: o(q?.startAfter),
    endAt: o(q?.endAt),
    endBefore: o(q?.endBefore),
    equalTo: o(q?.equalTo),
    limitToFirst: o(q?.limitToFirst),
    limitToLast: o(q?.limitToLast),
  };
}

function evaluate(expr: Expr, ctx: EvalContext): unknown {
  switch (expr.kind) {
    case 'literal': return expr.value;
    case 'regex': return expr.regex;
    case 'array': return expr.items.map((x) => evaluate(x, ctx));
    case 'var': return variable(expr.name, ctx);
    case 'member': {
      const object = evaluate(expr.object, ctx);
      if (object instanceof RuleSnapshot) err(`snapshots have no property ${expr.name} (did you mean ${expr.name}()?)`);
      return property(object, expr.name);
    }
    case 'index': {
      const object = evaluate(expr.object, ctx);
      return property(object, evaluate(expr.index, ctx));
    }
    case 'call': {
      const callee = expr.callee;
      const args = expr.args.map((x) => evaluate(x, ctx));
      if (callee.kind === 'member') return callMethod(evaluate(callee.object, ctx), callee.name, args);
      if (callee.kind === 'index') {
        const name = evaluate(callee.index, ctx);
        if (typeof name !== 'string') err('method name must be a string');
        return callMethod(evaluate(callee.object, ctx), name, args);
      }
      return err('only methods can be called');
    }
    case 'unary': {
      const v = evaluate(expr.arg, ctx);
      if (expr.op === '!') return !bool(v, '!');
      if (typeof v !== 'number') err('unary - needs a number');
      return -v;
    }
    case 'binary': {
      if (expr.op === '&&' || expr.op === '||') {
        const l = bool(evaluate(expr.left, ctx), expr.op);
        if (expr.op === '&&' ? !l : l) return l;
        return bool(evaluate(expr.right, ctx), expr.op);
      }
      return binary(expr.op, evaluate(expr.left, ctx), evaluate(expr.right, ctx));
    }
    case 'conditional':
      return bool(evaluate(expr.test, ctx), '?:') ? evaluate(expr.then, ctx) : evaluate(expr.else, ctx);
  }
}

/** Evaluates a rule; true only when it yields exactly `true` without any error. */
export function evaluateRule(expr: Expr, ctx: EvalContext): boolean {
  try {
    return evaluate(expr, ctx) === true;
  } catch {
    return false;
  }
}

/** Evaluates an expression to its raw value (for tests/diagnostics); errors propagate. */
export function evaluateExpression(expr: Expr, ctx: EvalContext): unknown {
  return evaluate(expr, ctx);
}
