/**
 * Every screen of both apps, for every role, at two phone sizes and a desktop (issue 12): the page
 * never scrolls sideways, nothing is drawn over the header or the bottom bar, every tap target is
 * at least 44 px, and axe-core finds no serious or critical violation. The business is the demo's
 * (`npm run seed`'s own code). A screenshot of each screen goes to artifacts/screenshots, which CI
 * keeps.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_ACCOUNTS, type DemoAccount } from '../../server/seed/demoAccounts.ts';
import { parseSeedArgs, runSeed } from '../../server/seed/run.ts';
import { ADMIN_SCREENS, SCREENS } from '../../src/distributor/shell/screens.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { launchChromium } from './support/chromium.ts';
import { axeViolations, dialogOverflow, drawnOverBars, sidewaysScroll, smallTapTargets } from './support/fitChecks.ts';
import { AppStack } from './support/stack.ts';

export const SCREENSHOTS = resolve('artifacts/screenshots');
const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;
type Viewport = (typeof VIEWPORTS)[number];

const account = (email: string): DemoAccount => {
  const a = DEMO_ACCOUNTS.find((x) => x.email === email);
  if (a === undefined) throw new Error(`no demo account ${email}`);
  return a;
};

let browser: Browser | undefined;
let stack: AppStack | undefined;

function app(): { browser: Browser; stack: AppStack } {
  if (browser === undefined || stack === undefined) throw new Error('stack not started');
  return { browser, stack };
}

/** Waits until nothing on the page says it is loading (bounded: a screen that never settles is checked as it is). */
async function settled(page: Page): Promise<void> {
  await page
    .waitForFunction(() => document.querySelector('[aria-busy="true"]') === null && !/Loading…|Starting…/.test(document.querySelector('main, .notice')?.textContent ?? ''), null, { timeout: 10_000 })
    .catch(() => undefined);
}

