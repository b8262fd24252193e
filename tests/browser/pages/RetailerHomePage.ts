import type { Locator, Page } from 'playwright-core';

/** The retailer portal's home: the retailer's name and their shop. */
export class RetailerHomePage {
  constructor(readonly page: Page) {}

  get userName(): Locator {
    return this.page.getByTestId('user-name');
  }

  /** Signs out through the header's account menu. */
  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: /: account$/ }).click();
    await this.page.getByRole('button', { name: 'Sign out' }).click();
  }

  get party(): Locator {
    return this.page.getByTestId('retailer-party');
  }

  get partyName(): Locator {
    return this.party.getByRole('heading');
  }

  get partyArea(): Locator {
    return this.party.locator('.party-card__area');
  }

  get gstin(): Locator {
    return this.party.getByTestId('party-gstin');
  }

  /** Home's actions (Place order, Stock check, Your orders…). */
  get actions(): Locator {
    return this.page.getByRole('navigation', { name: 'What to do' }).getByRole('link');
  }

  /** One of the retailer's orders in the list on Home. */
  order(id: string): Locator {
    return this.page.locator(`[data-testid="your-order"][data-id="${id}"]`);
  }
}
