import { expectLawsHold, readState } from './support/laws.ts';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { reminderSlot } from '../../src/domain/delivery.ts';
import { bill, deleteOrder, expireOrder, sendToBilling } from '../../src/domain/lifecycle.ts';
import { DAY_MS, type Patch, type TransitionCtx } from '../../src/domain/patch.ts';
import { storeRecord } from '../../src/domain/orderRecords.ts';
import { placeOrder } from '../../src/domain/placement.ts';
import type { Line, OrderId, OrderState, PartyId, ProductId, SentRecord, SkuId, Uid } from '../../src/domain/types.ts';
import { pdfText } from '../support/pdfText.ts';
import { DeletedPage } from './pages/DeletedPage.ts';
import { ExpiredPage } from './pages/ExpiredPage.ts';
import { SentPage } from './pages/SentPage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { StaffHomePage } from './pages/StaffHomePage.ts';
import { PARTIES, member, seedBusiness } from './support/business.ts';
import { watchIndexWarnings } from './support/indexWarnings.ts';
import { launchChromium } from './support/chromium.ts';
import { AppStack, type Account } from './support/stack.ts';

let browser: Browser | undefined;
let stack: AppStack | undefined;
let staff: Account;
let admin: Account;
let counter = 0;
let idSeq = 0;
const contexts: BrowserContext[] = [];
/** The SDK's "unspecified index" warnings of every page: each query of these screens must be indexed. */
const indexWarnings: string[] = [];

function app(): { browser: Browser; stack: AppStack } {
  if (browser === undefined || stack === undefined) throw new Error('stack not started');
  return { browser, stack };
}

const NOW = Date.now();
/** Local `hour`:00 of the day `daysAgo` days before today. */
/**
 * `daysAgo` local days before today, at `hour` of a day squeezed into the part of today already
 * gone: always earlier in its day than now is in today, in the hours' order. So "5 days ago"
 * is between 5 and 6 days back whatever time the test runs (at 00:55 a plain 09:00 is only 4.6
 * days back, and the days-left and expiring-soon figures shift by one).
 */
function localAt(daysAgo: number, hour: number): number {
  const d = new Date(NOW - daysAgo * DAY_MS);
  const todayStart = new Date(NOW).setHours(0, 0, 0, 0);
  const dayStart = d.setHours(0, 0, 0, 0);
  return dayStart + Math.floor(((NOW - todayStart) * hour) / 24);
}
const line = (productId: string, color: string, size: string, qty: number): Line => ({ productId: productId as ProductId, color, size, qty });
const ctx = (now: number, actor: string = staff.uid): TransitionCtx => ({ now, actor: actor as Uid, newId: () => `fx-${String(++idSeq).padStart(4, '0')}` });

/** Writes a domain patch as the owner (one multi-path update). */
const write = async (patch: Patch): Promise<void> => void (await app().stack.rest('PATCH', '/.json', patch));

/** The order as a client reads it: the app's own read path (src/data/orderKernel.ts), as the owner. */
const state = (id: string): Promise<OrderState> => readState(app().stack, id as OrderId);

async function place(id: string, partyId: keyof typeof PARTIES, lines: Line[], at: number): Promise<string> {
  const placed = placeOrder(id as OrderId, { partyId: partyId as PartyId, partyName: PARTIES[partyId].name, note: '', lines }, counter++, ctx(at));
  await write(placed.patch);
  return placed.number;
}

async function billAt(id: string, lines: Line[], at: number): Promise<void> {
  const stock = (await app().stack.rest('GET', '/stock.json')) as Record<string, { qty: number }>;
  const view = Object.fromEntries(Object.entries(stock).map(([k, v]) => [k, v.qty])) as Record<SkuId, number>;
  await write(bill(await state(id), lines, view, ctx(at)).patch);
}

/**
 * A new browser profile signed in to the staff app. Unless `setup` prepares the page itself, the
 * profile has already had today's dispatch reminder (its toast would cover the screen tabs).
 */
async function signedIn(account: Account, setup?: (page: Page) => Promise<void>): Promise<Page> {
  const context = await app().browser.newContext({ viewport: { width: 390, height: 844 } });
  contexts.push(context);
  context.setDefaultTimeout(15_000); // a missing element fails its step with its locator, not the test's timeout
  context.setDefaultNavigationTimeout(90_000); // the first load compiles the app's modules (Vite dev server), slow on a busy machine
  const page = await context.newPage();
  watchIndexWarnings(page, indexWarnings);
  if (setup !== undefined) await setup(page);
  else await page.addInitScript(() => localStorage.setItem('doms.dispatchReminders.lastRun', String(Date.now())));
  await (await new SignInPage(page).open(app().stack.staffUrl)).signIn(account.email, account.password);
  await new StaffHomePage(page).userName.waitFor();
  return page;
}

