import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { SignInPage } from './pages/SignInPage.ts';
import { StaffHomePage } from './pages/StaffHomePage.ts';
import { StockPage } from './pages/StockPage.ts';
import { member, seedBusiness, sku, STOCK } from './support/business.ts';
import { launchChromium } from './support/chromium.ts';
import { settle, WireMeter } from './support/screenBytes.ts';
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
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const BANNER = /^Offline: showing stock saved at .+\. Changes are disabled until the connection is back\.$/;

/** A browser profile whose database connection can be cut: Vite and the Auth emulator stay reachable. */
async function profile(): Promise<{ page: Page; setDatabaseDown: (down: boolean) => Promise<void> }> {
  const context = await app().browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  let isDown = false;
  // The database SDK talks over one WebSocket to `/.ws` on the database server (src/data/firebase.ts,
  // forceWebSockets); the dev server has no other WebSocket (hmr: false).
  await page.routeWebSocket(
    (url) => url.pathname === '/.ws',
    (ws) => {
      if (isDown) void ws.close({ code: 1011, reason: 'database unreachable (test)' });
      else ws.connectToServer();
    },
  );
  const setDatabaseDown = async (down: boolean) => {
    isDown = down;
    // A browser fires offline/online when the network comes back; the SDK then retries at once
    // instead of after its growing back-off.
    if (!down) await page.evaluate(() => ['offline', 'online'].forEach((t) => window.dispatchEvent(new Event(t))));
  };
  return { page, setDatabaseDown };
}

async function signIn(page: Page, account: Account): Promise<void> {
  await (await new SignInPage(page).open(app().stack.staffUrl)).signIn(account.email, account.password);
  await new StaffHomePage(page).userName.waitFor();
}

/** Keys of the saved copies in this profile's IndexedDB (without creating the database). */
const savedKeys = (page: Page): Promise<string[]> =>
  page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'doms-snapshots')) return [];
    return new Promise<string[]>((resolve, reject) => {
      const open = indexedDB.open('doms-snapshots');
      open.onerror = () => reject(open.error ?? new Error('open failed'));
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('snapshots')) return (db.close(), resolve([]));
        const req = db.transaction('snapshots').objectStore('snapshots').getAllKeys();
        req.onsuccess = () => (db.close(), resolve(req.result.map(String)));
        req.onerror = () => reject(req.error ?? new Error('read failed'));
      };
    });
  });

/** Changes one SKU's quantity as another device would (a ledgered adjustment, as the owner). */
async function adjustElsewhere(skuId: string, before: number, after: number): Promise<void> {
  const id = `offline-test-${Date.now()}-${after}`;
  await app().stack.rest('PATCH', '/.json', {
    [`stock/${skuId}/qty`]: after,
    [`stock/${skuId}/ledgerId`]: id,
    // As the rules require of every stock write: stamped with the server's time.
    [`stock/${skuId}/updatedAt`]: { '.sv': 'timestamp' },
    [`stockLedger/${id}`]: { skuId, reason: 'adjust', before, delta: after - before, actor: 'someone', at: Date.now(), note: 'elsewhere' },
  });
}

