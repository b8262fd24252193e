import type { Download, Locator, Page } from 'playwright-core';

/** The staff app's New order screen (#/new). */
export class NewOrderPage {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByTestId('new-order');
  }

  get partyBox(): Locator {
    return this.page.getByTestId('party-search').getByRole('combobox');
  }

  get partyOptions(): Locator {
    return this.page.getByTestId('party-search').getByRole('option');
  }

  get partyError(): Locator {
    return this.page.getByTestId('party-search').getByRole('alert');
  }

  get productBox(): Locator {
    return this.page.getByTestId('product-search').getByRole('combobox');
  }

  get productOptions(): Locator {
    return this.page.getByTestId('product-search').getByRole('option');
  }

  get grid(): Locator {
    return this.page.getByTestId('quantity-grid');
  }

  /** The quantity input of one colour and size. */
  cell(color: string, size: string): Locator {
    return this.grid.getByRole('textbox', { name: `${color} ${size}`, exact: true });
  }

  /** Phones (≤ 600 px): the chip that shows one colour's cells; it carries the colour's total. */
  chip(color: string): Locator {
    return this.grid.getByTestId(`chip-${color}`);
  }

  chipTotal(color: string): Locator {
    return this.chip(color).locator('.matrix-grid__chip-total');
  }

  /** Every quantity input of the grid, shown or not. */
  get cells(): Locator {
    return this.grid.locator('input[data-cell]');
  }

  /** 🎨 on the grid heading (only when some colour has a full name or an MRP). */
  get colourInfoButton(): Locator {
    return this.grid.getByRole('button', { name: 'Colour information' });
  }

  get colourInfo(): Locator {
    return this.page.getByTestId('colour-info');
  }

  get newProduct(): Locator {
    return this.page.getByTestId('new-product');
  }

  /** The aria-label of the focused element (cells are labelled "<colour> <size>"). */
  async focusedLabel(): Promise<string | null> {
    return this.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
  }

  /** The size label (tap +1, hold for 0) of one colour and size; shown on phones only. */
  sizeLabel(color: string, size: string): Locator {
    return this.grid.getByRole('button', { name: `${color} ${size}: tap to add 1, hold to reset` });
  }

  /** The stock text under a cell ("stock 10"). */
  stockOf(color: string, size: string): Locator {
    return this.cell(color, size).locator('xpath=following-sibling::span[1]');
  }

  rowTotal(color: string): Locator {
    return this.grid.getByLabel(`${color} total`, { exact: true });
  }

  colTotal(size: string): Locator {
    return this.grid.getByLabel(`${size} total`, { exact: true });
  }

  get gridTotal(): Locator {
    return this.page.getByTestId('grid-total');
  }

  get cartRows(): Locator {
    return this.page.getByTestId('cart').getByTestId('cart-row');
  }

  /** The order note in the summary. */
  get noteBox(): Locator {
    return this.summary.getByLabel('Order note');
  }

  get processButton(): Locator {
    return this.page.getByRole('button', { name: /^(Cart empty|Process order)/ });
  }

  get summary(): Locator {
    return this.page.getByTestId('order-summary');
  }

  get placed(): Locator {
    return this.page.getByTestId('order-placed');
  }

  /** Cart rows as shown: [["Comfort Bra BLK · Black", "32B/2", "2"], …]. */
  async cartTable(): Promise<string[][]> {
    const rows = await this.cartRows.all();
    return Promise.all(rows.map(async (r) => (await r.locator('td').allInnerTexts()).map((t) => t.replace(/\s*\n\s*/g, ' ').trim())));
  }

  async open(url: string): Promise<this> {
    await this.page.goto(url);
    await this.screen.waitFor();
    return this;
  }

  /** Types into the party box and picks the active option with Enter. */
  async pickPartyByKeyboard(text: string): Promise<void> {
    await this.partyBox.fill(text);
    await this.partyOptions.first().waitFor();
    await this.partyBox.press('Enter');
  }

  async pickProductByKeyboard(text: string): Promise<void> {
    await this.productBox.fill(text);
    await this.productOptions.first().waitFor();
    await this.productBox.press('Enter');
    await this.grid.waitFor();
  }

  /** Holds the mouse on a size label for `ms` (a long press resets the cell to 0). */
  async longPress(color: string, size: string, ms = 700): Promise<void> {
    const box = await this.sizeLabel(color, size).boundingBox();
    if (box === null) throw new Error(`no label for ${color} ${size}`);
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.down();
    await this.page.waitForTimeout(ms);
    await this.page.mouse.up();
  }

  /** Opens the summary, types the note and places the order; returns the number shown. */
  async placeOrder(note: string): Promise<string> {
    await this.processButton.click();
    await this.summary.waitFor();
    await this.summary.getByLabel('Order note').fill(note);
    await this.summary.getByRole('button', { name: 'Place order' }).click();
    await this.placed.waitFor();
    return (await this.placed.getByTestId('order-number').innerText()).trim();
  }

  /** Clicks Download PDF on the confirmation and returns the download. */
  async downloadPdf(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.placed.getByRole('button', { name: 'Download PDF' }).click()]);
    return download;
  }
}
