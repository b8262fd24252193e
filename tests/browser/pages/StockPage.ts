import { AppNav } from './AppNav.ts';
import type { Download, Locator, Page } from 'playwright-core';

/** The staff app's Stock screen: filters, the product list, and the import, adjust and barcode dialogs. */
export class StockPage {
  constructor(readonly page: Page) {}

  /** Opens the screen from the nav bar (no reload). */
  async open(): Promise<this> {
    await new AppNav(this.page).goTo('Stock');
    await this.page.getByRole('heading', { name: 'Stock', level: 1 }).waitFor();
    return this;
  }

  get search(): Locator {
    return this.page.getByLabel('Search');
  }

  get totals(): Locator {
    return this.page.getByTestId('stock-totals');
  }

  get lastImport(): Locator {
    return this.page.getByTestId('stock-last-import');
  }

  product(productId: string): Locator {
    return this.page.locator(`[data-testid="stock-product"][data-product="${productId}"]`);
  }

  /** The row of one SKU (the product must be open; searching opens it). */
  row(sku: string): Locator {
    return this.page.locator(`[data-testid="stock-row"][data-sku="${sku}"]`);
  }

  /** The quantity shown for a SKU, as a number, or null when it is not on screen. */
  async qty(sku: string): Promise<number | null> {
    const cell = this.row(sku).getByTestId('stock-qty');
    if ((await cell.count()) === 0) return null;
    const m = /^\d+/.exec((await cell.innerText()).trim());
    return m === null ? null : Number(m[0]);
  }

  async filter(text: string): Promise<void> {
    await this.search.fill(text);
  }

  // Import
  get importDialog(): Locator {
    return this.page.getByTestId('import-dialog');
  }

  /** Opens the import dialog, chooses the file and previews it. */
  async previewImport(file: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Import stock sheet' }).click();
    await this.importDialog.getByLabel('Stock file').setInputFiles(file);
    await this.importDialog.getByRole('button', { name: 'Preview' }).click();
    await this.page.getByTestId('import-preview').waitFor({ timeout: 15_000 });
  }

  get importSummary(): Locator {
    return this.page.getByTestId('import-summary');
  }

  /** Every error row of the preview: { row, column, problem } as shown. */
  async importErrors(): Promise<{ row: number; column: string; problem: string }[]> {
    const rows = await this.page.getByTestId('import-errors').locator('tbody tr').all();
    return Promise.all(
      rows.map(async (r) => {
        const [row = '', column = '', problem = ''] = await r.locator('td').allInnerTexts();
        return { row: Number(row), column, problem };
      }),
    );
  }

  /** Chooses a file and presses Preview without waiting for a preview (for files that cannot be read). */
  async chooseAndPreview(file: string): Promise<void> {
    if ((await this.importDialog.count()) === 0) await this.page.getByRole('button', { name: 'Import stock sheet' }).click();
    await this.importDialog.getByLabel('Stock file').setInputFiles(file);
    await this.importDialog.getByRole('button', { name: 'Preview' }).click();
  }

  /** The dialog's error block (an unreadable file, a sheet without its header, a stale preview). */
  get importProblem(): Locator {
    return this.importDialog.locator('.form-error[role="alert"]');
  }

  /** The rows with an unknown colour or size, as shown: row number, product, what is unknown, and whether it is ticked. */
  async unknownRows(): Promise<{ row: number; product: string; unknown: string; qty: number; isIncluded: boolean }[]> {
    const rows = await this.importDialog.getByTestId('import-unknown-row').all();
    return Promise.all(
      rows.map(async (r) => {
        const [, row = '', product = '', unknown = '', qty = ''] = await r.locator('td').allInnerTexts();
        return { row: Number(row), product, unknown, qty: Number(qty), isIncluded: await r.getByRole('checkbox').isChecked() };
      }),
    );
  }

  /** Ticks (or unticks) the unknown-colour/size row at a spreadsheet row number. */
  async includeUnknownRow(row: number, isIncluded = true): Promise<void> {
    await this.importDialog.locator(`[data-testid="import-unknown-row"][data-row="${row}"]`).getByRole('checkbox').setChecked(isIncluded);
  }

  /** The typed-confirmation block shown when the sheet sets more than 10 % of the stocked SKUs to 0. */
  get zeroingGate(): Locator {
    return this.importDialog.getByTestId('import-zeroing');
  }

  /** Types into the zeroing confirmation. */
  async confirmZeroing(typed: string): Promise<void> {
    await this.zeroingGate.getByRole('textbox').fill(typed);
  }

  /** The "Set to 0" list's rendered rows: [product, colour, size, now] as shown. */
  async zeroedRows(): Promise<string[][]> {
    const rows = await this.importDialog.getByTestId('import-removed').getByTestId('import-change').all();
    return Promise.all(rows.map(async (r) => (await r.locator('td').allInnerTexts()).slice(0, 4)));
  }

  get applyImport(): Locator {
    return this.importDialog.getByRole('button', { name: /^Apply import/ });
  }

  /** The password re-entry that Apply opens (the rules want a recent sign-in for an import). */
  get importPassword(): Locator {
    return this.importDialog.getByTestId('reauth-dialog');
  }

  /** Apply, then confirm with the signed-in person's password. */
  async applyImportWith(password: string): Promise<void> {
    await this.applyImport.click();
    await this.importPassword.getByLabel('Your password').fill(password);
    await this.importPassword.getByRole('button', { name: 'Replace stock' }).click();
  }

  // Adjust
  async adjust(sku: string, qty: number, reason: string): Promise<Locator> {
    await this.row(sku).getByRole('button', { name: /^Adjust / }).click();
    const d = this.page.getByTestId('adjust-dialog');
    await d.getByLabel('New quantity').fill(String(qty));
    await d.getByLabel('Reason').fill(reason);
    await d.getByLabel('Reason').press('Enter');
    return d;
  }

  // Export and labels
  /** Clicks a button and returns the download it starts. */
  async download(button: string | RegExp): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: 20_000 }), this.page.getByRole('button', { name: button }).click()]);
    return download;
  }

  async assignBarcode(sku: string, code: string): Promise<Locator> {
    await this.row(sku).getByRole('button', { name: /^Barcodes of / }).click();
    const d = this.page.getByTestId('barcode-dialog');
    await d.getByLabel('Barcode').fill(code);
    await d.getByLabel('Barcode').press('Enter');
    return d;
  }

  selectForLabels(sku: string): Promise<void> {
    return this.row(sku).getByRole('checkbox').check();
  }
}
