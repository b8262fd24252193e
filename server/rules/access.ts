/**
 * Read, write and validate algorithms over a compiled rule tree.
 * Never throws: any internal problem denies access.
 */
import type { AuthVar, Json, Path } from '../types.ts';
import { RuleSnapshot, childKeys, childOf, deepEqual, evaluateRule, isLeaf, type QueryVar } from './evaluate.ts';
import type { Expr } from './parse.ts';
import { matchChild, type RuleNode } from './ruleTree.ts';

export type ReadRequest = { auth: AuthVar; now: number; root: Json; path: Path; query?: QueryVar };
/** newRoot is oldRoot with the whole write (one set, or every path of a multi-path update) applied. */
export type WriteRequest = { auth: AuthVar; now: number; oldRoot: Json; newRoot: Json; paths: Path[] };
export type WriteVerdict = { ok: true } | { ok: false; path: Path; reason: 'write' | 'validate' };

type Vars = Readonly<Record<string, string>>;

const OK: WriteVerdict = { ok: true };

function bindVar(vars: Vars, bind: string | undefined, key: string): Vars {
  return bind === undefined ? vars : { ...vars, [bind]: key };
}

/** True iff some `.read` on the chain root → path evaluates true. */
export function canRead(rules: RuleNode, req: ReadRequest): boolean {
  try {
    const root = new RuleSnapshot(req.root, []);
    let node: RuleNode = rules;
    let vars: Vars = {};
    let value: Json = req.root;
    for (let depth = 0; ; depth++) {
      if (node.read) {
        const here = req.path.slice(0, depth);
        const ctx = { auth: req.auth, now: req.now, query: req.query, root, data: new RuleSnapshot(req.root, here, value), newData: undefined, wildcards: vars };
        if (evaluateRule(node.read, ctx)) return true;
      }
      const key = req.path[depth];
      if (key === undefined) return false;
      const m = matchChild(node, key);
      if (!m) return false;
      node = m.node;
      vars = bindVar(vars, m.bind, key);
      value = childOf(value, key);
    }
  } catch {
    return false;
  }
}

/** Evaluation state shared by every rule of one write. */
class WriteCheck {
  private readonly root: RuleSnapshot;
  private readonly validated = new Set<string>();
  /** The path being examined, reported if something unexpected throws. */
  current: Path = [];

  constructor(private readonly req: WriteRequest) {
    this.root = new RuleSnapshot(req.oldRoot, []);
  }

  private holds(expr: Expr, path: Path, oldValue: Json, newValue: Json, vars: Vars): boolean {
    this.current = path;
    return evaluateRule(expr, {
      auth: this.req.auth,
      now: this.req.now,
      query: undefined,
      root: this.root,
      data: new RuleSnapshot(this.req.oldRoot, path, oldValue),
      newData: new RuleSnapshot(this.req.newRoot, path, newValue),
      wildcards: vars,
    });
  }

  /** Write permission for one written path. */
  writeAllowed(rules: RuleNode, target: Path): WriteVerdict {
    let node: RuleNode = rules;
    let vars: Vars = {};
    let oldValue = this.req.oldRoot;
    let newValue = this.req.newRoot;
    for (let depth = 0; ; depth++) {
      if (node.write && this.holds(node.write, target.slice(0, depth), oldValue, newValue, vars)) return OK;
      const key = target[depth];
      if (key === undefined) break;
      const m = matchChild(node, key);
      if (!m) return { ok: false, path: target, reason: 'write' };
      node = m.node;
      vars = bindVar(vars, m.bind, key);
      oldValue = childOf(oldValue, key);
      newValue = childOf(newValue, key);
    }
    // Not granted on the chain: deeper rules must grant every changed part.
    // A write that changes nothing at all still needs a grant at its own path,
    // otherwise it would reveal whether the stored value equals the written one.
    if (deepEqual(oldValue, newValue) || isLeaf(oldValue) || isLeaf(newValue)) return { ok: false, path: target, reason: 'write' };
    return this.writeBelow(node, target, oldValue, newValue, vars);
  }

