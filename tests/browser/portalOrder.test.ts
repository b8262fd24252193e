/**
 * The retailer portal's ordering in Chromium against the real stack, on a 390 × 844 phone: Home
 * with the firm, Place order with the shared catalogue search and colour × size grid showing
 * availability (bands by default, exact quantities once the admin chooses so), the cart in
 * IndexedDB, the review step marking lines above stock, sending through the rules, the order in
 * `retailerOrders` and on the admin's Approvals screen; bad input refused with messages naming the
 * field; Reorder with a product removed meanwhile.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApprovalsPage } from './pages/ApprovalsPage.ts';
import { PlaceOrderPage } from './pages/PlaceOrderPage.ts';
import { RetailerHomePage } from './pages/RetailerHomePage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { member, seedBusiness } from './support/business.ts';
import { launchChromium } from './support/chromium.ts';
import { watchIndexWarnings } from './support/indexWarnings.ts';
import { AppStack, type Account } from './support/stack.ts';

let browser: Browser | undefined;
let stack: AppStack | undefined;
let admin: Account;
const contexts: BrowserContext[] = [];
const indexWarnings: string[] = [];

function app(): { browser: Browser; stack: AppStack } {
  if (browser === undefined || stack === undefined) throw new Error('stack not started');
  return { browser, stack };
}

type Stored = { retailerUid: string; partyId: string; note: string; reference?: string; status: string; lines: { productId: string; color: string; size: string; qty: number }[] };
const ordersOf = async (uid: string): Promise<[string, Stored][]> =>
  Object.entries(((await app().stack.rest('GET', '/retailerOrders.json')) ?? {}) as Record<string, Stored>).filter(([, o]) => o.retailerUid === uid);

async function retailer(name: string, partyId = 'party-asha'): Promise<Account> {
  const a = await app().stack.createAccount('retailer');
  await app().stack.rest('PUT', `/users/${a.uid}.json`, { name, email: a.email, role: 'retailer', status: 'active', partyId });
  return a;
}

async function signedIn(account: Account, url: string, viewport = { width: 390, height: 844 }): Promise<Page> {
  const context = await app().browser.newContext({ viewport, hasTouch: viewport.width < 600 });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  contexts.push(context);
  const page = await context.newPage();
  watchIndexWarnings(page, indexWarnings);
  await page.addInitScript(() => localStorage.setItem('doms.dispatchReminders.lastRun', String(Date.now())));
  await (await new SignInPage(page).open(url)).signIn(account.email, account.password);
  return page;
}

/** Signs `account` in to the portal and opens Place order from Home's action. */
async function placeOrderOf(account: Account): Promise<{ page: Page; home: RetailerHomePage; order: PlaceOrderPage }> {
  const page = await signedIn(account, app().stack.retailerUrl);
  const home = new RetailerHomePage(page);
  await expect.poll(() => home.partyName.innerText(), { timeout: 15_000 }).toBe('ASHA TRADERS');
  await home.actions.filter({ hasText: 'Place order' }).click();
  const order = new PlaceOrderPage(page);
  await order.screen.waitFor();
  return { page, home, order };
}

