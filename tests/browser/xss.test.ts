/**
 * Script and HTML payloads in every free-text field, on every screen that shows them, in both
 * apps: nothing executes, nothing is injected into the DOM, and the text shows literally.
 * Records are written as the domain writes them (its transitions, over REST as the owner);
 * billing remarks go through the UI.
 */
import { AppNav } from './pages/AppNav.ts';
import { readState } from './support/laws.ts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_EXPIRY, bill, deleteOrder, expireOrder, sendToBilling } from '../../src/domain/lifecycle.ts';
import { DAY_MS, type Patch, type TransitionCtx } from '../../src/domain/patch.ts';
import { approveRetailerOrder, placeOrder, rejectRetailerOrder, submitRetailerOrder, withDeciderName } from '../../src/domain/placement.ts';
import { createSupportPatch } from '../../src/domain/support.ts';
import { RetailerOrdersPage } from './pages/RetailerOrdersPage.ts';
import { RetailerSupportPage } from './pages/RetailerSupportPage.ts';
import { SupportPage } from './pages/SupportPage.ts';
import type { Line, OrderId, OrderState, PartyId, ProductId, RetailerOrder, SkuId, Uid } from '../../src/domain/types.ts';
import { BillingCard } from './pages/BillingPage.ts';
import { DeletedPage } from './pages/DeletedPage.ts';
import { ExpiredPage } from './pages/ExpiredPage.ts';
import { ApprovalsPage } from './pages/ApprovalsPage.ts';
import { NewOrderPage } from './pages/NewOrderPage.ts';
import { PendingPage } from './pages/PendingPage.ts';
import { RetailerHomePage } from './pages/RetailerHomePage.ts';
import { SentPage } from './pages/SentPage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { StaffHomePage } from './pages/StaffHomePage.ts';
import { StockPage } from './pages/StockPage.ts';
import { member, seedBusiness } from './support/business.ts';
import { launchChromium } from './support/chromium.ts';
import { AppStack, type Account } from './support/stack.ts';

// One payload per field, each unique, each within the field's length limit.
const X = {
  partyName: '<img src=x onerror="window.__xss=1">',
  partyArea: '"><svg onload=window.__xss=3>',
  product: '<script>window.__xss=2</script>',
  colour: '<img src=x onerror="window.__xss=5">Red',
  note: `javascript:alert(1) {{7*7}} \${7*7} <iframe src="javascript:window.__xss=6"></iframe> ${'<b>long</b>'.repeat(36)}`,
  remarks: '<img src=x onerror="window.__xss=7"> {{7*7}} javascript:alert(1)',
  reason: '<svg><script>window.__xss=8</script></svg> javascript:alert(1)',
  placer: '<img src=x onerror="window.__xss=9">Ravi',
  file: '<img src=x onerror="window.__xss=10">.xlsx',
  importer: '"><img src=x onerror=window.__xss=11>',
  retailerNote: '</dd><script>window.__xss=12</script>{{7*7}}',
  adjustReason: '<img src=x onerror="window.__xss=13">{{7*7}} </blockquote><b>only one</b>',
  reference: '<img src=x onerror="window.__xss=17">',
  longParty: `${'W<b>'.repeat(19)}{{7*7}}`.slice(0, 80),
  supportSubject: '<img src=x onerror="window.__xss=13">Torn',
  supportText: '</p><script>window.__xss=14</script>{{7*7}} javascript:alert(1)',
  supportReply: '<svg onload=window.__xss=15>Sorry',
  decider: '"><img src=x onerror=window.__xss=16>',
} as const;

const NOW = Date.now();
const PARTY = 'party-xss' as PartyId;
const LONG_PARTY = 'party-long' as PartyId;
const XSS_PRODUCT = 'P-XSS';
const XSS_SKU = `${XSS_PRODUCT}~XC~M`;

