import type { ProductId } from '../../src/domain/types.ts';
import { storeLines } from '../../src/domain/orderRecords.ts';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { pdfText as extractPdfText } from '../support/pdfText.ts';
import { NewOrderPage } from './pages/NewOrderPage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { member, seedBusiness } from './support/business.ts';
import { launchChromium } from './support/chromium.ts';
import { AppStack, type Account } from './support/stack.ts';

let browser: Browser | undefined;
let stack: AppStack | undefined;
const contexts: BrowserContext[] = [];

function app(): { browser: Browser; stack: AppStack } {
  if (browser === undefined || stack === undefined) throw new Error('stack not started');
  return { browser, stack };
}

beforeAll(async () => {
  browser = await launchChromium();
  stack = await AppStack.start(inject('authEmulatorHost'));
  await seedBusiness(stack);
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A signed-in staff member on the New order screen, in a fresh profile; alerts fail the test. */
async function newOrderScreen(account: Account): Promise<{ page: Page; screen: NewOrderPage; dialogs: string[] }> {
  const context = await app().browser.newContext({ viewport: { width: 900, height: 1000 }, acceptDownloads: true });
  contexts.push(context);
  // Tests cannot hear: with this array present, src/ui/sounds.ts records each tone it plays.
  await context.addInitScript(() => {
    (window as { __domsSounds?: string[] }).__domsSounds = [];
  });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await (await new SignInPage(page).open(`${app().stack.staffUrl}#/new`)).signIn(account.email, account.password);
  const screen = new NewOrderPage(page);
  await screen.screen.waitFor({ timeout: 20_000 });
  return { page, screen, dialogs };
}

/** The text a downloaded PDF shows, as a text extractor reads it (tests/support/pdfText.ts). */
async function pdfText(download: Download, path: string): Promise<string> {
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 5).toString('latin1'), `${download.suggestedFilename()} is a PDF`).toBe('%PDF-');
  return extractPdfText(bytes);
}

type Rec = Record<string, unknown>;

