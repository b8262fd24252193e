import { AppNav } from './AppNav.ts';
import type { Locator, Page } from 'playwright-core';

/** The admin's Users screen: the directory, status changes with password, new retailer accounts. */
export class UsersPage {
  constructor(readonly page: Page) {}

  /** Goes to the Users tab through the screen tabs. */
  async open(): Promise<this> {
    await new AppNav(this.page).goTo('Users');
    await this.page.getByTestId('users-screen').waitFor();
    return this;
  }

  row(email: string): Locator {
    return this.page.locator(`[data-testid="user-row"][data-email="${email}"]`);
  }

  status(email: string): Locator {
    return this.row(email).getByTestId('user-status');
  }

  presence(email: string): Locator {
    return this.row(email).getByTestId('user-presence');
  }

  get dialog(): Locator {
    return this.page.getByTestId('reauth-dialog');
  }

  get dialogError(): Locator {
    return this.dialog.getByRole('alert');
  }

  /** The retailer's party as the row shows it. */
  party(email: string): Locator {
    return this.row(email).getByTestId('user-party');
  }

  /** Clicks an action on a row, which asks for the admin's password. */
  async start(email: string, action: 'Approve' | 'Reject' | 'Remove' | 'Disable' | 'Enable' | 'Reset password'): Promise<void> {
    await this.row(email).getByRole('button', { name: action }).click();
    await this.dialog.waitFor();
  }

  /** Types a password into the open dialog and presses Enter. */
  async confirmWith(password: string): Promise<void> {
    const field = this.dialog.getByLabel('Your password');
    await field.fill(password);
    await field.press('Enter');
  }

  /** Fills and submits the new-retailer form, then confirms with the admin's own password. */
  async createRetailer(r: { name: string; email: string; password: string; partyLabel: string }, adminPassword: string): Promise<void> {
    await this.page.getByRole('button', { name: 'New retailer account' }).click();
    const d = this.page.getByTestId('create-retailer-dialog');
    await d.getByLabel('Contact name').fill(r.name);
    await d.getByLabel('Retailer email (their sign-in id)').fill(r.email);
    await d.getByLabel('Password (at least 8 characters)').fill(r.password);
    await d.getByLabel('Party').selectOption({ label: r.partyLabel });
    await d.getByRole('button', { name: 'Create retailer' }).click();
    await this.confirmWith(adminPassword);
    await d.waitFor({ state: 'detached' });
  }
}
