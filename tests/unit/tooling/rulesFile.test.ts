import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRules } from '../../../rules/build.ts';
import { compileRules } from '../../../server/rules/index.ts';

// docs/data-model.md holds the order model's rules with STAFF standing for the role check; the
// domain tests run that block. This keeps database.rules.json from drifting away from it.
const USER = "root.child('users').child(auth.uid)";
const ACTIVE = `auth != null && ${USER}.child('status').val() === 'active'`;
const STAFF = `${ACTIVE} && (${USER}.child('role').val() === 'staff' || ${USER}.child('role').val() === 'admin')`;

type RulesTree = { [key: string]: RulesTree | string | boolean | string[] };

function docBlock(): RulesTree {
  const doc = readFileSync('docs/data-model.md', 'utf8');
  const block = doc.slice(doc.indexOf('<!-- rules:begin -->'), doc.indexOf('<!-- rules:end -->'));
  const json = block.slice(block.indexOf('```json') + 7, block.lastIndexOf('```'));
  return (JSON.parse(json) as { rules: RulesTree }).rules;
}

function leaves(tree: RulesTree, at: string[] = []): Array<[string[], unknown]> {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'object' && !Array.isArray(v) ? leaves(v, [...at, k]) : [[[...at, k], v] as [string[], unknown]]));
}

describe('database.rules.json', () => {
  const file = JSON.parse(readFileSync('database.rules.json', 'utf8')) as { rules: RulesTree };

  it('is what rules/build.ts renders (edit rules/*.ts, then npm run rules)', () => {
    expect(readFileSync('database.rules.json', 'utf8')).toBe(renderRules());
  });

  it('compiles and denies by default at the root', () => {
    expect(() => compileRules(file)).not.toThrow();
    expect(file.rules['.read']).toBe(false);
    expect(file.rules['.write']).toBe(false);
  });

  it("contains every rule of the data model's block, with STAFF as the active staff-or-admin check", () => {
    const expected = leaves(docBlock());
    expect(expected.length).toBeGreaterThan(30);
    for (const [path, value] of expected) {
      let node: unknown = file.rules;
      for (const key of path) node = (node as RulesTree | undefined)?.[key];
      const want = typeof value === 'string' ? value.replaceAll('STAFF', `(${STAFF})`) : value;
      expect(node, path.join('/')).toEqual(want);
    }
  });
});
