/**
 * Tokenizer and recursive-descent parser for the Firebase security-rules
 * expression language (a JavaScript subset), producing a small AST.
 */

/** A problem in a rules document; the message names the rule path and the reason. */
export class RulesError extends Error {
  override name = 'RulesError';
}

export type BinaryOp =
  | '*' | '/' | '%' | '+' | '-'
  | '<' | '<=' | '>' | '>='
  | '==' | '!=' | '===' | '!=='
  | '&&' | '||';

/** Expression AST. `pos` is the 0-based character offset in the source. */
export type Expr =
  | { kind: 'literal'; value: null | boolean | number | string }
  | { kind: 'regex'; regex: RegExp }
  | { kind: 'array'; items: Expr[] }
  | { kind: 'var'; name: string }
  | { kind: 'member'; object: Expr; name: string }
  | { kind: 'index'; object: Expr; index: Expr }
  | { kind: 'call'; callee: Expr; args: Expr[] }
  | { kind: 'unary'; op: '!' | '-'; arg: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'conditional'; test: Expr; then: Expr; else: Expr };

export const MAX_EXPRESSION_LENGTH = 10_000;
export const MAX_NESTING = 100;
/** Bound on AST depth (long flat operator chains); keeps evaluation recursion shallow. */
const MAX_AST_DEPTH = 1_000;

const GLOBALS = new Set(['auth', 'root', 'data', 'newData', 'now', 'query']);

type Token =
  | { type: 'num'; value: number; pos: number }
  | { type: 'str'; value: string; pos: number }
  | { type: 'ident'; value: string; pos: number }
  | { type: 'punct'; value: string; pos: number }
  | { type: 'regex'; value: RegExp; pos: number; text: string }
  | { type: 'eof'; pos: number };

const PUNCTUATION = [
  '===', '!==', '==', '!=', '<=', '>=', '&&', '||',
  '<', '>', '+', '-', '*', '/', '%', '!', '?', ':', '(', ')', '[', ']', '.', ',',
];

function fail(message: string): never {
  throw new RulesError(message);
}

function isIdentStart(c: string): boolean {
  return /[A-Za-z_$]/.test(c);
}

function isIdentPart(c: string): boolean {
  return /[A-Za-z0-9_$]/.test(c);
}

function describe(tok: Token): string {
  switch (tok.type) {
    case 'eof': return 'end of expression';
    case 'str': return `string ${JSON.stringify(tok.value)}`;
    case 'regex': return `regular expression ${tok.text}`;
    default: return `token ${JSON.stringify(String(tok.value))}`;
  }
}

/**
 * Rejects regular expressions that can backtrack catastrophically or that
 * Firebase's (RE2-style) engine does not support: backreferences, lookarounds,
 * and a group holding a quantifier or an alternation that is itself repeated
 * without bound (`(a+)+`, `(a|a)*`).
 */
