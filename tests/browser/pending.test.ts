import { axeViolations } from './support/fitChecks.ts';
import { expectLawsHold, readState } from './support/laws.ts';
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkConservation } from '../../src/domain/conservation.ts';
import { DAY_MS, SERVER_TIMESTAMP, type Patch } from '../../src/domain/patch.ts';
import { placeOrder } from '../../src/domain/placement.ts';
import type { Line, OrderId, OrderState, PartyId, ProductId, Uid } from '../../src/domain/types.ts';
import { pdfText } from '../support/pdfText.ts';
import { ListFoot } from './pages/ListFoot.ts';
import { PendingPage } from './pages/PendingPage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { StaffHomePage } from './pages/StaffHomePage.ts';
import { member, PARTIES, seedBusiness } from './support/business.ts';
import { launchChromium } from './support/chromium.ts';
import { AppStack, type Account } from './support/stack.ts';

let browser: Browser | undefined;
let stack: AppStack | undefined;
let staff: Account;
const contexts: BrowserContext[] = [];
const NOW = Date.now();

function app(): { browser: Browser; stack: AppStack } {
  if (browser === undefined || stack === undefined) throw new Error('stack not started');
  return { browser, stack };
}

const line = (productId: string, color: string, size: string, qty: number): Line => ({ productId: productId as ProductId, color, size, qty });

/** Writes an order exactly as the app's placement does (domain patch), with a numeric time, as the owner. */
async function place(id: string, partyId: keyof typeof PARTIES, lines: Line[], counter: number, createdAt: number, note = ''): Promise<void> {
  let n = 0;
  const t = placeOrder(id as OrderId, { partyId: partyId as PartyId, partyName: PARTIES[partyId].name, note, lines }, counter, {
    now: createdAt,
    actor: staff.uid as Uid,
    newId: () => `audit-${id}-${++n}`,
  });
  await app().stack.rest('PATCH', '/.json', stampedNow(id, t.patch));
}

/**
 * The placement patch written as the rules require of any device: the order's change stamp is the
 * server's time of the write (the numeric ctx gives it the past `createdAt`, which only an owner
 * write could store, and a device resuming its saved copy would never see it).
 */
function stampedNow(id: string, patch: Patch): Patch {
  const record = patch[`orders/${id}`] as Record<string, unknown>;
  return { ...patch, [`orders/${id}`]: { ...record, updatedAt: SERVER_TIMESTAMP } };
}

async function signedInPending(): Promise<PendingPage> {
  const context = await app().browser.newContext({ viewport: { width: 430, height: 900 }, acceptDownloads: true });
  contexts.push(context);
  const page: Page = await context.newPage();
  await (await new SignInPage(page).open(app().stack.staffUrl)).signIn(staff.email, staff.password);
  await new StaffHomePage(page).userName.waitFor();
  await page.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));
  return new PendingPage(page).open();
}

/** The order as the app reads it (records through their schemas), as the owner. */
const order = (id: string): Promise<OrderState> => readState(app().stack, id as OrderId);
const get = <T>(path: string): Promise<T | null> => app().stack.rest('GET', `/${path}.json`) as Promise<T | null>;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await AppStack.start(inject('authEmulatorHost'));
  await seedBusiness(stack, NOW);
  staff = await member(stack, 'Priya Picker');
  // K1: stock covers 32B (10 ≥ 3), partly covers 34B (4 < 6), not 36B (0).
  await place('o1', 'party-asha', [line('P-BRA', 'BLK', '32B', 3), line('P-BRA', 'BLK', '34B', 6), line('P-BRA', 'SKN', '36B', 2)], 0, NOW - 2 * DAY_MS);
  // K2: placed 38 days ago: 2 days left of the default 40, "critical".
  await place('o2', 'party-ravi', [line('P-TEE', 'RED', 'M', 5), line('P-TEE', 'NVY', 'L', 1)], 1, NOW - 38 * DAY_MS);
  await place('o3', 'party-asha', [line('P-TEE', 'RED', 'M', 2)], 2, NOW - DAY_MS, '<b>rush</b> order');
});

afterAll(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  await browser?.close();
  await stack?.stop();
});

