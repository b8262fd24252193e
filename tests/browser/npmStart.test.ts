/**
 * `npm start` itself, as a new user runs it: its Auth emulator, database server and Vite, seeded
 * with the demo business and its demo logins. The stack is moved to free ports and a temporary
 * data folder (DOMS_PORT_*, DOMS_STACK_DIR), so it runs beside a developer's own `npm start`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/authEmulator.ts';
import { NewOrderPage } from './pages/NewOrderPage.ts';
import { RetailerHomePage } from './pages/RetailerHomePage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { StaffHomePage } from './pages/StaffHomePage.ts';
import { launchChromium } from './support/chromium.ts';
import { expectedTiles } from './support/homeCounts.ts';

const NS = 'demo-doms-default-rtdb';

let browser: Browser | undefined;
let child: ChildProcess | undefined;
let output = '';
let exited: Promise<number | null> = Promise.resolve(null);
const dir = mkdtempSync(join(tmpdir(), 'doms-npm-start-'));
const ports = { auth: 0, db: 0, vite: 0, hub: 0, logging: 0 };

/** Waits until `npm start`'s output contains `text`; fails with the output if it exits first. */
async function outputShows(text: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!output.includes(text)) {
    if (child?.exitCode !== null) throw new Error(`npm start exited (status ${String(child?.exitCode)}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not print "${text}" within ${ms} ms:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function dbGet(path: string): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${ports.db}/${path}.json?ns=${NS}&auth=owner`);
  expect(res.status).toBe(200);
  return res.json();
}

async function portIsFree(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
    return false;
  } catch {
    return true;
  }
}

