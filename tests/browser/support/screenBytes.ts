/**
 * What opening each staff screen costs over the WebSocket: bytes received from the database
 * server and the time until the screen shows its data. Shared by the byte budget test
 * (tests/browser/byteBudget.test.ts) and `npm run bench:scale`. Bytes are deterministic for a
 * given database, so they can be asserted; times are only printed.
 */
import type { Page } from 'playwright-core';

/** Staff screens in the order the measure visits them (route ids, src/distributor/shell/route.ts). */
export const MEASURED_SCREENS = ['pending', 'billing', 'sent', 'deleted', 'expired', 'stock', 'new', 'approvals', 'users'] as const;
export type MeasuredScreen = 'home' | (typeof MEASURED_SCREENS)[number];

/** The history screens: their first page has a byte budget of its own. */
export const HISTORY_SCREENS: readonly MeasuredScreen[] = ['sent', 'deleted', 'expired'];

/** Counts the bytes of every WebSocket message `page` receives, and when the last one came. */
export class WireMeter {
  bytes = 0;
  lastFrameAt = 0;

  constructor(page: Page) {
    page.on('websocket', (ws) => {
      ws.on('framereceived', ({ payload }) => {
        this.bytes += typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
        this.lastFrameAt = Date.now();
      });
    });
  }
}

/** One screen's figures: bytes received while opening it, and milliseconds until it showed its data; `isRevisit` for a second opening. */
export type ScreenCost = { screen: MeasuredScreen; bytes: number; visibleMs: number; isRevisit?: boolean };

/**
 * How long the WebSocket must stay silent before a screen counts as opened. The local server
 * answers a listen in one burst within milliseconds; this leaves room for a second round (a
 * resumed collection asks for what changed after reading its saved copy) on a loaded machine.
 */
const QUIET_MS = 700;
/** Before opening the next screen: what the previous one still receives lands first. */
const LAND_MS = 300;

/**
 * Waits until the screen shows its data (a `main` with nothing marked `aria-busy="true"`), then
 * until no WebSocket message has arrived for `quietMs`. Returns the time to the first.
 */
export async function settle(page: Page, meter: WireMeter, startedAt: number, quietMs = QUIET_MS, timeoutMs = 90_000): Promise<number> {
  await page.waitForFunction(() => document.querySelector('main') !== null && document.querySelector('main [aria-busy="true"]') === null, undefined, {
    timeout: timeoutMs,
    polling: 50,
  });
  const visibleMs = Date.now() - startedAt;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() - Math.max(meter.lastFrameAt, startedAt) < quietMs) {
    if (Date.now() > deadline) throw new Error(`the WebSocket never went quiet (${meter.bytes} bytes so far)`);
    await page.waitForTimeout(100);
  }
  return visibleMs;
}

/** Signs in on a fresh page of the staff app and waits for Home: the cold open. */
export async function coldOpenHome(page: Page, url: string, meter: WireMeter, account: { email: string; password: string }): Promise<ScreenCost> {
  const before = meter.bytes;
  await page.goto(url);
  await page.getByLabel('Email', { exact: true }).fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  const startedAt = Date.now();
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await page.getByTestId('greeting').waitFor({ timeout: 60_000 });
  const visibleMs = await settle(page, meter, startedAt);
  return { screen: 'home', bytes: meter.bytes - before, visibleMs };
}

/** Opens `screen` from wherever the app is (through the URL hash, as the tabs do) and measures it. */
export async function openScreen(page: Page, meter: WireMeter, screen: MeasuredScreen): Promise<ScreenCost> {
  // Let anything still arriving from the previous screen land before counting.
  await settle(page, meter, Date.now(), LAND_MS);
  const before = meter.bytes;
  const startedAt = Date.now();
  await page.evaluate((id) => (location.hash = `#/${id}`), screen);
  await page.waitForFunction((id) => location.hash === `#/${id}`, screen);
  const visibleMs = await settle(page, meter, startedAt);
  return { screen, bytes: meter.bytes - before, visibleMs };
}

/** The screens opened a second time at the end: their data is held for the session once opened. */
export const REVISITED_SCREENS: readonly MeasuredScreen[] = ['pending', 'billing'];

/**
 * Home cold, then every staff screen in turn, back to Home between screens so each opens from
 * the same place; then the working-set screens again (`isRevisit`).
 */
export async function measureStaffScreens(page: Page, url: string, account: { email: string; password: string }, meter = new WireMeter(page)): Promise<ScreenCost[]> {
  const costs = [await coldOpenHome(page, url, meter, account)];
  for (const screen of MEASURED_SCREENS) {
    costs.push(await openScreen(page, meter, screen));
    await openScreen(page, meter, 'home');
  }
  for (const screen of REVISITED_SCREENS) {
    costs.push({ ...(await openScreen(page, meter, screen)), isRevisit: true });
    await openScreen(page, meter, 'home');
  }
  return costs;
}

/** Figures as a table for the console. */
export const formatCosts = (costs: readonly ScreenCost[]): string =>
  costs.map((c) => `${(c.isRevisit === true ? `${c.screen} again` : c.screen).padEnd(14)} ${(c.bytes / 1024).toFixed(1).padStart(9)} KB ${String(c.visibleMs).padStart(7)} ms`).join('\n');
