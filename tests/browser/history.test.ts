import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { bill, deleteOrder, sendToBilling } from '../../src/domain/lifecycle.ts';
import { DAY_MS, type Patch, type TransitionCtx } from '../../src/domain/patch.ts';
import { placeOrder } from '../../src/domain/placement.ts';
import type { Line, OrderId, OrderState, PartyId, ProductId, SkuId, Uid } from '../../src/domain/types.ts';
import { DeletedPage } from './pages/DeletedPage.ts';
import { ExpiredPage } from './pages/ExpiredPage.ts';
import { SentPage } from './pages/SentPage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { StaffHomePage } from './pages/StaffHomePage.ts';
import { PARTIES, member, seedBusiness } from './support/business.ts';
import { launchChromium } from './support/chromium.ts';
import { AppStack, type Account } from './support/stack.ts';

let browser: Browser | undefined;
let stack: AppStack | undefined;
let staff: Account;
let admin: Account;
let counter = 0;
let idSeq = 0;
const contexts: BrowserContext[] = [];

function app(): { browser: Browser; stack: AppStack } {
  if (browser === undefined || stack === undefined) throw new Error('stack not started');
  return { browser, stack };
}

const NOW = Date.now();
/** Local `hour`:00 of the day `daysAgo` days before today. */
function localAt(daysAgo: number, hour: number): number {
  const d = new Date(NOW - daysAgo * DAY_MS);
  d.setHours(hour, 0, 0, 0);
  return d.getTime();
}
const day = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const line = (productId: string, color: string, size: string, qty: number): Line => ({ productId: productId as ProductId, color, size, qty });
const ctx = (now: number, actor: string = staff.uid): TransitionCtx => ({ now, actor: actor as Uid, newId: () => `fx-${String(++idSeq).padStart(4, '0')}` });

/** Writes a domain patch as the owner (one multi-path update). */
const write = async (patch: Patch): Promise<void> => void (await app().stack.rest('PATCH', '/.json', patch));

/** The order as a client would read it, over REST. */
async function state(id: string): Promise<OrderState> {
  const { stack } = app();
  const [rev, pending, billing, deleted, expired] = await Promise.all(['orderRev', 'orders', 'billing', 'deleted', 'expired'].map((c) => stack.rest('GET', `/${c}/${id}.json`)));
  const s: OrderState = { id: id as OrderId, rev: typeof rev === 'number' ? rev : 0 };
  if (pending !== null) s.pending = pending as OrderState['pending'];
  if (billing !== null) s.billing = billing as OrderState['billing'];
  if (deleted !== null) s.deleted = deleted as OrderState['deleted'];
  if (expired !== null) s.expired = expired as OrderState['expired'];
  return s;
}

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

