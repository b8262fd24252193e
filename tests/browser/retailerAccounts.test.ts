/**
 * The admin's side of retailer accounts in Chromium against the real stack (issue 13): the Users
 * list shows each retailer's party; the navigation counts staff sign-ups waiting, live; an admin
 * sends a retailer the password-reset email (the Auth emulator keeps it, and its code really
 * resets the password); and a disabled retailer is cut off at once (their open portal turns into
 * a notice, the server revokes its listens, REST refuses them) until an admin enables them again.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppNav } from './pages/AppNav.ts';
import { NoticePage } from './pages/NoticePage.ts';
import { RetailerHomePage } from './pages/RetailerHomePage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { StaffHomePage } from './pages/StaffHomePage.ts';
import { UsersPage } from './pages/UsersPage.ts';
import { launchChromium } from './support/chromium.ts';
import { AppStack, type Account } from './support/stack.ts';

let browser: Browser | undefined;
let stack: AppStack | undefined;
let admin: Account;
let retailer: Account;
const contexts: BrowserContext[] = [];

function app(): { browser: Browser; stack: AppStack } {
  if (browser === undefined || stack === undefined) throw new Error('stack not started');
  return { browser, stack };
}

beforeAll(async () => {
  browser = await launchChromium();
  stack = await AppStack.start(inject('authEmulatorHost'));
  await stack.rest('PUT', '/parties.json', { shop1: { name: 'CORNER SHOP', area: 'PANJIM', updatedAt: Date.now() } });
  admin = await stack.createAccount('admin');
  await stack.rest('PUT', `/users/${admin.uid}.json`, { name: 'Ada Admin', email: admin.email, role: 'admin', status: 'active' });
  retailer = await stack.createAccount('retailer');
  await stack.rest('PUT', `/users/${retailer.uid}.json`, { name: 'Rita Retail', email: retailer.email, role: 'retailer', status: 'active', partyId: 'shop1' });
}, 120_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signedIn(account: Account, url: string, width = 1280): Promise<{ page: Page; frames: string[] }> {
  const context = await app().browser.newContext({ viewport: { width, height: 900 } });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  const page = await context.newPage();
  const frames: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8'))));
  await page.addInitScript(() => localStorage.setItem('doms.dispatchReminders.lastRun', String(Date.now())));
  await (await new SignInPage(page).open(url)).signIn(account.email, account.password);
  return { page, frames };
}

/** The out-of-band codes the Auth emulator holds (its REST endpoint for tests). */
async function oobCodes(): Promise<{ email: string; requestType: string; oobCode: string }[]> {
  const res = await fetch(`http://${app().stack.authHost}/emulator/v1/projects/demo-doms/oobCodes`);
  return ((await res.json()) as { oobCodes: { email: string; requestType: string; oobCode: string }[] }).oobCodes;
}

