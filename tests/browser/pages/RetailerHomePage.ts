import type { Locator, Page } from 'playwright-core';

/** The retailer portal's home: the retailer's name and their shop. */
export class RetailerHomePage {
  constructor(readonly page: Page) {}

  get userName(): Locator {
    return this.page.getByTestId('user-name');
  }

  get signOut(): Locator {
    return this.page.getByRole('button', { name: 'Sign out' });
  }

  get party(): Locator {
    return this.page.getByTestId('retailer-party');
  }

  get partyName(): Locator {
    return this.party.getByRole('heading');
  }

  get partyArea(): Locator {
    return this.party.locator('p');
  }
}
