import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from '../../src/domain/schema.ts';
import { retailerOrderSchema } from '../../src/domain/validate.ts';
import { AppNav } from './pages/AppNav.ts';
import { NoticePage } from './pages/NoticePage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { StaffHomePage } from './pages/StaffHomePage.ts';
import { launchChromium } from './support/chromium.ts';
import { expectedTiles } from './support/homeCounts.ts';
import { AppStack, type Account } from './support/stack.ts';

const DAY = 86_400_000;

let browser: Browser | undefined;
let stack: AppStack | undefined;
const contexts: BrowserContext[] = [];

function app(): { browser: Browser; stack: AppStack } {
  if (browser === undefined || stack === undefined) throw new Error('stack not started');
  return { browser, stack };
}

const order = (partyId: string, n: number, extra: Record<string, number> = {}) => ({ partyId, createdAt: 1_760_000_000_000 + n, lines: { s1: { qty: n } }, ...extra });

beforeAll(async () => {
  browser = await launchChromium(); // first: a missing Chromium fails here with how to install it
  stack = await AppStack.start(inject('authEmulatorHost'));
  const now = Date.now();
  const today = new Date(now).setHours(0, 0, 0, 0);
  // Written as the owner, records with the counters the transitions would have kept for them.
  await stack.rest('PUT', '/orders.json', { o1: order('p1', 1), o2: order('p2', 2), o3: order('p1', 3) });
  await stack.rest('PUT', '/billing.json', { b1: order('p1', 4), b2: order('p2', 5) });
  await stack.rest('PUT', '/counts.json', { orders: { n: 3, by: 'o3' }, billing: { n: 2, by: 'b2' } });
  // Recent activity: one sent today (and two earlier), one deleted this week (one before), three expired this week (one before).
  await stack.rest('PUT', '/sent.json', { s1: order('p1', 6, { billedAt: now }), s2: order('p1', 6, { billedAt: today - 1 }), s3: order('p2', 7, { billedAt: now - 3 * DAY }) });
  await stack.rest('PUT', '/deleted.json', { d1: order('p1', 8, { deletedAt: now - 2 * DAY }), d2: order('p1', 8, { deletedAt: now - 8 * DAY }) });
  await stack.rest('PUT', '/expired.json', {
    e1: order('p1', 7, { expiredAt: now - DAY }),
    e2: order('p1', 8, { expiredAt: now - 5 * DAY }),
    e3: order('p2', 9, { expiredAt: now - 6 * DAY }),
    e4: order('p2', 10, { expiredAt: now - 30 * DAY }),
  });
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function staff(name: string, status: 'active' | 'pending' = 'active'): Promise<Account> {
  const { stack } = app();
  const account = await stack.createAccount('staff');
  await stack.rest('PUT', `/users/${account.uid}.json`, { name, email: account.email, role: 'staff', status });
  return account;
}

/** A new browser profile (its own IndexedDB, so its own session), on the staff app. */
async function device(): Promise<Page> {
  const context = await app().browser.newContext({ viewport: { width: 390, height: 844 } });
  context.setDefaultTimeout(15_000); // a clear failure, not the test's timeout
  context.setDefaultNavigationTimeout(30_000);
  contexts.push(context);
  return context.newPage();
}

async function signedInHome(account: Account, setup?: (page: Page) => Promise<void>): Promise<StaffHomePage> {
  const page = await device();
  await setup?.(page);
  await (await new SignInPage(page).open(app().stack.staffUrl)).signIn(account.email, account.password);
  const home = new StaffHomePage(page);
  await home.userName.waitFor();
  return home;
}

/** The counter `counts/{c}/n` as stored (absent = 0). */
const counter = async (c: 'orders' | 'billing'): Promise<number> => ((await app().stack.rest('GET', `/counts/${c}/n.json`)) as number | null) ?? 0;

/** The counts as a person should see them, by label: the counters, and the records of each recent window. */
const countsInDatabase = (): Promise<Record<string, number>> => expectedTiles((path) => app().stack.rest('GET', `/${path}.json`));

describe('distributor app (index.html) in Chromium', () => {
  it('signs in as staff and shows the pending and billing counters and the recent activity as the database holds them', async () => {
    const home = await signedInHome(await staff('Asha Staff'));
    expect(await home.userName.innerText()).toBe('Asha Staff');
    const expected = await countsInDatabase();
    expect(expected).toEqual({ Pending: 3, 'In billing': 2, 'Sent today': 1, 'Deleted this week': 1, 'Expired this week': 3 });
    await expect.poll(() => home.visibleCounts(), { timeout: 10_000 }).toEqual(expected);
  });

  it('shows "?" for a counter that is not valid, and the count again once it is', async () => {
    const { stack } = app();
    const home = await signedInHome(await staff('Quinn Staff'));
    await expect.poll(() => home.visibleCounts(), { timeout: 10_000 }).toEqual(await countsInDatabase());
    const stored = await stack.rest('GET', '/counts/billing.json');
    await stack.rest('PUT', '/counts/billing.json', { n: 'two', by: 'b2' });
    await expect.poll(() => home.tile('billing').locator('.count-tile__value').innerText(), { timeout: 10_000 }).toBe('?');
    await stack.rest('PUT', '/counts/billing.json', stored);
    await expect.poll(() => home.visibleCounts(), { timeout: 10_000 }).toEqual(await countsInDatabase());
  });

  it('shows a write on every signed-in device within 1 s of its acknowledgement, without a reload', async () => {
    const { stack } = app();
    const [a, b] = await Promise.all([signedInHome(await staff('Device A')), signedInHome(await staff('Device B'))]);
    for (const home of [a, b]) {
      await expect.poll(() => home.visibleCounts(), { timeout: 10_000 }).toEqual(await countsInDatabase());
      await home.page.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));
    }

    /** Writes, then returns per device [ms from sending the write, ms from its ack] to the tile showing it. */
    const timed = async (watches: (() => Promise<number>)[], write: () => Promise<unknown>) => {
      const sent = Date.now();
      await write();
      const acked = Date.now();
      return (await Promise.all(watches.map((seen) => seen()))).map((t) => [t - sent, t - acked] as const);
    };
    // Each write as a transition makes it: the record and its counter in one update.
    const pendingBefore = await counter('orders');
    const added = await timed(await Promise.all([a, b].map((h) => h.watchTile('orders', pendingBefore + 1))), () =>
      stack.rest('PATCH', '/.json', { 'orders/o-new': order('p3', 11), 'counts/orders': { n: pendingBefore + 1, by: 'o-new' } }),
    );
    const billingBefore = await counter('billing');
    const removed = await timed(await Promise.all([a, b].map((h) => h.watchTile('billing', billingBefore - 1))), () =>
      stack.rest('PATCH', '/.json', { 'billing/b1': null, 'counts/billing': { n: billingBefore - 1, by: 'b1' } }),
    );
    const sentBefore = (await countsInDatabase())['Sent today'] ?? 0;
    const billed = await timed(await Promise.all([a, b].map((h) => h.watchTile('sent', sentBefore + 1))), () => stack.rest('PUT', '/sent/s-new.json', order('p3', 12, { billedAt: Date.now() })));

    // Shown with `vitest --silent=false`. Measured from sending the write, which bounds the
    // time from its acknowledgement too (the DOM may even change before the ack arrives).
    console.info(`write → DOM (ms, [from send, from ack] per device): add ${JSON.stringify(added)}; remove ${JSON.stringify(removed)}; bill ${JSON.stringify(billed)}`);
    for (const [fromSend, fromAck] of [...added, ...removed, ...billed]) {
      expect(fromSend).toBeLessThanOrEqual(1000);
      expect(fromAck).toBeLessThanOrEqual(1000);
    }
    const now = await countsInDatabase();
    expect(now).toMatchObject({ Pending: pendingBefore + 1, 'In billing': billingBefore - 1, 'Sent today': sentBefore + 1 });
    for (const home of [a, b]) {
      expect(await home.visibleCounts()).toEqual(now);
      expect(await home.page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
    }
  });

  it('names the field in its error messages and keeps the person on the sign-in form', async () => {
    const account = await staff('Err Staff');
    const page = await device();
    const signIn = await new SignInPage(page).open(app().stack.staffUrl);

    await signIn.submit.click();
    expect(await signIn.error.innerText()).toBe('Email: enter your email address.');
    expect(await signIn.email.getAttribute('aria-invalid')).toBe('true');
    expect(await signIn.email.evaluate((el) => el === document.activeElement)).toBe(true);

    await signIn.signIn(account.email, 'not-the-password');
    await expect.poll(() => signIn.error.innerText(), { timeout: 10_000 }).toBe('Password: the email or the password is wrong.');
    expect(await signIn.password.getAttribute('aria-invalid')).toBe('true');
    expect(await signIn.email.getAttribute('aria-invalid')).toBe('false');
    expect(await page.getByTestId('count-orders').count()).toBe(0);
  });

  it('shows "Waiting for approval" to a pending staff member, then the counts once approved', async () => {
    const { stack } = app();
    const account = await staff('New Joiner', 'pending');
    const page = await device();
    await (await new SignInPage(page).open(stack.staffUrl)).signIn(account.email, account.password);
    const notice = new NoticePage(page);
    await expect.poll(() => notice.title.innerText(), { timeout: 10_000 }).toBe('Waiting for approval');
    expect(await page.getByTestId('count-orders').count()).toBe(0);

    await stack.rest('PATCH', `/users/${account.uid}.json`, { status: 'active' });
    const home = new StaffHomePage(page);
    await expect.poll(() => home.visibleCounts(), { timeout: 10_000 }).toEqual(await countsInDatabase());
    expect(await home.userName.innerText()).toBe('New Joiner');
  });

  it('signs out back to the sign-in form', async () => {
    const home = await signedInHome(await staff('Leaving Staff'));
    await home.signOut();
    const signIn = new SignInPage(home.page);
    await signIn.email.waitFor();
    expect(await home.page.getByTestId('user-name').count()).toBe(0);
    await home.page.reload();
    await signIn.email.waitFor();
    expect(await signIn.password.isVisible()).toBe(true);
  });
  it('greets by the time of day with the avatar initial, and the quick actions open their screens without a reload', async () => {
    /** `hour`:00 yesterday, local: in the past, so sign-in tokens stay valid under the page's fixed clock. */
    const yesterdayAt = (hour: number): number => {
      const d = new Date(Date.now() - 86_400_000);
      d.setHours(hour, 0, 0, 0);
      return d.getTime();
    };
    const home = await signedInHome(await staff('meera Staff'), (page) => page.clock.setFixedTime(yesterdayAt(9)));
    const { page } = home;
    expect(await home.greeting.innerText()).toBe('Good morning, meera Staff');
    expect(await home.avatar.innerText()).toBe('M');
    await page.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));

    const visits: [label: string, hash: string, hour: number, greeting: string][] = [
      ['New order', '#/new', 14, 'Good afternoon'],
      ['Pending', '#/pending', 19, 'Good evening'],
      ['Billing', '#/billing', 11, 'Good morning'],
      ['Stock', '#/stock', 16, 'Good afternoon'],
    ];
    for (const [label, hash, hour, greeting] of visits) {
      await home.quickAction(label).click();
      await page.getByRole('heading', { name: label, level: 1 }).waitFor();
      expect(await page.evaluate(() => location.hash)).toBe(hash);
      expect(await home.greeting.count()).toBe(0);
      await page.clock.setFixedTime(yesterdayAt(hour));
      await home.open();
      expect(await home.greeting.innerText()).toBe(`${greeting}, meera Staff`);
    }
    expect(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
  });

  it('counts the retailer orders awaiting approval live', async () => {
    const { stack } = app();
    const home = await signedInHome(await staff('Approver Staff'));
    await expect.poll(() => home.approvals(), { timeout: 10_000 }).toBe('0');
    const submitted = (n: number) => ({
      retailerUid: 'retailer-1',
      partyId: 'p1',
      note: `order ${n}`,
      lines: [{ productId: 'P-TEE', color: 'RED', size: 'M', qty: n }],
      createdAt: Date.now(),
      status: 'submitted',
    });
    for (const n of [1, 2]) expect(parse(retailerOrderSchema, submitted(n), 'retailerOrders/r').ok).toBe(true);

    await stack.rest('PUT', '/retailerOrders/r-1.json', submitted(1));
    await expect.poll(() => home.approvals(), { timeout: 5_000 }).toBe('1');
    await stack.rest('PUT', '/retailerOrders/r-2.json', submitted(2));
    await expect.poll(() => home.approvals(), { timeout: 5_000 }).toBe('2');
    const approved = { status: 'approved', decidedBy: 'staff-1', decidedAt: Date.now(), orderNumber: 'K90' };
    expect(parse(retailerOrderSchema, { ...submitted(1), ...approved }, 'retailerOrders/r-1').ok).toBe(true);
    await stack.rest('PATCH', '/retailerOrders/r-1.json', approved);
    await expect.poll(() => home.approvals(), { timeout: 5_000 }).toBe('1');
    const rejected = { status: 'rejected', decidedBy: 'staff-1', decidedAt: Date.now(), rejectReason: 'Out of stock' };
    expect(parse(retailerOrderSchema, { ...submitted(2), ...rejected }, 'retailerOrders/r-2').ok).toBe(true);
    await stack.rest('PATCH', '/retailerOrders/r-2.json', rejected);
    await expect.poll(() => home.approvals(), { timeout: 5_000 }).toBe('0');
  });
});

