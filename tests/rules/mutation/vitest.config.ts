import { defineConfig } from 'vitest/config';

/**
 * The fast, in-process rules tests: what the mutation runner (run.ts) runs against each mutant.
 * No global set-up (the Auth emulator is not needed: these tests sign nobody in).
 */
export const FAST_RULES_TESTS = [
  'tests/rules/**/*.test.ts',
  'tests/unit/domain/*Rules*.test.ts',
  'tests/unit/domain/rules.test.ts',
  'tests/unit/domain/lifecycle.property.test.ts',
  'tests/unit/domain/retention.test.ts',
  'tests/unit/domain/barcodes.test.ts',
];

export default defineConfig({
  test: {
    root: new URL('../../..', import.meta.url).pathname,
    include: FAST_RULES_TESTS,
    // renderMatrix checks the doc, not the rules.
    exclude: ['tests/rules/renderMatrix.test.ts', '**/node_modules/**'],
    pool: 'threads',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    silent: 'passed-only',
  },
});
