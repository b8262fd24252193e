import type { Locator, Page } from 'playwright-core';

/** The portal's Report a problem screen (`retailer.html#/support`): the form and the retailer's own requests. */
export class RetailerSupportPage {
  constructor(readonly page: Page) {}

  async open(retailerUrl: string): Promise<this> {
    await this.page.goto(new URL('#/support', retailerUrl).href);
    await this.form.waitFor();
    return this;
  }

  get form(): Locator {
    return this.page.getByTestId('report-form');
  }

  get error(): Locator {
    return this.page.getByTestId('report-error');
  }

  field(name: 'subject' | 'text' | 'orderId'): Locator {
    return this.form.locator(`[name="${name}"]`);
  }

  /** Fills the form and presses Send. */
  async report(subject: string, text: string, orderLabel?: string): Promise<void> {
    await this.field('subject').fill(subject);
    await this.field('text').fill(text);
    if (orderLabel !== undefined) await this.field('orderId').selectOption({ label: orderLabel });
    await this.form.getByRole('button', { name: 'Send' }).click();
  }

  /** The retailer's requests: [subject, status, reply]. */
  async requests(): Promise<string[][]> {
    return this.page.getByTestId('my-request').evaluateAll((els) =>
      els.map((e) => [e.querySelector('h3')?.textContent ?? '', e.querySelector('[data-testid="my-request-status"]')?.textContent ?? '', e.querySelector('[data-testid="my-request-reply"]')?.textContent ?? '']),
    );
  }
}
