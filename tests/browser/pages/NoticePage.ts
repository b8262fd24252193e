import type { Locator, Page } from 'playwright-core';

/** A full-screen message such as "Waiting for approval". */
export class NoticePage {
  constructor(private readonly page: Page) {}

  get title(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get body(): Locator {
    return this.page.getByRole('status');
  }
}
