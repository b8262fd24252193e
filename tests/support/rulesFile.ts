/**
 * The one place tests read the security rules from: database.rules.json (the file the servers
 * load and Firebase deploys), or the file named by DOMS_RULES_FILE. The mutation runner
 * (tests/rules/mutation/run.ts) sets DOMS_RULES_FILE to a mutant of the rules, so every test
 * that reads the rules through here is run against the mutant.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repo's rules file, whatever the working directory. */
export const REPO_RULES_FILE = fileURLToPath(new URL('../../database.rules.json', import.meta.url));

/** The path of the rules under test: DOMS_RULES_FILE if set (relative to the cwd), else database.rules.json. */
export function rulesPath(): string {
  const override = process.env['DOMS_RULES_FILE'];
  if (override === undefined || override === '') return REPO_RULES_FILE;
  return isAbsolute(override) ? override : resolve(override);
}

/** The rules under test as text (for servers and @firebase/rules-unit-testing). */
export function loadRulesText(): string {
  return readFileSync(rulesPath(), 'utf8');
}

/** The rules under test, parsed: `{ rules: { … } }`. */
export function loadRules(): { rules: Record<string, unknown> } {
  return JSON.parse(loadRulesText()) as { rules: Record<string, unknown> };
}
