import { AppNav } from './AppNav.ts';
import type { Locator, Page } from 'playwright-core';
import { HistoryFilters, RevertDialogModel } from './HistoryFilters.ts';
import { ListFoot } from './ListFoot.ts';

/** The staff app's Deleted screen: the loaded days' cards, revert, permanent delete (admin) and its confirmation. */
export class DeletedPage {
  readonly foot: ListFoot;
  readonly filters: HistoryFilters;
  readonly revertDialog: RevertDialogModel;
  constructor(readonly page: Page) {
    this.foot = new ListFoot(page);
    this.filters = new HistoryFilters(page, 'deleted');
    this.revertDialog = new RevertDialogModel(page);
  }

  async open(): Promise<this> {
    await new AppNav(this.page).goTo('Deleted');
    await this.page.getByRole('heading', { name: 'Deleted orders', level: 1 }).waitFor();
    return this;
  }

  card(number: string): Locator {
    return this.page.locator(`[data-testid="deleted-card"][data-order="${number}"]`);
  }

  /** Order numbers of the deleted cards on screen, top to bottom. */
  async numbers(): Promise<string[]> {
    return this.page.getByTestId('deleted-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-order') ?? ''));
  }

  /** The card's Revert button: it opens the confirmation (`revertDialog`). */
  revert(number: string): Locator {
    return this.card(number).getByTestId('revert');
  }

  deletePermanently(number: string): Locator {
    return this.card(number).getByTestId('delete-permanently');
  }

  get reauth(): Locator {
    return this.page.getByTestId('reauth-dialog');
  }

  /** Confirms the open permanent delete with the signed-in person's password. */
  async confirmWith(password: string): Promise<void> {
    await this.reauth.getByLabel('Your password').fill(password);
    await this.reauth.getByRole('button', { name: 'Delete permanently' }).click();
  }
}
