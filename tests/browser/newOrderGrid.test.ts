import type { ProductId } from '../../src/domain/types.ts';
import { storeLines } from '../../src/domain/orderRecords.ts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { NewOrderPage } from './pages/NewOrderPage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { member, seedBusiness } from './support/business.ts';
import { launchChromium } from './support/chromium.ts';
import { AppStack } from './support/stack.ts';

let browser: Browser | undefined;
let stack: AppStack | undefined;
const contexts: BrowserContext[] = [];

function app(): { browser: Browser; stack: AppStack } {
  if (browser === undefined || stack === undefined) throw new Error('stack not started');
  return { browser, stack };
}

/** A product of five colours and eight sizes: the grid that must fit a desktop and work on a phone. */
const COLOURS = [
  { code: 'BLK', name: 'Black', swatch: '#111111' },
  { code: 'WHT', name: 'White', swatch: '#ffffff' },
  { code: 'RED', name: 'Red', swatch: '#c0392b' },
  { code: 'NVY', name: 'Navy', swatch: '#1f2a44' },
  { code: 'GRN', name: 'Bottle Green', swatch: '#14532d #ffffff' },
];
const SIZES = ['XS', 'S', 'M', 'L', 'XL', '2XL', '3XL', '4XL'];

beforeAll(async () => {
  browser = await launchChromium();
  stack = await AppStack.start(inject('authEmulatorHost'));
  await seedBusiness(stack);
  await stack.rest('PUT', '/catalog/P-FIVE.json', { name: 'Five Colour Brief', sizes: SIZES, colors: COLOURS, active: true, updatedAt: { '.sv': 'timestamp' } });
  await stack.rest('PUT', '/stock/P-FIVE~RED~M.json', { productId: 'P-FIVE', color: 'RED', size: 'M', qty: 7, updatedAt: Date.now(), ledgerId: 'fixture-five' });
}, 180_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

type Size = { width: number; height: number };
type Box = Size & { x: number; y: number };

/** A signed-in staff member on New order in a fresh profile of the given size. */
async function newOrderScreen(name: string, viewport: Size, isPhone = false): Promise<{ page: Page; screen: NewOrderPage }> {
  const staff = await member(app().stack, name);
  const context = await app().browser.newContext({ viewport, isMobile: isPhone, hasTouch: isPhone });
  contexts.push(context);
  const page = await context.newPage();
  await (await new SignInPage(page).open(`${app().stack.staffUrl}#/new`)).signIn(staff.email, staff.password);
  const screen = new NewOrderPage(page);
  await screen.screen.waitFor({ timeout: 20_000 });
  return { page, screen };
}

/** Whether the page scrolls sideways. */
const scrollsSideways = (page: Page): Promise<boolean> => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** Where every element the locator matches is drawn. */
async function boxes(locator: ReturnType<Page['locator']>): Promise<Box[]> {
  return Promise.all((await locator.all()).map(async (l) => (await l.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 }));
}

type Rec = Record<string, unknown>;

describe('New order grid in Chromium', () => {
  it('takes an order from party to placed without the mouse in at most 18 key presses', async () => {
    const { page, screen } = await newOrderScreen('Key Staff', { width: 1280, height: 800 });
    const before = await app().stack.childCount('orders');
    let keys = 0;
    const press = async (key: string) => {
      keys++;
      await page.keyboard.press(key);
    };
    const type = async (text: string) => {
      for (const ch of text) await press(ch);
    };
    const inParty = () => page.evaluate(() => document.activeElement?.closest('[data-testid="party-search"]') !== null);
    const inProduct = () => page.evaluate(() => document.activeElement?.closest('[data-testid="product-search"]') !== null);

    // The screen opens with the focus in Party (a desktop: nothing else was focused).
    await expect.poll(inParty, { timeout: 10_000 }).toBe(true);
    await type('ravi');
    await expect.poll(() => screen.partyOptions.allInnerTexts()).toEqual(['RAVI STORES - PONDA']);
    await press('Enter'); // picks the party and moves on to Product
    await expect.poll(inProduct).toBe(true);
    expect(await screen.partyBox.inputValue()).toBe('RAVI STORES - PONDA');
    await type('tee');
    await expect.poll(() => screen.productOptions.allInnerTexts()).toEqual(['Cotton Tee']);
    await press('Enter'); // picks the product; the focus goes to its first cell
    await expect.poll(() => screen.focusedLabel()).toBe('RED S');
    await type('2');
    await press('Tab');
    await type('3');
    await press('ArrowDown');
    await type('1');
    await expect.poll(() => screen.gridTotal.innerText()).toBe('6');
    await press('Enter'); // adds to the cart and goes back to Product search
    await expect.poll(() => screen.cartTable()).toEqual([
      ['Cotton Tee RED · Red', 'S/2, M/3', '5'],
      ['Cotton Tee NVY · Navy', 'M/1', '1'],
    ]);
    await expect.poll(inProduct).toBe(true);
    await press('Control+Enter'); // the summary, with the focus in the note
    await screen.summary.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-keyshortcuts'))).toBe('Control+Enter');
    await press('Control+Enter'); // places the order
    await screen.placed.waitFor({ timeout: 20_000 });
    const number = (await screen.placed.getByTestId('order-number').innerText()).trim();
    await press('Escape'); // closes the confirmation; a new order starts at Party
    await screen.placed.waitFor({ state: 'detached' });
    await expect.poll(inParty).toBe(true);
    expect(keys).toBeLessThanOrEqual(18);

    expect(await app().stack.childCount('orders')).toBe(before + 1);
    const orders = Object.values((await app().stack.rest('GET', '/orders.json')) as Record<string, Rec>);
    expect(orders.filter((o) => o['number'] === number)).toEqual([
      expect.objectContaining({
        partyName: 'RAVI STORES',
        source: 'staff',
        lines: storeLines([
          { productId: 'P-TEE' as ProductId, color: 'RED', size: 'S', qty: 2 },
          { productId: 'P-TEE' as ProductId, color: 'RED', size: 'M', qty: 3 },
          { productId: 'P-TEE' as ProductId, color: 'NVY', size: 'M', qty: 1 },
        ]),
      }),
    ]);
  }, 90_000);

  it('resets party, product, grid and note after Place order; / jumps to Product except while typing text', async () => {
    const { page, screen } = await newOrderScreen('Reset Staff', { width: 1280, height: 800 });
    const inProduct = () => page.evaluate(() => document.activeElement?.closest('[data-testid="product-search"]') !== null);

    // `/` in a text box types a slash; in a quantity cell or on the page it jumps to Product.
    await screen.partyBox.fill('A/B');
    await screen.partyBox.press('/');
    expect(await screen.partyBox.inputValue()).toBe('A/B/');
    await screen.pickPartyByKeyboard('asha');
    await screen.pickProductByKeyboard('comfort bra');
    await screen.cell('BLK', '32B').fill('4');
    await screen.cell('BLK', '32B').press('/');
    await expect.poll(inProduct).toBe(true);
    expect(await screen.cell('BLK', '32B').inputValue()).toBe('4');
    await screen.screen.getByRole('heading', { name: 'New order' }).click();
    await page.keyboard.press('/');
    await expect.poll(inProduct).toBe(true);
    expect(await screen.productBox.inputValue()).toBe('Comfort Bra');

    await screen.cell('BLK', '32B').press('Enter');
    await screen.cartRows.first().waitFor();
    await screen.cell('SKN', '34B').fill('5'); // typed but not added: it must not outlive the order
    const number = await screen.placeOrder('Ring before delivery');
    expect(number).toMatch(/^K\d+$/);

    // Behind the confirmation the form is already empty.
    expect(await screen.partyBox.inputValue()).toBe('');
    expect(await screen.productBox.inputValue()).toBe('');
    expect(await screen.grid.count()).toBe(0);
    expect(await screen.cartRows.count()).toBe(0);
    await screen.placed.getByRole('button', { name: 'New order' }).click();
    await screen.placed.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="party-search"]') !== null)).toBe(true);

    // The same product again starts from an empty grid, and the note is gone too.
    await screen.pickProductByKeyboard('comfort bra');
    expect(await screen.cell('SKN', '34B').inputValue()).toBe('');
    expect(await screen.gridTotal.innerText()).toBe('0');
    await screen.cell('SKN', '36B').fill('1');
    await screen.cell('SKN', '36B').press('Enter');
    await screen.cartRows.first().waitFor();
    await screen.processButton.click();
    expect(await screen.noteBox.inputValue()).toBe('');
    expect(await screen.summary.getByTestId('summary-party').innerText()).toBe('none chosen');
  }, 90_000);

  it('fits a five-colour, eight-size grid on a 1280×800 desktop with every cell in view', async () => {
    const { page, screen } = await newOrderScreen('Desk Staff', { width: 1280, height: 800 });
    await screen.pickProductByKeyboard('five colour');
    await expect.poll(() => screen.focusedLabel()).toBe('BLK XS');
    expect(await screen.cells.count()).toBe(40);
    expect(await screen.stockOf('RED', 'M').innerText()).toBe('stock 7');
    expect(await screen.stockOf('RED', 'L').innerText()).toBe('no stock');
    // Every cell, row total and the grand total is drawn on screen and on top (not under the
    // header, the bottom bar or a list): what elementFromPoint finds at its centre is itself.
    const hidden = await page.evaluate(() => {
      const grid = document.querySelector('[data-testid="quantity-grid"]');
      const targets = [...(grid?.querySelectorAll<HTMLElement>('input[data-cell], .matrix-grid__row-total, [data-testid="grid-total"]') ?? [])];
      return targets
        .filter((el) => {
          const r = el.getBoundingClientRect();
          const inView = r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return !inView || hit === null || !el.contains(hit);
        })
        .map((el) => el.getAttribute('aria-label') ?? el.textContent);
    });
    expect(hidden).toEqual([]);
    expect(await page.evaluate(() => scrollY)).toBe(0);
    expect(await scrollsSideways(page)).toBe(false);
    // Colours are rows and sizes columns: a colour's cells share a line, a size's cells a column.
    const blk = await boxes(screen.grid.getByTestId('colour-BLK').locator('input[data-cell]'));
    expect(new Set(blk.map((b) => Math.round(b.y))).size).toBe(1);
    const xs = await boxes(screen.grid.locator('input[data-cell$=":0"]'));
    expect(xs).toHaveLength(5);
    expect(new Set(xs.map((b) => Math.round(b.x))).size).toBe(1);
  }, 90_000);

  it('shows one colour at a time on a 390×844 phone, switched with chips, big cells and no sideways scroll', async () => {
    const { page, screen } = await newOrderScreen('Phone Staff', { width: 390, height: 844 }, true);
    await screen.pickProductByKeyboard('five colour');
    const shown = screen.cells.filter({ visible: true });
    await expect.poll(() => shown.count()).toBe(8);
    expect(await screen.cell('BLK', 'XS').isVisible()).toBe(true);
    expect(await screen.cell('WHT', 'XS').isVisible()).toBe(false);
    for (const c of COLOURS) expect(await screen.chip(c.code).isVisible()).toBe(true);

    // Thumbs: every chip, cell and size label at least 44 px each way.
    const small = (boxes: Size[]) => boxes.filter((b) => b.width < 44 || b.height < 44);
    expect(small(await boxes(screen.grid.locator('.matrix-grid__chip')))).toEqual([]);
    expect(small(await boxes(shown))).toEqual([]);
    expect(small(await boxes(screen.grid.locator('.matrix-cell__label').filter({ visible: true })))).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);

    // Type in Black: a digit, two taps (+1 each) and a long press (back to 0).
    await screen.cell('BLK', 'M').fill('3');
    await screen.sizeLabel('BLK', 'L').click();
    await screen.sizeLabel('BLK', 'L').click();
    await screen.sizeLabel('BLK', 'XL').click();
    await screen.longPress('BLK', 'XL');
    expect(await screen.cell('BLK', 'L').inputValue()).toBe('2');
    expect(await screen.cell('BLK', 'XL').inputValue()).toBe('');
    await expect.poll(() => screen.chipTotal('BLK').innerText()).toBe('5');

    // Switch to Red: only Red's cells show; its stock is under the cell; Black keeps its 5.
    await screen.chip('RED').click();
    await expect.poll(() => screen.cell('RED', 'M').isVisible()).toBe(true);
    expect(await screen.cell('BLK', 'M').isVisible()).toBe(false);
    expect(await shown.count()).toBe(8);
    expect(await screen.chip('RED').getAttribute('aria-pressed')).toBe('true');
    expect(await screen.stockOf('RED', 'M').innerText()).toBe('stock 7');
    await screen.cell('RED', 'S').fill('4');
    expect(await screen.chipTotal('RED').innerText()).toBe('4');
    expect(await screen.chipTotal('BLK').innerText()).toBe('5');
    expect(await screen.gridTotal.innerText()).toBe('9');
    await screen.chip('BLK').click();
    await expect.poll(() => screen.cell('BLK', 'M').inputValue()).toBe('3');

    // An arrow down from a colour shows the next one.
    await screen.cell('BLK', 'S').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => screen.focusedLabel()).toBe('WHT S');
    expect(await screen.chip('WHT').getAttribute('aria-pressed')).toBe('true');

    await screen.cell('WHT', 'S').press('Enter');
    await expect.poll(() => screen.cartTable()).toEqual([
      ['Five Colour Brief BLK · Black', 'M/3, L/2', '5'],
      ['Five Colour Brief RED · Red', 'S/4', '4'],
    ]);
    expect(await scrollsSideways(page)).toBe(false);
    await page.setViewportSize({ width: 360, height: 740 });
    await screen.pickProductByKeyboard('five colour');
    await expect.poll(() => shown.count()).toBe(8);
    expect(await scrollsSideways(page)).toBe(false);
  }, 90_000);
});