let browser: Browser | undefined;
let stack: AppStack | undefined;
let staff: Account;
let placer: Account;
let admin: Account;
let retailer: Account;
let counter = 0;
let idSeq = 0;
const contexts: BrowserContext[] = [];
const numbers: Record<string, string> = {};

function app(): { browser: Browser; stack: AppStack } {
  if (browser === undefined || stack === undefined) throw new Error('stack not started');
  return { browser, stack };
}

const xssLine = (qty: number): Line => ({ productId: XSS_PRODUCT as ProductId, color: 'XC', size: 'M', qty });
const ctx = (now: number, actor: Account): TransitionCtx => ({ now, actor: actor.uid as Uid, newId: () => `xs-${String(++idSeq).padStart(4, '0')}` });
const write = async (patch: Patch): Promise<void> => void (await app().stack.rest('PATCH', '/.json', patch));

/** The order as a client reads it: the app's own read path (src/data/orderKernel.ts), as the owner. */
const state = (id: string): Promise<OrderState> => readState(app().stack, id as OrderId);

async function place(id: string, partyId: PartyId, partyName: string, note: string, at: number): Promise<void> {
  const placed = placeOrder(id as OrderId, { partyId, partyName, note, lines: [xssLine(2)] }, counter++, ctx(at, placer));
  numbers[id] = placed.number;
  await write(placed.patch);
}

/** Fails the test if any payload ran or became markup. */
async function expectInert(page: Page, dialogs: string[]): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  const injected = await page.evaluate(() => {
    const found = [...document.querySelectorAll('img[src="x"], svg[onload], iframe, [onerror], [onload]')].map((e) => e.outerHTML);
    for (const s of document.querySelectorAll('script')) if ((s.textContent ?? '').includes('__xss')) found.push(s.outerHTML);
    return found;
  });
  expect(injected).toEqual([]);
}

/** Each text is on the page as text (not parsed), in some element. */
async function expectShown(page: Page, texts: string[], exact = false): Promise<void> {
  for (const t of texts) await expect.poll(() => page.getByText(t, { exact }).count(), { timeout: 10_000, message: t }).toBeGreaterThan(0);
}

async function signedIn(account: Account, url: string): Promise<{ page: Page; dialogs: string[] }> {
  const context = await app().browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => localStorage.setItem('doms.dispatchReminders.lastRun', String(Date.now())));
  await (await new SignInPage(page).open(url)).signIn(account.email, account.password);
  return { page, dialogs };
}

