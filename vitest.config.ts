import { defineConfig } from 'vitest/config';
import LongestFirst from './tests/support/sequencer.ts';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    // Two files at a time on CI's 2 cores: browser tests spend most of their time waiting on
    // servers and timers, and one at a time took CI past its 20 minutes (issue 12 added the fit test).
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    globalSetup: ['tests/support/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The SDK logs reconnect noise to the console in restart tests; keep failures readable.
    silent: 'passed-only',
  },
});