beforeAll(async () => {
  browser = await launchChromium();
  stack = await AppStack.start(inject('authEmulatorHost'));
  await seedBusiness(stack);
  await stack.rest('PATCH', '/parties/party-asha.json', { gstin: '30AABCU9603R1ZM' });
  admin = await member(stack, 'Anil Admin', 'admin');
}, 120_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  expect(indexWarnings.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('Place order on a phone (390 × 844)', () => {
  it('searches, fills the grid, reviews and sends; the order is in retailerOrders and on the admin’s Approvals', async () => {
    const asha = await retailer('Asha Owner');
    const { page, home, order } = await placeOrderOf(asha);
    // Home showed the firm, with its GSTIN, and the actions.
    await page.goBack();
    expect(await home.gstin.innerText()).toBe('GSTIN 30AABCU9603R1ZM');
    expect(await home.actions.allInnerTexts()).toEqual(expect.arrayContaining(['Place order', 'Stock check', 'Your orders']));
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await home.actions.filter({ hasText: 'Place order' }).click();

    await order.pick('tee', 'Cotton Tee');
    // Bands by default: RED M has 120 (in stock), RED L none, NVY L 2 (low).
    expect(await order.availability('RED', 'M').innerText()).toBe('In stock');
    expect(await order.availability('RED', 'L').innerText()).toBe('Out of stock');
    await order.cell('RED', 'M').fill('3');
    await order.cell('RED', 'L').fill('2');
    await order.chip('NVY').click();
    expect(await order.availability('NVY', 'L').innerText()).toBe('Low');
    await order.addToCart();
    await order.pick('comfort', 'Comfort Bra');
    await order.cell('BLK', '32B').fill('4');
    await order.cell('BLK', '32B').press('Enter'); // Enter adds to the cart, as in the staff app
    await expect.poll(() => order.cartRows.count()).toBe(2);
    await order.reference.fill('PO-77');
    await order.note.fill('Deliver Monday');

    await order.openReview();
    await order.review.waitFor();
    expect(await order.reviewTable()).toEqual([
      ['Cotton Tee', 'RED', 'M', '3', 'In stock'],
      ['Cotton Tee', 'RED', 'L', '2', 'Out of stock · more than available'],
      ['Comfort Bra', 'BLK', '32B', '4', 'Low'],
    ]);
    expect(await order.reviewLines.and(page.locator('[data-over="true"]')).count()).toBe(1);
    expect(await page.getByTestId('review-total').innerText()).toBe('9');
    expect(await page.getByTestId('review-reference').innerText()).toBe('PO-77');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.getByRole('button', { name: 'Send order' }).click();
    await order.sent.waitFor();
    expect(await order.cartRows.count()).toBe(0);

    const stored = await ordersOf(asha.uid);
    expect(stored).toHaveLength(1);
    const [id, o] = stored[0] as [string, Stored];
    expect(o).toMatchObject({ partyId: 'party-asha', status: 'submitted', reference: 'PO-77', note: 'Deliver Monday' });
    expect(o.lines).toEqual([
      { productId: 'P-TEE', color: 'RED', size: 'M', qty: 3 },
      { productId: 'P-TEE', color: 'RED', size: 'L', qty: 2 },
      { productId: 'P-BRA', color: 'BLK', size: '32B', qty: 4 },
    ]);
    expect(await app().stack.rest('GET', `/retailerAwaiting/${asha.uid}.json`)).toEqual({ submitted: 1, by: id });

    // The retailer's Home lists it, waiting; the admin sees it on Approvals.
    await page.goBack();
    await expect.poll(() => home.order(id).getByTestId('your-order-status').innerText(), { timeout: 10_000 }).toBe('Waiting for approval');
    const staffPage = await signedIn(admin, app().stack.staffUrl, { width: 1280, height: 900 });
    const approvals = await new ApprovalsPage(staffPage).open();
    await expect.poll(() => approvals.cardIds(), { timeout: 15_000 }).toContain(id);
  }, 120_000);

  it('the admin chooses exact quantities in Settings (Stock) and the retailer’s grid shows them, live', async () => {
    const { order } = await placeOrderOf(await retailer('Exact Eve'));
    await order.pick('tee', 'Cotton Tee');
    expect(await order.availability('RED', 'M').innerText()).toBe('In stock');
    const staffPage = await signedIn(admin, `${app().stack.staffUrl}#/stock`, { width: 1280, height: 900 });
    await staffPage.getByTestId('retailer-stock-setting').getByLabel(/Exact quantities/).check();
    await expect.poll(() => order.availability('RED', 'M').innerText(), { timeout: 5000 }).toBe('120 left');
    await staffPage.getByTestId('retailer-stock-setting').getByLabel(/Bands only/).check();
    await expect.poll(() => order.availability('RED', 'M').innerText(), { timeout: 5000 }).toBe('In stock');
  }, 90_000);
});

describe('bad input is refused by the UI with the field named', () => {
  it('cells take whole numbers up to 100,000 only; long or HTML text and a removed product are named at review; the cart survives a reload', async () => {
    const { page, order } = await placeOrderOf(await retailer('Bad Input Bala'));
    await order.pick('tee', 'Cotton Tee');
    const cell = order.cell('RED', 'M');
    for (const [typed, shown] of [
      ['-5', '5'],
      ['1.5', '15'],
      ['0', ''],
      ['250000', '100000'],
    ] as const) {
      await cell.fill(typed);
      expect(await cell.inputValue(), typed).toBe(shown);
    }
    await cell.fill('2');
    await order.addToCart();
    await order.note.fill('x'.repeat(501));
    await order.reference.fill('R'.repeat(41));
    await order.openReview();
    await expect.poll(() => order.problems.innerText()).toContain('Your reference: must be at most 40 characters');
    expect(await order.problems.innerText()).toContain('Note: must be at most 500 characters');
    expect(await order.review.count()).toBe(0);

    await order.note.fill('<img src=x onerror="window.pwned=1">');
    await order.reference.fill('PO-1');
    await order.openReview();
    await expect.poll(() => order.problems.innerText()).toBe('Note: must not contain HTML such as <b>');

    // The cart (lines, reference, note) is in IndexedDB: a reload keeps it.
    await page.reload();
    await order.screen.waitFor();
    await expect.poll(() => order.cartRows.count()).toBe(1);
    expect(await order.reference.inputValue()).toBe('PO-1');

    // The product leaves the catalogue while it is in the cart: review names the line.
    await order.note.fill('');
    await app().stack.rest('PATCH', '/catalog/P-TEE.json', { active: false, updatedAt: { '.sv': 'timestamp' } });
    await order.openReview();
    await expect.poll(() => order.problems.innerText()).toBe('Line 1 product: Cotton Tee is no longer sold');
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await app().stack.rest('PATCH', '/catalog/P-TEE.json', { active: true, updatedAt: { '.sv': 'timestamp' } });
  }, 90_000);
});

describe('Reorder', () => {
  it('puts a past order’s lines in the cart and marks the line whose product was removed meanwhile', async () => {
    const ravi = await retailer('Reorder Ravi');
    await app().stack.rest('PUT', '/catalog/P-OLD.json', { name: 'Old Vest', sizes: ['M'], colors: [{ code: 'BLK', name: 'Black', swatch: '#111111' }], active: true, updatedAt: { '.sv': 'timestamp' } });
    await app().stack.rest('PUT', '/retailerOrders/r-past.json', {
      retailerUid: ravi.uid,
      partyId: 'party-asha',
      note: '',
      createdAt: Date.now() - 86_400_000,
      status: 'rejected',
      rejectReason: 'Closed for Diwali',
      lines: [
        { productId: 'P-TEE', color: 'NVY', size: 'L', qty: 6 },
        { productId: 'P-OLD', color: 'BLK', size: 'M', qty: 2 },
      ],
    });
    const page = await signedIn(ravi, app().stack.retailerUrl);
    const home = new RetailerHomePage(page);
    const reorder = home.order('r-past').getByTestId('reorder');
    await expect.poll(() => reorder.isEnabled(), { timeout: 15_000 }).toBe(true);
    // The admin removes the product (with its tombstone) while the retailer looks at the order.
    await app().stack.rest('PATCH', '/.json', { 'catalog/P-OLD': null, 'gone/catalog/P-OLD': { '.sv': 'timestamp' } });
    await page.waitForTimeout(300); // the portal's live catalogue hears of it
    await reorder.click();
    const order = new PlaceOrderPage(page);
    await order.screen.waitFor();
    await expect.poll(() => order.cartRows.allInnerTexts()).toEqual([expect.stringContaining('Cotton Tee NVY · L/6')]);
    expect(await order.gone.getByTestId('gone-line').allInnerTexts()).toEqual(['A product BLK M × 2: is no longer in the catalogue']);
  }, 90_000);
});

/** The keys of the copies saved on the device (IndexedDB doms-snapshots), once the app has created the store. */
const savedCopies = (page: Page): Promise<string[]> =>
  page.evaluate(
    () =>
      new Promise<string[]>((done, fail) => {
        const open = indexedDB.open('doms-snapshots');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const keys = db.transaction('snapshots').objectStore('snapshots').getAllKeys();
          keys.onsuccess = () => {
            db.close();
            done(keys.result.map(String));
          };
          keys.onerror = () => fail(keys.error);
        };
      }),
  );

describe('a signed-in phone opens on what it saved, before Firebase Auth has confirmed the session', () => {
  it('Place order is usable from the saved catalogue while the session check is held; then it is live', async () => {
    const held = await retailer('Held Lookup');
    const { page } = await placeOrderOf(held);
    // Place order saved the catalogue for this retailer (at most every 3 s, when idle).
    await expect.poll(() => savedCopies(page), { timeout: 10_000 }).toContain(`${held.uid}|catalog`);
    expect(JSON.parse((await page.evaluate(() => localStorage.getItem('doms-session'))) ?? 'null')).toEqual({ uid: held.uid, email: held.email });

    // A new tab: Firebase Auth's check of the saved session (accounts:lookup) does not answer until released.
    const tab = await page.context().newPage();
    let release = (): void => undefined;
    const answer = new Promise<void>((done) => (release = done));
    let lookups = 0;
    await tab.route('**/accounts:lookup*', async (route) => {
      lookups++;
      await answer;
      await route.continue();
    });
    await tab.goto(`${app().stack.retailerUrl}#/order`);
    const order = new PlaceOrderPage(tab);
    await order.searchBox.waitFor();
    await order.pick('tee', 'Cotton Tee');
    await order.cell('RED', 'M').fill('2');
    await expect.poll(() => lookups).toBe(1);
    // Still unconfirmed: everything above came from this device.
    expect(await tab.evaluate(() => document.body.innerText)).toContain('Cotton Tee');

    release();
    // Confirmed and connected: a catalogue change arrives live.
    await app().stack.rest('PATCH', '/catalog/P-TEE.json', { name: 'Cotton Tee Round Neck' });
    await expect.poll(() => tab.getByTestId('portal-grid').innerText(), { timeout: 10_000 }).toContain('Cotton Tee Round Neck');
  }, 90_000);

  it('a session Firebase refuses (the account was deleted) ends on sign-in, and the saved copies and the remembered user are deleted', async () => {
    const gone = await retailer('Deleted Account');
    const { page } = await placeOrderOf(gone);
    await expect.poll(() => savedCopies(page), { timeout: 10_000 }).toContain(`${gone.uid}|catalog`);
    const context = page.context();
    await page.close();

    const tab = await context.newPage();
    await tab.route('**/accounts:lookup*', (route) => route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 400, message: 'USER_NOT_FOUND', errors: [{ message: 'USER_NOT_FOUND', reason: 'invalid' }] } }) }));
    await tab.goto(`${app().stack.retailerUrl}#/order`);
    await tab.getByLabel('Email', { exact: true }).waitFor({ timeout: 15_000 });
    expect(await tab.getByTestId('place-order').count()).toBe(0);
    expect(await tab.evaluate(() => localStorage.getItem('doms-session'))).toBeNull();
    await expect.poll(() => savedCopies(tab), { timeout: 10_000 }).toEqual([]);
  }, 90_000);
});
