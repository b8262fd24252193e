/**
 * The admin's Approvals screen in Chromium against the real stack: a retailer writes an order
 * with their own identity (through the rules), the admin approves or rejects it after
 * re-entering their password, and the database, the Pending screen and the retailer's portal
 * (live, without a reload) all show the outcome.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppNav } from './pages/AppNav.ts';
import { ApprovalsPage } from './pages/ApprovalsPage.ts';
import { PendingPage } from './pages/PendingPage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { StaffHomePage } from './pages/StaffHomePage.ts';
import { member, seedBusiness } from './support/business.ts';
import { launchChromium } from './support/chromium.ts';
import { watchIndexWarnings } from './support/indexWarnings.ts';
import { AppStack, type Account } from './support/stack.ts';

let browser: Browser | undefined;
let stack: AppStack | undefined;
let admin: Account;
let staff: Account;
let retailer: Account;
const contexts: BrowserContext[] = [];
/** The SDK's "Using an unspecified index" warnings: every query the apps make must have its `.indexOn`. */
const indexWarnings: string[] = [];

function app(): { browser: Browser; stack: AppStack } {
  if (browser === undefined || stack === undefined) throw new Error('stack not started');
  return { browser, stack };
}

type Stored = { status: string; orderNumber?: string; decidedBy?: string; decidedAt?: number; rejectReason?: string };
type AuditEntry = { action: string; orderId: string; actor: string; detail?: string };

const retailerOrder = async (id: string): Promise<Stored | null> => (await app().stack.rest('GET', `/retailerOrders/${id}.json`)) as Stored | null;
const audits = async (orderId: string): Promise<AuditEntry[]> =>
  Object.values(((await app().stack.rest('GET', '/audit.json')) ?? {}) as Record<string, AuditEntry>).filter((a) => a.orderId === orderId);

/** The ID token of `account`, from the Auth emulator. */
async function idToken(account: Account): Promise<string> {
  const res = await fetch(`http://${app().stack.authHost}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password, returnSecureToken: true }),
  });
  const json = (await res.json()) as { idToken?: string };
  if (json.idToken === undefined) throw new Error(`sign-in failed: ${JSON.stringify(json)}`);
  return json.idToken;
}

/** Writes a retailer order over REST with the retailer's own identity, so the rules judge it as the portal's write. */
async function submitAsRetailer(id: string, note: string, lines: { productId: string; color: string; size: string; qty: number }[]): Promise<void> {
  // The database server of this file's stack (AppStack sets these for Vite in this process).
  const url = `http://127.0.0.1:${process.env['VITE_DOMS_DB_PORT'] ?? ''}/.json?ns=${process.env['VITE_DOMS_DB_NS'] ?? ''}&auth=${await idToken(retailer)}`;
  // With the retailer's count of orders awaiting a decision, moved in the same write (the rules require it).
  const res = await fetch(url, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      [`retailerOrders/${id}`]: { retailerUid: retailer.uid, partyId: 'party-asha', note, lines, createdAt: { '.sv': 'timestamp' }, status: 'submitted' },
      [`retailerAwaiting/${retailer.uid}/submitted`]: { '.sv': { increment: 1 } },
      [`retailerAwaiting/${retailer.uid}/by`]: id,
    }),
  });
  if (res.status !== 200) throw new Error(`retailer write refused: ${res.status} ${await res.text()}`);
}

async function signedIn(account: Account, url: string, width = 1280): Promise<Page> {
  const context = await app().browser.newContext({ viewport: { width, height: 900 } });
  context.setDefaultTimeout(10_000); // a missing element fails its step, not the test's timeout
  context.setDefaultNavigationTimeout(30_000);
  contexts.push(context);
  const page = await context.newPage();
  watchIndexWarnings(page, indexWarnings);
  await page.addInitScript(() => localStorage.setItem('doms.dispatchReminders.lastRun', String(Date.now())));
  await (await new SignInPage(page).open(url)).signIn(account.email, account.password);
  return page;
}

/** The retailer's portal with a marker that a reload would wipe. */
async function retailerPortal(): Promise<Page> {
  const page = await signedIn(retailer, app().stack.retailerUrl, 390);
  await page.getByTestId('your-orders').waitFor();
  await page.evaluate(() => ((window as unknown as { notReloaded?: boolean }).notReloaded = true));
  return page;
}

