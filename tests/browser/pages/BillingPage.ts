import type { Locator, Page } from 'playwright-core';

/** One billing order's card. */
export class BillingCard {
  constructor(
    readonly page: Page,
    readonly root: Locator,
  ) {}

  /** The warning shown when another device changed the lines after quantities were entered. */
  get changedNotice(): Locator {
    return this.root.getByTestId('changed-notice');
  }

  get remarksBanner(): Locator {
    return this.root.getByTestId('remarks-banner');
  }

  get billButton(): Locator {
    return this.root.getByRole('button', { name: /^(Bill|Billing…)/ });
  }

  /** The Bill input of a line, by its item text ('Comfort Bra (Black)') and size. */
  billInput(item: string, size: string): Locator {
    return this.root.getByRole('spinbutton', { name: `Bill ${item} ${size}`, exact: true });
  }

  /** The note under a line's stepper (e.g. 'Only 5 in billing: set to 5'). */
  stepperNote(item: string, size: string): Locator {
    const input = this.page.getByRole('spinbutton', { name: `Bill ${item} ${size}`, exact: true });
    return this.root.getByTestId('bill-line').filter({ has: input }).locator('.bill-stepper__note');
  }

  /** What the table shows: [item, size, in billing] per line. */
  async lines(): Promise<string[][]> {
    return this.root.getByTestId('bill-line').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent?.trim() ?? '')));
  }

  async openScan(): Promise<ScanPanel> {
    await this.root.getByRole('button', { name: 'Scan', exact: true }).click();
    const panel = new ScanPanel(this.page);
    await panel.root.waitFor();
    return panel;
  }

  async openRemarks(): Promise<Locator> {
    await this.root.getByRole('button', { name: 'Remarks', exact: true }).click();
    const dialog = this.page.getByTestId('remarks-dialog');
    await dialog.waitFor();
    return dialog;
  }

  async openDelete(): Promise<Locator> {
    await this.root.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = this.page.getByTestId('delete-dialog');
    await dialog.waitFor();
    return dialog;
  }
}

/** The scan panel (modal) of one order. */
export class ScanPanel {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('scan-panel');
  }

  get message(): Locator {
    return this.root.getByTestId('scan-message');
  }

  get count(): Locator {
    return this.root.getByTestId('scan-count');
  }

  get billButton(): Locator {
    return this.root.getByRole('button', { name: /^Bill scanned|^Billing…/ });
  }

  get cameraProblem(): Locator {
    return this.root.getByTestId('camera-problem');
  }

  /** Manual entry: the code typed into the Barcode field, then Enter. */
  async manualScan(code: string): Promise<void> {
    const input = this.root.getByLabel(/^Barcode/);
    await input.fill(code);
    await input.press('Enter');
  }

  /** Leaves nothing focused, as when a packer just picks up the hand scanner. */
  async blur(): Promise<void> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }

  /** A hand scanner: the code typed as fast key events, then Enter, with nothing focused in particular. */
  async wedgeScan(code: string): Promise<void> {
    await this.page.keyboard.type(code);
    await this.page.keyboard.press('Enter');
  }

  /** The "Assign this code to …" offer under an unknown scan. */
  get assignOffer(): Locator {
    return this.root.getByTestId('scan-assign-open');
  }

  /** The chooser of lines the unknown code can be assigned to. */
  get assignChooser(): Locator {
    return this.root.getByTestId('scan-assign');
  }

  /** The lines offered by the chooser, as their buttons read. */
  async assignChoices(): Promise<string[]> {
    return this.assignChooser.getByRole('list').getByRole('button').allInnerTexts();
  }

  /** Opens the chooser and picks the line whose button reads `choice` ('Cotton Tee (Navy) · L'). */
  async assignTo(choice: string): Promise<void> {
    await this.assignOffer.click();
    await this.assignChooser.getByRole('button', { name: choice, exact: true }).click();
  }

  /** Scanned quantity per line: [item, size, scanned]. */
  async scanned(): Promise<string[][]> {
    return this.root.getByTestId('scan-line').evaluateAll((rows) =>
      rows.map((r) => {
        const td = [...r.querySelectorAll('td')];
        return [td[0]?.textContent?.trim() ?? '', td[1]?.textContent?.trim() ?? '', td[3]?.querySelector('output')?.textContent?.trim() ?? ''];
      }),
    );
  }
}

/** The Billing screen. */
export class BillingPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string): Promise<this> {
    await this.page.goto(new URL('#/billing', baseUrl).href);
    await this.page.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();
    return this;
  }

  get empty(): Locator {
    return this.page.getByTestId('billing-empty');
  }

  /** Order numbers of the cards, top to bottom. */
  async numbers(): Promise<string[]> {
    return this.page.getByTestId('billing-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-order') ?? ''));
  }

  card(number: string): BillingCard {
    return new BillingCard(this.page, this.page.locator(`[data-testid="billing-card"][data-order="${number}"]`));
  }

  /** The texts of the toasts on screen, by kind. */
  toasts(kind: 'success' | 'error' | 'warning' | 'info'): Locator {
    return this.page.getByTestId(`toast-${kind}`).locator('.toast__text');
  }

  get confirmDialog(): Locator {
    return this.page.getByTestId('confirm-dialog');
  }
}
