import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NoticePage } from './pages/NoticePage.ts';
import { RetailerHomePage } from './pages/RetailerHomePage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { StaffHomePage } from './pages/StaffHomePage.ts';
import { UsersPage } from './pages/UsersPage.ts';
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
  await stack.rest('PUT', '/parties.json', { shop1: { name: 'CORNER SHOP', area: 'PANJIM' } });
});

afterAll(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  await browser?.close();
  await stack?.stop();
});

async function device(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app().browser.newContext({ viewport: { width: 390, height: 844 } });
  contexts.push(context);
  return { context, page: await context.newPage() };
}

async function signIn(page: Page, url: string, account: Pick<Account, 'email' | 'password'>): Promise<void> {
  await (await new SignInPage(page).open(url)).signIn(account.email, account.password);
}

async function userRecordByEmail(email: string): Promise<[string, { status: string; role: string; name: string; partyId?: string }]> {
  const all = (await app().stack.rest('GET', '/users.json')) as Record<string, { email: string; status: string; role: string; name: string }>;
  const hit = Object.entries(all).find(([, u]) => u.email === email);
  if (hit === undefined) throw new Error(`no users record for ${email}`);
  return hit;
}

describe('accounts in Chromium', () => {
  it('sign-up, approval with password, live removal, presence, retailer creation and password throttling', async () => {
    const { stack } = app();
    const admin = await stack.createAccount('admin');
    await stack.rest('PUT', `/users/${admin.uid}.json`, { name: 'Ada Admin', email: admin.email, role: 'admin', status: 'active' });
    const waiting = await stack.createAccount('waiting');
    await stack.rest('PUT', `/users/${waiting.uid}.json`, { name: 'Wes Waiting', email: waiting.email, role: 'staff', status: 'pending' });

    // 1. A new person signs up and lands on the waiting screen; the record is pending staff.
    const newbie = { name: 'Nora New', email: `nora-${Date.now()}@example.test`, password: 'nora-secret-1' };
    const staffDevice = await device();
    await new SignInPage(staffDevice.page).open(stack.staffUrl);
    await staffDevice.page.getByRole('button', { name: 'Create an account' }).click();
    await staffDevice.page.getByLabel('Your name').fill(newbie.name);
    await staffDevice.page.getByLabel('Email').fill(newbie.email);
    await staffDevice.page.getByLabel('New password (at least 8 characters)').fill(newbie.password);
    await staffDevice.page.getByLabel('New password (at least 8 characters)').press('Enter');
    const notice = new NoticePage(staffDevice.page);
    await expect.poll(() => notice.title.innerText(), { timeout: 15_000 }).toBe('Waiting for approval');
    await expect.poll(() => userRecordByEmail(newbie.email).then(([, r]) => r.status, () => 'none'), { timeout: 10_000 }).toBe('pending');
    const [newUid, record] = await userRecordByEmail(newbie.email);
    expect(record).toEqual({ name: newbie.name, email: newbie.email, role: 'staff', status: 'pending' });

    // 1b. With the ID token of that very sign-up, the escalations the outside review found are
    // refused: keys that once paired values with the wrong paths ("/0", "__proto__"), and a plain
    // write of an active record. The record stays pending and the app still waits for approval.
    const token = await stack.idToken(newbie.email, newbie.password);
    const attacks = [
      `{"status":"active","name":null,"/0":"pending"}`,
      `{"__proto__":null,"name":null,"status":"active","x":"pending"}`,
      `{"role":"admin","status":"active","/0":"staff"}`,
    ];
    for (const body of attacks) expect((await stack.restAs(token, 'PATCH', `/users/${newUid}.json`, body)).status, body).not.toBe(200);
    const asActive = JSON.stringify({ ...record, status: 'active' });
    expect((await stack.restAs(token, 'PUT', `/users/${newUid}.json`, asActive)).status).not.toBe(200);
    expect((await userRecordByEmail(newbie.email))[1]).toEqual(record);
    expect((await stack.restAs(token, 'GET', '/orders.json')).status).not.toBe(200);
    expect(await notice.title.innerText()).toBe('Waiting for approval');

    // 2. The admin approves, after a wrong password first.
    const adminDevice = await device();
    await signIn(adminDevice.page, stack.staffUrl, admin);
    const adminHome = new StaffHomePage(adminDevice.page);
    await adminHome.userName.waitFor();
    const usersPage = await new UsersPage(adminDevice.page).open();
    await expect.poll(() => usersPage.status(newbie.email).innerText()).toBe('pending');
    await usersPage.start(newbie.email, 'Approve');
    await usersPage.confirmWith('not-my-password');
    await expect.poll(() => usersPage.dialogError.innerText()).toMatch(/not your password/);
    expect((await userRecordByEmail(newbie.email))[1].status).toBe('pending');
    await usersPage.confirmWith(admin.password);
    await usersPage.dialog.waitFor({ state: 'detached' });
    await expect.poll(() => usersPage.status(newbie.email).innerText()).toBe('active');

    // The new staff member's screen turns into the app by itself.
    const staffHome = new StaffHomePage(staffDevice.page);
    await staffHome.userName.waitFor({ timeout: 15_000 });
    expect(await staffHome.userName.innerText()).toBe(newbie.name);
    // Admins only: no Users tab for staff.
    expect(await staffDevice.page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Users' }).count()).toBe(0);

    // 3. Presence: online while the app is open, "last seen" after the device goes away.
    await expect.poll(() => usersPage.presence(newbie.email).innerText(), { timeout: 15_000 }).toBe('online');
    await staffDevice.context.close();
    await expect.poll(() => usersPage.presence(newbie.email).innerText(), { timeout: 15_000 }).toMatch(/^last seen/);
    const seen = (await stack.rest('GET', `/presence/${newUid}.json`)) as { online: boolean; lastSeen: number };
    expect(seen.online).toBe(false);
    expect(seen.lastSeen).toBeGreaterThan(Date.now() - 60_000);

    // 4. Signed in again, the staff member is removed and sees it at once, without reloading,
    // and no business data reaches their browser after that. Every frame the database sends is
    // recorded, on their device and on an active colleague's (both on Home, which listens to
    // the counter `counts/orders` for the Pending tile).
    const framesTo = (page: Page): string[] => {
      const frames: string[] = [];
      page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8'))));
      return frames;
    };
    const colleague = await stack.createAccount('colleague');
    await stack.rest('PUT', `/users/${colleague.uid}.json`, { name: 'Cal Colleague', email: colleague.email, role: 'staff', status: 'active' });
    const watcher = await device();
    const watcherFrames = framesTo(watcher.page);
    await signIn(watcher.page, stack.staffUrl, colleague);
    await new StaffHomePage(watcher.page).userName.waitFor();
    const again = await device();
    const removedFrames = framesTo(again.page);
    await signIn(again.page, stack.staffUrl, newbie);
    await new StaffHomePage(again.page).userName.waitFor();
    await expect.poll(() => removedFrames.some((f) => f.includes('"p":"/counts/orders"')), { timeout: 15_000 }).toBe(true); // listening to the counter
    await again.page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await usersPage.start(newbie.email, 'Remove');
    await usersPage.confirmWith(admin.password);
    await expect.poll(() => usersPage.status(newbie.email).innerText()).toBe('removed');
    const removedNotice = new NoticePage(again.page);
    await expect.poll(() => removedNotice.title.innerText(), { timeout: 15_000 }).toBe('Account removed');
    expect(await again.page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42); // no reload
    expect(await again.page.getByRole('navigation', { name: 'Screens' }).count()).toBe(0);
    const sinceRemoval = removedFrames.length;
    const marker = `LEAK-CHECK-${Date.now()}`;
    const counted = await stack.rest('GET', '/counts/orders.json');
    await stack.rest('PUT', '/counts/orders.json', { n: 1, by: marker });
    // The colleague receives the new counter: the database did broadcast it...
    await expect.poll(() => watcherFrames.some((f) => f.includes(marker)), { timeout: 15_000 }).toBe(true);
    // ...and the removed person's browser got none of it (their listens were revoked).
    expect(removedFrames.slice(sinceRemoval).filter((f) => f.includes(marker))).toEqual([]);
    expect(removedFrames.slice(0, sinceRemoval).some((f) => f.includes('"a":"c","b":{"p":"/counts/orders"'))).toBe(true); // the server's revocation
    await stack.rest(counted === null ? 'DELETE' : 'PUT', '/counts/orders.json', counted ?? undefined);

    // 5. The admin creates a retailer account and is still signed in as themselves.
    const retailer = { name: 'Rita Retail', email: `rita-${Date.now()}@example.test`, password: 'rita-secret-1' };
    await usersPage.createRetailer({ ...retailer, partyLabel: 'CORNER SHOP · PANJIM' }, admin.password);
    await expect.poll(() => usersPage.status(retailer.email).innerText()).toBe('active');
    expect(await adminHome.userName.innerText()).toBe('Ada Admin');
    const [, retailerRecord] = await userRecordByEmail(retailer.email);
    expect(retailerRecord).toEqual({ name: retailer.name, email: retailer.email, role: 'retailer', status: 'active', partyId: 'shop1' });
    const shop = await device();
    await signIn(shop.page, stack.retailerUrl, retailer);
    const retailerHome = new RetailerHomePage(shop.page);
    await expect.poll(() => retailerHome.partyName.innerText(), { timeout: 15_000 }).toBe('CORNER SHOP');

    // 6. Wrong passwords are throttled: after three, a wait is shown and the button is off.
    await usersPage.start(waiting.email, 'Reject');
    for (let i = 0; i < 3; i++) {
      await usersPage.confirmWith(`wrong-${i}`);
      await expect.poll(() => usersPage.dialogError.innerText()).toMatch(i < 2 ? /not your password/ : /Too many wrong passwords\. Wait \d+ s/);
    }
    await expect.poll(() => usersPage.dialog.getByRole('button', { name: 'Reject' }).isDisabled()).toBe(true);
    expect((await userRecordByEmail(waiting.email))[1].status).toBe('pending');
  }, 120_000);

  it('an admin cannot change their own account from the Users screen', async () => {
    const { stack } = app();
    const admin = await stack.createAccount('admin');
    await stack.rest('PUT', `/users/${admin.uid}.json`, { name: 'Solo Admin', email: admin.email, role: 'admin', status: 'active' });
    const { page } = await device();
    await signIn(page, stack.staffUrl, admin);
    await new StaffHomePage(page).userName.waitFor();
    const usersPage = await new UsersPage(page).open();
    await expect.poll(() => usersPage.row(admin.email).innerText()).toContain('You (another admin changes your account)');
    expect(await usersPage.row(admin.email).getByRole('button').count()).toBe(0);
  });

  it('a signed-in person without a record becomes the first admin once; the next one is not offered it', async () => {
    const { stack } = app();
    const founder = await stack.createAccount('founder');
    const { page } = await device();
    await signIn(page, stack.staffUrl, founder);
    await expect.poll(() => new NoticePage(page).title.innerText(), { timeout: 15_000 }).toBe('No account record');
    await page.getByLabel('Your name').fill('Fay Founder');
    await page.getByRole('button', { name: 'Become the first admin' }).click();
    const home = new StaffHomePage(page);
    await home.userName.waitFor({ timeout: 15_000 });
    expect(await home.userName.innerText()).toBe('Fay Founder');
    expect(await stack.rest('GET', '/meta/firstAdmin.json')).toBe(founder.uid);
    await new UsersPage(page).open();

    const late = await stack.createAccount('late');
    const other = await device();
    await signIn(other.page, stack.staffUrl, late);
    await expect.poll(() => new NoticePage(other.page).title.innerText(), { timeout: 15_000 }).toBe('No account record');
    await other.page.getByText('Ask an admin.').waitFor();
    expect(await other.page.getByRole('button', { name: 'Become the first admin' }).count()).toBe(0);
    expect(await stack.rest('GET', `/users/${late.uid}.json`)).toBeNull();
  });
});
