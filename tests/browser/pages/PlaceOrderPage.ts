import type { Locator, Page } from 'playwright-core';

/** The retailer portal's Place order screen (#/order) and its review step. */
export class PlaceOrderPage {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByTestId('place-order');
  }

  get searchBox(): Locator {
    return this.page.getByTestId('portal-product-search').getByRole('combobox');
  }

  get options(): Locator {
    return this.page.getByTestId('portal-product-search').getByRole('option');
  }

  get grid(): Locator {
    return this.page.getByTestId('portal-grid');
  }

  /** The quantity input of one colour and size. */
  cell(color: string, size: string): Locator {
    return this.grid.getByRole('textbox', { name: `${color} ${size}`, exact: true });
  }

  /** The availability note under a cell ("In stock", "Low", "Out of stock", "12 left"). */
  availability(color: string, size: string): Locator {
    return this.cell(color, size).locator('xpath=following-sibling::span[1]');
  }

  chip(color: string): Locator {
    return this.grid.getByTestId(`chip-${color}`);
  }

  get cart(): Locator {
    return this.page.getByTestId('portal-cart');
  }

  get cartRows(): Locator {
    return this.cart.locator('.place-order__group');
  }

  get reference(): Locator {
    return this.page.getByTestId('portal-reference');
  }

  get note(): Locator {
    return this.page.getByTestId('portal-note');
  }

  get problems(): Locator {
    return this.page.getByTestId('portal-problems');
  }

  get review(): Locator {
    return this.page.getByTestId('portal-review');
  }

  get reviewLines(): Locator {
    return this.review.getByTestId('review-line');
  }

  get sent(): Locator {
    return this.page.getByTestId('order-sent');
  }

  get gone(): Locator {
    return this.page.getByTestId('reorder-gone');
  }

  /** Searches and picks a product by tapping its option. */
  async pick(text: string, label: string): Promise<void> {
    await this.searchBox.fill(text);
    await this.options.filter({ hasText: label }).first().click();
    await this.grid.waitFor();
  }

  async addToCart(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add to cart' }).click();
  }

  async openReview(): Promise<void> {
    await this.page.getByRole('button', { name: /^Review order/ }).click();
  }

  /** The review's rows as [product, colour, size, qty, available]. */
  async reviewTable(): Promise<string[][]> {
    return this.reviewLines.evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
  }
}
