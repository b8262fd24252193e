import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { NoticePage } from './pages/NoticePage.ts';
import { RetailerHomePage } from './pages/RetailerHomePage.ts';
import { SignInPage } from './pages/SignInPage.ts';
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
  browser = await launchChromium(); // first: a missing Chromium fails here with how to install it
  stack = await AppStack.start(inject('authEmulatorHost'));
  await stack.rest('PUT', '/parties.json', {
    'p-sharma': { name: 'Sharma Traders', area: 'Karol Bagh' },
    'p-gupta': { name: 'Gupta Garments', area: 'Chandni Chowk' },
  });
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function account(record: Record<string, unknown>): Promise<Account> {
  const { stack } = app();
  const a = await stack.createAccount(String(record['role']));
  await stack.rest('PUT', `/users/${a.uid}.json`, { email: a.email, ...record });
  return a;
}

async function signedIn(a: Account): Promise<Page> {
  const context = await app().browser.newContext({ viewport: { width: 390, height: 844 } });
  contexts.push(context);
  const page = await context.newPage();
  await (await new SignInPage(page).open(app().stack.retailerUrl)).signIn(a.email, a.password);
  return page;
}

describe('retailer portal (retailer.html) in Chromium', () => {
  it("signs in as a retailer and shows their name and their own party's name and area, live", async () => {
    const retailer = await account({ name: 'Ravi Sharma', role: 'retailer', status: 'active', partyId: 'p-sharma' });
    const home = new RetailerHomePage(await signedIn(retailer));
    await expect.poll(() => home.partyName.innerText(), { timeout: 10_000 }).toBe('Sharma Traders');
    expect(await home.userName.innerText()).toBe('Ravi Sharma');
    expect(await home.partyArea.innerText()).toBe('Karol Bagh');
    expect(await home.page.getByText('Gupta Garments').count()).toBe(0);

    await app().stack.rest('PATCH', '/parties/p-sharma.json', { area: 'Lajpat Nagar' });
    await expect.poll(() => home.partyArea.innerText(), { timeout: 1000 }).toBe('Lajpat Nagar');
  });

  it('shows "Waiting for approval" to a retailer whose account is pending', async () => {
    const retailer = await account({ name: 'New Shop', role: 'retailer', status: 'pending', partyId: 'p-gupta' });
    const page = await signedIn(retailer);
    await expect.poll(() => new NoticePage(page).title.innerText(), { timeout: 10_000 }).toBe('Waiting for approval');
    expect(await page.getByTestId('retailer-party').count()).toBe(0);
  });

  it('sends staff to the staff app instead of showing a party', async () => {
    const staff = await account({ name: 'Asha Staff', role: 'staff', status: 'active' });
    const page = await signedIn(staff);
    const notice = new NoticePage(page);
    await expect.poll(() => notice.title.innerText(), { timeout: 10_000 }).toBe('This is the retailer portal');
    expect(await page.getByRole('link', { name: 'staff app' }).getAttribute('href')).toBe('./');
  });
});
