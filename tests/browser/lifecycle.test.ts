/**
 * The whole path through the staff app, as two people on two devices would do it, with no
 * reloads: a new order → pending → a partial send → billing with hand-scanner (keyboard-wedge)
 * scans → sent. After every step the database is read back and the order's conservation law and
 * the stock law are checked, and the other device's screen is checked for the change.
 */
import { AppNav } from './pages/AppNav.ts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { barcodeKey } from '../../src/domain/barcodes.ts';
import type { OrderId } from '../../src/domain/types.ts';
import { ledgerSchema } from '../../src/domain/validate.ts';
import { BillingPage } from './pages/BillingPage.ts';
import { NewOrderPage } from './pages/NewOrderPage.ts';
import { PendingPage } from './pages/PendingPage.ts';
import { SentPage } from './pages/SentPage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { StaffHomePage } from './pages/StaffHomePage.ts';
import { member, seedBusiness, sku, STOCK } from './support/business.ts';
import { launchChromium } from './support/chromium.ts';
import { children, expectLawsHold, readState, sentOf } from './support/laws.ts';
import { AppStack, type Account } from './support/stack.ts';

const CODE_32B = '8901000000011';
const CODE_34B = '8901000000028';
const BLK32 = sku('P-BRA', 'BLK', '32B');
const BLK34 = sku('P-BRA', 'BLK', '34B');

let browser: Browser | undefined;
let stack: AppStack | undefined;
const contexts: BrowserContext[] = [];
let orderId: OrderId | undefined;
let packer: Page | undefined; // device A: takes the order, picks, bills
let office: Page | undefined; // device B: watches

function app(): { stack: AppStack; a: Page; b: Page; id: () => OrderId } {
  if (stack === undefined || packer === undefined || office === undefined) throw new Error('not started');
  return {
    stack,
    a: packer,
    b: office,
    id: () => {
      if (orderId === undefined) throw new Error('no order placed yet');
      return orderId;
    },
  };
}

async function device(account: Account, hash: string): Promise<Page> {
  if (browser === undefined || stack === undefined) throw new Error('not started');
  const context = await browser.newContext({ viewport: { width: 1000, height: 1000 }, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000); // a missing element fails its step with its locator, not the test's timeout
  page.setDefaultNavigationTimeout(30_000); // loading the app on a busy machine is not a missing element
  page.on('dialog', (d) => void d.dismiss()); // a native alert or confirm would be a bug: none is used
  await (await new SignInPage(page).open(`${stack.staffUrl}${hash}`)).signIn(account.email, account.password);
  await new StaffHomePage(page).userName.waitFor({ timeout: 20_000 });
  return page;
}

const tab = (page: Page, name: string) => new AppNav(page).goTo(name);
const stockQty = async (id: string): Promise<number> => ((await app().stack.rest('GET', `/stock/${id}/qty.json`)) as number | null) ?? 0;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await AppStack.start(inject('authEmulatorHost'));
  await seedBusiness(stack);
  const [asha, meena] = [await member(stack, 'Asha Packer'), await member(stack, 'Meena Office')];
  const at = Date.now();
  await stack.rest('PUT', '/barcodes.json', {
    [barcodeKey(CODE_32B)]: { code: CODE_32B, skuId: BLK32, productId: 'P-BRA', color: 'BLK', size: '32B', updatedAt: at, updatedBy: asha.uid },
    [barcodeKey(CODE_34B)]: { code: CODE_34B, skuId: BLK34, productId: 'P-BRA', color: 'BLK', size: '34B', updatedAt: at, updatedBy: asha.uid },
  });
  packer = await device(asha, '#/new');
  office = await device(meena, '#/home');
}, 120_000);

afterAll(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  await browser?.close();
  await stack?.stop();
});

