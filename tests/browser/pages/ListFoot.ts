import type { Locator, Page } from 'playwright-core';

/** The foot of a history list (src/ui/ShowMore.tsx, src/ui/ShowOlder.tsx): what is loaded, "Show more", "Show older". */
export class ListFoot {
  constructor(readonly page: Page) {}

  /** "Showing sent orders billed since 3 Mar 2027." */
  get loadedSince(): Locator {
    return this.page.getByTestId('loaded-since');
  }

  get showOlderButton(): Locator {
    return this.page.getByTestId('show-older');
  }

  /** "No older … .": shown once the probe found nothing below the loaded pages. */
  get noOlder(): Locator {
    return this.page.getByTestId('no-older');
  }

  /** Loads the next older page and waits until it has arrived. */
  async showOlder(): Promise<void> {
    await this.showOlderButton.click();
    await this.page.getByTestId('loading-older').waitFor({ state: 'detached' });
  }

  /** "Showing 50 of 72 cards" (absent when every match is rendered). */
  get shownCount(): Locator {
    return this.page.getByTestId('shown-count');
  }

  get showMoreButton(): Locator {
    return this.page.getByTestId('show-more');
  }
}
