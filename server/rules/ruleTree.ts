/**
 * Compiles a database.rules.json document into a tree of RuleNodes.
 */
import type { Path } from '../types.ts';
import { RulesError, parseExpression, type Expr } from './parse.ts';
import { BAD_KEY } from '../tree.ts';
import { checkRuleType, type RuleKind } from './typecheck.ts';

export type RuleNode = {
  read?: Expr;
  write?: Expr;
  validate?: Expr;
  indexOn: string[];
  children: Map<string, RuleNode>;
  /** Some rule node strictly below this one has a `.validate` (lets writes skip rule-less subtrees). */
  validatesBelow: boolean;
  wildcard?: { name: string; node: RuleNode };
};

const RULE_KEYS = { '.read': 'read', '.write': 'write', '.validate': 'validate' } as const;
const WILDCARD = /^\$[A-Za-z0-9_]+$/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function where(trail: readonly string[]): string {
  return trail.join('.');
}

function compileExpression(raw: unknown, kind: RuleKind, trail: readonly string[], bound: ReadonlySet<string>): Expr {
  if (typeof raw === 'boolean') return { kind: 'literal', value: raw };
  if (typeof raw !== 'string') throw new RulesError(`${where(trail)}: a rule must be a string or a boolean, got ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}`);
  let parsed;
  try {
    parsed = parseExpression(raw);
    checkRuleType(parsed.expr, kind);
  } catch (e) {
    if (e instanceof RulesError) throw new RulesError(`${where(trail)}: ${e.message}`);
    throw e;
  }
  for (const name of parsed.wildcardVars) {
    if (!bound.has(name)) throw new RulesError(`${where(trail)}: unknown variable "${name}" (no such $wildcard above this rule)`);
  }
  return parsed.expr;
}

function compileIndexOn(raw: unknown, trail: readonly string[]): string[] {
  const list = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(list) || !list.every((x): x is string => typeof x === 'string' && x.length > 0)) {
    throw new RulesError(`${where(trail)}: .indexOn must be a string or an array of strings`);
  }
  return [...list];
}

function compileNode(raw: unknown, trail: readonly string[], bound: ReadonlySet<string>): RuleNode {
  if (!isPlainObject(raw)) throw new RulesError(`${where(trail)}: expected an object of rules`);
  const node: RuleNode = { indexOn: [], children: new Map(), validatesBelow: false };
  for (const [key, value] of Object.entries(raw)) {
    const here = [...trail, key];
    if (key.startsWith('.')) {
      if (Object.hasOwn(RULE_KEYS, key)) {
        const kind = RULE_KEYS[key as keyof typeof RULE_KEYS];
        node[kind] = compileExpression(value, kind, here, bound);
      } else if (key === '.indexOn') {
        node.indexOn = compileIndexOn(value, here);
      } else {
        throw new RulesError(`${where(here)}: unknown rule type "${key}" (expected .read, .write, .validate or .indexOn)`);
      }
    } else if (key.startsWith('$')) {
      if (!WILDCARD.test(key)) throw new RulesError(`${where(here)}: invalid wildcard name "${key}"`);
      if (node.wildcard) throw new RulesError(`${where(here)}: two wildcards at one level ("${node.wildcard.name}" and "${key}")`);
      if (bound.has(key)) throw new RulesError(`${where(here)}: wildcard "${key}" is already used above`);
      node.wildcard = { name: key, node: compileNode(value, here, new Set([...bound, key])) };
    } else {
      if (key.length === 0 || BAD_KEY.test(key)) throw new RulesError(`${where(here)}: invalid key "${key}"`);
      node.children.set(key, compileNode(value, here, bound));
    }
  }
  const below = [...node.children.values(), ...(node.wildcard ? [node.wildcard.node] : [])];
  node.validatesBelow = below.some((child) => child.validate !== undefined || child.validatesBelow);
  return node;
}

/** Compiles `{ "rules": { ... } }`; throws RulesError naming the rule path on any problem. */
export function compileRules(doc: unknown): RuleNode {
  if (!isPlainObject(doc)) throw new RulesError('rules document must be a JSON object');
  if (!Object.hasOwn(doc, 'rules')) throw new RulesError('rules document has no "rules" key');
  for (const key of Object.keys(doc)) {
    if (key !== 'rules') throw new RulesError(`${key}: unknown top-level key (only "rules" is allowed)`);
  }
  return compileNode(doc['rules'], ['rules'], new Set());
}

export const OPEN_RULES: RuleNode = compileRules({ rules: { '.read': true, '.write': true } });
export const CLOSED_RULES: RuleNode = compileRules({ rules: { '.read': false, '.write': false } });

/** The rule node for `key` below `node`: a named child is preferred over the wildcard. */
export function matchChild(node: RuleNode, key: string): { node: RuleNode; bind?: string } | undefined {
  const named = node.children.get(key);
  if (named) return { node: named };
  if (node.wildcard) return { node: node.wildcard.node, bind: node.wildcard.name };
  return undefined;
}

/** The .indexOn list of the rule node matching `path`, [] when none. */
export function indexOnAt(rules: RuleNode, path: Path): string[] {
  let node: RuleNode | undefined = rules;
  for (const key of path) {
    node = node && matchChild(node, key)?.node;
    if (!node) return [];
  }
  return [...node.indexOn];
}
