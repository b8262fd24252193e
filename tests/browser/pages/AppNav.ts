import type { Locator, Page } from 'playwright-core';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The app's navigation (side column on desktop; bottom bar and More sheet on phones). */
export class AppNav {
  constructor(private readonly page: Page) {}

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Screens' });
  }

  /** A screen's link, by its label (its name may go on with a badge: "Pending, 3 waiting"). */
  link(label: string): Locator {
    return this.nav.getByRole('link', { name: new RegExp(`^${escape(label)}\\b`) });
  }

  get moreButton(): Locator {
    return this.nav.getByRole('button', { name: /^More\b/ });
  }

  /** The count on a screen's link (`approvals`, `users`…) as shown; '' when there is no badge. */
  async badge(id: string): Promise<string> {
    const b = this.nav.getByTestId(`badge-${id}`);
    return (await b.count()) === 0 ? '' : ((await b.textContent()) ?? '').trim();
  }

  /** Goes to a screen as a person would: straight from the bar, or through More when the link is in its sheet. */
  async goTo(label: string): Promise<void> {
    const link = this.link(label);
    // The nav itself has no box on phones (its bars are fixed): wait for it to be there, not visible.
    await this.nav.waitFor({ state: 'attached' });
    if (!(await link.isVisible())) await this.moreButton.click();
    await link.click();
  }
}
