/**
 * Presence as the admins' Users screen shows it: online while signed in, and after Sign out
 * offline with the time at once (before, the offline write came after sign-out, was refused with
 * permission_denied, and the person stayed "online" for good while the tab stayed open). The
 * retailer portal keeps presence too (before, a retailer was "never seen").
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RetailerHomePage } from './pages/RetailerHomePage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { StaffHomePage } from './pages/StaffHomePage.ts';
import { UsersPage } from './pages/UsersPage.ts';
import { launchChromium } from './support/chromium.ts';
import { AppStack, type Account } from './support/stack.ts';

type Presence = { online: boolean; lastSeen: number } | null;

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
  await stack.rest('PUT', '/parties.json', { shop1: { name: 'CORNER SHOP', area: 'PANJIM' } });
}, 120_000);

afterAll(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  await browser?.close();
  await stack?.stop();
});

/** A signed-in device at `url`, with the console errors it logs. */
async function signedIn(url: string, account: Account): Promise<{ page: Page; errors: string[] }> {
  const context = await app().browser.newContext({ viewport: { width: 390, height: 844 } });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  await (await new SignInPage(page).open(url)).signIn(account.email, account.password);
  return { page, errors };
}

const presenceOf = async (uid: string): Promise<Presence> => (await app().stack.rest('GET', `/presence/${uid}.json`)) as Presence;

describe('presence', () => {
  it('staff: online while signed in; after Sign out offline with the time, the tab still open', async () => {
    const { stack } = app();
    const staff = await stack.createAccount('presence-staff');
    await stack.rest('PUT', `/users/${staff.uid}.json`, { name: 'Pia Present', email: staff.email, role: 'staff', status: 'active' });
    const { page, errors } = await signedIn(stack.staffUrl, staff);
    const home = new StaffHomePage(page);
    await home.userName.waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await presenceOf(staff.uid))?.online, { timeout: 15_000 }).toBe(true);

    const clickedAt = Date.now();
    await home.signOut();
    await new SignInPage(page).email.waitFor({ timeout: 15_000 });
    // The page stays open (its connection alive): only the sign-out itself can have said so.
    await expect.poll(async () => (await presenceOf(staff.uid))?.online, { timeout: 5_000 }).toBe(false);
    const after = await presenceOf(staff.uid);
    expect(after?.lastSeen).toBeGreaterThanOrEqual(clickedAt - 1_000);
    expect(after?.lastSeen).toBeLessThanOrEqual(Date.now());
    expect(errors.filter((e) => /permission_denied|presence/i.test(e))).toEqual([]);
  }, 90_000);

  it('retailer: shows online in the admins\' Users screen when signed in, then "last seen" after Sign out', async () => {
    const { stack } = app();
    const admin = await stack.createAccount('presence-admin');
    await stack.rest('PUT', `/users/${admin.uid}.json`, { name: 'Ada Admin', email: admin.email, role: 'admin', status: 'active' });
    const retailer = await stack.createAccount('presence-retailer');
    await stack.rest('PUT', `/users/${retailer.uid}.json`, { name: 'Rita Retail', email: retailer.email, role: 'retailer', status: 'active', partyId: 'shop1' });

    const adminDevice = await signedIn(stack.staffUrl, admin);
    await new StaffHomePage(adminDevice.page).userName.waitFor({ timeout: 20_000 });
    const users = await new UsersPage(adminDevice.page).open();
    await expect.poll(() => users.presence(retailer.email).innerText(), { timeout: 15_000 }).toBe('never seen');

    const shop = await signedIn(stack.retailerUrl, retailer);
    const home = new RetailerHomePage(shop.page);
    await home.partyName.waitFor({ timeout: 20_000 });
    await expect.poll(() => users.presence(retailer.email).innerText(), { timeout: 15_000 }).toBe('online');
    expect((await presenceOf(retailer.uid))?.online).toBe(true);

    await home.signOut();
    await new SignInPage(shop.page).email.waitFor({ timeout: 15_000 });
    await expect.poll(() => users.presence(retailer.email).innerText(), { timeout: 5_000 }).toMatch(/^last seen/);
    expect((await presenceOf(retailer.uid))?.online).toBe(false);
    expect(shop.errors.filter((e) => /permission_denied|presence/i.test(e))).toEqual([]);
  }, 90_000);

  it('a database that stopped answering delays Sign out by at most about 2 s', async () => {
    const { stack } = app();
    const staff = await stack.createAccount('presence-stalled');
    await stack.rest('PUT', `/users/${staff.uid}.json`, { name: 'Sam Stalled', email: staff.email, role: 'staff', status: 'active' });
    const context = await app().browser.newContext({ viewport: { width: 390, height: 844 } });
    contexts.push(context);
    const page = await context.newPage();
    let isSilent = false;
    // The SDK's one WebSocket (`/.ws`): when silent, what the app sends never reaches the database.
    await page.routeWebSocket(
      (url) => url.pathname === '/.ws',
      (ws) => {
        const server = ws.connectToServer();
        ws.onMessage((m) => {
          if (!isSilent) server.send(m);
        });
      },
    );
    await (await new SignInPage(page).open(stack.staffUrl)).signIn(staff.email, staff.password);
    const home = new StaffHomePage(page);
    await home.userName.waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await presenceOf(staff.uid))?.online, { timeout: 15_000 }).toBe(true);

    isSilent = true;
    const clickedAt = Date.now();
    await home.signOut();
    await new SignInPage(page).email.waitFor({ timeout: 15_000 });
    const took = Date.now() - clickedAt;
    // It waited for the offline write (2 s), and no longer.
    expect(took).toBeGreaterThanOrEqual(1_800);
    expect(took).toBeLessThan(8_000);
  }, 90_000);
});