/** Runs every check on the page as shown, and keeps its screenshot; returns the problems, each prefixed with where. */
async function check(page: Page, where: string, viewport: Viewport): Promise<string[]> {
  await settled(page);
  const problems = [...(await sidewaysScroll(page)), ...(await drawnOverBars(page)), ...(await smallTapTargets(page)), ...(await axeViolations(page))];
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${where.replace(/[^a-z0-9]+/gi, '-')}-${viewport.width}x${viewport.height}.png`) });
  return problems.map((p) => `${where} at ${viewport.width}×${viewport.height}: ${p}`);
}

/** A signed-in page at `viewport` (one context per role and size: nothing carries over). */
async function signedIn(context: BrowserContext, url: string, who: DemoAccount): Promise<Page> {
  const page = await context.newPage();
  await (await new SignInPage(page).open(url)).signIn(who.email, who.password);
  return page;
}

/** Billing's scan dialog, open on the first order: it fits as the screen does (it was 446 px wide on a 390 px phone). */
async function scanDialog(page: Page, who: string, viewport: Viewport): Promise<string[]> {
  await page.getByRole('button', { name: 'Scan', exact: true }).first().click();
  await page.locator('dialog[open]').waitFor();
  const problems = [...(await dialogOverflow(page)), ...(await check(page, `${who} billing scan`, viewport))];
  await page.keyboard.press('Escape');
  await page.locator('dialog[open]').waitFor({ state: 'detached' });
  return problems;
}

/** The Users screen's rows are rows: compact, text from the left (each was a 300 px column of centred text). */
async function usersRows(page: Page): Promise<string[]> {
  const rows = page.getByTestId('user-row');
  await rows.first().waitFor();
  return rows.evaluateAll((els) =>
    els.flatMap((el) => {
      const h = el.getBoundingClientRect().height;
      const who = el.querySelector('.users__who');
      const isCentred = who !== null && Math.abs(who.getBoundingClientRect().left - el.getBoundingClientRect().left) > 24;
      return h > 160 || isCentred ? [`row "${el.getAttribute('data-email') ?? ''}" is ${Math.round(h)} px tall${isCentred ? ', its text centred' : ''}`] : [];
    }),
  );
}

beforeAll(async () => {
  browser = await launchChromium();
  stack = await AppStack.start(inject('authEmulatorHost'));
  const flags = parseSeedArgs(['--days', '30', '--db-url', stack.dbUrl, '--auth-host', stack.authHost], new Date());
  if (flags === null) throw new Error('seed flags');
  await runSeed(flags, () => {});
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  await browser?.close();
});

describe.each(VIEWPORTS)('every screen fits at $width×$height', (viewport) => {
  const withContext = async (run: (context: BrowserContext) => Promise<string[]>): Promise<string[]> => {
    const context = await app().browser.newContext({ viewport });
    context.setDefaultTimeout(15_000);
    try {
      return await run(context);
    } finally {
      await context.close();
    }
  };

  it.each([
    ['admin', 'admin@d-oms.test'],
    ['staff', 'staff1@d-oms.test'],
  ])('staff app as %s: every screen they can open', async (role, email) => {
    const who = account(email);
    const problems = await withContext(async (context) => {
      const page = await signedIn(context, app().stack.staffUrl, who);
      await page.getByTestId('greeting').waitFor();
      const out: string[] = [];
      const screens = SCREENS.filter((s) => role === 'admin' || !ADMIN_SCREENS.includes(s.id));
      for (const s of screens) {
        await page.evaluate((id) => (location.hash = `#/${id}`), s.id);
        await page.locator(`.app-nav a[href="#/${s.id}"][aria-current="page"]`).waitFor({ state: 'attached' });
        out.push(...(await check(page, `staff ${role} ${s.id}`, viewport)));
        if (s.id === 'users') out.push(...(await usersRows(page)).map((p) => `users at ${viewport.width}: ${p}`));
        if (s.id === 'billing') out.push(...(await scanDialog(page, `staff ${role}`, viewport)));
      }
      // The phone's More sheet, open over the screen.
      if (viewport.width < 960) {
        await page.getByRole('button', { name: /^More\b/ }).click();
        out.push(...(await check(page, `staff ${role} more-sheet`, viewport)));
      }
      return out;
    });
    if (problems.length > 0) console.log(problems.join('\n'));
    expect(problems).toEqual([]);
  }, 240_000);

  it('signed out, a new sign-up and a retailer', async () => {
    const problems = await withContext(async (context) => {
      const out: string[] = [];
      const page = await context.newPage();
      await new SignInPage(page).open(app().stack.staffUrl);
      out.push(...(await check(page, 'staff sign-in', viewport)));
      await page.getByRole('button', { name: 'Create an account' }).click();
      await page.getByLabel('Name').waitFor();
      out.push(...(await check(page, 'staff sign-up', viewport)));
      await new SignInPage(page).open(app().stack.retailerUrl);
      out.push(...(await check(page, 'retailer sign-in', viewport)));

      const pending = await signedIn(context, app().stack.staffUrl, account('newstaff@d-oms.test'));
      await pending.getByText('Waiting for approval').waitFor();
      out.push(...(await check(pending, 'staff awaiting approval', viewport)));
      return out;
    });
    const retailer = await withContext(async (context) => {
      const page = await signedIn(context, app().stack.retailerUrl, account('retailer1@d-oms.test'));
      await page.getByTestId('retailer-party').waitFor();
      const out = await check(page, 'retailer home', viewport);
      // Place order and Stock check, then Your orders (timeline, items open) and Report a problem.
      await page.getByRole('navigation', { name: 'What to do' }).getByRole('link', { name: 'Place order' }).click();
      await page.getByTestId('place-order').waitFor();
      out.push(...(await check(page, 'retailer place order', viewport)));
      await page.evaluate(() => (location.hash = '#/stock'));
      await page.getByTestId('stock-check').waitFor();
      out.push(...(await check(page, 'retailer stock check', viewport)));
      await page.evaluate(() => (location.hash = '#/'));
      await page.getByRole('navigation', { name: 'What to do' }).getByRole('link', { name: 'Your orders' }).click();
      await page.getByTestId('orders-screen').waitFor();
      const items = page.getByRole('button', { name: 'Items and PDF' }).first();
      if ((await items.count()) > 0) await items.click();
      out.push(...(await check(page, 'retailer orders', viewport)));
      await page.evaluate(() => (location.hash = '#/support'));
      await page.getByTestId('report-form').waitFor();
      out.push(...(await check(page, 'retailer support', viewport)));
      return out;
    });
    if (problems.length + retailer.length > 0) console.log([...problems, ...retailer].join('\n'));
    expect([...problems, ...retailer]).toEqual([]);
  }, 240_000);
});
