import type { Locator, Page } from 'playwright-core';

/** The portal's Your orders screen (`retailer.html#/orders`): each order with its live timeline. */
export class RetailerOrdersPage {
  constructor(readonly page: Page) {}

  async open(retailerUrl: string): Promise<this> {
    await this.page.goto(new URL('#/orders', retailerUrl).href);
    await this.screen.waitFor();
    return this;
  }

  get screen(): Locator {
    return this.page.getByTestId('orders-screen');
  }

  get empty(): Locator {
    return this.screen.getByText('No orders yet.');
  }

  /** The ids of the orders shown, top to bottom. */
  async ids(): Promise<string[]> {
    return this.page.getByTestId('tracked-order').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
  }

  order(id: string): Locator {
    return this.page.locator(`[data-testid="tracked-order"][data-id="${id}"]`);
  }

  /** The timeline as [step key, state, label, detail] rows. */
  async timeline(id: string): Promise<string[][]> {
    return this.order(id)
      .getByTestId('timeline-step')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-step') ?? '', e.getAttribute('data-state') ?? '', e.querySelector('.timeline__label')?.textContent ?? '', e.querySelector('.timeline__detail')?.textContent ?? '']));
  }

  /** One step's [state, label, detail, has a time]. */
  async step(id: string, key: string): Promise<[string, string, string, boolean] | null> {
    const el = this.order(id).locator(`[data-testid="timeline-step"][data-step="${key}"]`);
    if ((await el.count()) === 0) return null;
    return el.evaluate((e) => [e.getAttribute('data-state') ?? '', e.querySelector('.timeline__label')?.textContent ?? '', e.querySelector('.timeline__detail')?.textContent ?? '', e.querySelector('time') !== null]);
  }

  /** The steps whose key starts with `dispatch-`: [label, detail]. */
  async dispatches(id: string): Promise<string[][]> {
    return (await this.timeline(id)).filter((r) => r[0]?.startsWith('dispatch-')).map((r) => [r[2] ?? '', r[3] ?? '']);
  }

  /** Opens the items table and returns its rows as cell texts. */
  async items(id: string): Promise<string[][]> {
    const o = this.order(id);
    if ((await o.getByTestId('order-items').count()) === 0) await o.getByRole('button', { name: 'Items and PDF' }).click();
    return o.getByTestId('order-item').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
  }
}
