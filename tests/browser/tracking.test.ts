/**
 * Live order tracking and support in Chromium against the real stack. Retailer 1 sends an order
 * (with their own identity over REST, through the rules, as the portal's write); the admin
 * approves it, staff pick, send part to billing and bill it, and after each step retailer 1's
 * open Your orders screen shows it within 1 s, with no reload, while the conservation and stock
 * laws hold. Retailer 2, signed in at the same time, sees none of it: not on screen, and not
 * through any query the portal makes, over REST and raw WebSocket with forged tokens. Then the
 * support round trip: a request, the admin's reply and close, the retailer seeing each, and bad
 * input refused by the form and by the rules.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OrderId } from '../../src/domain/types.ts';
import { rawClient } from '../integration/support/rawWs.ts';
import { tokenOf, who } from '../integration/security/attacks.ts';
import { AppNav } from './pages/AppNav.ts';
import { ApprovalsPage } from './pages/ApprovalsPage.ts';
import { BillingPage } from './pages/BillingPage.ts';
import { PendingPage } from './pages/PendingPage.ts';
import { RetailerOrdersPage } from './pages/RetailerOrdersPage.ts';
import { RetailerSupportPage } from './pages/RetailerSupportPage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { SupportPage } from './pages/SupportPage.ts';
import { member, seedBusiness } from './support/business.ts';
import { launchChromium } from './support/chromium.ts';
import { watchIndexWarnings } from './support/indexWarnings.ts';
import { expectLawsHold } from './support/laws.ts';
import { AppStack, type Account } from './support/stack.ts';

let browser: Browser | undefined;
let stack: AppStack | undefined;
let admin: Account;
let staff: Account;
let retailer1: Account;
let retailer2: Account;
const contexts: BrowserContext[] = [];
const indexWarnings: string[] = [];
const ID = 'ro-track' as OrderId;
const LIVE = { timeout: 1_000, interval: 50 };

function app(): { browser: Browser; stack: AppStack } {
  if (browser === undefined || stack === undefined) throw new Error('stack not started');
  return { browser, stack };
}

/** A write as `account` over REST (the rules judge it); returns the HTTP status. */
async function restAs(account: Account, method: 'PUT' | 'PATCH', path: string, body: unknown): Promise<number> {
  const { stack } = app();
  return (await stack.restAs(await stack.idToken(account.email, account.password), method, path, JSON.stringify(body))).status;
}

/** A retailer's submission as the portal writes it: the order and, in the same write, their awaiting count (rules/portal.ts). */
function submitAs(account: Account, id: string, record: object): Promise<number> {
  return restAs(account, 'PATCH', '/.json', {
    [`retailerOrders/${id}`]: record,
    [`retailerAwaiting/${account.uid}/submitted`]: { '.sv': { increment: 1 } },
    [`retailerAwaiting/${account.uid}/by`]: id,
  });
}

async function signedIn(account: Account, url: string, width = 1280): Promise<Page> {
  const context = await app().browser.newContext({ viewport: { width, height: 900 } });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  contexts.push(context);
  const page = await context.newPage();
  watchIndexWarnings(page, indexWarnings);
  await page.addInitScript(() => localStorage.setItem('doms.dispatchReminders.lastRun', String(Date.now())));
  await (await new SignInPage(page).open(url)).signIn(account.email, account.password);
  return page;
}

const markNotReloaded = (page: Page) => page.evaluate(() => ((window as unknown as { notReloaded?: boolean }).notReloaded = true));
const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