export function checkRegexSource(source: string): void {
  type Group = { risky: boolean };
  const groups: Group[] = [{ risky: false }];
  let lastGroup: Group | null = null; // the group just closed, if the previous atom was ')'
  let i = 0;
  const top = (): Group => groups[groups.length - 1] as Group;
  const markQuantifier = (unbounded: boolean): void => {
    if (unbounded && lastGroup?.risky) fail('nested quantifiers or repeated alternations (like (a+)+ or (a|b)*) are not allowed in regular expressions');
    top().risky = true;
    lastGroup = null;
  };
  while (i < source.length) {
    const c = source[i] as string;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') fail('backreferences are not allowed in regular expressions');
      i += 2;
      lastGroup = null;
    } else if (c === '[') {
      i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      lastGroup = null;
    } else if (c === '(') {
      if (source[i + 1] === '?') {
        if (source[i + 2] !== ':') fail('lookarounds and named groups are not allowed in regular expressions');
        i += 3;
      } else i++;
      groups.push({ risky: false });
      lastGroup = null;
    } else if (c === ')') {
      const closed = groups.pop();
      if (!closed || groups.length === 0) fail('unbalanced ")" in regular expression');
      if (closed.risky) top().risky = true;
      lastGroup = closed;
      i++;
    } else if (c === '|') {
      top().risky = true;
      lastGroup = null;
      i++;
    } else if (c === '*' || c === '+') {
      markQuantifier(true);
      i += source[i + 1] === '?' ? 2 : 1;
    } else if (c === '?') {
      markQuantifier(false);
      i += source[i + 1] === '?' ? 2 : 1;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (m) {
        const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
        markQuantifier(max > 1);
        i += m[0].length;
        if (source[i] === '?') i++;
      } else {
        i++;
        lastGroup = null;
      }
    } else {
      i++;
      lastGroup = null;
    }
  }
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const operandEnded = (): boolean => {
    const last = tokens[tokens.length - 1];
    if (!last) return false;
    if (last.type === 'punct') return last.value === ')' || last.value === ']';
    return true;
  };
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) { i++; continue; }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(\d*\.?\d+(?:[eE][+-]?\d+)?|\d+\.(?:[eE][+-]?\d+)?)/.exec(src.slice(i));
      const text = m?.[0] ?? c;
      if (isIdentStart(src[i + text.length] ?? '')) fail(`invalid number at ${start}`);
      tokens.push({ type: 'num', value: Number(text), pos: start });
      i += text.length;
    } else if (c === '"' || c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= src.length) fail(`unterminated string at ${start}`);
        const ch = src[i] as string;
        if (ch === c) { i++; break; }
        if (ch !== '\\') { value += ch; i++; continue; }
        const e = src[i + 1];
        if (e === undefined) fail(`unterminated string at ${start}`);
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };
        if (e === 'u' || e === 'x') {
          const len = e === 'u' ? 4 : 2;
          const hex = src.slice(i + 2, i + 2 + len);
          if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) fail(`invalid escape sequence at ${i}`);
          value += String.fromCharCode(parseInt(hex, 16));
          i += 2 + len;
        } else {
          value += simple[e] ?? e;
          i += 2;
        }
      }
      tokens.push({ type: 'str', value, pos: start });
    } else if (isIdentStart(c)) {
      while (i < src.length && isIdentPart(src[i] as string)) i++;
      tokens.push({ type: 'ident', value: src.slice(start, i), pos: start });
    } else if (c === '/' && !operandEnded()) {
      i++;
      let inClass = false;
      for (;;) {
        const ch = src[i];
        if (ch === undefined || ch === '\n') fail(`unterminated regular expression at ${start}`);
        if (ch === '\\') { i += 2; continue; }
        if (ch === '[') inClass = true;
        else if (ch === ']') inClass = false;
        else if (ch === '/' && !inClass) break;
        i++;
      }
      const source = src.slice(start + 1, i);
      i++;
      const flagStart = i;
      while (i < src.length && /[A-Za-z]/.test(src[i] as string)) i++;
      const flags = src.slice(flagStart, i);
      if (!/^i?$/.test(flags)) fail(`unsupported regular expression flags "${flags}" at ${flagStart} (only "i" is allowed)`);
      if (source.length === 0) fail(`empty regular expression at ${start}`);
      try {
        checkRegexSource(source);
      } catch (e) {
        fail(`${(e as Error).message} at ${start}`);
      }
      let regex: RegExp;
      try {
        regex = new RegExp(source, flags);
      } catch (e) {
        fail(`invalid regular expression at ${start}: ${(e as Error).message}`);
      }
      tokens.push({ type: 'regex', value: regex, pos: start, text: src.slice(start, i) });
    } else {
      const p = PUNCTUATION.find((q) => src.startsWith(q, i));
      if (!p) fail(`unexpected character ${JSON.stringify(c)} at ${start}`);
      tokens.push({ type: 'punct', value: p, pos: start });
      i += p.length;
    }
  }
  tokens.push({ type: 'eof', pos: src.length });
  return tokens;
}

