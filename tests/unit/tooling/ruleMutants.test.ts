import { describe, expect, it } from 'vitest';
import { applyMutant, MUTANT_STRING, mutantsOf, mutateExpression, ruleExpressions } from '../../rules/mutation/mutants.ts';
import { loadRules } from '../../support/rulesFile.ts';

// The mutants the rules mutation runner (npm run test:rules-mutation) tries.
describe('rule mutants', () => {
  const mutated = (src: string, operator: string) => mutateExpression(src).filter((m) => m.operator === operator).map((m) => m.mutated);

  it('replace the rule by true, drop each conjunct and each disjunct (also inside parentheses)', () => {
    const src = "auth != null && (data.val() === 'a' || !data.exists()) && newData.exists()";
    expect(mutated(src, 'true')).toEqual(['true']);
    expect(mutated(src, 'drop-conjunct')).toEqual([
      "(data.val() === 'a' || !data.exists()) && newData.exists()",
      'auth != null && newData.exists()',
      "auth != null && (data.val() === 'a' || !data.exists())",
    ]);
    expect(mutated(src, 'drop-disjunct')).toEqual(['auth != null && (!data.exists()) && newData.exists()', "auth != null && (data.val() === 'a') && newData.exists()"]);
  });

  it('flip equalities, move boundaries, replace compared strings, drop negations', () => {
    const src = "newData.val() >= 1 && newData.val() < 10 && data.child('s').val() !== 'x' && !data.exists()";
    expect(mutated(src, 'flip-equality')).toEqual(["newData.val() >= 1 && newData.val() < 10 && data.child('s').val() === 'x' && !data.exists()"]);
    expect(mutated(src, 'boundary')).toEqual([
      "newData.val() > 1 && newData.val() < 10 && data.child('s').val() !== 'x' && !data.exists()",
      "newData.val() >= 1 && newData.val() <= 10 && data.child('s').val() !== 'x' && !data.exists()",
    ]);
    // 's' is a child name, not a compared value: only 'x' is replaced.
    expect(mutated(src, 'string')).toEqual([`newData.val() >= 1 && newData.val() < 10 && data.child('s').val() !== ${MUTANT_STRING} && !data.exists()`]);
    expect(mutated(src, 'drop-not')).toEqual(["newData.val() >= 1 && newData.val() < 10 && data.child('s').val() !== 'x' && data.exists()"]);
  });

  it('leave call arguments, regular expressions and ternaries whole', () => {
    const src = "newData.val().matches(/^(a|b)$/) && newData.val() === (data.exists() ? data.val() : 0) + 1";
    expect(mutated(src, 'drop-conjunct')).toEqual(['newData.val() === (data.exists() ? data.val() : 0) + 1', 'newData.val().matches(/^(a|b)$/)']);
    expect(mutated(src, 'drop-disjunct')).toEqual([]);
  });

  it('of the rules file: unique ids, each changing exactly one rule', () => {
    const doc = loadRules();
    const all = mutantsOf(doc);
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    const rules = new Map(ruleExpressions(doc));
    for (const m of mutantsOf(doc, 'stockLedger/$ledgerId/.write')) {
      const after = new Map(ruleExpressions(applyMutant(doc, m)));
      const changed = [...rules].filter(([p, e]) => after.get(p) !== e).map(([p]) => p);
      expect(changed).toEqual([m.path]);
      expect(after.get(m.path)).toBe(m.mutated);
    }
    expect(mutantsOf(doc, 'stockLedger/').every((m) => m.path.startsWith('stockLedger/'))).toBe(true);
  });
});