beforeAll(async () => {
  browser = await launchChromium();
  stack = await AppStack.start(inject('authEmulatorHost'));
  await seedBusiness(stack);
  admin = await member(stack, 'Anil Admin', 'admin');
  staff = await member(stack, 'Sita Staff');
  retailer1 = await stack.createAccount('retailer1');
  await stack.rest('PUT', `/users/${retailer1.uid}.json`, { name: 'Asha Owner', email: retailer1.email, role: 'retailer', status: 'active', partyId: 'party-asha' });
  retailer2 = await stack.createAccount('retailer2');
  await stack.rest('PUT', `/users/${retailer2.uid}.json`, { name: 'Ravi Owner', email: retailer2.email, role: 'retailer', status: 'active', partyId: 'party-ravi' });
}, 120_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  expect(indexWarnings.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('Your orders: the timeline follows the order live', () => {
  it('sent → approved (by whom) → picking → in billing → dispatched, each within 1 s with no reload; the laws hold; retailer 2 sees nothing', async () => {
    const { stack } = app();
    const lines = [
      { productId: 'P-BRA', color: 'BLK', size: '32B', qty: 3 },
      { productId: 'P-BRA', color: 'BLK', size: '34B', qty: 2 },
    ];
    expect(await submitAs(retailer1, ID, { retailerUid: retailer1.uid, partyId: 'party-asha', note: 'Before Diwali', lines, createdAt: { '.sv': 'timestamp' }, status: 'submitted' })).toBe(200);

    // Both retailers on phones, signed in at the same time.
    const p1 = await signedIn(retailer1, app().stack.retailerUrl, 390);
    const mine = await new RetailerOrdersPage(p1).open(stack.retailerUrl);
    const p2 = await signedIn(retailer2, app().stack.retailerUrl, 390);
    const theirs = await new RetailerOrdersPage(p2).open(stack.retailerUrl);
    await expect.poll(() => mine.ids(), { timeout: 15_000 }).toEqual([ID]);
    await markNotReloaded(p1);
    expect(await mine.step(ID, 'sent')).toEqual(['done', 'Sent', '', true]);
    expect(await mine.step(ID, 'approved')).toEqual(['todo', 'Waiting for approval', '', false]);
    expect(await mine.order(ID).getByTestId('tracked-order-title').innerText()).toBe('Order awaiting a number');
    await theirs.empty.waitFor();

    // The admin approves it (after the password).
    const adminPage = await signedIn(admin, stack.staffUrl);
    const approvals = await new ApprovalsPage(adminPage).open();
    await expect.poll(() => approvals.cardIds(), { timeout: 15_000 }).toEqual([ID]);
    await approvals.startApprove(ID);
    await approvals.confirmWith(admin.password);
    await expect.poll(() => approvals.toasts(), { timeout: 10_000 }).toContain('Approved as K1');
    await expect.poll(() => mine.step(ID, 'approved'), LIVE).toEqual(['done', 'Approved as K1', 'by Anil Admin', true]);
    expect(await mine.step(ID, 'picking')).toEqual(['todo', 'Picking', '', false]);
    await expectLawsHold(stack, ID);

    // Staff pick two pieces.
    const staffPage = await signedIn(staff, stack.staffUrl);
    const pending = await new PendingPage(staffPage).open();
    await pending.viewButton('Detailed').click();
    await pending.card('K1').waitFor();
    await pending.plus('K1', 'Comfort Bra BLK 32B', 2);
    await expect.poll(() => pending.saveState('K1').innerText(), { timeout: 10_000 }).toBe('Saved');
    await expect.poll(() => mine.step(ID, 'picking'), LIVE).toEqual(['done', 'Picking', '', true]);
    expect(await mine.step(ID, 'billing')).toEqual(['todo', 'In billing', '', false]);
    await expectLawsHold(stack, ID);

    // …send those two to billing; the rest stays pending.
    await pending.cardButton('K1', /^Send to billing/).click();
    await pending.dialog.getByRole('button', { name: 'Send 2 pc to billing' }).click();
    await pending.dialog.waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => mine.step(ID, 'billing'), LIVE).toEqual(['done', 'In billing', '', true]);
    await expect.poll(() => mine.order(ID).getByTestId('tracked-order-status').innerText(), LIVE).toBe('Being billed (K1)');
    await expectLawsHold(stack, ID);

    // …and bill them.
    await new AppNav(staffPage).goTo('Billing');
    const billing = new BillingPage(staffPage);
    await billing.card('K1').billButton.click();
    await expect.poll(() => billing.toasts('success').allInnerTexts(), { timeout: 10_000 }).toContainEqual(expect.stringMatching(/K1 fully billed/));
    const day = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short' }).format(Date.now());
    await expect.poll(() => mine.dispatches(ID), LIVE).toEqual([[`Dispatched 2 pieces on ${day}`, '']]);
    await expect.poll(() => mine.order(ID).getByTestId('tracked-order-status').innerText(), LIVE).toBe('Partly sent (K1)');
    expect(await mine.step(ID, 'delivered')).toEqual(['todo', 'Delivered', '', false]);
    await expectLawsHold(stack, ID);

    // The items: ordered and sent per line.
    expect(await mine.items(ID)).toEqual([
      ['Comfort Bra', 'Black', '32B', '3', '2'],
      ['Comfort Bra', 'Black', '34B', '2', '0'],
    ]);
    expect(await notReloaded(p1)).toBe(true);

    // Retailer 2, signed in all along, saw none of it.
    expect(await theirs.ids()).toEqual([]);
    await theirs.empty.waitFor();
    expect(await p2.getByText('K1').count()).toBe(0);
  }, 180_000);

  it("retailer 2 reads none of retailer 1's orders or requests through any query, over REST or raw WebSocket with a forged token", async () => {
    const { stack } = app();
    const port = Number(new URL(stack.dbUrl).port);
    const ns = process.env['VITE_DOMS_DB_NS'] ?? '';
    const token2 = tokenOf(who('r2', retailer2.uid));
    const q = (path: string, uid: string): string => `/${path}.json?orderBy=${encodeURIComponent('"retailerUid"')}&equalTo=${encodeURIComponent(JSON.stringify(uid))}`;
    const get = async (path: string): Promise<number> => {
      const res = await fetch(`${stack.dbUrl}${path}${path.includes('?') ? '&' : '?'}ns=${ns}&auth=${token2}`);
      return res.status;
    };
    // The portal's own queries, with retailer 1's uid, and the records themselves: refused.
    for (const path of [q('retailerOrders', retailer1.uid), q('support', retailer1.uid), `/retailerOrders/${ID}.json`, '/retailerOrders.json', '/support.json', '/orders.json', '/sent.json', '/billing.json']) {
      expect(await get(path), path).toBe(401);
    }
    // Their own queries are allowed and hold only their own.
    expect(await submitAs(retailer2, 'ro-r2', { retailerUid: retailer2.uid, partyId: 'party-ravi', note: '', lines: [{ productId: 'P-BRA', color: 'BLK', size: '32B', qty: 1 }], createdAt: { '.sv': 'timestamp' }, status: 'submitted' })).toBe(200);
    const own = await fetch(`${stack.dbUrl}${q('retailerOrders', retailer2.uid)}&ns=${ns}&auth=${token2}`);
    expect(own.status).toBe(200);
    expect(Object.keys((await own.json()) as object)).toEqual(['ro-r2']);

    const raw = await rawClient(port, ns);
    try {
      expect((await raw.request('auth', { cred: token2 })).s).toBe('ok');
      const listen = (p: string, value: string) => raw.request('q', { p, h: '', t: Math.floor(Math.random() * 1e6), q: { i: 'retailerUid', sp: value, ep: value } });
      expect((await listen('/retailerOrders', retailer1.uid)).s).toBe('permission_denied');
      expect((await listen('/support', retailer1.uid)).s).toBe('permission_denied');
      expect((await raw.request('g', { p: `/retailerOrders/${ID}` })).s).toBe('permission_denied');
      expect((await raw.request('q', { p: `/retailerOrders/${ID}`, h: '', t: 99, q: {} })).s).toBe('permission_denied');
      // Nor can they write progress into it.
      expect((await raw.request('m', { p: '/', d: { [`retailerOrders/${ID}/status`]: 'sent' } })).s).toBe('permission_denied');
    } finally {
      await raw.close();
    }
    expect(((await stack.rest('GET', `/retailerOrders/${ID}.json`)) as { status: string }).status).toBe('partlySent');
  }, 60_000);
});

describe('Report a problem and the admins Support screen', () => {
  it('creates a request; the admin sees the badge, replies and closes; the retailer sees each change live', async () => {
    const { stack } = app();
    const p1 = await signedIn(retailer1, stack.retailerUrl, 390);
    const support = await new RetailerSupportPage(p1).open(stack.retailerUrl);
    await markNotReloaded(p1);
    await support.report('Box arrived torn', 'Two pieces of K1 were wet.', `K1 · ${new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric' }).format(Date.now())}`);
    await expect.poll(() => support.requests(), { timeout: 10_000 }).toEqual([['Box arrived torn', 'Waiting for an answer', '']]);
    const stored = Object.entries(((await stack.rest('GET', '/support.json')) ?? {}) as Record<string, Record<string, unknown>>);
    expect(stored).toHaveLength(1);
    const [requestId, record] = stored[0] ?? ['', {}];
    expect(record).toMatchObject({ retailerUid: retailer1.uid, partyId: 'party-asha', subject: 'Box arrived torn', orderId: ID, status: 'open' });

    const adminPage = await signedIn(admin, stack.staffUrl);
    await expect.poll(() => adminPage.getByTestId('badge-support').innerText(), { timeout: 15_000 }).toBe('1');
    const screen = await new SupportPage(adminPage).open(stack.staffUrl);
    await expect.poll(() => screen.cards(), { timeout: 10_000 }).toEqual([[requestId, 'Box arrived torn', 'Open']]);
    await screen.reply(requestId, 'Sorry: two new pieces go out tomorrow.');
    await expect.poll(() => support.requests(), LIVE).toEqual([['Box arrived torn', 'Answered', 'Anil Admin: Sorry: two new pieces go out tomorrow.']]);
    await screen.close(requestId);
    await expect.poll(() => support.requests(), LIVE).toEqual([['Box arrived torn', 'Closed', 'Anil Admin: Sorry: two new pieces go out tomorrow.']]);
    expect(await adminPage.getByTestId('badge-support').count()).toBe(0);
    expect(await notReloaded(p1)).toBe(true);

    // Retailer 2 sees none of it.
    const p2 = await signedIn(retailer2, stack.retailerUrl, 390);
    const theirs = await new RetailerSupportPage(p2).open(stack.retailerUrl);
    await p2.getByText('No requests yet.').waitFor();
    expect(await theirs.requests()).toEqual([]);
    // Only their own orders are offered.
    const today = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric' }).format(Date.now());
    expect(await theirs.field('orderId').locator('option').allInnerTexts()).toEqual(['No order', `Awaiting approval · ${today}`]);
  }, 120_000);

  it('refuses bad input with a message naming the field, in the form and in the rules', async () => {
    const { stack } = app();
    const before = await stack.childCount('support');
    const p1 = await signedIn(retailer1, stack.retailerUrl, 390);
    const support = await new RetailerSupportPage(p1).open(stack.retailerUrl);
    await support.report('   ', 'Something happened.');
    await expect.poll(() => support.error.innerText()).toBe('Subject: is required.');
    expect(await support.field('subject').getAttribute('aria-invalid')).toBe('true');
    await support.report('Late', 'x'.repeat(10_000));
    await expect.poll(() => support.error.innerText()).toBe('What happened: must be at most 2000 characters.');
    await support.report('<b>Late</b>', 'Where is it?');
    await expect.poll(() => support.error.innerText()).toBe('Subject: must not contain < or > (no HTML).');
    await support.report('Late', 'Where is <script>it</script>?');
    await expect.poll(() => support.error.innerText()).toBe('What happened: must not contain < or > (no HTML).');
    expect(await stack.childCount('support')).toBe(before);

    // The rules refuse the same, and someone else's order, written directly.
    const base = { retailerUid: retailer1.uid, partyId: 'party-asha', subject: 'Late', text: 'Where is it?', status: 'open', createdAt: { '.sv': 'timestamp' }, updatedAt: { '.sv': 'timestamp' } };
    expect(await restAs(retailer1, 'PUT', '/support/s-ok.json', base)).toBe(200);
    const theirOrder = 'ro-ravi';
    await stack.rest('PUT', `/retailerOrders/${theirOrder}.json`, { retailerUid: retailer2.uid, partyId: 'party-ravi', note: '', lines: [{ productId: 'P-BRA', color: 'BLK', size: '32B', qty: 1 }], createdAt: Date.now(), status: 'submitted' });
    for (const bad of [{ subject: '' }, { subject: ' ' }, { text: 'x'.repeat(10_000) }, { subject: '<b>x</b>' }, { text: '<img src=x onerror=alert(1)>' }, { orderId: theirOrder }, { partyId: 'party-ravi' }, { retailerUid: retailer2.uid }, { status: 'closed' }, { reply: 'Fixed' }]) {
      expect(await restAs(retailer1, 'PUT', '/support/s-bad.json', { ...base, ...bad }), JSON.stringify(bad).slice(0, 60)).toBe(401);
    }
    // Nor may the retailer answer or close their own request.
    expect(await restAs(retailer1, 'PATCH', '/support/s-ok.json', { status: 'closed', closedAt: { '.sv': 'timestamp' }, updatedAt: { '.sv': 'timestamp' } })).toBe(401);
    expect(await stack.rest('GET', '/support/s-bad.json')).toBeNull();
  }, 90_000);
});