describe('Pending screen in Chromium', () => {
  let a: PendingPage;
  let b: PendingPage;

  it('summarises by party and opens a party with one tab per order, newest first, with its PDF', async () => {
    a = await signedInPending();
    await a.viewButton('Summarised').click();
    await expect.poll(() => a.summaryRows(), { timeout: 10_000 }).toEqual([
      { party: 'RAVI STORES', items: ['Cotton Tee'], qty: 6 },
      { party: 'ASHA TRADERS', items: ['Comfort Bra', 'Cotton Tee'], qty: 13 },
    ]);
    const modal = await a.openParty('ASHA TRADERS');
    expect(await modal.getByRole('tab').allInnerTexts()).toEqual(['Order #K3', 'Order #K1']);
    const panel = modal.getByTestId('party-order-panel');
    expect(await panel.innerText()).toContain('(1 day ago)');
    // The note is shown as text, never as markup.
    expect(await panel.innerText()).toContain('<b>rush</b> order');
    await modal.getByRole('tab', { name: 'Order #K1' }).click();
    expect(await panel.innerText()).toContain('(2 days ago)');
    expect(await panel.getByTestId('order-items').innerText()).toContain('32B/3, 34B/6');
    const pdf = await a.download(panel.getByRole('button', { name: 'Download PDF' }));
    expect(pdf.suggestedFilename()).toBe('Order-K1.pdf');
    const text = await pdfText(readFileSync(await pdf.path()));
    expect(text).toContain('Party: | ASHA TRADERS - MAPUSA'); // the original's image and PDF had a blank party (bug 23)
    expect(text).toContain('Order no.: | K1');
    const png = await a.download(panel.getByRole('button', { name: 'Download image' }));
    expect(png.suggestedFilename()).toBe('Order-K1.png');
    expect(readFileSync(await png.path()).subarray(1, 4).toString()).toBe('PNG');
    await a.page.keyboard.press('Escape');
    await modal.waitFor({ state: 'detached' });
  });

  it('shows detailed cards by urgency with expiry, stock coverage and the note as text; the view persists', async () => {
    await a.viewButton('Detailed').click();
    await expect.poll(() => a.cardNumbers()).toEqual(['K2', 'K1', 'K3']);
    const pill = a.card('K2').getByTestId('expiry-pill');
    expect(await pill.getAttribute('data-level')).toBe('critical');
    expect(await pill.innerText()).toContain('2 days left');
    // The critical pill pulses a ring, never its text: fading the text failed axe's contrast check mid-pulse.
    const animated = await pill.evaluate((el) => el.getAnimations().flatMap((an) => (an.effect as KeyframeEffect).getKeyframes().flatMap((k) => Object.keys(k))));
    expect(animated).not.toContain('opacity');
    expect(await axeViolations(a.page, '[data-testid="expiry-pill"]')).toEqual([]);
    expect(await a.card('K1').getByTestId('expiry-pill').getAttribute('data-level')).toBe('normal');
    expect(await a.card('K1').innerText()).toContain('Priya Picker');
    const coverage = await a.card('K1').getByTestId('pick-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-coverage')));
    expect(coverage).toEqual(['enough', 'partial', 'none']);
    expect(await a.card('K3').locator('b').count()).toBe(0);
    expect(await a.card('K1').getByTestId('export-mark').innerText()).toContain('✕');

    await a.page.reload();
    await a.page.getByRole('heading', { name: 'Pending', level: 1 }).waitFor();
    // From here on nothing may reload the page (the original reloaded after every action).
    await a.page.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));
    expect(await a.viewButton('Detailed').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => a.cardNumbers(), { timeout: 10_000 }).toEqual(['K2', 'K1', 'K3']);
  });

  it('filters by party, highlights the filter, and clears it', async () => {
    await a.filterTo(['RAVI STORES']);
    await expect.poll(() => a.cardNumbers()).toEqual(['K2']);
    expect(await a.filterButton.getAttribute('aria-pressed')).toBe('true');
    expect(await a.filterButton.innerText()).toBe('Filter (1)');
    // Applying with nothing selected is refused, and the previous filter stays.
    await a.filterButton.click();
    const modal = a.page.getByTestId('party-filter');
    await modal.getByRole('button', { name: 'Select none' }).click();
    expect(await modal.getByTestId('party-filter-count').innerText()).toBe('0 of 2 parties selected');
    await modal.getByRole('button', { name: 'Show results' }).click();
    expect(await modal.getByRole('alert').innerText()).toContain('Select at least one party');
    await modal.getByRole('button', { name: 'Cancel' }).click();
    expect(await a.cardNumbers()).toEqual(['K2']);
    await a.clearFilters.click();
    await expect.poll(() => a.cardNumbers()).toEqual(['K2', 'K1', 'K3']);
    expect(await a.filterButton.getAttribute('aria-pressed')).toBe('false');
    expect(await a.clearFilters.count()).toBe(0);
  });

  it('saves picked quantities in the database and shows them live on another device', async () => {
    b = await signedInPending();
    await b.viewButton('Detailed').click();
    await expect.poll(() => b.cardNumbers(), { timeout: 10_000 }).toEqual(['K2', 'K1', 'K3']);

    await a.plus('K1', 'Comfort Bra BLK 32B', 2);
    // Typed beyond the ordered 6: clamped to 6, then corrected to 4.
    await a.pickedInput('K1', 'Comfort Bra BLK 34B').fill('9');
    expect(await a.pickedInput('K1', 'Comfort Bra BLK 34B').inputValue()).toBe('6');
    await a.pickedInput('K1', 'Comfort Bra BLK 34B').fill('4');
    await expect.poll(() => a.saveState('K1').innerText(), { timeout: 10_000 }).toBe('Saved');
    const want = { 'Comfort Bra BLK 32B': 2, 'Comfort Bra BLK 34B': 4, 'Comfort Bra SKN 36B': 0 };
    await expect.poll(() => b.picked('K1'), { timeout: 5_000 }).toEqual(want);
    const stored = (await order('o1')).pending;
    expect(stored?.picked).toEqual([line('P-BRA', 'BLK', '32B', 2), line('P-BRA', 'BLK', '34B', 4)]);

    // B picks another row of the same order: both devices' rows survive.
    await b.plus('K1', 'Comfort Bra SKN 36B', 1);
    await expect.poll(() => a.picked('K1'), { timeout: 10_000 }).toEqual({ ...want, 'Comfort Bra SKN 36B': 1 });
    await b.row('K1', 'Comfort Bra SKN 36B').getByRole('button', { name: /^One less/ }).click();
    await expect.poll(() => a.picked('K1'), { timeout: 10_000 }).toEqual(want);
    await expect.poll(async () => (await order('o1')).pending?.picked?.length, { timeout: 5_000 }).toBe(2);
  });

  it('sends a partial quantity to billing: the rest stays pending, the sent part is in billing, nothing is lost', async () => {
    await a.cardButton('K1', /^Send to billing/).click();
    const dialog = a.dialog;
    expect(await dialog.getByTestId('send-totals').innerText()).toMatch(/Total order\s+11 pc\s+Total removed\s+6 pc\s+Total pending\s+5 pc/);
    await dialog.getByRole('button', { name: 'Send 6 pc to billing' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });

    const { pending, billing } = await order('o1');
    expect(pending?.lines).toEqual([line('P-BRA', 'BLK', '32B', 1), line('P-BRA', 'BLK', '34B', 2), line('P-BRA', 'SKN', '36B', 2)]);
    expect(pending?.picked).toBeUndefined();
    expect(billing?.lines).toEqual([line('P-BRA', 'BLK', '32B', 2), line('P-BRA', 'BLK', '34B', 4)]);
    expect(billing?.queuedBy).toBe(staff.uid);
    expect(checkConservation('o1' as OrderId, { pending, billing, sent: [] })).toEqual([]);
    await expectLawsHold(app().stack, 'o1' as OrderId);
    // Both devices show the remainder, unpicked.
    const rest = { 'Comfort Bra BLK 32B': 0, 'Comfort Bra BLK 34B': 0, 'Comfort Bra SKN 36B': 0 };
    await expect.poll(() => b.picked('K1'), { timeout: 5_000 }).toEqual(rest);
    expect(await a.picked('K1')).toEqual(rest);
    expect(await b.card('K1').getByRole('cell').allInnerTexts()).toContain('32B/1');
  });

  it('deletes with a required reason, moving the order to deleted with who and why', async () => {
    await b.cardButton('K3', 'Delete').click();
    const reasons = b.page.getByTestId('delete-reasons');
    await reasons.getByRole('button', { name: 'Continue' }).click();
    expect(await reasons.getByRole('alert').innerText()).toBe('Reason: tick a reason or write one.');
    await reasons.getByLabel('Duplicate order').check();
    await reasons.getByLabel('Other reason or details').fill('placed twice by phone');
    await reasons.getByRole('button', { name: 'Continue' }).click();
    const confirm = b.page.getByTestId('confirm-dialog');
    expect(await confirm.innerText()).toContain('Duplicate order: placed twice by phone');
    await confirm.getByRole('button', { name: 'Delete order' }).click();
    await expect.poll(() => a.cardNumbers(), { timeout: 10_000 }).toEqual(['K2', 'K1']);

    expect(await get('orders/o3')).toBeNull();
    const { deleted } = await order('o3');
    expect(deleted).toMatchObject({ reason: 'Duplicate order: placed twice by phone', deletedBy: staff.uid, from: 'pending', number: 'K3' });
    expect(deleted?.lines).toEqual([line('P-TEE', 'RED', 'M', 2)]);
    expect(checkConservation('o3' as OrderId, { deleted, sent: [] })).toEqual([]);
    await expectLawsHold(app().stack, 'o3' as OrderId);
  });

  it('exports the purchase-order sheet and marks the order exported on every device', async () => {
    const download = await a.download(a.cardButton('K2', 'Export xlsx'));
    expect(download.suggestedFilename()).toBe('purchase_order_K2.xlsx');
    const book = XLSX.read(readFileSync(await download.path()));
    expect(book.SheetNames).toEqual(['Purchase Order']);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Purchase Order']!, { header: 1, blankrows: true });
    expect(rows.slice(0, 4)).toEqual([
      // Lines in line-key order (product, colour, size), as order records store them.
      ['Item Name', 'Color', 'Size', 'Quantity'],
      ['Cotton Tee', 'NVY', 'L', 1],
      ['Cotton Tee', 'RED', 'M', 5],
      [],
    ]);
    expect(rows.some((r) => r[0] === 'CODE:')).toBe(true);
    expect(String(rows.at(-1)?.[0])).toMatch(/^Sub FillPurchaseOrder\(\)/);

    for (const p of [a, b]) await expect.poll(() => p.card('K2').getByTestId('export-mark').innerText(), { timeout: 10_000 }).toContain('✓');
    expect(await a.card('K1').getByTestId('export-mark').innerText()).toContain('✕');
    const mark = await get<{ at: number; by: string }>('orderExports/o2');
    expect(mark?.by).toBe(staff.uid);
    expect(Math.abs((mark?.at ?? 0) - Date.now())).toBeLessThan(60_000);
    for (const p of [a, b]) expect(await p.page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
  });

  it('renders a busy book 50 parties or 50 orders at a time, with "Show more"', async () => {
    // 60 more parties with one order each, on top of what the earlier tests left pending.
    for (let i = 0; i < 60; i++) {
      let n = 0;
      const t = placeOrder(`o-many-${i}` as OrderId, { partyId: `party-many-${i}` as PartyId, partyName: `MANY ${String(i).padStart(2, '0')}`, note: '', lines: [line('P-TEE', 'RED', 'M', 1)] }, 100 + i, {
        now: NOW - DAY_MS,
        actor: staff.uid as Uid,
        newId: () => `audit-many-${i}-${++n}`,
      });
      await app().stack.rest('PATCH', '/.json', stampedNow(`o-many-${i}`, t.patch));
    }
    const pending = Object.values((await get<Record<string, { partyId: string }>>('orders')) ?? {});
    const orders = pending.length;
    const parties = new Set(pending.map((o) => o.partyId)).size;
    expect(orders).toBeGreaterThan(60);
    const foot = new ListFoot(a.page);
    expect(await a.clearFilters.count()).toBe(0); // every party shown
    await a.viewButton('Detailed').click();
    await expect.poll(() => foot.shownCount.innerText(), { timeout: 10_000 }).toBe(`Showing 50 of ${orders} orders`);
    expect(await a.page.getByTestId('order-card').count()).toBe(50);
    await foot.showMore();
    await expect.poll(() => a.page.getByTestId('order-card').count()).toBe(orders);
    expect(await foot.shownCount.count()).toBe(0);

    await a.viewButton('Summarised').click(); // a new view starts again at 50
    await expect.poll(() => foot.shownCount.innerText()).toBe(`Showing 50 of ${parties} parties`);
    expect(await a.page.getByTestId('summary-row').count()).toBe(50);
    await foot.showMore();
    await expect.poll(() => a.page.getByTestId('summary-row').count()).toBe(parties);
    expect(await foot.shownCount.count()).toBe(0);
    await a.viewButton('Detailed').click();
  });

  it('shows "No pending orders" when nothing is pending', async () => {
    // As the owner: the records, Home's counter of them and their tombstones go together (the
    // tombstones tell a device that resumed from its saved copy that they are gone).
    const ids = Object.keys((await get<Record<string, unknown>>('orders')) ?? {});
    await app().stack.rest('PATCH', '/.json', { orders: null, 'counts/orders': null, ...Object.fromEntries(ids.map((id) => [`gone/orders/${id}`, SERVER_TIMESTAMP])) });
    await a.empty.waitFor({ timeout: 10_000 });
    expect(await a.empty.innerText()).toBe('No pending orders');
  });
});
