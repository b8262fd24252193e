/**
 * An in-memory database that applies domain patches as the Realtime Database would: server
 * values resolved, the multi-path update checked as one atomic change against the rules under
 * test (database.rules.json, or the mutant named by DOMS_RULES_FILE: see
 * tests/support/rulesFile.ts), and read back the way the SDK's val() does.
 */
import { applyChanges, applyInPlace, overlay } from '../../../../server/liveTree.ts';
import { checkWrite, compileRules, type RuleNode } from '../../../../server/rules/index.ts';
import { getAt, InvalidDataError, isPrefix, normalize, parsePath, restView } from '../../../../server/tree.ts';
import type { Json, Path } from '../../../../server/types.ts';
import { loadRulesText } from '../../../support/rulesFile.ts';

// Compiling the rules takes a moment; property tests make hundreds of databases.
let compiled: { text: string; node: RuleNode } | undefined;
function rulesUnderTest(): RuleNode {
  const text = loadRulesText();
  if (compiled?.text !== text) compiled = { text, node: compileRules(JSON.parse(text) as unknown) };
  return compiled.node;
}

export type WriteOutcome = { ok: true } | { ok: false; reason: string };

/** One database: data, rules, and a clock for server timestamps. */
export class RulesDb {
  data: Json = null;
  readonly rules: RuleNode;

  constructor(public clock = 1_700_000_000_000) {
    this.rules = rulesUnderTest();
  }

  /** Writes as the database owner (no rules), e.g. to seed users. */
  seed(path: string, value: unknown): void {
    const p = parsePath(path);
    this.data = applyInPlace(this.data, p, { set: normalize(value, p, { now: this.clock, existing: () => null }) });
  }

  /**
   * A multi-path update at the root as `uid` (with `token` claims such as email); nothing is
   * written unless every rule passes. The token says the user signed in at the database's clock
   * (a fresh sign-in, as after a password re-entry) unless `token.auth_time` says otherwise.
   */
  update(patch: Record<string, unknown>, uid: string, token: Record<string, unknown> = {}): WriteOutcome {
    const claims = { auth_time: Math.floor(this.clock / 1000), ...token };
    const r = this.resolve(patch);
    if ('reason' in r) return { ok: false, reason: r.reason };
    // The same (path, value) pairs build the tree the rules see and the tree that is stored, as the server does.
    const newRoot = overlay(this.data, r.changes);
    const verdict = checkWrite(this.rules, { auth: { uid, provider: 'password', token: claims }, now: this.clock, oldRoot: this.data, newRoot, paths: r.changes.map(([p]) => p) });
    if (!verdict.ok) return { ok: false, reason: `${verdict.reason} denied at /${verdict.path.join('/')}` };
    this.data = applyChanges(this.data, r.changes);
    return { ok: true };
  }

  /**
   * The same multi-path update as the database owner (no rules, as the admin SDK or
   * withSecurityRulesDisabled): test set-up, so that broken rules fail the assertions about
   * them instead of the set-up. Throws on a malformed patch.
   */
  ownerUpdate(patch: Record<string, unknown>): void {
    const r = this.resolve(patch);
    if ('reason' in r) throw new Error(`owner write refused: ${r.reason}`);
    this.data = applyChanges(this.data, r.changes);
  }

  /** The patch's (path, value) pairs with server values resolved against the current data. */
  private resolve(patch: Record<string, unknown>): { changes: [Path, Json][] } | { reason: string } {
    const changes: [Path, Json][] = [];
    try {
      for (const [rel, v] of Object.entries(patch)) {
        const full = parsePath(rel);
        for (const [other] of changes) if (isPrefix(other, full) || isPrefix(full, other)) return { reason: `overlapping paths ${rel}` };
        const existing = getAt(this.data, full);
        changes.push([full, normalize(v, full, { now: this.clock, existing: (r) => getAt(existing, r) })]);
      }
    } catch (e) {
      if (e instanceof InvalidDataError) return { reason: e.message };
      throw e;
    }
    return { changes };
  }

  /** The value at `path` as the SDK's val() returns it (arrays back as arrays), or null. */
  get(path: string): unknown {
    // Plain JSON, as the SDK's val() gives it (the server keeps objects without a prototype).
    const v = restView(getAt(this.data, parsePath(path)));
    return v === undefined ? null : (JSON.parse(JSON.stringify(v)) as unknown);
  }
}
