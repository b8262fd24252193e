/**
 * Read, write and validate algorithms over a compiled rule tree.
 * Never throws: any internal problem denies access.
 */
import type { AuthVar, Json, Path } from '../types.ts';
import { RuleSnapshot, childKeys, childOf, evaluateRule, isLeaf, type QueryVar } from './evaluate.ts';
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

  /**
   * Write permission for one written path: some `.write` on the chain root → target must hold.
   * As in Firebase, `.write` cascades down and shallower grants win; rules below the written
   * location can never grant it, even when every changed child would be writable on its own.
   */
  writeAllowed(rules: RuleNode, target: Path): WriteVerdict {
    let node: RuleNode = rules;
    let vars: Vars = {};
    let oldValue = this.req.oldRoot;
    let newValue = this.req.newRoot;
    for (let depth = 0; ; depth++) {
      if (node.write && this.holds(node.write, target.slice(0, depth), oldValue, newValue, vars)) return OK;
      const key = target[depth];
      if (key === undefined) return { ok: false, path: target, reason: 'write' };
      const m = matchChild(node, key);
      if (!m) return { ok: false, path: target, reason: 'write' };
      node = m.node;
      vars = bindVar(vars, m.bind, key);
      oldValue = childOf(oldValue, key);
      newValue = childOf(newValue, key);
    }
  }

  /**
   * `.validate` on the chain root → target (ancestors) and on every non-null node of the new
   * value at and below target, changed or not: Firebase validates the whole written value.
   */
  validate(rules: RuleNode, target: Path): WriteVerdict {
    let node: RuleNode = rules;
    let vars: Vars = {};
    let oldValue = this.req.oldRoot;
    let newValue = this.req.newRoot;
    for (let depth = 0; ; depth++) {
      const key = target[depth];
      const here = key === undefined ? target : target.slice(0, depth);
      if (!this.validateAncestor(node, here, oldValue, newValue, vars)) return { ok: false, path: here, reason: 'validate' };
      if (key === undefined) return this.validateBelow(node, target, oldValue, newValue, vars);
      const m = matchChild(node, key);
      if (!m) return OK;
      node = m.node;
      vars = bindVar(vars, m.bind, key);
      oldValue = childOf(oldValue, key);
      newValue = childOf(newValue, key);
    }
  }

  /** A node on the chain to a written path; shared ancestors of a multi-path update run once. */
  private validateAncestor(node: RuleNode, path: Path, oldValue: Json, newValue: Json, vars: Vars): boolean {
    if (!node.validate || newValue === null) return true;
    const id = path.join('/');
    if (this.validated.has(id)) return true;
    this.validated.add(id);
    return this.holds(node.validate, path, oldValue, newValue, vars);
  }

  /**
   * Every non-null child of a written value that a rule node matches, recursively. Paths of one
   * update never overlap, so no node below a written path is reached twice. Only rule nodes with
   * a `.validate` somewhere below are walked, and without a wildcard only the named children.
   */
  private validateBelow(node: RuleNode, path: Path, oldValue: Json, newValue: Json, vars: Vars): WriteVerdict {
    if (!node.validatesBelow || newValue === null || isLeaf(newValue)) return OK;
    if (node.wildcard) {
      for (const key of childKeys(newValue)) {
        const m = matchChild(node, key);
        if (!m) continue;
        const verdict = this.validateChild(m.node, path, key, oldValue, newValue, bindVar(vars, m.bind, key));
        if (!verdict.ok) return verdict;
      }
      return OK;
    }
    for (const [key, child] of node.children) {
      const verdict = this.validateChild(child, path, key, oldValue, newValue, vars);
      if (!verdict.ok) return verdict;
    }
    return OK;
  }

  private validateChild(node: RuleNode, path: Path, key: string, oldParent: Json, newParent: Json, vars: Vars): WriteVerdict {
    if (!node.validate && !node.validatesBelow) return OK;
    const n = childOf(newParent, key);
    if (n === null) return OK;
    const childPath = [...path, key];
    const o = childOf(oldParent, key);
    if (node.validate && !this.holds(node.validate, childPath, o, n, vars)) return { ok: false, path: childPath, reason: 'validate' };
    return this.validateBelow(node, childPath, o, n, vars);
  }
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
