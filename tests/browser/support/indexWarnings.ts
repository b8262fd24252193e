import type { Page } from 'playwright-core';

/**
 * Collects the Firebase SDK's "Using an unspecified index" warnings of `page` into `sink`: the
 * local server answers a query without a matching `.indexOn` with `no_index`, as the real one
 * does, and the SDK logs it. A test that runs the apps' queries expects `sink` to stay empty.
 */
export function watchIndexWarnings(page: Page, sink: string[]): void {
  page.on('console', (m) => {
    if (/unspecified index|indexOn/i.test(m.text())) sink.push(m.text());
  });
}
