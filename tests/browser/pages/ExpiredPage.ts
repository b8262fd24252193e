import { AppNav } from './AppNav.ts';
import type { Locator, Page } from 'playwright-core';
import { HistoryFilters, RevertDialogModel } from './HistoryFilters.ts';
import { ListFoot } from './ListFoot.ts';

/** The staff app's Expired screen: counters, search, cards, revert and the on-demand expiry check. */
export class ExpiredPage {
  readonly foot: ListFoot;
  readonly filters: HistoryFilters;
  readonly revertDialog: RevertDialogModel;
  constructor(readonly page: Page) {
    this.foot = new ListFoot(page);
    this.filters = new HistoryFilters(page, 'expired');
    this.revertDialog = new RevertDialogModel(page);
  }

  async open(): Promise<this> {
    await new AppNav(this.page).goTo('Expired');
    await this.page.getByRole('heading', { name: 'Expired orders', level: 1 }).waitFor();
    return this;
  }

  card(number: string): Locator {
    return this.page.locator(`[data-testid="expired-card"][data-order="${number}"]`);
  }

  /** Order numbers of the expired cards on screen, top to bottom. */
  async numbers(): Promise<string[]> {
    return this.page.getByTestId('expired-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-order') ?? ''));
  }

  async search(text: string): Promise<void> {
    await this.filters.search(text);
  }

  get checkNow(): Locator {
    return this.page.getByTestId('check-expiry');
  }

  get report(): Locator {
    return this.page.getByTestId('job-report');
  }

  /** The number shown on a counter tile ('expired' or 'expiring'). */
  async counter(which: 'expired' | 'expiring'): Promise<string> {
    return (await this.page.getByTestId(`count-${which}`).locator('strong').innerText()).trim();
  }

  /** The card's Revert button: it opens the confirmation (`revertDialog`). */
  revert(number: string): Locator {
    return this.card(number).getByTestId('revert');
  }
}