const yourOrder = (page: Page, id: string) => page.locator(`[data-testid="your-order"][data-id="${id}"]`);
const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

beforeAll(async () => {
  browser = await launchChromium();
  stack = await AppStack.start(inject('authEmulatorHost'));
  await seedBusiness(stack);
  admin = await member(stack, 'Anil Admin', 'admin');
  staff = await member(stack, 'Sita Staff');
  retailer = await stack.createAccount('retailer');
  await stack.rest('PUT', `/users/${retailer.uid}.json`, { name: 'Asha Owner', email: retailer.email, role: 'retailer', status: 'active', partyId: 'party-asha' });
  // Orders K1…K41 exist already: approval must take the next number from the counter.
  await stack.rest('PUT', '/counters/orderNumber.json', 41);
}, 120_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  // Both retailer-order queries (by status for the admin, by retailerUid for the portal) ran.
  expect(indexWarnings.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('Approvals screen (admin) in Chromium', () => {
  it('shows a retailer order, refuses a wrong password, and approves it as K42 everywhere, live', async () => {
    await submitAsRetailer('ro-approve', 'Please send by Friday', [
      { productId: 'P-TEE', color: 'RED', size: 'M', qty: 3 },
      { productId: 'P-TEE', color: 'RED', size: 'L', qty: 2 },
      { productId: 'P-BRA', color: 'BLK', size: '32B', qty: 4 },
    ]);
    const portal = await retailerPortal();
    await expect.poll(() => yourOrder(portal, 'ro-approve').getByTestId('your-order-status').innerText(), { timeout: 15_000 }).toBe('Waiting for approval');

    const page = await signedIn(admin, app().stack.staffUrl);
    const home = new StaffHomePage(page);
    await home.greeting.waitFor({ timeout: 15_000 });
    await expect.poll(() => home.approvals(), { timeout: 10_000 }).toBe('1');
    // The count on Home leads to the screen.
    await page.getByTestId('count-approvals').getByRole('link').click();
    const approvals = new ApprovalsPage(page);
    await approvals.screen.waitFor();
    expect(await approvals.tab.getAttribute('aria-current')).toBe('page');
    await expect.poll(() => approvals.cardIds(), { timeout: 10_000 }).toEqual(['ro-approve']);
    await expect.poll(() => approvals.card('ro-approve').getByTestId('approval-retailer').innerText(), { timeout: 10_000 }).toBe('Asha Owner');
    await expect.poll(() => approvals.card('ro-approve').getByTestId('approval-party').innerText(), { timeout: 10_000 }).toBe('ASHA TRADERS');
    const shown = await approvals.shown('ro-approve');
    expect(shown).toMatchObject({ party: 'ASHA TRADERS', retailer: 'Asha Owner', note: 'Note: Please send by Friday', total: '9 pieces' });
    expect(shown.age).toMatch(/^(just now|\d+ min ago)$/);
    // Each line against the stock on hand: Red L has none, so all 2 are short (marked).
    expect(shown.rows).toEqual([
      ['Cotton Tee', 'Color: Red (RED)', 'M', '3', '120', '–'],
      ['Cotton Tee', 'Color: Red (RED)', 'L', '2', '0', '2'],
      ['Comfort Bra', 'Color: Black (BLK)', '32B', '4', '10', '–'],
    ]);
    expect(await approvals.card('ro-approve').locator('.approval-lines__row--short').count()).toBe(1);

    // A wrong password approves nothing.
    await approvals.startApprove('ro-approve');
    await approvals.confirmWith('not-my-password');
    await expect.poll(() => approvals.reauthError.innerText(), { timeout: 10_000 }).toMatch(/not your password/);
    expect((await retailerOrder('ro-approve'))?.status).toBe('submitted');
    expect(await app().stack.rest('GET', '/orders/ro-approve.json')).toBeNull();
    expect(await app().stack.rest('GET', '/counters/orderNumber.json')).toBe(41);
    expect(await audits('ro-approve')).toEqual([]);

    // The right one approves it.
    await approvals.confirmWith(admin.password);
    await approvals.reauth.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => approvals.toasts(), { timeout: 5_000 }).toContain('Approved as K42');
    await expect.poll(() => approvals.cardIds()).toEqual([]);
    await approvals.empty.waitFor();
    expect(await approvals.empty.innerText()).toBe('No retailer orders waiting');

    const stored = await retailerOrder('ro-approve');
    expect(stored).toMatchObject({ status: 'approved', orderNumber: 'K42', decidedBy: admin.uid });
    expect(typeof stored?.decidedAt).toBe('number');
    const order = (await app().stack.rest('GET', '/orders/ro-approve.json')) as Record<string, unknown>;
    expect(order).toMatchObject({ number: 'K42', partyId: 'party-asha', partyName: 'ASHA TRADERS', source: 'retailer', createdBy: retailer.uid, note: 'Please send by Friday' });
    expect(await app().stack.rest('GET', '/counters/orderNumber.json')).toBe(42);
    expect(await audits('ro-approve')).toEqual([expect.objectContaining({ action: 'approve', actor: admin.uid, detail: 'K42' })]);

    // Pending lists it with its number.
    const pending = await new PendingPage(page).open();
    await pending.viewButton('Detailed').click();
    await expect.poll(() => pending.cardNumbers(), { timeout: 10_000 }).toContain('K42');

    // The retailer's open portal shows the decision by itself.
    await expect.poll(() => yourOrder(portal, 'ro-approve').getByTestId('your-order-status').innerText(), { timeout: 10_000 }).toBe('Approved as K42');
    expect(await notReloaded(portal)).toBe(true);
  });

  it('asks for a reason before rejecting, then the retailer sees "Rejected" and the reason, live', async () => {
    await submitAsRetailer('ro-reject', '', [{ productId: 'P-BRA', color: 'SKN', size: '36B', qty: 1 }]);
    const portal = await retailerPortal();
    await expect.poll(() => yourOrder(portal, 'ro-reject').getByTestId('your-order-status').innerText(), { timeout: 15_000 }).toBe('Waiting for approval');

    const page = await signedIn(admin, app().stack.staffUrl, 390);
    await new StaffHomePage(page).greeting.waitFor({ timeout: 15_000 });
    const approvals = await new ApprovalsPage(page).open();
    await expect.poll(() => approvals.cardIds(), { timeout: 10_000 }).toEqual(['ro-reject']);
    expect((await approvals.shown('ro-reject')).note).toBeNull();

    // By keyboard: from Adjust (after Approve), Tab to Reject, Enter opens the reason dialog with the field focused.
    await approvals.card('ro-reject').getByRole('button', { name: 'Adjust' }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await approvals.rejectDialog.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');

    // No reason, or one that is too long: a field-named error and nothing is written.
    await approvals.giveReason('   ');
    await expect.poll(() => approvals.reasonError.innerText()).toBe('Reason: is required.');
    expect(await approvals.reasonField.getAttribute('aria-invalid')).toBe('true');
    await approvals.giveReason('x'.repeat(201));
    await expect.poll(() => approvals.reasonError.innerText()).toBe('Reason: must be at most 200 characters.');
    expect(await approvals.reauth.count()).toBe(0);
    expect((await retailerOrder('ro-reject'))?.status).toBe('submitted');

    const reason = 'Skin 36B is out of stock until March <b>sorry</b>';
    await approvals.giveReason(reason);
    await approvals.reauth.waitFor();
    expect(await approvals.reauth.getByTestId('reject-reason').innerText()).toBe(reason);
    await approvals.confirmWith(admin.password);
    await approvals.reauth.waitFor({ state: 'detached', timeout: 15_000 });
    await approvals.empty.waitFor();

    expect(await retailerOrder('ro-reject')).toMatchObject({ status: 'rejected', rejectReason: reason, decidedBy: admin.uid });
    expect(await app().stack.rest('GET', '/orders/ro-reject.json')).toBeNull();
    expect(await app().stack.rest('GET', '/counters/orderNumber.json')).toBe(42);
    expect(await audits('ro-reject')).toEqual([expect.objectContaining({ action: 'reject', actor: admin.uid, detail: reason })]);

    const row = yourOrder(portal, 'ro-reject');
    await expect.poll(() => row.getByTestId('your-order-status').innerText(), { timeout: 10_000 }).toBe('Rejected');
    expect(await row.getByTestId('your-order-reason').innerText()).toBe(`Reason: ${reason}`);
    expect(await notReloaded(portal)).toBe(true);
  });

  it('tells the second of two admins that the order was already decided, and writes nothing more', async () => {
    const other = await member(app().stack, 'Bela Admin', 'admin');
    await submitAsRetailer('ro-race', 'first come', [{ productId: 'P-TEE', color: 'NVY', size: 'L', qty: 2 }]);
    const [pageA, pageB] = await Promise.all([signedIn(admin, app().stack.staffUrl), signedIn(other, app().stack.staffUrl)]);
    const [a, b] = [new ApprovalsPage(pageA), new ApprovalsPage(pageB)];
    for (const p of [pageA, pageB]) await new StaffHomePage(p).greeting.waitFor({ timeout: 15_000 });
    for (const x of [a, b]) {
      await x.open();
      await expect.poll(() => x.cardIds(), { timeout: 10_000 }).toEqual(['ro-race']);
    }
    const counter = (await app().stack.rest('GET', '/counters/orderNumber.json')) as number;

    await b.startApprove('ro-race');
    await a.startApprove('ro-race');
    await a.confirmWith(admin.password);
    await a.reauth.waitFor({ state: 'detached', timeout: 15_000 });
    // B's list drops the card by itself; B's open dialog then learns why.
    await expect.poll(() => b.cardIds(), { timeout: 10_000 }).toEqual([]);
    await b.confirmWith(other.password);
    await expect
      .poll(() => b.reauthError.innerText(), { timeout: 15_000 })
      .toBe(`This retailer order was already decided by another admin: approved as K${counter + 1}.`);

    expect(await retailerOrder('ro-race')).toMatchObject({ status: 'approved', orderNumber: `K${counter + 1}`, decidedBy: admin.uid });
    expect(await app().stack.rest('GET', '/counters/orderNumber.json')).toBe(counter + 1);
    expect((await audits('ro-race')).map((e) => [e.action, e.actor])).toEqual([['approve', admin.uid]]);
  });

  it('approves with one line reduced and a reason: the badge counts live, the card shows the stock, Pending and the retailer see the new quantity', async () => {
    const { stack } = app();
    const nav = (p: Page) => new AppNav(p);
    const portal = await retailerPortal();
    await submitAsRetailer('ro-adjust', 'for the weekend', [
      { productId: 'P-TEE', color: 'RED', size: 'M', qty: 3 },
      { productId: 'P-BRA', color: 'BLK', size: '34B', qty: 6 },
      { productId: 'P-TEE', color: 'NVY', size: 'L', qty: 1 },
    ]);
    const page = await signedIn(admin, stack.staffUrl);
    await new StaffHomePage(page).greeting.waitFor({ timeout: 15_000 });
    // The badge counts the orders waiting, and follows a new one and a decision without a reload.
    await expect.poll(() => nav(page).badge('approvals'), { timeout: 10_000 }).toBe('1');
    await submitAsRetailer('ro-later', '', [{ productId: 'P-TEE', color: 'RED', size: 'M', qty: 1 }]);
    await expect.poll(() => nav(page).badge('approvals'), { timeout: 10_000 }).toBe('2');

    const approvals = await new ApprovalsPage(page).open();
    await expect.poll(() => approvals.cardIds(), { timeout: 10_000 }).toContain('ro-adjust');
    // Black 34B: 6 asked, 4 in stock, 2 short.
    await expect.poll(async () => (await approvals.shown('ro-adjust')).rows[1], { timeout: 10_000 }).toEqual(['Comfort Bra', 'Color: Black (BLK)', '34B', '6', '4', '2']);

    await approvals.startAdjust('ro-adjust');
    // The short line starts at what the stock covers; the others at what was asked.
    expect(await approvals.adjustQty.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['3', '4', '1']);
    const status = async () => ((await retailerOrder('ro-adjust')) as Stored).status;
    const refusals: [string[], string, string][] = [
      [['-1', '4', '1'], 'why', 'Quantity (P-TEE RED M) must be a whole number from 0 to 3.'],
      [['1.5', '4', '1'], 'why', 'Quantity (P-TEE RED M) must be a whole number from 0 to 3.'],
      [['3', '7', '1'], 'why', 'Quantity (P-BRA BLK 34B) cannot be more than the 6 ordered; the retailer orders more themselves.'],
      [['0', '0', '0'], 'why', 'Quantities: at least one line must remain; to refuse the whole order, reject it.'],
      [['3', '4', '1'], '   ', 'Reason: is required.'],
      [['3', '4', '1'], 'x'.repeat(10_000), 'Reason: must be at most 200 characters.'],
    ];
    for (const [qty, reason, message] of refusals) {
      await approvals.adjust(qty, reason);
      await expect.poll(() => approvals.adjustProblems.innerText(), { message }).toContain(message);
      expect(await approvals.reauth.count()).toBe(0);
    }
    expect(await status()).toBe('submitted');

    const reason = 'Only 4 of Black 34B in stock';
    await approvals.adjust(['3', '4', '1'], reason);
    await approvals.reauth.waitFor();
    expect(await approvals.reauth.getByTestId('adjust-summary').innerText()).toBe('Comfort Bra Black (BLK) 34B: 6 → 4');
    expect(await approvals.reauth.getByTestId('adjust-reason').innerText()).toBe(reason);
    const counter = (await stack.rest('GET', '/counters/orderNumber.json')) as number;
    await approvals.confirmWith(admin.password);
    await approvals.reauth.waitFor({ state: 'detached', timeout: 15_000 });
    const number = `K${counter + 1}`;
    await expect.poll(() => approvals.toasts(), { timeout: 5_000 }).toContain(`Approved as ${number} with changes`);
    await expect.poll(() => nav(page).badge('approvals'), { timeout: 10_000 }).toBe('1');

    // The order holds 4 of Black 34B, and so does its tally (conservation from the start); the request records the change.
    const key = 'P-BRA~BLK~34B';
    expect(await stack.rest('GET', `/orders/ro-adjust/lines/${key}/qty.json`)).toBe(4);
    expect(await stack.rest('GET', `/orderTally/ro-adjust/${key}/ordered.json`)).toBe(4);
    expect(await retailerOrder('ro-adjust')).toMatchObject({ status: 'approved', orderNumber: number, adjustments: { [key]: { line: 1, from: 6, to: 4 } }, adjustReason: reason });

    // Pending's card of the order shows 4 of Black 34B, not the 6 asked.
    const pending = await new PendingPage(page).open();
    await pending.viewButton('Detailed').click();
    await expect.poll(() => pending.cardNumbers(), { timeout: 10_000 }).toContain(number);
    await expect.poll(() => pending.card(number).innerText(), { timeout: 10_000 }).toMatch(/34B\/4\b/);

    // The retailer's open portal shows the change and its reason by itself...
    await expect.poll(() => yourOrder(portal, 'ro-adjust').getByTestId('your-order-status').innerText(), { timeout: 10_000 }).toBe(`Approved as ${number}`);
    expect((await yourOrder(portal, 'ro-adjust').getByTestId('your-order-adjusted').innerText()).split(/\n+/)).toEqual([`Changed at approval: ${reason}`, 'P-BRA BLK 34B: 6 → 4']);
    expect(await notReloaded(portal)).toBe(true);
    // ...read with the one query the rules allow them.
    const mine = (await (
      await fetch(`http://127.0.0.1:${process.env['VITE_DOMS_DB_PORT'] ?? ''}/retailerOrders.json?ns=${process.env['VITE_DOMS_DB_NS'] ?? ''}&orderBy="retailerUid"&equalTo="${retailer.uid}"&auth=${await idToken(retailer)}`)
    ).json()) as Record<string, Stored & { adjustments?: unknown; adjustReason?: string }>;
    expect(mine['ro-adjust']).toMatchObject({ adjustments: { [key]: { line: 1, from: 6, to: 4 } }, adjustReason: reason });
  });

  it('gives staff who are not admins no Approvals tab and no way to the screen', async () => {
    const page = await signedIn(staff, app().stack.staffUrl);
    const home = new StaffHomePage(page);
    await home.greeting.waitFor({ timeout: 15_000 });
    const nav = page.getByRole('navigation', { name: 'Screens' });
    await nav.getByRole('link', { name: 'Pending' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Approvals' }).count()).toBe(0);
    // They see the count, but it is not a link, and the address alone shows Home.
    await expect.poll(() => home.approvals(), { timeout: 10_000 }).toMatch(/^\d+$/);
    expect(await page.getByTestId('count-approvals').getByRole('link').count()).toBe(0);
    await page.evaluate(() => (location.hash = '#/approvals'));
    await home.greeting.waitFor();
    expect(await page.getByTestId('approvals-screen').count()).toBe(0);
  });
});