describe('Stock offline in Chromium', () => {
  it('shows the saved stock with a banner and no changes while the database is unreachable, then goes live again', async () => {
    const staff = await member(app().stack, 'Offline Staff');
    const { page, setDatabaseDown } = await profile();
    await signIn(page, staff);
    let stock = await new StockPage(page).open();
    await expect.poll(() => stock.totals.innerText(), { timeout: 10_000 }).toContain(`${Object.keys(STOCK).length} SKUs`);
    expect(await stock.page.getByTestId('stock-offline').count()).toBe(0);
    // The first copy is written at once (later ones at most every few seconds).
    await expect.poll(() => savedKeys(page), { timeout: 10_000 }).toEqual(expect.arrayContaining([`${staff.uid}|stock`, `${staff.uid}|catalog`, `${staff.uid}|users`]));

    await setDatabaseDown(true);
    await page.reload();
    stock = new StockPage(page);
    await page.getByRole('heading', { name: 'Stock', level: 1 }).waitFor({ timeout: 15_000 });
    const banner = page.getByTestId('stock-offline');
    await expect.poll(() => banner.innerText(), { timeout: 10_000 }).toMatch(BANNER);
    expect(await stock.totals.innerText()).toContain(`${Object.keys(STOCK).length} SKUs`);
    await stock.filter('comfort black');
    const bra32 = sku('P-BRA', 'BLK', '32B');
    await expect.poll(() => stock.qty(bra32), { timeout: 5_000 }).toBe(STOCK[bra32]);
    expect(await stock.qty(sku('P-BRA', 'BLK', '34B'))).toBe(STOCK[sku('P-BRA', 'BLK', '34B')]);
    expect(await page.getByRole('button', { name: 'Import stock sheet' }).isDisabled()).toBe(true);
    expect(await stock.row(bra32).getByRole('button', { name: /^Adjust / }).isDisabled()).toBe(true);
    expect(await stock.row(bra32).getByRole('button', { name: /^Barcodes of / }).isDisabled()).toBe(true);
    expect(await page.getByText('Connecting…').count()).toBe(1);

    // Stock changes elsewhere while this device is cut off: it still shows its copy.
    const was = STOCK[bra32] ?? 0;
    await adjustElsewhere(bra32, was, was + 7);
    expect(await stock.qty(bra32)).toBe(was);

    await setDatabaseDown(false);
    await expect.poll(() => stock.qty(bra32), { timeout: 20_000 }).toBe(was + 7);
    await expect.poll(() => banner.count(), { timeout: 5_000 }).toBe(0);
    expect(await page.getByRole('button', { name: 'Import stock sheet' }).isDisabled()).toBe(false);
    expect(await stock.row(bra32).getByRole('button', { name: /^Adjust / }).isDisabled()).toBe(false);
    // Live updates continue.
    await adjustElsewhere(bra32, was + 7, was + 8);
    await expect.poll(() => stock.qty(bra32), { timeout: 5_000 }).toBe(was + 8);
  });

  it("signing out deletes the saved copies; the next user of the browser never sees the first user's data", async () => {
    const first = await member(app().stack, 'First Staff');
    const second = await member(app().stack, 'Second Staff');
    const { page, setDatabaseDown } = await profile();
    await signIn(page, first);
    const stock = await new StockPage(page).open();
    await expect.poll(() => stock.totals.innerText(), { timeout: 10_000 }).toMatch(/\d+ SKUs/);
    await expect.poll(() => savedKeys(page), { timeout: 10_000 }).toEqual(expect.arrayContaining([`${first.uid}|stock`, `${first.uid}|users`]));

    await setDatabaseDown(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('stock-offline').innerText(), { timeout: 15_000 }).toMatch(BANNER);
    await new StaffHomePage(page).signOut();
    await new SignInPage(page).email.waitFor();
    await expect.poll(() => savedKeys(page), { timeout: 5_000 }).toEqual([]);

    // The second user signs in on the same profile, database still unreachable: their own
    // account cannot load, and nothing of the first user's shows meanwhile.
    await new SignInPage(page).signIn(second.email, second.password);
    await page.getByText('Loading your account…').waitFor({ timeout: 10_000 });
    await page.waitForTimeout(1_500);
    expect(await page.getByText('Loading your account…').count()).toBe(1);
    expect(await page.getByText('First Staff').count()).toBe(0);
    expect(await page.getByTestId('stock-offline').count()).toBe(0);
    expect(await page.getByTestId('stock-row').count()).toBe(0);

    await setDatabaseDown(false);
    await expect.poll(() => new StaffHomePage(page).userName.innerText(), { timeout: 20_000 }).toBe('Second Staff');
    await page.getByRole('heading', { name: 'Stock', level: 1 }).waitFor();
    await expect.poll(() => stock.totals.innerText(), { timeout: 10_000 }).toMatch(/\d+ SKUs/);
    expect(await page.getByTestId('stock-offline').count()).toBe(0);
    await expect.poll(() => savedKeys(page), { timeout: 10_000 }).toEqual(expect.arrayContaining([`${second.uid}|stock`]));
    expect((await savedKeys(page)).some((k) => k.startsWith(`${first.uid}|`))).toBe(false);
  });

  it('a reopen downloads only the SKUs changed since the saved copy, and shows them', async () => {
    // 300 more SKUs, so the whole collection costs far more than one change.
    const at = Date.now() - 60_000;
    const extra: Record<string, unknown> = {};
    for (let i = 0; i < 300; i++) extra[sku('P-TEE', 'RED', `Z${i}`)] = { productId: 'P-TEE', color: 'RED', size: `Z${i}`, qty: i, updatedAt: at, ledgerId: `extra-${i}` };
    await app().stack.rest('PATCH', '/stock.json', extra);
    const staff = await member(app().stack, 'Reopen Staff');
    const { page } = await profile();
    const meter = new WireMeter(page);
    await signIn(page, staff);
    let from = meter.bytes;
    let started = Date.now();
    const stock = await new StockPage(page).open();
    await settle(page, meter, started);
    const firstOpen = meter.bytes - from;
    await expect.poll(() => savedKeys(page), { timeout: 10_000 }).toEqual(expect.arrayContaining([`${staff.uid}|stock`]));
    await page.waitForTimeout(3_500); // the copy is written at most every 3 s: let the last delivery land in it

    const bra32 = sku('P-BRA', 'BLK', '32B');
    await stock.filter('comfort black');
    const was = (await stock.qty(bra32)) ?? 0;
    await adjustElsewhere(bra32, was, was + 3);
    from = meter.bytes;
    started = Date.now();
    await page.reload();
    await page.getByRole('heading', { name: 'Stock', level: 1 }).waitFor({ timeout: 15_000 });
    await settle(page, meter, started);
    const reopen = meter.bytes - from;
    await stock.filter('comfort black');
    await expect.poll(() => stock.qty(bra32), { timeout: 10_000 }).toBe(was + 3);
    // The first open read 305 SKUs (tens of KB); the reopen reads the account, the catalogue and the one changed SKU.
    expect(firstOpen).toBeGreaterThan(30_000);
    expect(reopen).toBeLessThan(firstOpen / 3);
    // Live changes keep arriving after a resume.
    await adjustElsewhere(bra32, was + 3, was + 4);
    await expect.poll(() => stock.qty(bra32), { timeout: 5_000 }).toBe(was + 4);
  });
});
