import type { Locator, Page } from 'playwright-core';

/** The filters of Sent, Deleted and Expired (src/distributor/history/HistoryFilters.tsx): search, one party, up to a date. */
export class HistoryFilters {
  /** `id`: the screen's test-id prefix ("sent", "deleted", "expired"). */
  constructor(
    readonly page: Page,
    readonly id: string,
  ) {}

  async search(text: string): Promise<void> {
    await this.page.getByTestId(`${this.id}-search`).fill(text);
  }

  /** Chooses one party by typing its name and picking the match, or clears the party with ''. */
  async party(name: string): Promise<void> {
    const clear = this.page.getByTestId(`${this.id}-party-clear`);
    if ((await clear.count()) > 0) await clear.click();
    if (name === '') return;
    await this.page.getByTestId(`${this.id}-party`).fill(name);
    await this.page.getByTestId('party-option').filter({ hasText: name }).first().click();
    await this.page.getByTestId(`${this.id}-party-chosen`).waitFor();
  }

  /** Shows the days up to `day` ("2027-03-10"), or the latest days with ''. */
  async upTo(day: string): Promise<void> {
    await this.page.getByTestId(`${this.id}-date`).fill(day);
  }

  /** The note saying what the filters reach. */
  get scope(): Locator {
    return this.page.getByTestId('search-scope');
  }
}

/** The Revert confirmation (src/distributor/history/RevertDialog.tsx). */
export class RevertDialogModel {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByTestId('confirm-dialog');
  }

  get summary(): Locator {
    return this.dialog.getByTestId('revert-summary');
  }

  /** Its lines as "item | colour | size | qty", and the total. */
  async lines(): Promise<{ rows: string[]; total: number }> {
    const rows = await this.dialog.getByTestId('line-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()).join(' | ')));
    return { rows, total: Number(await this.dialog.getByTestId('lines-total').innerText()) };
  }

  async cancel(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Cancel' }).click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  async confirm(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Revert to pending' }).click();
    await this.dialog.waitFor({ state: 'detached', timeout: 10_000 });
  }
}

/** Elements in the document: the DOM size a screen costs. */
export const domNodes = (page: Page): Promise<number> => page.evaluate(() => document.querySelectorAll('*').length);