describe('an order from start to sent, across two devices, with the laws checked after every step', () => {
  it('1. takes the order on device A; device B sees it pending; stock untouched', async () => {
    const { stack, a, b } = app();
    const screen = new NewOrderPage(a);
    await screen.screen.waitFor();
    await screen.pickPartyByKeyboard('asha');
    await screen.pickProductByKeyboard('comfort bra');
    await screen.cell('BLK', '32B').click();
    await a.keyboard.type('3');
    await a.keyboard.press('Tab');
    await a.keyboard.type('2');
    await a.keyboard.press('Enter');
    await expect.poll(() => screen.cartTable()).toEqual([['Comfort Bra BLK · Black', '32B/3, 34B/2', '5']]);
    expect(await screen.placeOrder('first order')).toBe('K1');
    await a.keyboard.press('Escape'); // closes the confirmation, as a keyboard user would
    await screen.placed.waitFor({ state: 'detached' });

    const orders = (await stack.rest('GET', '/orders.json')) as Record<string, { number: string }>;
    const ids = Object.keys(orders);
    expect(ids).toHaveLength(1);
    orderId = ids[0] as OrderId;
    expect(orders[orderId]?.number).toBe('K1');
    await expect.poll(() => new StaffHomePage(b).visibleCounts(), { timeout: 5_000 }).toMatchObject({ Pending: 1, 'In billing': 0, 'Sent today': 0 });
    expect(await stockQty(BLK32)).toBe(STOCK[BLK32]);
    await expectLawsHold(stack, orderId);
  });

  it('2. picks part of it and sends that part to billing; the rest stays pending', async () => {
    const { stack, a, b, id } = app();
    const pending = await new PendingPage(a).open();
    await pending.viewButton('Detailed').click();
    await pending.card('K1').waitFor();
    await pending.plus('K1', 'Comfort Bra BLK 32B', 2);
    await pending.plus('K1', 'Comfort Bra BLK 34B', 1);
    await expect.poll(() => pending.saveState('K1').innerText(), { timeout: 10_000 }).toBe('Saved');
    await pending.cardButton('K1', /^Send to billing/).click();
    await pending.dialog.getByRole('button', { name: 'Send 3 pc to billing' }).click();
    await pending.dialog.waitFor({ state: 'detached', timeout: 10_000 });

    const state = await readState(stack, id());
    expect(state.pending?.lines.map((l) => [l.size, l.qty])).toEqual([['32B', 1], ['34B', 1]]);
    expect(state.billing?.lines.map((l) => [l.size, l.qty])).toEqual([['32B', 2], ['34B', 1]]);
    await expect.poll(() => new StaffHomePage(b).visibleCounts(), { timeout: 5_000 }).toMatchObject({ Pending: 1, 'In billing': 1 });
    expect(await stockQty(BLK32)).toBe(STOCK[BLK32]);
    await expectLawsHold(stack, id());
  });

  it('3. bills the billing part with hand-scanner scans: a sent record, stock down with ledger entries', async () => {
    const { stack, a, id } = app();
    await tab(a, 'Billing');
    const billing = new BillingPage(a);
    const panel = await billing.card('K1').openScan();
    await panel.blur();
    for (const code of [CODE_32B, CODE_34B, CODE_32B]) await panel.wedgeScan(code);
    await expect.poll(() => panel.scanned()).toEqual([
      ['Comfort Bra (Black)', '32B', '2'],
      ['Comfort Bra (Black)', '34B', '1'],
    ]);
    await panel.billButton.click();
    await expect.poll(() => billing.toasts('success').allInnerTexts(), { timeout: 10_000 }).toContainEqual(expect.stringMatching(/K1 fully billed/));

    const state = await readState(stack, id());
    expect(state.billing).toBeUndefined();
    const sent = await sentOf(stack, id());
    expect(sent).toHaveLength(1);
    expect(sent[0]?.lines.map((l) => [l.size, l.qty])).toEqual([['32B', 2], ['34B', 1]]);
    expect(await stockQty(BLK32)).toBe((STOCK[BLK32] ?? 0) - 2);
    expect(await stockQty(BLK34)).toBe((STOCK[BLK34] ?? 0) - 1);
    const bills = (await children(stack, 'stockLedger', ledgerSchema)).map(([, e]) => e).filter((e) => e.reason === 'bill');
    expect(bills.map((e) => [e.skuId, e.before, e.delta]).sort()).toEqual([
      [BLK32, STOCK[BLK32], -2],
      [BLK34, STOCK[BLK34], -1],
    ]);
    await expectLawsHold(stack, id());
  });

  it('4. device B sees the sent card live; the rest is still pending, and the laws still hold', async () => {
    const { stack, b, id } = app();
    const sentScreen = await new SentPage(b).open();
    await expect.poll(() => sentScreen.numbers(), { timeout: 5_000 }).toEqual(['K1']);
    expect(await sentScreen.table('K1')).toMatchObject({ total: 3 });
    await tab(b, 'Home');
    await expect.poll(() => new StaffHomePage(b).visibleCounts(), { timeout: 5_000 }).toMatchObject({ Pending: 1, 'In billing': 0, 'Sent today': 1 });
    await expectLawsHold(stack, id());
  });
});