/** A new browser profile signed in to the staff app. */
async function signedIn(account: Account): Promise<Page> {
  const context = await app().browser.newContext({ viewport: { width: 390, height: 844 } });
  contexts.push(context);
  const page = await context.newPage();
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
  // K3 (Ravi, PONDA): billed 45 days ago, outside the default 30-day range but kept.
  await place('o-b', 'party-ravi', [line('P-TEE', 'NVY', 'L', 2)], localAt(60, 9));
  await write(sendToBilling(await state('o-b'), [line('P-TEE', 'NVY', 'L', 2)], ctx(localAt(60, 9))).patch);
  await billAt('o-b', [line('P-TEE', 'NVY', 'L', 2)], localAt(45, 12));
  // K4 and K5: deleted 5 days and 1 day ago.
  await place('o-d', 'party-asha', [line('P-TEE', 'RED', 'M', 2)], localAt(6, 9));
  await write(deleteOrder(await state('o-d'), 'pending', 'Party cancelled', ctx(localAt(5, 9))).patch);
  await place('o-e', 'party-ravi', [line('P-BRA', 'BLK', '34B', 1)], localAt(2, 9));
  await write(deleteOrder(await state('o-e'), 'pending', 'Duplicate order', ctx(localAt(1, 9))).patch);
}, 120_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('Sent, Deleted and Expired screens', () => {
  it('merges sent records per order, party and day, and filters by date range and search; old history is kept', async () => {
    const sent = await new SentPage(await signedIn(staff)).open();
    await expect.poll(() => sent.numbers(), { timeout: 10_000 }).toEqual(['K1', 'K2']);
    expect(await sent.table('K1')).toEqual({ rows: ['Comfort Bra | Black (BLK) | 32B | 3', 'Comfort Bra | Skin (SKN) | 36B | 1'], total: 4 });
    expect((await sent.card('K1').getByTestId('bill-dates').innerText()).split('·')).toHaveLength(2);
    expect(await sent.card('K1').innerText()).toContain('Sita Staff');

    const [download] = await Promise.all([sent.page.waitForEvent('download'), sent.card('K1').getByTestId('card-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/^K1_ASHA_TRADERS_.*\.pdf$/);
    const pdf = readFileSync(await download.path()).toString('latin1');
    for (const text of ['Sent Order - ASHA TRADERS', 'K1', 'Sita Staff', 'Comfort Bra']) expect(pdf).toContain(text);

    await sent.setRange(day(localAt(50, 12)), day(NOW));
    await expect.poll(() => sent.numbers()).toEqual(['K1', 'K2', 'K3']);
    await sent.search('ravi');
    await expect.poll(() => sent.numbers()).toEqual(['K2', 'K3']);
    await sent.search('skin');
    await expect.poll(() => sent.numbers()).toEqual(['K1']);
    await sent.search('cotton navy');
    await expect.poll(() => sent.numbers()).toEqual(['K3']);
    await sent.setRange(day(localAt(2, 12)), day(localAt(2, 12)));
    await expect.poll(() => sent.page.getByTestId('sent-empty').isVisible()).toBe(true);
    expect(await app().stack.childCount('sent')).toBe(4);
  });

  it('changes the delivery status of every record of a merged card, seen live on a second device', async () => {
    const [a, b] = await Promise.all([signedIn(staff), signedIn(admin)]);
    const [sa, sb] = [new SentPage(a), new SentPage(b)];
    await Promise.all([sa.open(), sb.open()]);
    await expect.poll(() => sb.status('K1').innerText(), { timeout: 10_000 }).toBe('Undelivered');
    const revBefore = (await app().stack.rest('GET', '/orderRev/o-a.json')) as number;
    await sa.toggle('K1').click();
    await expect.poll(() => sb.status('K1').innerText(), { timeout: 5_000 }).toBe('Delivered');
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

  it('shows deleted orders with reason, who and days left, and reverts one to pending', async () => {
    const deleted = await new DeletedPage(await signedIn(staff)).open();
    const k4 = deleted.card('K4');
    await k4.waitFor({ timeout: 10_000 });
    expect(await k4.getByTestId('deleted-reason').innerText()).toBe('Party cancelled');
    await expect.poll(() => k4.getByTestId('deleted-by').innerText()).toBe('Sita Staff');
    expect(await k4.getByTestId('days-left').innerText()).toBe('25 days left');
    expect(await deleted.deletePermanently('K4').count()).toBe(0); // staff: no permanent delete
    const revBefore = (await app().stack.rest('GET', '/orderRev/o-d.json')) as number;
    await deleted.revert('K4').click();
    await k4.waitFor({ state: 'detached', timeout: 5_000 });
    const pending = (await app().stack.rest('GET', '/orders/o-d.json')) as { expiresAt: number; revertedBy: string; lines: Line[] };
    expect(pending.revertedBy).toBe(staff.uid);
    expect(pending.lines).toEqual([line('P-TEE', 'RED', 'M', 2)]);
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
    await deleted.confirm.click();
    await deleted.card('K5').waitFor({ state: 'detached', timeout: 5_000 });
    expect(await app().stack.rest('GET', '/deleted/o-e.json')).toBeNull();
    expect(await app().stack.rest('GET', '/orderRev/o-e.json')).toBe(rev + 1);
    expect(await audits('o-e', 'purge')).toBe(1);
  });

  it('expires an old order exactly once when two devices run the job at once; revert gives 10 more days', async () => {
    const [a, b] = await Promise.all([signedIn(staff), signedIn(admin)]);
    const [ea, eb] = [new ExpiredPage(a), new ExpiredPage(b)];
    await Promise.all([ea.open(), eb.open()]);
    await expect.poll(() => ea.counter('expired'), { timeout: 10_000 }).toBe('0');
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
    await ea.card(number).waitFor({ state: 'detached', timeout: 5_000 });
    const pending = (await app().stack.rest('GET', '/orders/o-f.json')) as { expiresAt: number; revertedAt: number };
    expect(pending.expiresAt - pending.revertedAt).toBeGreaterThanOrEqual(10 * DAY_MS - 60_000);
    expect(pending.expiresAt - pending.revertedAt).toBeLessThanOrEqual(10 * DAY_MS + 60_000);
    expect(await app().stack.rest('GET', '/orderRev/o-f.json')).toBe(3);
  });
});
