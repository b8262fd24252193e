/**
 * Place order with the database unreachable (until the offline outbox exists): within a few
 * seconds a persistent notice says the order is not placed yet and will be when the connection
 * returns; the button stays disabled; when the connection returns the order lands once and is
 * announced. Before, the screen said nothing and the order landed later unannounced.
 */
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { NewOrderPage } from './pages/NewOrderPage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { member, seedBusiness } from './support/business.ts';
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
  await seedBusiness(stack);
}, 120_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const WAITING = 'No connection to the database: the order is not placed yet. It will be placed when the connection returns — keep this page open.';

/**
 * New order for `account` in a profile whose database connection the test controls: `down`
 * closes the open WebSocket and refuses new ones; `silent` keeps it open but drops what the app
 * sends (a dead connection the SDK still believes in); `deaf` passes everything but the
 * database's replies to updates (the write lands, the app never hears); `up` lets connections
 * through again.
 */
async function newOrder(account: Account): Promise<{ page: Page; screen: NewOrderPage; setDatabase: (mode: 'up' | 'down' | 'silent' | 'deaf') => Promise<void> }> {
  const context = await app().browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  let mode: 'up' | 'down' | 'silent' | 'deaf' = 'up';
  const open: WebSocketRoute[] = [];
  // The database SDK talks over one WebSocket to `/.ws` (src/data/firebase.ts, forceWebSockets); Vite has none (hmr: false).
  await page.routeWebSocket(
    (url) => url.pathname === '/.ws',
    (ws) => {
      if (mode === 'down') return void ws.close({ code: 1011, reason: 'database unreachable (test)' });
      const server = ws.connectToServer();
      // Request numbers of the updates sent (`a: 'm'`, a multi-path merge) while deaf.
      const updates = new Set<number>();
      const frame = (m: string | Buffer): { r?: number; a?: string; b?: unknown } => {
        try {
          return ((JSON.parse(m.toString()) as { d?: object }).d ?? {}) as { r?: number; a?: string };
        } catch {
          return {};
        }
      };
      ws.onMessage((m) => {
        if (mode === 'silent') return;
        const d = frame(m);
        if (mode === 'deaf' && d.a === 'm' && typeof d.r === 'number') updates.add(d.r);
        server.send(m);
      });
      server.onMessage((m) => {
        const r = frame(m).r;
        if (typeof r === 'number' && updates.has(r)) return;
        ws.send(m);
      });
      open.push(ws);
    },
  );
  const setDatabase = async (next: typeof mode) => {
    mode = next;
    if (next === 'down') for (const ws of open.splice(0)) await ws.close({ code: 1011, reason: 'database unreachable (test)' });
    // A browser fires offline/online when the network comes back; the SDK then retries at once.
    if (next === 'up') await page.evaluate(() => ['offline', 'online'].forEach((t) => window.dispatchEvent(new Event(t))));
  };
  await (await new SignInPage(page).open(`${app().stack.staffUrl}#/new`)).signIn(account.email, account.password);
  const screen = new NewOrderPage(page);
  await screen.screen.waitFor({ timeout: 20_000 });
  // A cart of one line for Asha Traders.
  await screen.pickPartyByKeyboard('asha');
  await screen.pickProductByKeyboard('comfort bra');
  await screen.cell('BLK', '32B').fill('2');
  await screen.cell('BLK', '32B').press('Enter');
  await expect.poll(() => screen.cartRows.count(), { timeout: 5_000 }).toBe(1);
  return { page, screen, setDatabase };
}

const orders = async (): Promise<{ number: string; partyId: string }[]> => Object.values(((await app().stack.rest('GET', '/orders.json')) ?? {}) as Record<string, { number: string; partyId: string }>);

