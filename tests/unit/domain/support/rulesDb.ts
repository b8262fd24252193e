/**
 * An in-memory database that applies domain patches as the Realtime Database would: server
 * values resolved, the multi-path update checked as one atomic change against the rules the
 * data model asks for (the JSON block in docs/data-model.md, read from the document itself so
 * the document cannot drift from what is tested), and read back the way the SDK's val() does.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applyInPlace, overlay } from '../../../../server/liveTree.ts';
import { checkWrite, compileRules, type RuleNode } from '../../../../server/rules/index.ts';
import { getAt, InvalidDataError, isPrefix, normalize, parsePath, restView } from '../../../../server/tree.ts';
import type { Json, Path } from '../../../../server/types.ts';

/** The role check the rules engineer substitutes for `STAFF` (users/{uid} active staff or admin). */
export const STAFF_EXPR =
  "auth != null && root.child('users').child(auth.uid).child('status').val() === 'active' && (root.child('users').child(auth.uid).child('role').val() === 'staff' || root.child('users').child(auth.uid).child('role').val() === 'admin')";

/** The rules block of docs/data-model.md (between the `rules:begin` and `rules:end` markers). */
export function documentedRules(): unknown {
  const doc = readFileSync(fileURLToPath(new URL('../../../../docs/data-model.md', import.meta.url)), 'utf8');
  const m = /<!-- rules:begin -->\s*```json\n([^]*?)```\s*<!-- rules:end -->/.exec(doc);
  if (m?.[1] === undefined) throw new Error('docs/data-model.md has no rules block');
  return JSON.parse(m[1].replaceAll('STAFF', `(${STAFF_EXPR})`));
}

export type WriteOutcome = { ok: true } | { ok: false; reason: string };

/** One database: data, rules, and a clock for server timestamps. */
export class RulesDb {
  data: Json = null;
  readonly rules: RuleNode;

  constructor(
    rules: unknown = documentedRules(),
    public clock = 1_700_000_000_000,
  ) {
    this.rules = compileRules(rules);
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
    const values: Record<string, Json> = {};
    const resolved: Json[] = [];
    const paths: Path[] = [];
    try {
      for (const [rel, v] of Object.entries(patch)) {
        const full = parsePath(rel);
        for (const other of paths) if (isPrefix(other, full) || isPrefix(full, other)) return { ok: false, reason: `overlapping paths ${rel}` };
        const existing = getAt(this.data, full);
        const value = normalize(v, full, { now: this.clock, existing: (r) => getAt(existing, r) });
        values[full.join('/')] = value;
        resolved.push(value);
        paths.push(full);
      }
    } catch (e) {
      if (e instanceof InvalidDataError) return { ok: false, reason: e.message };
      throw e;
    }
    const newRoot = overlay(this.data, paths.map((p, i) => [p, resolved[i] ?? null] as const));
    const verdict = checkWrite(this.rules, { auth: { uid, provider: 'password', token: claims }, now: this.clock, oldRoot: this.data, newRoot, paths });
    if (!verdict.ok) return { ok: false, reason: `${verdict.reason} denied at /${verdict.path.join('/')}` };
    this.data = applyInPlace(this.data, [], { update: values });
    return { ok: true };
  }

  /** The value at `path` as the SDK's val() returns it (arrays back as arrays), or null. */
  get(path: string): unknown {
    return restView(getAt(this.data, parsePath(path)));
  }
}