beforeAll(async () => {
  browser = await launchChromium();
  stack = await AppStack.start(inject('authEmulatorHost'));
  await seedBusiness(stack);
  staff = await member(stack, 'Sita Staff');
  placer = await member(stack, X.placer);
  admin = await member(stack, 'Anil Admin', 'admin');
  await stack.rest('PUT', `/catalog/${XSS_PRODUCT}.json`, { name: X.product, sizes: ['M'], colors: [{ code: 'XC', name: X.colour, swatch: '#123456' }], active: true });
  await stack.rest('PUT', `/parties/${PARTY}.json`, { name: X.partyName, area: X.partyArea });
  await stack.rest('PUT', `/parties/${LONG_PARTY}.json`, { name: X.longParty, area: '{{7*7}}' });
  await stack.rest('PATCH', '/stockLedger.json', { 'xss-ledger': { skuId: XSS_SKU, reason: 'import', before: 0, delta: 50, actor: staff.uid, at: NOW - 1000, note: X.file } });
  await stack.rest('PATCH', '/stock.json', { [XSS_SKU]: { productId: XSS_PRODUCT, color: 'XC', size: 'M', qty: 50, updatedAt: NOW - 1000, ledgerId: 'xss-ledger' } });
  await stack.rest('PUT', '/stockImports/xss-import.json', { actor: staff.uid, actorName: X.importer, at: NOW - 1000, file: X.file, rows: 1, added: 1, changed: 0, removed: 0, errors: 0 });

  retailer = await stack.createAccount('retailer');
  await stack.rest('PUT', `/users/${retailer.uid}.json`, { name: 'Shop Owner', email: retailer.email, role: 'retailer', status: 'active', partyId: PARTY });

  // Pending: a staff order with a note, and an approved retailer order with the retailer's note.
  await place('x-pend', PARTY, X.partyName, X.note, NOW - DAY_MS);
  await place('x-long', LONG_PARTY, X.longParty, '', NOW - DAY_MS);
  await write(submitRetailerOrder('x-ret' as OrderId, { note: X.retailerNote, lines: [xssLine(1)] }, { uid: retailer.uid as Uid, partyId: PARTY }, NOW - DAY_MS).patch);
  const request = (await stack.rest('GET', '/retailerOrders/x-ret.json')) as RetailerOrder;
  const approved = withDeciderName(approveRetailerOrder({ id: 'x-ret' as OrderId, rev: 0 }, request, X.partyName, counter++, ctx(NOW - 1000, staff)), 'x-ret' as OrderId, X.decider);
  numbers['x-ret'] = approved.number;
  await write(approved.patch);
  // A second one still waits for the admin (Approvals screen); a third was rejected with a payload reason.
  // The portal refuses HTML in the reference (UI and rules); written as the owner, it must still show as text.
  await write(submitRetailerOrder('x-ret2' as OrderId, { note: X.retailerNote, reference: X.reference, lines: [xssLine(2)] }, { uid: retailer.uid as Uid, partyId: PARTY }, NOW - 2000).patch);
  await write(submitRetailerOrder('x-ret3' as OrderId, { note: '', lines: [xssLine(1)] }, { uid: retailer.uid as Uid, partyId: PARTY }, NOW - 3000).patch);
  const request3 = (await stack.rest('GET', '/retailerOrders/x-ret3.json')) as RetailerOrder;
  await write(rejectRetailerOrder({ id: 'x-ret3' as OrderId, rev: 0 }, request3, X.reason, ctx(NOW - 1000, admin)).patch);
  // Billing: sent to billing by Sita Staff.
  await place('x-bill', PARTY, X.partyName, X.note, NOW - DAY_MS);
  await write(sendToBilling(await state('x-bill'), [xssLine(2)], ctx(NOW - 5000, staff)).patch);
  // Sent: billed by Sita Staff.
  await place('x-sent', PARTY, X.partyName, X.note, NOW - DAY_MS);
  await write(sendToBilling(await state('x-sent'), [xssLine(2)], ctx(NOW - 5000, staff)).patch);
  await write(bill(await state('x-sent'), [xssLine(2)], { [XSS_SKU as SkuId]: 50 }, ctx(NOW - 4000, staff)).patch);
  // Deleted by Anil Admin, with a payload reason.
  await place('x-del', PARTY, X.partyName, X.note, NOW - DAY_MS);
  await write(deleteOrder(await state('x-del'), 'pending', X.reason, ctx(NOW - 3000, admin)).patch);
  // Expired: placed long ago, expired by the job.
  await place('x-exp', PARTY, X.partyName, X.note, NOW - 60 * DAY_MS);
  const expired = expireOrder(await state('x-exp'), NOW - 2000, DEFAULT_EXPIRY, ctx(NOW - 2000, staff));
  if (expired === null) throw new Error('x-exp did not expire');
  await write(expired.patch);
  // A support request of the retailer about x-ret, answered (the rules refuse < and >: written as the owner).
  await write(createSupportPatch('x-support', { subject: X.supportSubject, text: X.supportText, orderId: 'x-ret' as OrderId }, { uid: retailer.uid as Uid, partyId: PARTY }, NOW - 1000));
  // The domain refuses a reply with markup (replySupportPatch): its fields, written as they are stored.
  await write({ 'support/x-support/reply': X.supportReply, 'support/x-support/repliedBy': admin.uid, 'support/x-support/repliedByName': X.decider, 'support/x-support/repliedAt': NOW - 500, 'support/x-support/status': 'answered', 'support/x-support/updatedAt': NOW - 500 });
}, 120_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('script and HTML payloads in free-text fields', () => {
  it('render as text on Home, New order and every Pending view, with who placed each order', async () => {
    const { page, dialogs } = await signedIn(staff, app().stack.staffUrl);
    await new StaffHomePage(page).userName.waitFor();
    await new StaffHomePage(page).open();
    await expectInert(page, dialogs);

    await new AppNav(page).goTo('New order');
    const order = new NewOrderPage(page);
    await order.partyBox.click(); // the list opens on a click (a desktop may already have focused the box)
    await expectShown(page, [`${X.partyName} - ${X.partyArea}`, `${X.longParty} - {{7*7}}`], true);
    await order.productBox.click();
    await expectShown(page, [X.product]);
    await expectInert(page, dialogs);

    const pending = await new PendingPage(page).open();
    await pending.viewButton('Summarised').click();
    await expectShown(page, [X.partyName, X.longParty]);
    await expectInert(page, dialogs);

    const modal = await pending.openParty(X.partyName);
    expect(await modal.getByRole('heading', { name: X.partyName, exact: true }).count()).toBe(1);
    const panel = modal.getByTestId('party-order-panel');
    await modal.getByRole('tab', { name: `Order #${numbers['x-pend']}`, exact: true }).click();
    await expect.poll(() => panel.getByText(`Note: ${X.note}`, { exact: true }).count()).toBe(1);
    await expect.poll(() => panel.getByTestId('placed-by').innerText()).toBe(`Placed by ${X.placer}`); // names load after the record
    await modal.getByRole('tab', { name: `Order #${numbers['x-ret']}`, exact: true }).click();
    await expect.poll(() => panel.getByText(`Note: ${X.retailerNote}`, { exact: true }).count()).toBe(1);
    await expect.poll(() => panel.getByTestId('placed-by').innerText()).toBe('Placed by Shop Owner'); // names load after the record
    await expectInert(page, dialogs);
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'hidden' });

    await pending.viewButton('Detailed').click();
    const card = pending.card(numbers['x-pend'] ?? '');
    await expect.poll(() => card.getByTestId('order-party').innerText()).toBe(X.partyName);
    expect(await card.getByText(X.note, { exact: true }).count()).toBe(1);
    expect(await card.getByText(X.placer, { exact: true }).count()).toBe(1); // "Placed by"
    expect(await card.innerText()).toContain(X.product);
    const fromRetailer = pending.card(numbers['x-ret'] ?? '');
    expect(await fromRetailer.getByText(X.retailerNote, { exact: true }).count()).toBe(1);
    expect(await fromRetailer.getByText('Shop Owner', { exact: true }).count()).toBe(1);
    await expectInert(page, dialogs);
  });

  it('render as text on Billing (remarks typed in the UI), Sent, Deleted and Expired, with who did each step', async () => {
    const { page, dialogs } = await signedIn(staff, app().stack.staffUrl);
    await new StaffHomePage(page).userName.waitFor();

    await new AppNav(page).goTo('Billing');
    const billing = new BillingCard(page, page.locator(`[data-testid="billing-card"][data-order="${numbers['x-bill']}"]`));
    await billing.root.waitFor();
    const remarks = await billing.openRemarks();
    await remarks.getByLabel(/^Remarks/).fill(X.remarks);
    await remarks.getByRole('button', { name: 'Save remarks' }).click();
    await expect.poll(() => billing.remarksBanner.innerText(), { timeout: 10_000 }).toBe(`📌 Remarks: ${X.remarks}`);
    expect(((await app().stack.rest('GET', '/billing/x-bill.json')) as { remarks: string }).remarks).toBe(X.remarks);
    expect(await billing.root.innerText()).toContain(`placed by ${X.placer} · sent to billing by Sita Staff`);
    expect(await billing.root.innerText()).toContain(`Note: ${X.note}`);
    await expectShown(page, [X.partyName], true);
    await expectInert(page, dialogs);

    const sent = await new SentPage(page).open();
    await expect.poll(() => sent.card(numbers['x-sent'] ?? '').count(), { timeout: 10_000 }).toBe(1);
    const sentText = await sent.card(numbers['x-sent'] ?? '').innerText();
    for (const t of [X.partyName, 'Sita Staff', X.product, X.colour]) expect(sentText).toContain(t);
    await expectInert(page, dialogs);

    const deleted = await new DeletedPage(page).open();
    const del = deleted.card(numbers['x-del'] ?? '');
    await expect.poll(() => del.getByTestId('deleted-reason').innerText(), { timeout: 10_000 }).toBe(X.reason);
    await expect.poll(() => del.getByTestId('deleted-by').innerText()).toBe('Anil Admin'); // names load after the record
    await expect.poll(() => del.getByTestId('placed-by').innerText()).toBe(X.placer); // names load after the record
    expect(await del.getByText(X.partyName, { exact: true }).count()).toBe(1);
    // The order's history shows the reason as text too.
    await del.getByTestId('history-button').click();
    const history = page.getByTestId('order-history');
    await expect.poll(() => history.getByTestId('history-detail').allInnerTexts(), { timeout: 10_000 }).toContain(X.reason);
    await page.keyboard.press('Escape');
    await expectInert(page, dialogs);

    const expiredPage = await new ExpiredPage(page).open();
    const exp = expiredPage.card(numbers['x-exp'] ?? '');
    await expect.poll(() => exp.getByTestId('placed-by').innerText(), { timeout: 10_000 }).toBe(X.placer);
    expect(await exp.innerText()).toContain(X.partyName);
    await expectInert(page, dialogs);
  });

  it('render as text on Stock: product and colour names, the import file and who imported', async () => {
    const { page, dialogs } = await signedIn(staff, app().stack.staffUrl);
    await new StaffHomePage(page).userName.waitFor();
    const stock = await new StockPage(page).open();
    await expect.poll(() => stock.lastImport.innerText(), { timeout: 10_000 }).toContain(`by ${X.importer} (${X.file}: 1 new`);
    await stock.filter('XC');
    await expectShown(page, [X.product]);
    await expect.poll(() => stock.row(XSS_SKU).count(), { timeout: 10_000 }).toBe(1);
    expect(await stock.product(XSS_PRODUCT).innerText()).toContain(X.colour);
    await expectInert(page, dialogs);
  });

  it("render as text in the retailer portal (the retailer's party name and area, their orders' notes and a reject reason)", async () => {
    const { page, dialogs } = await signedIn(retailer, app().stack.retailerUrl);
    const home = new RetailerHomePage(page);
    await expect.poll(() => home.partyName.innerText(), { timeout: 10_000 }).toBe(X.partyName);
    expect(await home.partyArea.innerText()).toBe(X.partyArea);
    await expectShown(page, [X.partyName, X.partyArea], true);
    const yours = (id: string) => page.locator(`[data-testid="your-order"][data-id="${id}"]`);
    await expect.poll(() => yours('x-ret2').innerText(), { timeout: 10_000 }).toContain(X.retailerNote);
    await expect.poll(() => yours('x-ret3').getByTestId('your-order-reason').innerText()).toContain(X.reason);
    expect(await yours('x-ret2').innerText()).toContain(`Your reference: ${X.reference}`);
    await expectInert(page, dialogs);
    // Place order's search, grid and cart, Reorder and Stock check show product and colour names as text.
    await yours('x-ret2').getByTestId('reorder').click();
    await page.getByTestId('place-order').waitFor();
    await expectShown(page, [X.product]);
    await page.getByTestId('portal-product-search').getByRole('combobox').click();
    await expectShown(page, [X.product]);
    await page.getByTestId('portal-product-search').getByRole('option').filter({ hasText: X.product }).first().click();
    await expectShown(page, [X.colour]);
    await expectInert(page, dialogs);
    await page.goto(`${app().stack.retailerUrl}#/stock`);
    await page.getByTestId('stock-check').waitFor();
    await expectShown(page, [X.product]);
    await expectInert(page, dialogs);
  });

  it("render as text on the portal's Your orders and Report a problem (the decider's name, a request's subject, text and reply)", async () => {
    const { page, dialogs } = await signedIn(retailer, app().stack.retailerUrl);
    const orders = await new RetailerOrdersPage(page).open(app().stack.retailerUrl);
    await expect.poll(() => orders.step('x-ret', 'approved'), { timeout: 10_000 }).toEqual(['done', `Approved as ${numbers['x-ret']}`, `by ${X.decider}`, true]);
    await expect.poll(() => orders.order('x-ret2').innerText()).toContain('Waiting for approval');
    expect((await orders.step('x-ret3', 'rejected'))?.[2]).toContain(X.reason);
    expect((await orders.items('x-ret')).map((r) => r.slice(0, 2))).toEqual([[X.product, X.colour]]);
    await expectInert(page, dialogs);
    const support = await new RetailerSupportPage(page).open(app().stack.retailerUrl);
    await expect.poll(() => support.requests(), { timeout: 10_000 }).toEqual([[X.supportSubject, 'Answered', `${X.decider}: ${X.supportReply}`]]);
    await expectShown(page, [X.supportText], true);
    await expectInert(page, dialogs);
  });

  it("render as text on the admin's Support screen (subject, text and reply)", async () => {
    const { page, dialogs } = await signedIn(admin, app().stack.staffUrl);
    await new StaffHomePage(page).userName.waitFor();
    const screen = await new SupportPage(page).open(app().stack.staffUrl);
    await expect.poll(() => screen.cards(), { timeout: 10_000 }).toEqual([['x-support', X.supportSubject, 'Answered']]);
    expect(await screen.card('x-support').getByTestId('support-text').innerText()).toBe(X.supportText);
    expect(await screen.card('x-support').getByTestId('support-reply').innerText()).toBe(`Reply by ${X.decider}: ${X.supportReply}`);
    await expectShown(page, [X.partyName]);
    await expectInert(page, dialogs);
  });

  it("render as text on the admin's Approvals screen (the retailer's note, party and name, and the reason of an adjustment)", async () => {
    const { page, dialogs } = await signedIn(admin, app().stack.staffUrl);
    await new StaffHomePage(page).userName.waitFor();
    const approvals = await new ApprovalsPage(page).open();
    await expect.poll(() => approvals.card('x-ret2').count(), { timeout: 10_000 }).toBe(1);
    const shown = await approvals.shown('x-ret2');
    expect(shown.note).toContain(X.retailerNote);
    expect(shown.party).toBe(X.partyName);
    expect(shown.retailer).toContain('Shop Owner');
    expect(shown.rows.map((r) => r[0])).toEqual([X.product]);
    await expectInert(page, dialogs);

    // The reason of an adjustment, typed in the UI: shown back as text before the password, stored as typed.
    await approvals.startAdjust('x-ret2');
    await approvals.adjust(['1'], X.adjustReason);
    await approvals.reauth.waitFor();
    expect(await approvals.reauth.getByTestId('adjust-reason').innerText()).toBe(X.adjustReason);
    await expectInert(page, dialogs);
    await approvals.confirmWith(admin.password);
    await approvals.reauth.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => app().stack.rest('GET', '/retailerOrders/x-ret2/adjustReason.json'), { timeout: 10_000 }).toBe(X.adjustReason);
    await expectInert(page, dialogs);
    // The retailer reads it on their portal, as text.
    const portal = await signedIn(retailer, app().stack.retailerUrl);
    const adjusted = portal.page.locator('[data-testid="your-order"][data-id="x-ret2"]').getByTestId('your-order-adjusted');
    await expect.poll(() => adjusted.innerText(), { timeout: 10_000 }).toContain(X.adjustReason);
    await expectInert(portal.page, portal.dialogs);
  });
});