beforeAll(async () => {
  browser = await launchChromium();
  for (const k of Object.keys(ports) as (keyof typeof ports)[]) ports[k] = await freePort();
  // As `npm start` runs it: Node with tsx as a loader, so Ctrl-C reaches the stack directly (the
  // tsx wrapper relays signals and, on a loaded machine, could exit 130 after a clean stop).
  child = spawn(process.execPath, ['--import', 'tsx', 'server/dev/start.ts'], {
    cwd: resolve('.'),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DOMS_STACK_DIR: dir,
      DOMS_PORT_AUTH: String(ports.auth),
      DOMS_PORT_DB: String(ports.db),
      DOMS_PORT_VITE: String(ports.vite),
      DOMS_PORT_HUB: String(ports.hub),
      DOMS_PORT_LOGGING: String(ports.logging),
    },
  });
  const started = child;
  exited = new Promise((r) => started.once('exit', (code) => r(code)));
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await outputShows('Press Ctrl-C to stop all three.', 240_000);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (child?.pid !== undefined && child.exitCode === null) {
    process.kill(-child.pid, 'SIGKILL');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh browser profile signed in at `url`; a phone-sized window unless `width` says otherwise. */
async function signIn(url: string, email: string, password: string, width = 390): Promise<Page> {
  if (browser === undefined) throw new Error('no browser');
  const context = await browser.newContext({ viewport: { width, height: 844 } });
  const page = await context.newPage();
  await (await new SignInPage(page).open(url)).signIn(email, password);
  return page;
}

describe('npm start (the one-command local stack)', () => {
  it('seeds the empty database, then prints both apps\' URLs and the demo logins', () => {
    expect(output, output).toContain('Empty database: seeding the demo business…');
    expect(output, output).toContain('Seeded.');
    expect(output).toContain(`Staff app        http://127.0.0.1:${ports.vite}/`);
    expect(output).toContain(`Retailer portal  http://127.0.0.1:${ports.vite}/retailer.html`);
    expect(output).toMatch(/staff1@d-oms\.test\s+demo-staff-1/);
    expect(output).toMatch(/retailer1@d-oms\.test\s+demo-retailer-1/);
  });

  it('seeded the demo business: demo staff sees the pending and billing counters and the recent activity as stored', async () => {
    const page = await signIn(`http://127.0.0.1:${ports.vite}/`, 'staff1@d-oms.test', 'demo-staff-1');
    const home = new StaffHomePage(page);
    await home.userName.waitFor({ timeout: 20_000 });
    expect(await home.userName.innerText()).toBe('Suresh Staff');
    const stored = (): Promise<Record<string, number>> => expectedTiles(dbGet);
    expect((await stored())['Pending']).toBeGreaterThan(0);
    // The seeded counters equal the records they count.
    for (const c of ['orders', 'billing']) expect(await dbGet(`counts/${c}/n`)).toBe(Object.keys(((await dbGet(c)) as object | null) ?? {}).length);
    // Signing in starts the expiry and purge job, which may move seeded orders meanwhile: the
    // screen must settle on what the database holds then.
    const agree = async (): Promise<boolean> => JSON.stringify(await home.visibleCounts()) === JSON.stringify(await stored());
    await expect.poll(agree, { timeout: 15_000 }).toBe(true);
    const [shown, held] = [await home.visibleCounts(), await stored()];
    expect(shown).toEqual(held);
    await page.context().close();
  }, 60_000);

  it('a demo retailer signs in to the portal and sees their own party', async () => {
    const users = (await dbGet('users')) as Record<string, { email: string; partyId?: string }>;
    const retailer = Object.values(users).find((u) => u.email === 'retailer1@d-oms.test');
    expect(retailer?.partyId).toBeTruthy();
    const party = (await dbGet(`parties/${retailer?.partyId ?? ''}`)) as { name: string; area: string };
    const page = await signIn(`http://127.0.0.1:${ports.vite}/retailer.html`, 'retailer1@d-oms.test', 'demo-retailer-1');
    const home = new RetailerHomePage(page);
    await expect.poll(() => home.partyName.innerText().catch(() => ''), { timeout: 20_000 }).toBe(party.name);
    await page.context().close();
  }, 60_000);

  it('an order placed on one device shows on another within 1 s, without a reload', async () => {
    const base = `http://127.0.0.1:${ports.vite}/`;
    const watcher = new StaffHomePage(await signIn(base, 'staff2@d-oms.test', 'demo-staff-2'));
    await watcher.userName.waitFor({ timeout: 20_000 });
    const pendingBefore = Object.keys(((await dbGet('orders')) as object | null) ?? {}).length;
    await expect.poll(() => watcher.visibleCounts(), { timeout: 15_000 }).toMatchObject({ Pending: pendingBefore });
    const seen = await watcher.watchTile('orders', pendingBefore + 1);

    const catalog = (await dbGet('catalog')) as Record<string, { name: string; code?: string; sizes: string[]; colors: { code: string }[]; active: boolean }>;
    const [productId, product] = Object.entries(catalog).find(([, p]) => p.active) ?? [];
    const parties = (await dbGet('parties')) as Record<string, { name: string }>;
    const party = Object.values(parties)[0];
    if (productId === undefined || product === undefined || party === undefined) throw new Error('the seed has no active product or party');
    // A desktop window: on phones the grid shows one colour at a time.
    const taker = await signIn(`${base}#/new`, 'staff1@d-oms.test', 'demo-staff-1', 1000);
    const screen = new NewOrderPage(taker);
    await screen.screen.waitFor({ timeout: 20_000 });
    await screen.pickPartyByKeyboard(party.name);
    // Found by its human code (every demo product has one; search never matches database ids).
    await screen.pickProductByKeyboard(product.code ?? product.name);
    await screen.cell(product.colors[0]?.code ?? '', product.sizes[0] ?? '').fill('2');
    await screen.cell(product.colors[0]?.code ?? '', product.sizes[0] ?? '').press('Enter');
    await screen.cartRows.first().waitFor();
    await screen.processButton.click();
    await screen.summary.getByRole('button', { name: 'Place order' }).click();
    await screen.placed.waitFor();
    const placedAt = await taker.evaluate(() => Date.now());
    const seenAt = await seen();
    expect(seenAt - placedAt, 'ms from the confirmation on device A to the count on device B').toBeLessThanOrEqual(1000);
    expect(Object.keys(((await dbGet('orders')) as object | null) ?? {}).length).toBe(pendingBefore + 1);
    await Promise.all([watcher.page.context().close(), taker.context().close()]);
  }, 90_000);

  it('Ctrl-C (SIGINT to its process group) stops all three services', async () => {
    if (child?.pid === undefined) throw new Error('npm start is not running');
    process.kill(-child.pid, 'SIGINT');
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 60_000))]);
    expect(code).toBe(0);
    expect(output).toContain('Stopped.');
    for (const port of [ports.auth, ports.db, ports.vite]) expect(await portIsFree(port), `port ${port}`).toBe(true);
  }, 90_000);
});