  /** Every changed child of a non-granted, non-leaf node needs a grant from a deeper rule. */
  private writeBelow(node: RuleNode, path: Path, oldValue: Json, newValue: Json, vars: Vars): WriteVerdict {
    if (priorityOf(oldValue) !== priorityOf(newValue)) return { ok: false, path, reason: 'write' };
    for (const key of changedKeys(oldValue, newValue)) {
      const childPath = [...path, key];
      const m = matchChild(node, key);
      if (!m) return { ok: false, path: childPath, reason: 'write' };
      const o = childOf(oldValue, key);
      const n = childOf(newValue, key);
      const childVars = bindVar(vars, m.bind, key);
      if (m.node.write && this.holds(m.node.write, childPath, o, n, childVars)) continue;
      if (isLeaf(o) || isLeaf(n)) return { ok: false, path: childPath, reason: 'write' };
      const verdict = this.writeBelow(m.node, childPath, o, n, childVars);
      if (!verdict.ok) return verdict;
    }
    return OK;
  }

  /** `.validate` on the chain root → target and on every changed node of the new subtree. */
  validate(rules: RuleNode, target: Path): WriteVerdict {
    let node: RuleNode = rules;
    let vars: Vars = {};
    let oldValue = this.req.oldRoot;
    let newValue = this.req.newRoot;
    for (let depth = 0; ; depth++) {
      const here = target.slice(0, depth);
      if (!this.validateNode(node, here, oldValue, newValue, vars)) return { ok: false, path: here, reason: 'validate' };
      const key = target[depth];
      if (key === undefined) return this.validateBelow(node, target, oldValue, newValue, vars);
      const m = matchChild(node, key);
      if (!m) return OK;
      node = m.node;
      vars = bindVar(vars, m.bind, key);
      oldValue = childOf(oldValue, key);
      newValue = childOf(newValue, key);
    }
  }

  private validateNode(node: RuleNode, path: Path, oldValue: Json, newValue: Json, vars: Vars): boolean {
    if (!node.validate || newValue === null) return true;
    const id = path.join('/');
    if (this.validated.has(id)) return true;
    this.validated.add(id);
    return this.holds(node.validate, path, oldValue, newValue, vars);
  }

  private validateBelow(node: RuleNode, path: Path, oldValue: Json, newValue: Json, vars: Vars): WriteVerdict {
    if (node.children.size === 0 && !node.wildcard) return OK;
    if (newValue === null || isLeaf(newValue)) return OK;
    for (const key of changedKeys(oldValue, newValue)) {
      const n = childOf(newValue, key);
      if (n === null) continue;
      const m = matchChild(node, key);
      if (!m) continue;
      const childPath = [...path, key];
      const o = childOf(oldValue, key);
      const childVars = bindVar(vars, m.bind, key);
      if (!this.validateNode(m.node, childPath, o, n, childVars)) return { ok: false, path: childPath, reason: 'validate' };
      const verdict = this.validateBelow(m.node, childPath, o, n, childVars);
      if (!verdict.ok) return verdict;
    }
    return OK;
  }
}

function priorityOf(v: Json): Json {
  if (typeof v !== 'object' || v === null) return null;
  return v['.priority'] ?? null;
}

/** Keys of either object whose child differs (reference-equality shortcut first). */
function changedKeys(oldValue: Json, newValue: Json): string[] {
  if (oldValue === newValue) return [];
  const changed: string[] = [];
  const oldKeys = childKeys(oldValue);
  for (const key of oldKeys) {
    if (!deepEqual(childOf(oldValue, key), childOf(newValue, key))) changed.push(key);
  }
  for (const key of childKeys(newValue)) {
    if (childOf(oldValue, key) === null) changed.push(key);
  }
  return changed;
}

/** Checks write permission for every path, then `.validate`; the verdict names the first failing path. */
export function checkWrite(rules: RuleNode, req: WriteRequest): WriteVerdict {
  const check = new WriteCheck(req);
  try {
    for (const path of req.paths) {
      const verdict = check.writeAllowed(rules, path);
      if (!verdict.ok) return verdict;
    }
    for (const path of req.paths) {
      const verdict = check.validate(rules, path);
      if (!verdict.ok) return verdict;
    }
    return OK;
  } catch {
    return { ok: false, path: check.current, reason: 'write' };
  }
}