describe('Place order without the database', () => {
  it('says at once that the order waits for the connection, then places it once and announces it', async () => {
    const staff = await member(app().stack, 'Offline Placer');
    const { page, screen, setDatabase } = await newOrder(staff);
    const before = (await orders()).length;

    await setDatabase('down');
    await expect.poll(() => page.getByText('Connecting…').count(), { timeout: 10_000 }).toBe(1);
    await screen.processButton.click();
    await screen.summary.waitFor();
    const placeButton = screen.summary.getByRole('button', { name: /^(Place order|Placing…)$/ });
    await placeButton.click();
    const notice = page.getByTestId('toast-warning').filter({ hasText: WAITING });
    await expect.poll(() => notice.count(), { timeout: 3_000 }).toBe(1);
    expect(await placeButton.isDisabled()).toBe(true);
    expect(await placeButton.innerText()).toBe('Placing…');
    // It stays: nothing is placed while the database is unreachable.
    await page.waitForTimeout(4_000);
    expect(await notice.count()).toBe(1);
    expect((await orders()).length).toBe(before);

    await setDatabase('up');
    const announced = page.getByTestId('toast-success').filter({ hasText: /Order K\d+ placed/ }).locator('.toast__text');
    await expect.poll(() => announced.count(), { timeout: 20_000 }).toBe(1);
    await screen.placed.waitFor({ timeout: 5_000 });
    const number = (await screen.placed.getByTestId('order-number').innerText()).trim();
    expect(await announced.innerText()).toBe(`Order ${number} placed`);
    expect(await notice.count()).toBe(0);
    // Exactly one order, and it is this one.
    await page.waitForTimeout(1_000);
    const after = await orders();
    expect(after.length).toBe(before + 1);
    expect(after.filter((o) => o.number === number)).toEqual([expect.objectContaining({ partyId: 'party-asha' })]);
  }, 120_000);

  it('says so too when the connection is open but the database does not answer within 3 s', async () => {
    const staff = await member(app().stack, 'Stalled Placer');
    const { page, screen, setDatabase } = await newOrder(staff);
    const before = (await orders()).length;

    await setDatabase('silent');
    await screen.processButton.click();
    await screen.summary.waitFor();
    const clickedAt = Date.now();
    await screen.summary.getByRole('button', { name: 'Place order' }).click();
    const notice = page.getByTestId('toast-warning').filter({ hasText: WAITING });
    await expect.poll(() => notice.count(), { timeout: 6_000 }).toBe(1);
    expect(Date.now() - clickedAt).toBeGreaterThanOrEqual(2_500);
    expect((await orders()).length).toBe(before);

    // The connection drops and comes back: the SDK sends the held placement again, once.
    await setDatabase('down');
    await setDatabase('up');
    await expect.poll(() => page.getByTestId('toast-success').filter({ hasText: /Order K\d+ placed/ }).count(), { timeout: 30_000 }).toBe(1);
    await page.waitForTimeout(1_000);
    expect((await orders()).length).toBe(before + 1);
    expect(await notice.count()).toBe(0);
  }, 120_000);

  it('places it once when the reply is lost with the connection (the SDK sends the update again on reconnecting)', async () => {
    const staff = await member(app().stack, 'Unlucky Placer');
    const { page, screen, setDatabase } = await newOrder(staff);
    const before = (await orders()).length;
    const counter = (await app().stack.rest('GET', '/counters/orderNumber.json')) as number | null;

    await setDatabase('deaf');
    await screen.processButton.click();
    await screen.summary.waitFor();
    await screen.summary.getByRole('button', { name: 'Place order' }).click();
    const notice = page.getByTestId('toast-warning').filter({ hasText: WAITING });
    await expect.poll(() => notice.count(), { timeout: 6_000 }).toBe(1);
    // The database has it; the app has not heard.
    await expect.poll(async () => (await orders()).length, { timeout: 5_000 }).toBe(before + 1);

    await setDatabase('down');
    await setDatabase('up');
    const announced = page.getByTestId('toast-success').filter({ hasText: /Order K\d+ placed/ }).locator('.toast__text');
    await expect.poll(() => announced.count(), { timeout: 30_000 }).toBe(1);
    const number = (await screen.placed.getByTestId('order-number').innerText()).trim();
    expect(await announced.innerText()).toBe(`Order ${number} placed`);
    await page.waitForTimeout(1_000);
    const after = await orders();
    expect(after.length).toBe(before + 1);
    expect(after.map((o) => o.number)).toContain(number);
    expect(await app().stack.rest('GET', '/counters/orderNumber.json')).toBe((counter ?? 0) + 1);
    expect(await page.getByTestId('toast-error').count()).toBe(0);
  }, 120_000);
});