const BINARY_LEVELS: readonly (readonly BinaryOp[])[] = [
  ['||'],
  ['&&'],
  ['==', '!=', '===', '!=='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

class Parser {
  private index = 0;
  private depth = 0;
  readonly vars = new Set<string>();

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    const tok = this.peek();
    if (tok.type !== 'eof') this.index++;
    return tok;
  }

  private isPunct(value: string): boolean {
    const tok = this.peek();
    return tok.type === 'punct' && tok.value === value;
  }

  private expect(value: string): void {
    const tok = this.next();
    if (tok.type !== 'punct' || tok.value !== value) this.unexpected(tok, `expected "${value}"`);
  }

  private unexpected(tok: Token, hint?: string): never {
    const what = tok.type === 'eof' ? 'unexpected end of expression' : `unexpected ${describe(tok)} at ${tok.pos}`;
    fail(hint ? `${what} (${hint})` : what);
  }

  private enter(pos: number): void {
    if (++this.depth > MAX_NESTING) fail(`expression nested deeper than ${MAX_NESTING} at ${pos}`);
  }

  parseAll(): Expr {
    const expr = this.expression();
    const tok = this.peek();
    if (tok.type !== 'eof') this.unexpected(tok);
    return expr;
  }

  private expression(): Expr {
    this.enter(this.peek().pos);
    const test = this.binary(0);
    let result = test;
    if (this.isPunct('?')) {
      this.next();
      const then = this.expression();
      this.expect(':');
      const otherwise = this.expression();
      result = { kind: 'conditional', test, then, else: otherwise };
    }
    this.depth--;
    return result;
  }

  private binary(level: number): Expr {
    const ops = BINARY_LEVELS[level];
    if (!ops) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const tok = this.peek();
      if (tok.type !== 'punct' || !(ops as readonly string[]).includes(tok.value)) return left;
      this.next();
      const right = this.binary(level + 1);
      left = { kind: 'binary', op: tok.value as BinaryOp, left, right };
    }
  }

  private unary(): Expr {
    const tok = this.peek();
    if (tok.type === 'punct' && (tok.value === '!' || tok.value === '-')) {
      this.next();
      this.enter(tok.pos);
      const arg = this.unary();
      this.depth--;
      return { kind: 'unary', op: tok.value, arg };
    }
    return this.postfix();
  }

  private postfix(): Expr {
    let expr = this.primary();
    for (;;) {
      const tok = this.peek();
      if (tok.type !== 'punct') return expr;
      if (tok.value === '.') {
        this.next();
        const name = this.next();
        if (name.type !== 'ident') this.unexpected(name, 'expected a property or method name');
        expr = { kind: 'member', object: expr, name: name.value };
      } else if (tok.value === '[') {
        this.next();
        const index = this.expression();
        this.expect(']');
        expr = { kind: 'index', object: expr, index };
      } else if (tok.value === '(') {
        this.next();
        const args = this.list(')', true);
        args.forEach((arg, n) => {
          const isMatches = expr.kind === 'member' && expr.name === 'matches' && n === 0 && args.length === 1;
          if (arg.kind === 'regex' && !isMatches) fail(`a regular expression is only allowed as the argument of matches() (at ${tok.pos})`);
        });
        expr = { kind: 'call', callee: expr, args };
      } else return expr;
    }
  }

  private list(close: string, allowRegex: boolean): Expr[] {
    const items: Expr[] = [];
    if (this.isPunct(close)) {
      this.next();
      return items;
    }
    for (;;) {
      const tok = this.peek();
      if (tok.type === 'regex' && !allowRegex) fail(`a regular expression is only allowed as the argument of matches() (at ${tok.pos})`);
      items.push(tok.type === 'regex' ? (this.next(), { kind: 'regex', regex: tok.value }) : this.expression());
      if (this.isPunct(',')) {
        this.next();
        continue;
      }
      this.expect(close);
      return items;
    }
  }

  private primary(): Expr {
    const tok = this.next();
    switch (tok.type) {
      case 'num':
      case 'str':
        return { kind: 'literal', value: tok.value };
      case 'ident':
        if (tok.value === 'true') return { kind: 'literal', value: true };
        if (tok.value === 'false') return { kind: 'literal', value: false };
        if (tok.value === 'null') return { kind: 'literal', value: null };
        if (tok.value.startsWith('$') && /^\$[A-Za-z0-9_]+$/.test(tok.value)) {
          this.vars.add(tok.value);
          return { kind: 'var', name: tok.value };
        }
        if (GLOBALS.has(tok.value)) return { kind: 'var', name: tok.value };
        return fail(`unknown variable "${tok.value}" at ${tok.pos}`);
      case 'regex':
        return fail(`a regular expression is only allowed as the argument of matches() (at ${tok.pos})`);
      case 'punct':
        if (tok.value === '(') {
          const inner = this.expression();
          this.expect(')');
          return inner;
        }
        if (tok.value === '[') return { kind: 'array', items: this.list(']', false) };
        return this.unexpected(tok);
      case 'eof':
        return this.unexpected(tok);
    }
  }
}

function astDepth(expr: Expr, depth: number): void {
  if (depth > MAX_AST_DEPTH) fail(`expression nested deeper than ${MAX_AST_DEPTH} operations`);
  const d = depth + 1;
  switch (expr.kind) {
    case 'literal': case 'regex': case 'var': return;
    case 'array': expr.items.forEach((x) => astDepth(x, d)); return;
    case 'member': astDepth(expr.object, d); return;
    case 'index': astDepth(expr.object, d); astDepth(expr.index, d); return;
    case 'call': astDepth(expr.callee, d); expr.args.forEach((x) => astDepth(x, d)); return;
    case 'unary': astDepth(expr.arg, d); return;
    case 'binary': astDepth(expr.left, d); astDepth(expr.right, d); return;
    case 'conditional': astDepth(expr.test, d); astDepth(expr.then, d); astDepth(expr.else, d); return;
  }
}

export type ParsedExpression = { expr: Expr; wildcardVars: Set<string> };

/** Parses one rule expression; throws RulesError (without a rule path) on any problem. */
export function parseExpression(src: string): ParsedExpression {
  if (src.length > MAX_EXPRESSION_LENGTH) fail(`expression is longer than ${MAX_EXPRESSION_LENGTH} characters`);
  if (src.trim() === '') fail('expression is empty');
  const parser = new Parser(tokenize(src));
  const expr = parser.parseAll();
  astDepth(expr, 0);
  return { expr, wildcardVars: parser.vars };
}
