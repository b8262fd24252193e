import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRules } from '../../../rules/build.ts';
import { compileRules } from '../../../server/rules/index.ts';
import { loadRules, REPO_RULES_FILE } from '../../support/rulesFile.ts';

// Every rules test reads the rules through tests/support/rulesFile.ts: database.rules.json
// itself (or a mutant of it, in the mutation run), never a copy.
describe('database.rules.json', () => {
  it('is what rules/build.ts renders (edit rules/*.ts, then npm run rules)', () => {
    expect(readFileSync(REPO_RULES_FILE, 'utf8')).toBe(renderRules());
  });

  it('compiles and denies by default at the root', () => {
    const file = loadRules();
    expect(() => compileRules(file)).not.toThrow();
    expect(file.rules['.read']).toBe(false);
    expect(file.rules['.write']).toBe(false);
  });
});