describe('New order screen in Chromium', () => {
  it('takes an order by keyboard, keeps the cart over a reload, places K1 and K2 with PDFs', async () => {
    const { stack } = app();
    const staff = await member(stack, 'Asha Staff');
    const { page, screen, dialogs } = await newOrderScreen(staff);

    // Party: the whole list on a click; a bad "NAME - AREA" is refused with the format; a good one is saved.
    await screen.partyBox.click();
    await expect.poll(() => screen.partyOptions.allInnerTexts()).toEqual(['ASHA TRADERS - MAPUSA', 'RAVI STORES - PONDA']);
    await screen.partyBox.fill('pon');
    await expect.poll(() => screen.partyOptions.allInnerTexts()).toEqual(['RAVI STORES - PONDA']);
    await screen.partyBox.fill('NEW SHOP');
    await expect.poll(() => screen.partyOptions.allInnerTexts()).toEqual(['Add "NEW SHOP" as a new party']);
    await screen.partyBox.press('Enter');
    await expect.poll(() => screen.partyError.innerText()).toMatch(/NAME - AREA/);
    expect(await stack.childCount('parties')).toBe(2);
    await screen.partyBox.fill('NEW SHOP - CALANGUTE');
    await screen.partyOptions.getByText('Add "NEW SHOP - CALANGUTE" as a new party').click();
    await expect.poll(async () => Object.values((await stack.rest('GET', '/parties.json')) as Record<string, Rec>)).toContainEqual({ name: 'NEW SHOP', area: 'CALANGUTE', updatedAt: expect.any(Number) as number });
    await expect.poll(() => screen.partyBox.inputValue()).toBe('NEW SHOP - CALANGUTE');

    // Product by code, exact pick; quantities with digits, Tab and arrows; stock shown per cell.
    await screen.pickProductByKeyboard('comfort bra');
    await expect.poll(() => screen.stockOf('BLK', '32B').innerText()).toBe('stock 10');
    await expect(screen.stockOf('SKN', '32B').innerText()).resolves.toBe('no stock');
    await screen.cell('BLK', '32B').click();
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('3');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.type('1');
    await expect.poll(() => screen.cell('SKN', '34B').inputValue()).toBe('1');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('x4'); // letters are ignored
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('SKN 34B');
    expect(await screen.cell('SKN', '36B').inputValue()).toBe('4');
    // A focused cell's text is selected, so digits replace it; Backspace empties BLK 34B (0).
    // (Tap +1 and the long-press reset are on the phone layout: newOrderGrid.test.ts.)
    await screen.cell('SKN', '36B').focus();
    await page.keyboard.type('6');
    await screen.cell('BLK', '34B').focus();
    await page.keyboard.press('Backspace');
    expect(await screen.cell('BLK', '34B').inputValue()).toBe('');
    expect(await screen.rowTotal('SKN').innerText()).toBe('7');
    expect(await screen.rowTotal('BLK').innerText()).toBe('2');
    expect(await screen.colTotal('36B').innerText()).toBe('6');
    expect(await screen.gridTotal.innerText()).toBe('9');
    await screen.cell('SKN', '36B').press('Enter');
    await expect.poll(() => screen.cartTable()).toEqual([
      ['Comfort Bra BLK · Black', '32B/2', '2'],
      ['Comfort Bra SKN · Skin', '34B/1, 36B/6', '7'],
    ]);
    expect(await screen.gridTotal.innerText()).toBe('0');
    expect(await screen.cell('BLK', '32B').inputValue()).toBe('');
    // The same colour again merges per size.
    await screen.cell('BLK', '32B').fill('1');
    await screen.cell('BLK', '32B').press('Enter');
    await expect.poll(() => screen.cartTable()).toEqual([
      ['Comfort Bra BLK · Black', '32B/3', '3'],
      ['Comfort Bra SKN · Skin', '34B/1, 36B/6', '7'],
    ]);

    // A new colour keeps what was typed, lands in the catalogue and can be ordered.
    await screen.pickProductByKeyboard('cotton');
    await screen.cell('RED', 'M').fill('5');
    await screen.grid.getByRole('button', { name: '+ Add colour' }).click();
    const dialog = page.getByTestId('add-colour');
    await dialog.getByLabel('Colour code').fill('maroon');
    await dialog.getByLabel('Colour code').press('Enter');
    await screen.cell('MAROON', 'L').waitFor();
    expect(await screen.cell('RED', 'M').inputValue()).toBe('5');
    expect(await stack.rest('GET', '/catalog/P-TEE/colors/2.json')).toEqual({ code: 'MAROON', name: 'MAROON', swatch: '#9ca3af' });
    // The colour stamped its product (devices resuming the catalogue receive it).
    expect(Math.abs(((await stack.rest('GET', '/catalog/P-TEE/updatedAt.json')) as number) - Date.now())).toBeLessThan(120_000);
    await screen.cell('MAROON', 'L').fill('2');
    await screen.cell('MAROON', 'L').press('Enter');
    await expect.poll(() => screen.cartRows.count()).toBe(4);

    // The cart, party and all survive a reload.
    await page.reload();
    await screen.screen.waitFor();
    await expect.poll(() => screen.cartTable()).toEqual([
      ['Comfort Bra BLK · Black', '32B/3', '3'],
      ['Comfort Bra SKN · Skin', '34B/1, 36B/6', '7'],
      ['Cotton Tee RED · Red', 'M/5', '5'],
      ['Cotton Tee MAROON', 'L/2', '2'],
    ]);
    expect(await screen.partyBox.inputValue()).toBe('NEW SHOP - CALANGUTE');

    // Edit a line: −1 on 36B, save; delete nothing else.
    await screen.cartRows.nth(1).getByRole('button').click();
    const edit = page.getByTestId('edit-line');
    await edit.getByRole('button', { name: '36B minus 1' }).click();
    await edit.getByRole('button', { name: '36B minus 1' }).click();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => screen.cartTable()).toContainEqual(['Comfort Bra SKN · Skin', '34B/1, 36B/4', '5']);

    // Place: K1, with the lines, the counter and the audit entry in the database.
    expect(await screen.placeOrder('Deliver before Friday')).toBe('K1');
    expect(await screen.placed.getByTestId('confirmation-party').innerText()).toBe('NEW SHOP - CALANGUTE');
    expect(await screen.placed.getByTestId('confirmation-total').innerText()).toBe('15');
    expect(await screen.placed.getByTestId('confirmation-note').innerText()).toBe('Deliver before Friday');
    const orders = (await stack.rest('GET', '/orders.json')) as Record<string, Rec>;
    const [orderId, order] = Object.entries(orders)[0] ?? [];
    expect(order).toMatchObject({
      number: 'K1',
      partyName: 'NEW SHOP',
      note: 'Deliver before Friday',
      source: 'staff',
      createdBy: staff.uid,
      lines: storeLines([
        { productId: 'P-BRA' as ProductId, color: 'BLK', size: '32B', qty: 3 },
        { productId: 'P-BRA' as ProductId, color: 'SKN', size: '34B', qty: 1 },
        { productId: 'P-BRA' as ProductId, color: 'SKN', size: '36B', qty: 4 },
        { productId: 'P-TEE' as ProductId, color: 'RED', size: 'M', qty: 5 },
        { productId: 'P-TEE' as ProductId, color: 'MAROON', size: 'L', qty: 2 },
      ]),
    });
    expect(await stack.rest('GET', '/counters/orderNumber.json')).toBe(1);
    const audit = Object.values((await stack.rest('GET', '/audit.json')) as Record<string, Rec>);
    expect(audit).toContainEqual(expect.objectContaining({ action: 'place', orderId, actor: staff.uid, rev: 1, detail: 'K1' }));

    // The PDF is made after numbering: it carries K1 and the party.
    const download = await screen.downloadPdf();
    expect(download.suggestedFilename()).toMatch(/^K1_NEW_SHOP_\d{4}_\d{2}_\d{2}\.pdf$/);
    const text = await pdfText(download, await download.path());
    expect(text).toContain('K1');
    expect(text).toContain('Order Summary - NEW SHOP');
    expect(text).toContain('NEW SHOP - CALANGUTE');
    expect(text).toContain('Total Quantity: 15');
    expect(text).toContain('Deliver before Friday');

    // The cart was cleared without a reload; a second order gets K2.
    await screen.placed.getByRole('button', { name: 'New order' }).click();
    await expect.poll(() => screen.processButton.innerText()).toBe('Cart empty');
    expect(await screen.cartRows.count()).toBe(0);
    await screen.pickPartyByKeyboard('ravi');
    expect(await screen.partyBox.inputValue()).toBe('RAVI STORES - PONDA');
    await screen.pickProductByKeyboard('cotton tee');
    await screen.cell('NVY', 'L').fill('2');
    await screen.cell('NVY', 'L').press('Enter');
    expect(await screen.placeOrder('')).toBe('K2');
    expect(await stack.rest('GET', '/counters/orderNumber.json')).toBe(2);
    const download2 = await screen.downloadPdf();
    const text2 = await pdfText(download2, await download2.path());
    expect(text2).toContain('K2');
    expect(text2).toContain('RAVI STORES - PONDA');
    expect(dialogs).toEqual([]);
  }, 120_000);

  it('shows a party, product and note with markup as plain text; a failed save says why and keeps the cart', async () => {
    const { stack } = app();
    const evil = '<img src=x onerror=alert(1)>';
    await stack.rest('PUT', '/catalog/P-EVIL.json', { name: evil, sizes: ['S'], colors: [{ code: 'RED', name: evil, swatch: '#ff0000' }], active: true });
    const { page, screen, dialogs } = await newOrderScreen(await member(stack, 'Ravi Staff'));

    await screen.partyBox.fill(`${evil} - GOA`);
    await screen.partyBox.press('Enter');
    await expect.poll(() => screen.partyBox.inputValue()).toBe(`${evil} - GOA`);
    await screen.productBox.fill('onerror');
    await expect.poll(() => screen.productOptions.allInnerTexts()).toEqual([evil]); // no code: the name alone, never the id
    await screen.productBox.press('Enter');
    await screen.cell('RED', 'S').fill('1');
    await screen.cell('RED', 'S').press('Enter');
    await expect.poll(() => screen.cartTable()).toEqual([[`${evil} RED · ${evil}`, 'S/1', '1']]);

    // A broken counter makes the save fail: the message names it, nothing is written, the cart stays.
    const counterBefore = await stack.rest('GET', '/counters/orderNumber.json');
    await stack.rest('PUT', '/counters/orderNumber.json', 'broken');
    await screen.processButton.click();
    await screen.summary.getByLabel('Order note').fill(evil);
    await screen.summary.getByRole('button', { name: 'Place order' }).click();
    await expect.poll(() => screen.summary.getByTestId('place-error').innerText()).toMatch(/order counter/);
    expect(await screen.summary.getByTestId('summary-party').innerText()).toBe(`${evil} - GOA`);
    expect(await screen.summary.getByTestId('cart-row').count()).toBe(1);
    expect(await stack.rest('GET', '/counters/orderNumber.json')).toBe('broken');
    await stack.rest('PUT', '/counters/orderNumber.json', counterBefore ?? 0);
    const ordersBefore = await stack.childCount('orders');

    const number = await (async () => {
      await screen.summary.getByRole('button', { name: 'Place order' }).click();
      await screen.placed.waitFor();
      return screen.placed.getByTestId('order-number').innerText();
    })();
    expect(number).toMatch(/^K\d+$/);
    expect(await screen.placed.getByTestId('confirmation-note').innerText()).toBe(evil);
    expect(await screen.placed.getByTestId('confirmation-party').innerText()).toBe(`${evil} - GOA`);
    expect(await stack.childCount('orders')).toBe(ordersBefore + 1);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('adds a new item to the catalogue, moves over the colour × size matrix, shows colour info, deletes a cart line and chimes on placing', async () => {
    const { stack } = app();
    await stack.rest('PUT', '/catalog/P-TRI.json', {
      name: 'Tri Slip',
      sizes: ['S', 'M'],
      colors: [
        { code: 'A', name: 'Alpha', swatch: '#ffffff', mrp: [{ size: 'M', paise: 31950 }, { size: 'S', paise: 29900 }] },
        { code: 'B', name: 'Beta', swatch: '#000000' },
        { code: 'C', name: 'C', swatch: '#ff0000 #00ff00' },
      ],
      active: true,
    });
    await stack.rest('PUT', '/catalog/P-PLAIN.json', { name: 'Plain Vest', sizes: ['F'], colors: [{ code: 'W', name: 'W', swatch: '#eeeeee' }], active: true });
    const { page, screen, dialogs } = await newOrderScreen(await member(stack, 'Mina Staff'));
    const catalogBefore = Object.keys((await stack.rest('GET', '/catalog.json')) as Rec);

    // Item 24: nothing matches, so the list offers the new item; the form starts with the text.
    await screen.productBox.fill('Lace Bra X');
    await expect.poll(() => screen.productOptions.allInnerTexts()).toEqual(['Add "Lace Bra X" as a new item']);
    await screen.productBox.press('Enter');
    const form = screen.newProduct;
    await form.waitFor();
    expect(await form.getByLabel('Item name').inputValue()).toBe('Lace Bra X');
    expect(await form.getByRole('group', { name: 'Cup sizes' }).getByRole('checkbox').count()).toBe(21);
    expect(await form.getByRole('group', { name: 'General sizes' }).getByRole('checkbox').count()).toBe(6);
    await form.getByRole('button', { name: 'Save item' }).click();
    await expect.poll(() => form.getByRole('alert').innerText()).toBe('Sizes need at least one ticked size.');
    for (const size of ['34C', '32B', 'M', 'XS']) await form.getByRole('checkbox', { name: size, exact: true }).check();
    await form.getByRole('checkbox', { name: 'XS', exact: true }).uncheck();
    await form.getByLabel('Custom size 1').fill('F1');
    await form.getByLabel('Custom size 1').blur(); // a typed custom size becomes a ticked box
    await expect.poll(() => form.getByRole('group', { name: 'Custom sizes' }).getByRole('checkbox', { name: 'F1' }).isChecked()).toBe(true);
    await form.getByLabel('Custom size 2').fill('F2');
    await form.getByLabel('Custom size 2').press('Enter');
    await form.waitFor({ state: 'detached' });
    const catalogAfter = (await stack.rest('GET', '/catalog.json')) as Record<string, Rec>;
    const newIds = Object.keys(catalogAfter).filter((id) => !catalogBefore.includes(id));
    expect(newIds).toHaveLength(1);
    const newId = newIds[0] ?? '';
    expect(catalogAfter[newId]).toEqual({ name: 'Lace Bra X', sizes: ['34C', '32B', 'M', 'F1', 'F2'], colors: [{ code: 'ANY', name: 'Any Color', swatch: '#9ca3af' }], active: true, updatedAt: expect.any(Number) as number });
    expect(await screen.productBox.inputValue()).toBe('Lace Bra X'); // its label: no code given, and never its database id
    await screen.cell('ANY', '32B').fill('3');
    await screen.cell('ANY', 'F2').fill('1');
    await screen.cell('ANY', 'F2').press('Enter');
    await expect.poll(() => screen.cartTable()).toEqual([['Lace Bra X ANY · Any Color', '32B/3, F2/1', '4']]);

    // The matrix: every colour a row, every size a column, with row, column and grand totals;
    // arrows move up and down the colours, Tab runs along a row and on to the next colour.
    await screen.pickProductByKeyboard('tri slip');
    await screen.cell('A', 'S').fill('2');
    await screen.cell('B', 'M').fill('4');
    await screen.cell('C', 'S').fill('1');
    expect(await screen.rowTotal('A').innerText()).toBe('2');
    expect(await screen.rowTotal('B').innerText()).toBe('4');
    expect(await screen.colTotal('S').innerText()).toBe('3');
    expect(await screen.colTotal('M').innerText()).toBe('4');
    expect(await screen.gridTotal.innerText()).toBe('7');
    await screen.cell('A', 'S').focus();
    await page.keyboard.press('ArrowDown');
    expect(await screen.focusedLabel()).toBe('B S');
    await page.keyboard.press('ArrowDown');
    expect(await screen.focusedLabel()).toBe('C S');
    await page.keyboard.press('ArrowDown'); // the last colour: stays
    expect(await screen.focusedLabel()).toBe('C S');
    await page.keyboard.press('ArrowUp');
    expect(await screen.focusedLabel()).toBe('B S');
    await screen.cell('A', 'M').focus();
    await page.keyboard.press('Tab');
    expect(await screen.focusedLabel()).toBe('B S');
    await screen.cell('A', 'S').press('Enter');
    await expect.poll(() => screen.cartRows.count()).toBe(4);
    expect(await screen.cartTable()).toEqual([
      ['Lace Bra X ANY · Any Color', '32B/3, F2/1', '4'],
      ['Tri Slip A · Alpha', 'S/2', '2'],
      ['Tri Slip B · Beta', 'M/4', '4'],
      ['Tri Slip C', 'S/1', '1'],
    ]);

    // Item 29: colour code, name and MRPs in rupees; Escape, × and a click outside close it.
    await screen.colourInfoButton.click();
    const rows = async () => Promise.all((await screen.colourInfo.getByTestId('colour-info-row').all()).map((r) => r.locator('td').allInnerTexts()));
    await expect.poll(rows).toEqual([
      ['A', 'Alpha', 'S ₹299.00, M ₹319.50'],
      ['B', 'Beta', 'no MRP'],
      ['C', 'C', 'no MRP'],
    ]);
    await page.keyboard.press('Escape');
    await screen.colourInfo.waitFor({ state: 'detached' });
    await screen.colourInfoButton.click();
    await screen.colourInfo.getByRole('button', { name: 'Close' }).click();
    await screen.colourInfo.waitFor({ state: 'detached' });
    await screen.colourInfoButton.click();
    await screen.colourInfo.waitFor();
    await page.mouse.click(5, 5);
    await screen.colourInfo.waitFor({ state: 'detached' });
    await screen.pickProductByKeyboard('plain vest');
    expect(await screen.colourInfoButton.count()).toBe(0);

    // Item 32: Delete item removes that colour line only.
    await screen.cartRows.nth(2).getByRole('button').click();
    await page.getByTestId('edit-line').getByRole('button', { name: 'Delete item' }).click();
    await page.getByTestId('edit-line').waitFor({ state: 'detached' });
    expect(await screen.cartTable()).toEqual([
      ['Lace Bra X ANY · Any Color', '32B/3, F2/1', '4'],
      ['Tri Slip A · Alpha', 'S/2', '2'],
      ['Tri Slip C', 'S/1', '1'],
    ]);

    // Item 36: placing the order plays the chime (and nothing before it).
    expect(await page.evaluate(() => (window as { __domsSounds?: string[] }).__domsSounds)).toEqual([]);
    await screen.pickPartyByKeyboard('asha');
    const number = await screen.placeOrder('');
    const stored = Object.values((await stack.rest('GET', '/orders.json')) as Record<string, Rec>).find((o) => o['number'] === number);
    expect(stored?.['lines']).toEqual(storeLines([
      { productId: newId as ProductId, color: 'ANY', size: '32B', qty: 3 },
      { productId: newId as ProductId, color: 'ANY', size: 'F2', qty: 1 },
      { productId: 'P-TRI' as ProductId, color: 'A', size: 'S', qty: 2 },
      { productId: 'P-TRI' as ProductId, color: 'C', size: 'S', qty: 1 },
    ]));
    await expect.poll(() => page.evaluate(() => (window as { __domsSounds?: string[] }).__domsSounds)).toEqual(['chime']);
    expect(dialogs).toEqual([]);
  }, 120_000);

  it('gives two devices placing at the same moment consecutive, distinct numbers and stores both orders', async () => {
    const { stack } = app();
    const devices = await Promise.all([newOrderScreen(await member(stack, 'Desk One')), newOrderScreen(await member(stack, 'Desk Two'))]);
    for (const [i, { screen }] of devices.entries()) {
      await screen.pickPartyByKeyboard(i === 0 ? 'asha' : 'ravi');
      await screen.pickProductByKeyboard('cotton tee');
      await screen.cell('RED', 'S').fill(String(i + 1));
      await screen.cell('RED', 'S').press('Enter');
      await screen.cartRows.first().waitFor();
      await screen.processButton.click();
      await screen.summary.waitFor();
    }
    const before = (await stack.rest('GET', '/counters/orderNumber.json')) as number;
    const ordersBefore = await stack.childCount('orders');
    await Promise.all(devices.map(({ screen }) => screen.summary.getByRole('button', { name: 'Place order' }).click()));
    const numbers = await Promise.all(
      devices.map(async ({ screen }) => {
        await screen.placed.waitFor({ timeout: 20_000 });
        return (await screen.placed.getByTestId('order-number').innerText()).trim();
      }),
    );
    expect([...numbers].sort()).toEqual([`K${before + 1}`, `K${before + 2}`].sort());
    expect(await stack.rest('GET', '/counters/orderNumber.json')).toBe(before + 2);
    expect(await stack.childCount('orders')).toBe(ordersBefore + 2);
    const orders = Object.values((await stack.rest('GET', '/orders.json')) as Record<string, Rec>);
    for (const [i, n] of numbers.entries()) {
      expect(orders.filter((o) => o['number'] === n)).toEqual([expect.objectContaining({ partyName: i === 0 ? 'ASHA TRADERS' : 'RAVI STORES', lines: storeLines([{ productId: 'P-TEE' as ProductId, color: 'RED', size: 'S', qty: i + 1 }]) })]);
    }
    for (const { dialogs } of devices) expect(dialogs).toEqual([]);
  });
});
