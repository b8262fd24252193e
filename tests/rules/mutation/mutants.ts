/**
 * Mutants of a rules document: each one changes ONE rule expression (.read, .write or .validate)
 * in one small way. Pure: the runner (run.ts) writes each mutant to a file and runs the rules
 * tests against it. Works on the expression text (a small tokenizer, not the engine's parser),
 * so a mutant reads like the rule it came from.
 */

export const RULE_KEYS = ['.read', '.write', '.validate'] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

/** The kinds of change; see docs/security.md, "Mutation testing". */
export type Operator = 'true' | 'drop-conjunct' | 'drop-disjunct' | 'flip-equality' | 'boundary' | 'string' | 'drop-not';

export type Mutant = {
  /** Stable while the rule's text stays the same: `<path> | <operator> | <detail>` (plus `#n` for repeats). */
  id: string;
  /** Rule path inside `rules`, ending in the rule key, e.g. `stock/$skuId/.validate`. */
  path: string;
  operator: Operator;
  /** What was changed, e.g. the dropped conjunct. */
  detail: string;
  original: string;
  mutated: string;
};

type RulesDoc = { rules: Record<string, unknown> };
type Tok = { type: 'str' | 'num' | 'ident' | 'punct' | 'regex'; text: string; start: number; end: number };

const PUNCT = ['===', '!==', '==', '!=', '<=', '>=', '&&', '||', '<', '>', '+', '-', '*', '/', '%', '!', '?', ':', '(', ')', '[', ']', '.', ','];
const EQUALITY: Record<string, string> = { '===': '!==', '!==': '===', '==': '!=', '!=': '==' };
const BOUNDARY: Record<string, string> = { '<': '<=', '<=': '<', '>': '>=', '>=': '>' };
export const MUTANT_STRING = "'__mutant__'";

/** The tokens of a rule expression, with their character spans. */
export function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "'" || c === '"') {
      i++;
      while (i < src.length && src.charAt(i) !== c) i += src.charAt(i) === '\\' ? 2 : 1;
      i++;
      out.push({ type: 'str', text: src.slice(start, i), start, end: i });
    } else if (/[0-9]/.test(c)) {
      while (i < src.length && /[0-9.eE]/.test(src.charAt(i))) i++;
      out.push({ type: 'num', text: src.slice(start, i), start, end: i });
    } else if (/[A-Za-z_$]/.test(c)) {
      while (i < src.length && /[A-Za-z0-9_$]/.test(src.charAt(i))) i++;
      out.push({ type: 'ident', text: src.slice(start, i), start, end: i });
    } else if (c === '/' && out.at(-1)?.text === '(') {
      // A regular expression: only allowed as the argument of matches().
      i++;
      let inClass = false;
      while (i < src.length && (inClass || src.charAt(i) !== '/')) {
        if (src.charAt(i) === '\\') i++;
        else if (src.charAt(i) === '[') inClass = true;
        else if (src.charAt(i) === ']') inClass = false;
        i++;
      }
      i++;
      while (i < src.length && /[a-z]/.test(src.charAt(i))) i++;
      out.push({ type: 'regex', text: src.slice(start, i), start, end: i });
    } else {
      const p = PUNCT.find((x) => src.startsWith(x, i));
      if (p === undefined) throw new Error(`cannot tokenize ${JSON.stringify(src.slice(i, i + 20))}`);
      i += p.length;
      out.push({ type: 'punct', text: p, start, end: i });
    }
  }
  return out;
}

type Span = [number, number]; // token indexes [a, b)

/** For each token index, the index of its matching bracket (or -1). */
function matching(toks: Tok[]): number[] {
  const m = toks.map(() => -1);
  const stack: number[] = [];
  toks.forEach((t, i) => {
    if (t.text === '(' || t.text === '[') stack.push(i);
    if (t.text === ')' || t.text === ']') {
      const o = stack.pop();
      if (o !== undefined) {
        m[o] = i;
        m[i] = o;
      }
    }
  });
  return m;
}

/** Token indexes in [a, b) at bracket depth 0 whose text is `op`. */
function topLevel(toks: Tok[], m: number[], [a, b]: Span, op: string): number[] {
  const at: number[] = [];
  for (let i = a; i < b; i++) {
    const t = toks[i] as Tok;
    if (t.text === '(' || t.text === '[') i = m[i] ?? i;
    else if (t.text === op && t.type === 'punct') at.push(i);
  }
  return at;
}