describe('retailer accounts on the Users screen', () => {
  it('shows the party, counts sign-ups waiting in the navigation live, and sends a password reset that works', async () => {
    const { stack } = app();
    const { page } = await signedIn(admin, stack.staffUrl);
    await new StaffHomePage(page).userName.waitFor();
    const nav = new AppNav(page);
    // No sign-up waits: no badge.
    await expect.poll(() => nav.link('Users').count(), { timeout: 10_000 }).toBe(1);
    expect(await nav.badge('users')).toBe('');
    await stack.rest('PUT', '/users/u-sign-1.json', { name: 'Sam Signup', email: 'sam-signup@example.test', role: 'staff', status: 'pending' });
    await expect.poll(() => nav.badge('users'), { timeout: 10_000 }).toBe('1');
    await stack.rest('PUT', '/users/u-sign-2.json', { name: 'Tia Signup', email: 'tia-signup@example.test', role: 'staff', status: 'pending' });
    await expect.poll(() => nav.badge('users'), { timeout: 10_000 }).toBe('2');

    const users = await new UsersPage(page).open();
    await expect.poll(() => users.party(retailer.email).innerText(), { timeout: 10_000 }).toBe('CORNER SHOP');
    // Approving one (with the password) takes the count down by itself.
    await users.start('sam-signup@example.test', 'Approve');
    await users.confirmWith(admin.password);
    await users.dialog.waitFor({ state: 'detached' });
    await expect.poll(() => nav.badge('users'), { timeout: 10_000 }).toBe('1');
    // Staff accounts have no reset or disable buttons; retailers do.
    expect(await users.row('tia-signup@example.test').getByRole('button', { name: 'Reset password' }).count()).toBe(0);
    expect(await users.row('sam-signup@example.test').getByRole('button', { name: 'Disable' }).count()).toBe(0);
    // A retailer is disabled (reversible), not removed.
    expect(await users.row(retailer.email).getByRole('button').allInnerTexts()).toEqual(['Disable', 'Reset password']);

    // Reset password: a wrong admin password sends nothing; the right one sends the email.
    const before = (await oobCodes()).filter((c) => c.email === retailer.email).length;
    await users.start(retailer.email, 'Reset password');
    await users.confirmWith('not-my-password');
    await expect.poll(() => users.dialogError.innerText(), { timeout: 10_000 }).toMatch(/not your password/);
    expect((await oobCodes()).filter((c) => c.email === retailer.email)).toHaveLength(before);
    await users.confirmWith(admin.password);
    await users.dialog.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => page.getByTestId('toast-success').allInnerTexts(), { timeout: 5_000 }).toContainEqual(expect.stringContaining(`Password-reset email sent to ${retailer.email}`));
    const codes = (await oobCodes()).filter((c) => c.email === retailer.email && c.requestType === 'PASSWORD_RESET');
    expect(codes).toHaveLength(before + 1);
    // The emailed code sets a new password, which then signs in (and the old one no longer does).
    const reset = await fetch(`http://${stack.authHost}/identitytoolkit.googleapis.com/v1/accounts:resetPassword?key=demo-key`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ oobCode: codes.at(-1)?.oobCode, newPassword: 'rita-new-secret-1' }),
    });
    expect(reset.status).toBe(200);
    await expect(stack.idToken(retailer.email, retailer.password)).rejects.toThrow(/INVALID_LOGIN_CREDENTIALS|INVALID_PASSWORD/);
    retailer = { ...retailer, password: 'rita-new-secret-1' };
    expect(await stack.idToken(retailer.email, retailer.password)).toMatch(/\./);
  });

  it('disables a retailer: the open portal is cut off live (listens revoked), REST refuses them; enabling gives access back', async () => {
    const { stack } = app();
    const shop = await signedIn(retailer, stack.retailerUrl, 390);
    const home = new RetailerHomePage(shop.page);
    await expect.poll(() => home.partyName.innerText(), { timeout: 15_000 }).toBe('CORNER SHOP');
    await shop.page.evaluate(() => ((window as unknown as { marker: number }).marker = 7));
    const token = await stack.idToken(retailer.email, retailer.password);
    expect((await stack.restAs(token, 'GET', '/parties/shop1.json')).status).toBe(200);

    const { page } = await signedIn(admin, stack.staffUrl);
    await new StaffHomePage(page).userName.waitFor();
    const users = await new UsersPage(page).open();
    await expect.poll(() => users.status(retailer.email).innerText(), { timeout: 10_000 }).toBe('active');
    await users.start(retailer.email, 'Disable');
    await users.confirmWith(admin.password);
    await users.dialog.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => users.status(retailer.email).innerText()).toBe('disabled');
    expect(await stack.rest('GET', `/users/${retailer.uid}/status.json`)).toBe('disabled');

    // The portal turns into the notice by itself, without a reload...
    await expect.poll(() => new NoticePage(shop.page).title.innerText(), { timeout: 15_000 }).toBe('Account disabled');
    expect(await shop.page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);
    // ...the server revoked its listen on the party ("c": cancelled)...
    await expect.poll(() => shop.frames.some((f) => f.includes('"a":"c"') && f.includes('/parties/shop1')), { timeout: 10_000 }).toBe(true);
    // ...and a change of the party reaches the admin's Users screen (it shows the party) but not the retailer.
    const since = shop.frames.length;
    await stack.rest('PATCH', '/parties/shop1.json', { name: 'CORNER SHOP RENAMED', updatedAt: Date.now() });
    await expect.poll(() => users.party(retailer.email).innerText(), { timeout: 10_000 }).toBe('CORNER SHOP RENAMED');
    expect(shop.frames.slice(since).filter((f) => f.includes('RENAMED'))).toEqual([]);
    // REST with their (still valid) token: every read and write refused.
    for (const path of ['/parties/shop1.json', '/catalog.json', '/stock.json', '/meta/firstAdmin.json']) expect((await stack.restAs(token, 'GET', path)).status, path).toBe(401);
    const order = JSON.stringify({ retailerUid: retailer.uid, partyId: 'shop1', note: '', lines: [{ productId: 'p', color: 'RED', size: 'M', qty: 1 }], createdAt: { '.sv': 'timestamp' }, status: 'submitted' });
    expect((await stack.restAs(token, 'PUT', '/retailerOrders/r-disabled.json', order)).status).toBe(401);
    expect((await stack.restAs(token, 'PATCH', `/presence/${retailer.uid}.json`, JSON.stringify({ online: true, lastSeen: Date.now() - 1000 }))).status).toBe(401);
    expect(await stack.rest('GET', '/retailerOrders/r-disabled.json')).toBeNull();

    // Enabled again: the same open portal comes back by itself.
    await users.start(retailer.email, 'Enable');
    await users.confirmWith(admin.password);
    await users.dialog.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => home.partyName.innerText(), { timeout: 15_000 }).toBe('CORNER SHOP RENAMED');
    expect((await stack.restAs(token, 'GET', '/parties/shop1.json')).status).toBe(200);
  });
});