/** The ID token of `account`, from the Auth emulator. */
async function idToken(account: Account): Promise<string> {
  const res = await fetch(`http://${app().stack.authHost}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password, returnSecureToken: true }),
  });
  return ((await res.json()) as { idToken: string }).idToken;
}

const audits = async (orderId: string, action: string): Promise<number> => {
  const all = ((await app().stack.rest('GET', '/audit.json')) ?? {}) as Record<string, { orderId: string; action: string }>;
  return Object.values(all).filter((a) => a.orderId === orderId && a.action === action).length;
};

beforeAll(async () => {
  browser = await launchChromium();
  stack = await AppStack.start(inject('authEmulatorHost'));
  await seedBusiness(stack);
  staff = await member(stack, 'Sita Staff');
  admin = await member(stack, 'Anil Admin', 'admin');

  // K1 (Asha, MAPUSA): billed twice yesterday → one merged card with equal lines summed.
  await place('o-a', 'party-asha', [line('P-BRA', 'BLK', '32B', 3), line('P-BRA', 'SKN', '36B', 1)], localAt(3, 10));
  await write(sendToBilling(await state('o-a'), [line('P-BRA', 'BLK', '32B', 3), line('P-BRA', 'SKN', '36B', 1)], ctx(localAt(3, 11))).patch);
  await billAt('o-a', [line('P-BRA', 'BLK', '32B', 2)], localAt(1, 10));
  await billAt('o-a', [line('P-BRA', 'BLK', '32B', 1), line('P-BRA', 'SKN', '36B', 1)], localAt(1, 12));
  // K2 (Ravi, PONDA): billed two days ago.
  await place('o-c', 'party-ravi', [line('P-TEE', 'RED', 'M', 5)], localAt(3, 9));
  await write(sendToBilling(await state('o-c'), [line('P-TEE', 'RED', 'M', 5)], ctx(localAt(3, 9))).patch);
  await billAt('o-c', [line('P-TEE', 'RED', 'M', 5)], localAt(2, 11));
  // K3 (Ravi, PONDA): billed 45 days ago, outside the default 7 days but kept.
  await place('o-b', 'party-ravi', [line('P-TEE', 'NVY', 'L', 2)], localAt(60, 9));
  await write(sendToBilling(await state('o-b'), [line('P-TEE', 'NVY', 'L', 2)], ctx(localAt(60, 9))).patch);
  await billAt('o-b', [line('P-TEE', 'NVY', 'L', 2)], localAt(45, 12));
  // K4 and K5: deleted 5 days and 1 day ago.
  await place('o-d', 'party-asha', [line('P-TEE', 'RED', 'M', 2)], localAt(6, 9));
  await write(deleteOrder(await state('o-d'), 'pending', 'Party cancelled', ctx(localAt(5, 9))).patch);
  await place('o-e', 'party-ravi', [line('P-BRA', 'BLK', '34B', 1)], localAt(2, 9));
  await write(deleteOrder(await state('o-e'), 'pending', 'Duplicate order', ctx(localAt(1, 9))).patch);
  // K6: deleted 45 days ago, kept because retention is 60 days; outside Deleted's first 30 days.
  await write({ 'settings/retentionDays': 60 });
  await place('o-old-del', 'party-asha', [line('P-TEE', 'RED', 'M', 1)], localAt(47, 9));
  await write(deleteOrder(await state('o-old-del'), 'pending', 'Shop closed', ctx(localAt(45, 9))).patch);
  // K7: expired 40 days ago, outside Expired's first 30 days.
  await place('o-old-exp', 'party-ravi', [line('P-TEE', 'RED', 'M', 1)], localAt(90, 9));
  const oldExpiry = expireOrder(await state('o-old-exp'), localAt(40, 9), { afterDays: 40, graceDays: 10 }, ctx(localAt(40, 9)));
  if (oldExpiry === null) throw new Error('o-old-exp is not due');
  await write(oldExpiry.patch);
}, 120_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  expect(indexWarnings.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('Sent, Deleted and Expired screens', () => {
  it('merges sent records per order, party and day; loads the last 7 days, older weeks on demand, or one party; the search covers what is loaded', async () => {
    const sent = await new SentPage(await signedIn(staff)).open();
    await expect.poll(() => sent.numbers(), { timeout: 10_000 }).toEqual(['K1', 'K2']);
    expect(await sent.table('K1')).toEqual({ rows: ['Comfort Bra | Black (BLK) | 32B | 3', 'Comfort Bra | Skin (SKN) | 36B | 1'], total: 4 });
    expect((await sent.card('K1').getByTestId('bill-dates').innerText()).split('·')).toHaveLength(2);
    expect(await sent.card('K1').innerText()).toContain('Sita Staff');

    const [download] = await Promise.all([sent.page.waitForEvent('download'), sent.card('K1').getByTestId('card-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/^K1_ASHA_TRADERS_.*\.pdf$/);
    const pdf = await pdfText(readFileSync(await download.path()));
    for (const text of ['Sent Order - ASHA TRADERS', 'K1', 'Sita Staff', 'Comfort Bra']) expect(pdf).toContain(text);

    const [image] = await Promise.all([sent.page.waitForEvent('download'), sent.card('K1').getByTestId('card-image').click()]);
    expect(image.suggestedFilename()).toMatch(/^K1_ASHA_TRADERS_.*\.png$/);
    const png = readFileSync(await image.path());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]); // the PNG signature
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(300); // width in pixels: a rendered document, not a blank pixel
    expect(png.length).toBeGreaterThan(10_000);

    // The last 7 days are loaded; the search covers them only.
    expect(await sent.foot.loadedSince.innerText()).toContain('billed since');
    await sent.search('ravi');
    await expect.poll(() => sent.numbers()).toEqual(['K2']);
    await sent.search('');
    // "Show older" reaches back past the empty weeks to the week of K3 (45 days ago); nothing is older.
    await sent.foot.showOlder();
    await expect.poll(() => sent.numbers()).toEqual(['K1', 'K2', 'K3']);
    await sent.foot.noOlder.waitFor();
    await sent.search('ravi');
    await expect.poll(() => sent.numbers()).toEqual(['K2', 'K3']);
    await sent.search('skin');
    await expect.poll(() => sent.numbers()).toEqual(['K1']);
    await sent.search('cotton navy');
    await expect.poll(() => sent.numbers()).toEqual(['K3']);
    await sent.search('nothing like this');
    await expect.poll(() => sent.page.getByTestId('sent-empty').innerText()).toBe('No loaded sent orders match this search.');
    await sent.search('');
    // One party's history, read by party (newest first), whatever its age.
    await sent.party('RAVI STORES');
    await expect.poll(() => sent.numbers()).toEqual(['K2', 'K3']);
    await sent.foot.noOlder.waitFor();
    expect(await sent.foot.loadedSince.innerText()).toContain('of RAVI STORES');
    await sent.party('ASHA TRADERS');
    await expect.poll(() => sent.numbers()).toEqual(['K1']);
    await sent.party('');
    await expect.poll(() => sent.numbers()).toEqual(['K1', 'K2']); // back to the last 7 days
    expect(await app().stack.childCount('sent')).toBe(4);
  });

  it('changes the delivery status of every record of a merged card, seen live on a second device', async () => {
    const [a, b] = await Promise.all([signedIn(staff), signedIn(admin)]);
    const [sa, sb] = [new SentPage(a), new SentPage(b)];
    await Promise.all([sa.open(), sb.open()]);
    await expect.poll(() => sb.status('K1').innerText(), { timeout: 10_000 }).toBe('Undelivered');
    // The undelivered strip: every undelivered card, oldest first, also K3 outside the loaded days.
    expect(await sb.tickerEntries()).toEqual(['K3 RAVI STORES · 45 days', 'K2 RAVI STORES · 2 days', 'K1 ASHA TRADERS · 1 day']);
    const revBefore = (await app().stack.rest('GET', '/orderRev/o-a.json')) as number;
    const seenOnB = await sb.watchStatus('K1', 'Delivered');
    const clicked = Date.now();
    await sa.toggle('K1').click();
    const shownAfter = (await seenOnB()) - clicked;
    console.info(`delivery toggle on device A → shown on device B: ${shownAfter} ms`);
    expect(shownAfter).toBeLessThanOrEqual(1000); // from the tap on A, so the write's own time is included
    expect(await sb.status('K1').innerText()).toBe('Delivered');
    await expect.poll(() => sb.tickerEntries()).toEqual(['K3 RAVI STORES · 45 days', 'K2 RAVI STORES · 2 days']);
    const records = (await app().stack.rest('GET', '/sent.json')) as Record<string, { orderId: string; deliveryStatus: string }>;
    expect(Object.values(records).filter((r) => r.orderId === 'o-a').map((r) => r.deliveryStatus)).toEqual(['delivered', 'delivered']);
    expect(await app().stack.rest('GET', '/orderRev/o-a.json')).toBe(revBefore + 2);
    await sb.toggle('K1').click();
    await expect.poll(() => sa.status('K1').innerText(), { timeout: 5_000 }).toBe('Undelivered');
  });

  it("the planner lists the weekday's undelivered cards by party area and marks the selected ones delivered", async () => {
    const sent = await new SentPage(await signedIn(admin)).open();
    await sent.openPlanner();
    await sent.savePlan({ Tuesday: 'Ponda', Friday: 'Mapusa, Ponda' });
    expect(await app().stack.rest('GET', '/settings/deliveryPlan.json')).toEqual({ tue: ['Ponda'], fri: ['Mapusa', 'Ponda'] });
    await sent.plannerDay('Tue');
    await expect.poll(() => sent.plannerCards.allInnerTexts()).toHaveLength(2); // K2 and K3, both PONDA
    await sent.plannerDay('Fri');
    await expect.poll(() => sent.plannerCards.count()).toBe(3);
    await sent.plannerCards.filter({ hasText: 'K2' }).getByRole('checkbox').check();
    await sent.plannerCards.filter({ hasText: 'K1' }).getByRole('checkbox').check();
    await sent.planner.getByTestId('mark-selected').click();
    await expect.poll(() => sent.plannerCards.count(), { timeout: 5_000 }).toBe(1);
    const records = Object.values((await app().stack.rest('GET', '/sent.json')) as Record<string, { number: string; deliveryStatus: string }>);
    expect(records.map((r) => `${r.number} ${r.deliveryStatus}`).sort()).toEqual(['K1 delivered', 'K1 delivered', 'K2 delivered', 'K3 undelivered']);
  });

  it('the undelivered strip shows an old card on its own, and disappears when all is delivered', async () => {
    const sent = await new SentPage(await signedIn(staff)).open();
    await expect.poll(() => sent.tickerEntries(), { timeout: 10_000 }).toEqual(['K3 RAVI STORES · 45 days']);
    expect(await sent.card('K3').count()).toBe(0); // billed 45 days ago: outside the loaded days
    await sent.search('asha');
    await sent.tickerItem('K3').click();
    const k3 = sent.picked.locator('[data-testid="sent-card"][data-order="K3"]');
    await k3.waitFor({ timeout: 5_000 });
    expect(await sent.page.getByTestId('sent-search').inputValue()).toBe('asha'); // the list below keeps its search
    expect(await k3.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await k3.getAttribute('class')).toContain('sent-card--highlight');
    await expect.poll(() => k3.evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().top < innerHeight)).toBe(true);
    await sent.toggle('K3').click();
    await sent.ticker.waitFor({ state: 'detached', timeout: 5_000 });
    expect(await sent.status('K3').innerText()).toBe('Delivered');
  });

  it('shows deleted orders with reason, who and days left, and reverts one to pending', async () => {
    const deleted = await new DeletedPage(await signedIn(staff)).open();
    const k4 = deleted.card('K4');
    await k4.waitFor({ timeout: 10_000 });
    expect(await k4.getByTestId('deleted-reason').innerText()).toBe('Party cancelled');
    await expect.poll(() => k4.getByTestId('deleted-by').innerText()).toBe('Sita Staff');
    expect(await k4.getByTestId('days-left').innerText()).toBe('55 days left'); // retention 60 days
    // The last 30 days are loaded; K6, deleted 45 days ago, comes with "Show older".
    expect(await deleted.numbers()).toEqual(['K5', 'K4']);
    await deleted.foot.showOlder();
    await expect.poll(() => deleted.numbers()).toEqual(['K5', 'K4', 'K6']);
    await deleted.foot.noOlder.waitFor();
    expect(await deleted.deletePermanently('K4').count()).toBe(0); // staff: no permanent delete
    // The order's history: every change with who made it and when, from the audit trail.
    await k4.getByTestId('history-button').click();
    const history = deleted.page.getByTestId('order-history');
    await expect.poll(() => history.getByTestId('history-step').count(), { timeout: 10_000 }).toBe(2);
    expect(await history.getByTestId('history-what').allInnerTexts()).toEqual(['Placed · 2 pcs', 'Deleted · 2 pcs']);
    await expect.poll(() => history.getByTestId('history-who').allInnerTexts()).toEqual(['Sita Staff', 'Sita Staff']);
    expect(await history.getByTestId('history-detail').allInnerTexts()).toEqual(['K4', 'Party cancelled']);
    await deleted.page.keyboard.press('Escape');
    await history.waitFor({ state: 'detached' });
    const revBefore = (await app().stack.rest('GET', '/orderRev/o-d.json')) as number;
    // Revert asks first, showing what returns to Pending; Cancel changes nothing.
    const before = JSON.stringify(await app().stack.rest('GET', '/.json'));
    await deleted.revert('K4').click();
    const dialog = deleted.revertDialog;
    await dialog.dialog.waitFor();
    expect(await dialog.summary.innerText()).toBe('Order K4 for ASHA TRADERS returns to Pending: 1 line(s), 2 pcs.');
    expect(await dialog.lines()).toEqual({ rows: ['Cotton Tee | Red (RED) | M | 2'], total: 2 });
    await dialog.cancel();
    expect(JSON.stringify(await app().stack.rest('GET', '/.json'))).toBe(before);
    expect(await k4.count()).toBe(1);
    await deleted.revert('K4').click();
    await dialog.confirm();
    await k4.waitFor({ state: 'detached', timeout: 5_000 });
    const { pending } = await state('o-d');
    if (pending === undefined) throw new Error('o-d is not pending after the revert');
    expect(pending.revertedBy).toBe(staff.uid);
    expect(pending.lines).toEqual([line('P-TEE', 'RED', 'M', 2)]);
    await expectLawsHold(app().stack, 'o-d' as OrderId);
    expect(pending.expiresAt).toBeGreaterThanOrEqual(NOW + 10 * DAY_MS);
    expect(await app().stack.rest('GET', '/deleted/o-d.json')).toBeNull();
    expect(await app().stack.rest('GET', '/orderRev/o-d.json')).toBe(revBefore + 1);
  });

  it('refuses a permanent delete by staff in the rules (SDK session and REST with the ID token); an admin may, after confirming', async () => {
    const page = await signedIn(staff);
    await new DeletedPage(page).open();
    // The staff's own SDK session (the app's modules, as served to this page) tries the admin transition.
    // Passed as source text: Vitest would otherwise rewrite the dynamic imports for Node.
    const outcome = await page.evaluate<string>(`(async () => {
      const store = await import('/src/data/orderStore.ts');
      const retention = await import('/src/domain/retention.ts');
      const s = await store.readOrderState('o-e');
      try {
        await store.applyPatch(retention.purgeDeleted(s, store.transitionCtx()).patch);
        return 'accepted';
      } catch (e) {
        return String(e);
      }
    })()`);
    expect(outcome).toMatch(/permission/i);
    const token = await idToken(staff);
    const rev = (await app().stack.rest('GET', '/orderRev/o-e.json')) as number;
    // The database server of this file's stack (AppStack sets these for Vite in this process).
    const restUrl = `http://127.0.0.1:${process.env['VITE_DOMS_DB_PORT'] ?? ''}`;
    const direct = await fetch(`${restUrl}/.json?ns=${process.env['VITE_DOMS_DB_NS'] ?? ''}&auth=${token}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ 'deleted/o-e': null, 'orderRev/o-e': rev + 1 }),
    });
    expect(direct.status).toBe(401);
    expect(await app().stack.rest('GET', '/deleted/o-e.json')).not.toBeNull();
    expect(await app().stack.rest('GET', '/orderRev/o-e.json')).toBe(rev);

    const deleted = await new DeletedPage(await signedIn(admin)).open();
    await deleted.deletePermanently('K5').click();
    // A wrong password deletes nothing; the admin's own password does.
    await deleted.confirmWith('not-the-password');
    await expect.poll(() => deleted.reauth.getByRole('alert').innerText()).toContain('that is not your password');
    expect(await app().stack.rest('GET', '/deleted/o-e.json')).not.toBeNull();
    await deleted.confirmWith(admin.password);
    await deleted.card('K5').waitFor({ state: 'detached', timeout: 5_000 });
    expect(await app().stack.rest('GET', '/deleted/o-e.json')).toBeNull();
    expect(await app().stack.rest('GET', '/orderRev/o-e.json')).toBe(rev + 1);
    expect(await audits('o-e', 'purge')).toBe(1);
  });

  it('expires an old order exactly once when two devices run the job at once; revert gives 10 more days', async () => {
    const [a, b] = await Promise.all([signedIn(staff), signedIn(admin)]);
    const [ea, eb] = [new ExpiredPage(a), new ExpiredPage(b)];
    await Promise.all([ea.open(), eb.open()]);
    await expect.poll(() => ea.counter('expired'), { timeout: 10_000 }).toBe('0'); // K7 expired 40 days ago: outside the loaded 30 days
    const number = await place('o-f', 'party-asha', [line('P-TEE', 'RED', 'M', 1)], localAt(50, 9));
    await place('o-g', 'party-ravi', [line('P-TEE', 'RED', 'M', 1)], localAt(35, 9)); // 5 days left: expiring soon
    await expect.poll(() => ea.counter('expiring')).toBe('2'); // o-g, and K4 reverted above with 10 days
    await Promise.all([ea.checkNow.click(), eb.checkNow.click()]);
    await expect.poll(() => ea.report.innerText(), { timeout: 10_000 }).toMatch(/Last check/);
    await expect.poll(() => eb.report.innerText(), { timeout: 10_000 }).toMatch(/Last check/);
    await eb.card(number).waitFor({ timeout: 5_000 });
    expect(await app().stack.rest('GET', '/orderRev/o-f.json')).toBe(2); // placed (1) + expired once (2)
    expect(await audits('o-f', 'expire')).toBe(1);
    expect(await app().stack.rest('GET', '/orders/o-f.json')).toBeNull();
    expect(await app().stack.rest('GET', '/orders/o-g.json')).not.toBeNull();
    expect(await ea.counter('expired')).toBe('1');

    await ea.revert(number).click();
    expect(await ea.revertDialog.summary.innerText()).toBe(`Order ${number} for ASHA TRADERS returns to Pending: 1 line(s), 1 pcs. It gets 10 more days before it expires again.`);
    expect(await ea.revertDialog.lines()).toEqual({ rows: ['Cotton Tee | Red (RED) | M | 1'], total: 1 });
    expect(await app().stack.rest('GET', '/orders/o-f.json')).toBeNull(); // asked, not done
    await ea.revertDialog.confirm();
    await ea.card(number).waitFor({ state: 'detached', timeout: 5_000 });
    const pending = (await app().stack.rest('GET', '/orders/o-f.json')) as { expiresAt: number; revertedAt: number };
    expect(pending.expiresAt - pending.revertedAt).toBeGreaterThanOrEqual(10 * DAY_MS - 60_000);
    expect(pending.expiresAt - pending.revertedAt).toBeLessThanOrEqual(10 * DAY_MS + 60_000);
    expect(await app().stack.rest('GET', '/orderRev/o-f.json')).toBe(3);
  });
  it('searches expired orders by order number and by party', async () => {
    const policy = { afterDays: 30, graceDays: 10 };
    const mine = await place('o-h', 'party-asha', [line('P-BRA', 'BLK', '32B', 1)], localAt(50, 9));
    const theirs = await place('o-i', 'party-ravi', [line('P-TEE', 'NVY', 'L', 1)], localAt(50, 10));
    for (const id of ['o-h', 'o-i']) {
      const t = expireOrder(await state(id), NOW, policy, ctx(NOW));
      if (t === null) throw new Error(`${id} is not due for expiry`);
      await write(t.patch);
    }
    const expired = await new ExpiredPage(await signedIn(staff)).open();
    await expect.poll(() => expired.numbers(), { timeout: 10_000 }).toEqual(expect.arrayContaining([mine, theirs]));
    await expired.search(mine.toLowerCase());
    await expect.poll(() => expired.numbers()).toEqual([mine]);
    await expired.search('Ravi');
    await expect.poll(() => expired.numbers()).toEqual([theirs]);
    await expired.search('asha traders');
    await expect.poll(() => expired.numbers()).toEqual([mine]);
    await expired.search('nobody like this');
    await expect.poll(() => expired.page.getByTestId('expired-empty').innerText()).toBe('No loaded expired orders match the search.');
    await expired.search('');
    await expect.poll(() => expired.numbers()).toEqual(expect.arrayContaining([mine, theirs]));
    // K7 expired 40 days ago: outside the first 30 days, there with "Show older".
    expect(await expired.numbers()).not.toContain('K7');
    await expired.foot.showOlder();
    await expect.poll(() => expired.numbers()).toContain('K7');
    await expired.foot.noOlder.waitFor();
  });

  it('reminds once a day after 8 AM about undelivered orders billed a day or more ago, and never marks them delivered', async () => {
    // The latest 8 AM that has passed, so the page's fixed clock is never ahead of the real one (sign-in tokens stay valid).
    const eight = reminderSlot(NOW) <= NOW ? reminderSlot(NOW) : reminderSlot(NOW - DAY_MS);
    const old = await place('o-r1', 'party-ravi', [line('P-TEE', 'RED', 'M', 1)], eight - 3 * DAY_MS);
    await write(sendToBilling(await state('o-r1'), [line('P-TEE', 'RED', 'M', 1)], ctx(eight - 3 * DAY_MS)).patch);
    await billAt('o-r1', [line('P-TEE', 'RED', 'M', 1)], eight - 2 * DAY_MS + 2 * 3_600_000);
    const fresh = await place('o-r2', 'party-asha', [line('P-TEE', 'RED', 'M', 1)], eight - 3_600_000);
    await write(sendToBilling(await state('o-r2'), [line('P-TEE', 'RED', 'M', 1)], ctx(eight - 3_600_000)).patch);
    await billAt('o-r2', [line('P-TEE', 'RED', 'M', 1)], eight - 20 * 60_000); // 7:40 the same morning: not due yet

    const page = await signedIn(staff, async (p) => {
      await p.clock.setFixedTime(eight - 5 * 60_000); // 7:55
      // Records notifications and permission requests instead of showing them.
      await p.addInitScript(() => {
        const w = window as unknown as { notes: { title: string; body: string }[]; asks: number; Notification: unknown };
        w.notes = [];
        w.asks = 0;
        w.Notification = class {
          static permission: NotificationPermission = 'default';
          static requestPermission(): Promise<NotificationPermission> {
            w.asks++;
            this.permission = 'granted';
            return Promise.resolve('granted');
          }
          constructor(title: string, options?: { body?: string }) {
            w.notes.push({ title, body: options?.body ?? '' });
          }
        };
      });
    });
    const sent = await new SentPage(page).open();
    const tick = () => page.evaluate(() => dispatchEvent(new Event('focus')));
    const notes = () => page.evaluate(() => (window as unknown as { notes: { title: string; body: string }[] }).notes);
    const lastRun = () => page.evaluate(() => localStorage.getItem('doms.dispatchReminders.lastRun')); // LAST_RUN_KEY in src/data/dispatchReminders.ts
    // The strip counts days by the server's clock, not the page's fixed one: only the order is certain here.
    await expect.poll(() => sent.tickerEntries(), { timeout: 10_000 }).toEqual([expect.stringMatching(`^${old} RAVI STORES · `), expect.stringMatching(`^${fresh} ASHA TRADERS · `)]);
    await tick();
    expect(await lastRun()).toBeNull(); // before 8 AM: no run
    expect(await page.getByTestId('toast-warning').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { asks: number }).asks)).toBe(0); // never asked unprompted

    await sent.enableNotifications.click();
    await expect.poll(() => page.getByTestId('reminder-note').innerText()).toContain('also comes as a notification');
    expect(await page.evaluate(() => (window as unknown as { asks: number }).asks)).toBe(1);

    await page.clock.setFixedTime(eight + 5 * 60_000); // 8:05
    await tick();
    await expect.poll(() => notes(), { timeout: 5_000 }).toEqual([{ title: 'D-OMS: dispatch pending', body: expect.stringContaining(`${old} RAVI STORES (2 days)`) }]);
    expect((await notes())[0]?.body).not.toContain(fresh);
    // In the app it is the strip on Sent, never a toast over the screen.
    expect(await page.getByTestId('toast-warning').count()).toBe(0);
    expect(await sent.dispatchStrip.innerText()).toContain(`Dispatch pending (1): ${old} RAVI STORES (2 days)`);
    expect(Number(await lastRun())).toBe(eight + 5 * 60_000);

    await page.clock.setFixedTime(eight + 10 * 3_600_000); // 18:00: already reminded today
    await tick();
    await page.waitForTimeout(500);
    expect(await notes()).toHaveLength(1);

    await page.clock.setFixedTime(eight + DAY_MS + 60_000); // the next morning, 8:01
    await tick();
    await expect.poll(() => notes(), { timeout: 5_000 }).toHaveLength(2);
    expect((await notes())[1]?.body).toContain(`Dispatch pending (2): ${old} RAVI STORES (3 days), ${fresh} ASHA TRADERS (1 day)`);
    // Reminding is all it does: nothing was marked delivered.
    const records = Object.values((await app().stack.rest('GET', '/sent.json')) as Record<string, { orderId: string; deliveryStatus: string }>);
    expect(records.filter((r) => r.orderId === 'o-r1' || r.orderId === 'o-r2').map((r) => r.deliveryStatus)).toEqual(['undelivered', 'undelivered']);
  });

  it('shows the dispatch reminder as a strip on Sent, not over Home; dismissed, it stays hidden that day, also after a reload', async () => {
    const lines = [line('P-TEE', 'RED', 'M', 1)];
    const number = await place('o-s1', 'party-asha', lines, localAt(4, 9));
    await write(sendToBilling(await state('o-s1'), lines, ctx(localAt(4, 9))).patch);
    await billAt('o-s1', lines, localAt(3, 11));
    const page = await signedIn(staff);
    const home = new StaffHomePage(page);
    const sent = await new SentPage(page).open();
    await expect.poll(() => sent.dispatchStrip.innerText(), { timeout: 10_000 }).toMatch(new RegExp(`^Dispatch pending \\(\\d+\\): .*${number} ASHA TRADERS \\(3 days\\)`));
    // Home shows its greeting with nothing drawn over it: no strip, no toast.
    await home.open();
    await page.waitForTimeout(1000); // the reminder's first check and the undelivered read have had their time
    expect(await sent.dispatchStrip.count()).toBe(0);
    expect(await page.getByTestId('toast-warning').count()).toBe(0);
    // The count stays in sight as the navigation's Sent badge.
    await expect.poll(() => page.getByTestId('badge-sent').innerText(), { timeout: 10_000 }).toMatch(/^[1-9]\d*$/);
    await sent.open();
    await sent.dispatchStrip.waitFor({ timeout: 10_000 });
    await page.getByTestId('dismiss-dispatch-strip').click();
    await sent.dispatchStrip.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { name: 'Sent', level: 1 }).waitFor({ timeout: 30_000 });
    await sent.ticker.waitFor({ timeout: 10_000 }); // the undelivered records have arrived: the strip would be drawn by now
    expect(await sent.dispatchStrip.count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('doms.dispatchStrip.dismissedDay'))).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('reads a busy day 40 records a page and renders 50 cards at a time', async () => {
    // 72 delivered bills today (written as records: they do not touch the ticker, the planner or the reminder).
    const base = { partyId: 'party-asha' as PartyId, partyName: PARTIES['party-asha'].name, note: '', source: 'staff' as const, createdBy: staff.uid as Uid, billedBy: staff.uid as Uid, remarks: '', deliveryStatus: 'delivered' as const };
    const bills = Object.fromEntries(
      Array.from({ length: 72 }, (_, i) => {
        const lines = [line('P-TEE', 'RED', 'M', 1)];
        const r: SentRecord = { ...base, number: `K${900 + i}`, orderId: `o-busy-${i}` as OrderId, createdAt: NOW - 3_600_000, billedAt: NOW - 60_000 - i * 1000, lines, ordered: lines };
        return [`sent/busy-${String(i).padStart(2, '0')}`, storeRecord(r)];
      }),
    );
    await write(bills);
    const page = await signedIn(staff);
    // Cards on screen at each animation frame, from the first frame that has any.
    await page.evaluate(() => {
      const frames: number[] = [];
      Object.assign(window, { cardFrames: frames });
      const tick = (): void => {
        const n = document.querySelectorAll('[data-testid="sent-card"]').length;
        if (n > 0) frames.push(n);
        if (frames.length < 30) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const sent = await new SentPage(page).open();
    // The first page holds the newest 40 records of the week (a busy day is read in pages, not whole).
    await expect.poll(() => sent.cards.count(), { timeout: 10_000 }).toBe(40);
    // Its first frame drew a screenful (FIRST_FRAME, 12), not all 40: the rest came a frame later.
    const frames = await page.evaluate(() => (window as unknown as { cardFrames: number[] }).cardFrames);
    expect(frames[0]).toBe(12);
    expect(frames.at(-1)).toBe(40);
    expect(await sent.foot.shownCount.count()).toBe(0);
    await sent.foot.showOlder(); // the next 40 of the same days
    await expect.poll(() => sent.cards.count(), { timeout: 10_000 }).toBe(50);
    expect(await sent.foot.shownCount.innerText()).toMatch(/^Showing 50 of \d+ cards$/);
    const total = Number(/of (\d+)/.exec(await sent.foot.shownCount.innerText())?.[1]);
    expect(total).toBeGreaterThanOrEqual(72); // two pages of 40: all 72 of today's bills and the newest older ones
    expect(await sent.page.evaluate(() => document.querySelectorAll('*').length)).toBeLessThan(6000);
    await sent.foot.showMore();
    await expect.poll(() => sent.cards.count(), { timeout: 10_000 }).toBe(total);
    await sent.foot.shownCount.waitFor({ state: 'detached' });
    await write(Object.fromEntries(Object.keys(bills).map((k) => [k, null])));
  }, 60_000); // renders some 80 cards in steps; on a loaded CI machine its steps add up past 30 s
});
