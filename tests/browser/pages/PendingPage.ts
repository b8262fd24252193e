import { AppNav } from './AppNav.ts';
import type { Download, Locator, Page } from 'playwright-core';

/** The staff app's Pending screen: summary table, order cards, filter, picking and dialogs. */
export class PendingPage {
  constructor(readonly page: Page) {}

  /** Goes to Pending through the screen tabs (no reload). */
  async open(): Promise<this> {
    await new AppNav(this.page).goTo('Pending');
    await this.page.getByRole('heading', { name: 'Pending', level: 1 }).waitFor();
    return this;
  }

  viewButton(name: 'Summarised' | 'Detailed'): Locator {
    return this.page.getByRole('group', { name: 'View' }).getByRole('button', { name });
  }

  get filterButton(): Locator {
    return this.page.getByTestId('filter-button');
  }

  get clearFilters(): Locator {
    return this.page.getByRole('button', { name: 'Clear filters' });
  }

  get empty(): Locator {
    return this.page.getByTestId('pending-empty');
  }

  /** Summary rows as [party, total qty] and their item lists. */
  async summaryRows(): Promise<{ party: string; items: string[]; qty: number }[]> {
    const rows = this.page.getByTestId('summary-row');
    const out: { party: string; items: string[]; qty: number }[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      out.push({
        party: (await row.getByRole('button').innerText()).trim(),
        items: (await row.locator('li').allInnerTexts()).map((t) => t.trim()),
        qty: Number(await row.getByTestId('summary-qty').innerText()),
      });
    }
    return out;
  }

  /** Opens a party's orders from the summary. */
  async openParty(party: string): Promise<Locator> {
    await this.page.getByTestId('summary-row').getByRole('button', { name: party }).click();
    const modal = this.page.getByTestId('party-orders');
    await modal.waitFor();
    return modal;
  }

  /** Order numbers of the cards in the order shown. */
  async cardNumbers(): Promise<string[]> {
    return this.page.getByTestId('order-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-order') ?? ''));
  }

  card(number: string): Locator {
    return this.page.locator(`[data-testid="order-card"][data-order="${number}"]`);
  }

  row(number: string, line: string): Locator {
    return this.card(number).locator(`[data-testid="pick-row"][data-line="${line}"]`);
  }

  pickedInput(number: string, line: string): Locator {
    return this.row(number, line).getByRole('spinbutton');
  }

  /** What each row of a card shows as picked, by line label. */
  async picked(number: string): Promise<Record<string, number>> {
    const rows = this.card(number).getByTestId('pick-row');
    const out: Record<string, number> = {};
    for (let i = 0; i < (await rows.count()); i++) {
      const r = rows.nth(i);
      out[(await r.getAttribute('data-line')) ?? ''] = Number(await r.getByRole('spinbutton').inputValue());
    }
    return out;
  }

  async plus(number: string, line: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) await this.row(number, line).getByRole('button', { name: /^One more/ }).click();
  }

  saveState(number: string): Locator {
    return this.card(number).getByTestId('pick-save-state');
  }

  cardButton(number: string, name: string | RegExp): Locator {
    return this.card(number).getByRole('button', { name });
  }

  get dialog(): Locator {
    return this.page.locator('dialog[open]');
  }

  /** Filters to the named parties through the filter dialog. */
  async filterTo(parties: string[]): Promise<void> {
    await this.filterButton.click();
    const modal = this.page.getByTestId('party-filter');
    await modal.getByRole('button', { name: 'Select none' }).click();
    for (const p of parties) await modal.getByLabel(p).check();
    await modal.getByRole('button', { name: 'Show results' }).click();
    await modal.waitFor({ state: 'detached' });
  }

  /** Clicks `trigger` and returns the download it starts; fails with the app's message if it shows an error instead. */
  async download(trigger: Locator): Promise<Download> {
    const errors = this.page.getByTestId('toast-error');
    const before = await errors.count();
    const failed = errors.nth(before).waitFor({ timeout: 25_000 }).then(async () => {
      throw new Error(`no download: ${await errors.nth(before).innerText()}`);
    });
    failed.catch(() => {}); // settled below, or ignored once the download wins
    const [download] = await Promise.all([Promise.race([this.page.waitForEvent('download', { timeout: 25_000 }), failed]), trigger.click()]);
    return download;
  }
}
