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

  /**
   * Shows the next step as a person scrolling does: the foot presses "Show more" by itself once it
   * is in view (an IntersectionObserver), so clicking the button races that press (the button is
   * gone, or says "Loading…", by the time the click lands). Resolves once the count has moved on
   * or the foot has gone (everything shown).
   */
  async showMore(): Promise<void> {
    const before = await this.shownCount.innerText();
    await this.page.getByTestId('show-more-bar').scrollIntoViewIfNeeded();
    await this.page.waitForFunction((text) => {
      const count = document.querySelector('[data-testid="shown-count"]');
      return count === null || (count.textContent !== text && document.querySelector('[data-testid="loading-more"]') === null);
    }, before);
  }
}
