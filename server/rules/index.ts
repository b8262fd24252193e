/** Firebase Realtime Database security rules: compile, then check reads and writes. */
export { RulesError } from './parse.ts';
export type { Expr } from './parse.ts';
export { compileRules, indexOnAt, OPEN_RULES, CLOSED_RULES } from './ruleTree.ts';
export type { RuleNode } from './ruleTree.ts';
export type { QueryVar } from './evaluate.ts';
export { canRead, checkWrite } from './access.ts';
export type { ReadRequest, WriteRequest, WriteVerdict } from './access.ts';