describe('navigation', () => {
  const visibleLabels = (page: Page) =>
    page
      .getByRole('navigation', { name: 'Screens' })
      .locator('a, button')
      .evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => (e.querySelector('.app-nav__label')?.textContent ?? '').trim()));

  it('on a phone: the four daily screens in the bottom bar with live counts, the rest under More, Sign out in the account menu', async () => {
    const home = await signedInHome(await staff('Phone Staff'));
    const { page } = home;
    const nav = new AppNav(page);
    expect(await visibleLabels(page)).toEqual(['New order', 'Pending', 'Billing', 'Sent', 'More']);
    // The bar sits at the bottom of the screen, within thumb reach.
    const bar = await nav.link('Pending').boundingBox();
    expect(bar !== null && bar.y + bar.height).toBeGreaterThan(844 - 80);
    const [pending, billing] = [await counter('orders'), await counter('billing')];
    expect(pending).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('badge-pending').innerText()).toBe(String(pending));
    await expect.poll(() => page.getByTestId('badge-billing').innerText()).toBe(String(billing));
    // Live: the counter moves, the badge follows.
    await app().stack.rest('PUT', '/counts/orders.json', { n: pending + 1, by: 'o4' });
    await expect.poll(() => page.getByTestId('badge-pending').innerText()).toBe(String(pending + 1));
    await app().stack.rest('PUT', '/counts/orders.json', { n: pending, by: 'o3' });

    expect(await nav.link('Stock').isVisible()).toBe(false);
    await nav.moreButton.click();
    expect(await nav.moreButton.getAttribute('aria-expanded')).toBe('true');
    expect(await visibleLabels(page)).toEqual(['New order', 'Pending', 'Billing', 'Sent', 'More', 'Home', 'Deleted', 'Expired', 'Stock']);
    await page.keyboard.press('Escape');
    await expect.poll(() => nav.link('Stock').isVisible()).toBe(false);
    await nav.goTo('Stock');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/stock');
    expect(await nav.link('Stock').isVisible()).toBe(false); // the sheet closed behind the choice
    expect(await nav.moreButton.getAttribute('aria-current')).toBe('page');

    // The header holds the name and the account menu, not a Sign out button taking a third of it.
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    const header = await page.locator('.app-header').boundingBox();
    expect(header?.height).toBeLessThanOrEqual(64);
    await home.accountButton.click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  });

  it('on a desktop: a side column with every screen, no More button', async () => {
    const page = await device();
    await page.setViewportSize({ width: 1280, height: 800 });
    const account = await staff('Desk Staff');
    await (await new SignInPage(page).open(app().stack.staffUrl)).signIn(account.email, account.password);
    await new StaffHomePage(page).userName.waitFor();
    expect(await visibleLabels(page)).toEqual(['New order', 'Pending', 'Billing', 'Sent', 'Home', 'Deleted', 'Expired', 'Stock']);
    const side = await new AppNav(page).link('Home').boundingBox();
    expect(side?.x).toBeLessThan(40);
  });
});