/** Every `&&` / `||` chain of the expression, at any depth: [operator, operand spans]. */
function chains(toks: Tok[]): Array<['&&' | '||', Span[]]> {
  const m = matching(toks);
  const found: Array<['&&' | '||', Span[]]> = [];
  const walk = (span: Span): void => {
    let [a, b] = span;
    while (a < b && toks[a]?.text === '(' && m[a] === b - 1) [a, b] = [a + 1, b - 1];
    if (a >= b) return;
    const q = topLevel(toks, m, [a, b], '?')[0];
    if (q !== undefined) {
      // a ? b : c — the ':' matching this '?' is the first depth-0 ':' after any nested ternaries.
      let depth = 0;
      let c = -1;
      for (let i = q + 1; i < b && c < 0; i++) {
        const t = toks[i] as Tok;
        if (t.text === '(' || t.text === '[') i = m[i] ?? i;
        else if (t.text === '?') depth++;
        else if (t.text === ':') {
          if (depth === 0) c = i;
          else depth--;
        }
      }
      walk([a, q]);
      if (c > 0) {
        walk([q + 1, c]);
        walk([c + 1, b]);
      }
      return;
    }
    for (const op of ['||', '&&'] as const) {
      const cuts = topLevel(toks, m, [a, b], op);
      if (cuts.length === 0) continue;
      const parts: Span[] = [];
      let from = a;
      for (const cut of cuts) {
        parts.push([from, cut]);
        from = cut + 1;
      }
      parts.push([from, b]);
      found.push([op, parts]);
      parts.forEach(walk);
      return;
    }
    // An operand: look inside its grouping parentheses (not call arguments).
    for (let i = a; i < b; i++) {
      const t = toks[i] as Tok;
      if (t.text !== '(' && t.text !== '[') continue;
      const prev = toks[i - 1];
      const isCall = prev !== undefined && (prev.type === 'ident' || prev.text === ')' || prev.text === ']');
      if (t.text === '(' && !isCall) walk([i, (m[i] ?? i) + 1]);
      i = m[i] ?? i;
    }
  };
  walk([0, toks.length]);
  return found;
}

/** The mutants of one expression, without ids. */
export function mutateExpression(src: string): Array<Omit<Mutant, 'id' | 'path'>> {
  const toks = tokenize(src);
  const out: Array<Omit<Mutant, 'id' | 'path'>> = [];
  const add = (operator: Operator, detail: string, mutated: string): void => {
    if (mutated !== src && !out.some((x) => x.mutated === mutated)) out.push({ operator, detail, original: src, mutated });
  };
  const text = ([a, b]: Span): string => src.slice((toks[a] as Tok).start, (toks[b - 1] as Tok).end);

  add('true', 'the whole rule', 'true');
  for (const [op, parts] of chains(toks)) {
    parts.forEach((part, k) => {
      // Remove the operand and one of its operators: the one before it, or after it for the first.
      const from = k === 0 ? (toks[part[0]] as Tok).start : (toks[(parts[k - 1] as Span)[1] - 1] as Tok).end;
      const to = k === 0 ? (toks[(parts[1] as Span)[0]] as Tok).start : (toks[part[1] - 1] as Tok).end;
      add(op === '&&' ? 'drop-conjunct' : 'drop-disjunct', text(part), src.slice(0, from) + src.slice(to));
    });
  }
  toks.forEach((t, i) => {
    const swap = (to: string) => src.slice(0, t.start) + to + src.slice(t.end);
    const flip = t.type === 'punct' ? (EQUALITY[t.text] ?? undefined) : undefined;
    if (flip !== undefined) add('flip-equality', `${t.text} → ${flip} at ${t.start}`, swap(flip));
    const edge = t.type === 'punct' ? BOUNDARY[t.text] : undefined;
    if (edge !== undefined) add('boundary', `${t.text} → ${edge} at ${t.start}`, swap(edge));
    if (t.type === 'str') {
      const prev = toks[i - 1]?.text ?? '';
      const next = toks[i + 1]?.text ?? '';
      if (prev in EQUALITY || next in EQUALITY) add('string', `${t.text} → ${MUTANT_STRING} at ${t.start}`, swap(MUTANT_STRING));
    }
    if (t.type === 'punct' && t.text === '!') add('drop-not', `! at ${t.start}`, src.slice(0, t.start) + src.slice(t.end));
  });
  return out;
}

/** Every rule expression of the document: [path ending in the rule key, expression]. */
export function ruleExpressions(doc: RulesDoc): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (node: Record<string, unknown>, at: string[]): void => {
    for (const [k, v] of Object.entries(node)) {
      if ((RULE_KEYS as readonly string[]).includes(k) && typeof v === 'string') out.push([[...at, k].join('/'), v]);
      else if (typeof v === 'object' && v !== null && !Array.isArray(v)) walk(v as Record<string, unknown>, [...at, k]);
    }
  };
  walk(doc.rules, []);
  return out;
}

/** All mutants of the document whose rule path starts with `only` (if given), in document order. */
export function mutantsOf(doc: RulesDoc, only?: string): Mutant[] {
  const out: Mutant[] = [];
  for (const [path, expr] of ruleExpressions(doc)) {
    if (only !== undefined && !path.startsWith(only)) continue;
    const seen = new Map<string, number>();
    for (const m of mutateExpression(expr)) {
      const base = `${path} | ${m.operator} | ${m.detail}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      out.push({ ...m, path, id: n === 1 ? base : `${base} #${n}` });
    }
  }
  return out;
}

/** The document with the rule at `mutant.path` replaced by the mutated expression. */
export function applyMutant(doc: RulesDoc, mutant: Mutant): RulesDoc {
  const copy = structuredClone(doc);
  const keys = mutant.path.split('/');
  const ruleKey = keys.pop() as string;
  let node = copy.rules;
  for (const k of keys) node = node[k] as Record<string, unknown>;
  if (node[ruleKey] !== mutant.original) throw new Error(`${mutant.path} is not the rule the mutant was made from`);
  node[ruleKey] = mutant.mutated;
  return copy;
}
