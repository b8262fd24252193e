import { AppNav } from './AppNav.ts';
import type { Locator, Page } from 'playwright-core';

/** The admin's Approvals screen: retailer orders waiting, approve or reject each after the password. */
export class ApprovalsPage {
  constructor(readonly page: Page) {}

  get tab(): Locator {
    return new AppNav(this.page).link('Approvals');
  }

  get screen(): Locator {
    return this.page.getByTestId('approvals-screen');
  }

  /** Goes to Approvals through the screen tabs (no reload). */
  async open(): Promise<this> {
    await new AppNav(this.page).goTo('Approvals');
    await this.screen.waitFor();
    return this;
  }

  get empty(): Locator {
    return this.page.getByTestId('approvals-empty');
  }

  /** Ids of the cards in the order shown. */
  async cardIds(): Promise<string[]> {
    return this.page.getByTestId('approval-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
  }

  card(id: string): Locator {
    return this.page.locator(`[data-testid="approval-card"][data-id="${id}"]`);
  }

  /** What a card shows: party, retailer, note, age, total and one row per line as [item, colour, size, qty, in stock, short]. */
  async shown(id: string): Promise<{ party: string; retailer: string; note: string | null; age: string; total: string; rows: string[][] }> {
    const c = this.card(id);
    const note = c.getByTestId('approval-note');
    const rows = await c.getByTestId('approval-lines').locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const [item, ...rest] = [...tr.querySelectorAll('td')];
        const colour = item?.querySelector('div')?.textContent ?? '';
        const name = (item?.firstChild?.textContent ?? '').trim();
        return [name, colour, ...rest.map((td) => td.textContent ?? '')];
      }),
    );
    return {
      party: await c.getByTestId('approval-party').innerText(),
      retailer: await c.getByTestId('approval-retailer').innerText(),
      note: (await note.count()) === 0 ? null : await note.innerText(),
      age: await c.getByTestId('approval-age').innerText(),
      total: await c.getByTestId('approval-lines-total').innerText(),
      rows,
    };
  }

  get reauth(): Locator {
    return this.page.getByTestId('reauth-dialog');
  }

  get reauthError(): Locator {
    return this.reauth.getByRole('alert');
  }

  get rejectDialog(): Locator {
    return this.page.getByTestId('reject-dialog');
  }

  get reasonField(): Locator {
    return this.rejectDialog.getByLabel('Reason (the retailer sees it)');
  }

  get reasonError(): Locator {
    return this.rejectDialog.getByRole('alert');
  }

  /** Clicks Approve on a card; the password dialog opens. */
  async startApprove(id: string): Promise<void> {
    await this.card(id).getByRole('button', { name: 'Approve' }).click();
    await this.reauth.waitFor();
  }

  get adjustDialog(): Locator {
    return this.page.getByTestId('adjust-dialog');
  }

  get adjustProblems(): Locator {
    return this.adjustDialog.getByTestId('adjust-problems');
  }

  /** Clicks Adjust on a card; the adjustment dialog opens. */
  async startAdjust(id: string): Promise<void> {
    await this.card(id).getByRole('button', { name: 'Adjust' }).click();
    await this.adjustDialog.waitFor();
  }

  /** The new-quantity fields of the open adjustment dialog, in line order. */
  get adjustQty(): Locator {
    return this.adjustDialog.getByRole('textbox', { name: /^Approve quantity of / });
  }

  /** Fills every quantity (in line order) and the reason, then presses Continue. */
  async adjust(qty: readonly string[], reason: string): Promise<void> {
    for (const [i, q] of qty.entries()) await this.adjustQty.nth(i).fill(q);
    await this.adjustDialog.getByLabel('Reason for the change (the retailer sees it)').fill(reason);
    await this.adjustDialog.getByRole('button', { name: 'Continue' }).click();
  }

  /** Clicks Reject on a card; the reason dialog opens. */
  async startReject(id: string): Promise<void> {
    await this.card(id).getByRole('button', { name: 'Reject' }).click();
    await this.rejectDialog.waitFor();
  }

  /** Types a reason (replacing what is there) and presses Enter, which continues. */
  async giveReason(reason: string): Promise<void> {
    await this.reasonField.fill(reason);
    await this.reasonField.press('Enter');
  }

  /** Types a password into the open password dialog and presses Enter. */
  async confirmWith(password: string): Promise<void> {
    const field = this.reauth.getByLabel('Your password');
    await field.fill(password);
    await field.press('Enter');
  }

  /** The success toasts' texts. */
  async toasts(): Promise<string[]> {
    return this.page.getByTestId('toast-success').locator('.toast__text').allInnerTexts();
  }
}
