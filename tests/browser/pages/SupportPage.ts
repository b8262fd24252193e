import type { Locator, Page } from 'playwright-core';

/** The staff app's Support screen (admins): requests, reply and close. */
export class SupportPage {
  constructor(readonly page: Page) {}

  async open(staffUrl: string): Promise<this> {
    await this.page.goto(new URL('#/support', staffUrl).href);
    await this.screen.waitFor();
    return this;
  }

  get screen(): Locator {
    return this.page.getByTestId('support-screen');
  }

  card(id: string): Locator {
    return this.page.locator(`[data-testid="support-card"][data-id="${id}"]`);
  }

  /** The cards: [id, subject, status]. */
  async cards(): Promise<string[][]> {
    return this.page.getByTestId('support-card').evaluateAll((els) => els.map((e) => [e.getAttribute('data-id') ?? '', e.querySelector('[data-testid="support-subject"]')?.textContent ?? '', e.querySelector('[data-testid="support-status"]')?.textContent ?? '']));
  }

  async reply(id: string, text: string): Promise<void> {
    await this.card(id).getByRole('textbox', { name: 'Reply' }).fill(text);
    await this.card(id).getByRole('button', { name: 'Send reply' }).click();
  }

  async close(id: string): Promise<void> {
    await this.card(id).getByRole('button', { name: 'Close' }).click();
  }
}
