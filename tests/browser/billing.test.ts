import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { assignBarcodePatch, barcodeKey, barcodeSchema } from '../../src/domain/barcodes.ts';
import { deleteOrder, sendToBilling } from '../../src/domain/lifecycle.ts';
import { placeOrder } from '../../src/domain/placement.ts';
import { parse, type Schema } from '../../src/domain/schema.ts';
import type { AuditEntry, LedgerEntry, Line, OrderId, OrderState, PartyId, ProductId, SentRecord, Uid } from '../../src/domain/types.ts';
import { auditSchema, ledgerSchema } from '../../src/domain/validate.ts';
import { BillingPage } from './pages/BillingPage.ts';
import { ListFoot } from './pages/ListFoot.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { member, PARTIES, seedBusiness, sku, STOCK } from './support/business.ts';
import { launchChromium } from './support/chromium.ts';
import { children as childrenOf, expectLawsHold as lawsHold, readState as readStateOf, sentOf as sentOfOrder } from './support/laws.ts';
import { AppStack, type Account } from './support/stack.ts';

let browser: Browser | undefined;
let stack: AppStack | undefined;
let staff: Account | undefined;
const contexts: BrowserContext[] = [];

function app(): { browser: Browser; stack: AppStack; staff: Account } {
  if (browser === undefined || stack === undefined || staff === undefined) throw new Error('stack not started');
  return { browser, stack, staff };
}

const L = (productId: string, color: string, size: string, qty: number): Line => ({ productId: productId as ProductId, color, size, qty });
/** Barcodes of the fixture: two codes escape through barcodeKey ('.' and '/'). */
const CODES = { bra32: '8901000000011', bra34: '8901000000028', braSkin36: 'SKN-36B.X', teeRedM: 'TEE/RED/M' } as const;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await AppStack.start(inject('authEmulatorHost'));
  await seedBusiness(stack);
  staff = await member(stack, 'Bina Biller');
  const at = Date.now();
  const barcodes: Record<string, unknown> = {};
  for (const [code, [productId, color, size]] of [
    [CODES.bra32, ['P-BRA', 'BLK', '32B']],
    [CODES.bra34, ['P-BRA', 'BLK', '34B']],
    [CODES.braSkin36, ['P-BRA', 'SKN', '36B']],
    [CODES.teeRedM, ['P-TEE', 'RED', 'M']],
  ] as const) {
    barcodes[barcodeKey(code)] = { code, skuId: sku(productId, color, size), productId, color, size, updatedAt: at, updatedBy: staff.uid };
  }
  await stack.rest('PUT', '/barcodes.json', barcodes);
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function get(path: string): Promise<unknown> {
  return app().stack.rest('GET', `/${path}.json`);
}

// The shared read-back helpers (support/laws.ts), bound to this file's stack.
const children = <T>(path: string, schema: Schema<T>): Promise<[string, T][]> => childrenOf(app().stack, path, schema);
const readState = (id: OrderId): Promise<OrderState> => readStateOf(app().stack, id);

let orderSeq = 0;
/** Places an order and sends `toBilling` of it, as the domain does, written as the owner with numeric times. */
async function orderInBilling(partyId: keyof typeof PARTIES, lines: Line[], toBilling: Line[] = lines): Promise<{ id: OrderId; number: string }> {
  const { stack, staff } = app();
  const id = `order-${++orderSeq}` as OrderId;
  let n = 0;
  const ctx = { now: Date.now(), actor: staff.uid as Uid, newId: () => `${id}-x${++n}` };
  const counter = ((await get('counters/orderNumber')) as number | null) ?? 0;
  const placed = placeOrder(id, { partyId: partyId as PartyId, partyName: PARTIES[partyId].name, note: '', lines }, counter, ctx);
  await stack.rest('PATCH', '/.json', placed.patch);
  await stack.rest('PATCH', '/.json', sendToBilling(await readState(id), toBilling, ctx).patch);
  return { id, number: placed.number };
}

const sentOf = (id: OrderId): Promise<SentRecord[]> => sentOfOrder(app().stack, id);
/** Conservation of the order and the stock laws over the whole database. */
const expectLawsHold = (id: OrderId): Promise<void> => lawsHold(app().stack, id);

const stockQty = async (skuId: string): Promise<number> => ((await get(`stock/${skuId}/qty`)) as number | null) ?? 0;
const billLedger = async (id: OrderId): Promise<LedgerEntry[]> => (await children('stockLedger', ledgerSchema)).map(([, e]) => e).filter((e) => e.reason === 'bill' && e.orderId === id);
const auditOf = async (id: OrderId, action: AuditEntry['action']): Promise<AuditEntry[]> => (await children('audit', auditSchema)).map(([, a]) => a).filter((a) => a.orderId === id && a.action === action);

async function billingAs(account: Account, viewport = { width: 1000, height: 900 }): Promise<BillingPage> {
  const context = await app().browser.newContext({ viewport });
  contexts.push(context);
  const page: Page = await context.newPage();
  await (await new SignInPage(page).open(`${app().stack.staffUrl}#/billing`)).signIn(account.email, account.password);
  await page.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();
  return new BillingPage(page);
}

describe('billing screen in Chromium', () => {
  it('bills what a hand scanner scanned, with a message and no loss for each outcome, in one atomic change', async () => {
    const { staff } = app();
    const billing = await billingAs(staff);
    await billing.empty.waitFor();
    expect(await billing.empty.innerText()).toBe('No orders waiting for billing');

    // K1: 3 + 2 bras go to billing; the tee stays pending (so its code is a wrong item here).
    const { id, number } = await orderInBilling('party-asha', [L('P-BRA', 'BLK', '32B', 3), L('P-BRA', 'BLK', '34B', 2), L('P-TEE', 'RED', 'M', 5)], [L('P-BRA', 'BLK', '32B', 3), L('P-BRA', 'BLK', '34B', 2)]);
    const card = billing.card(number);
    await card.root.waitFor();
    expect(await card.root.innerText()).toContain('placed by Bina Biller');
    expect(await card.lines()).toEqual([
      ['Comfort Bra (Black)', '32B', '3'],
      ['Comfort Bra (Black)', '34B', '2'],
    ]);
    expect(await card.billInput('Comfort Bra (Black)', '32B').inputValue()).toBe('3');

    const panel = await card.openScan();
    expect(await panel.scanned()).toEqual([
      ['Comfort Bra (Black)', '32B', '0'],
      ['Comfort Bra (Black)', '34B', '0'],
    ]);
    // No camera in headless Chromium: the panel says so; manual entry and the scanner still work.
    await panel.root.getByRole('button', { name: 'Use camera' }).click();
    await expect.poll(() => panel.cameraProblem.innerText(), { timeout: 15_000 }).toMatch(/camera/i);
    const outcomes: [string, string, string][] = [];
    const scan = async (code: string, how: 'wedge' | 'manual' = 'wedge') => {
      const before = Number(await panel.count.innerText());
      if (how === 'manual') await panel.manualScan(code);
      else await panel.wedgeScan(code);
      await expect.poll(() => panel.count.innerText()).toBe(String(before + 1));
      outcomes.push([code, (await panel.message.getAttribute('data-kind')) ?? '', await panel.message.innerText()]);
    };
    await scan(CODES.bra32, 'manual');
    await panel.blur();
    await scan(CODES.bra32);
    await scan('0000000000000');
    await scan(CODES.teeRedM);
    await scan(CODES.braSkin36);
    await scan(CODES.bra34);
    await scan(CODES.bra34);
    await scan(CODES.bra34);
    expect(outcomes).toEqual([
      [CODES.bra32, 'added', 'Comfort Bra Black 32B: 1 of 3'],
      [CODES.bra32, 'added', 'Comfort Bra Black 32B: 2 of 3'],
      ['0000000000000', 'unknown', 'Unknown barcode 0000000000000: it is not assigned to any item'],
      [CODES.teeRedM, 'wrongItem', 'Wrong item: Cotton Tee Red M (TEE/RED/M) is not in this order'],
      [CODES.braSkin36, 'wrongItem', 'Wrong item: Comfort Bra Skin 36B (SKN-36B.X) is not in this order'],
      [CODES.bra34, 'added', 'Comfort Bra Black 34B: 1 of 2'],
      [CODES.bra34, 'added', 'Comfort Bra Black 34B: 2 of 2'],
      [CODES.bra34, 'overQuantity', "Already at the order's quantity: Comfort Bra Black 34B 2 of 2"],
    ]);

    // A fast burst (no waiting between scans) is counted whole: 3 more scans → 1 added, 2 over.
    for (const code of [CODES.bra32, CODES.bra32, CODES.bra34]) await panel.wedgeScan(code);
    await expect.poll(() => panel.count.innerText()).toBe('11');
    expect(await panel.scanned()).toEqual([
      ['Comfort Bra (Black)', '32B', '3'],
      ['Comfort Bra (Black)', '34B', '2'],
    ]);
    // Take one 32B back by hand: bill 2 of 3 and 2 of 2, a partial bill.
    await panel.root.getByRole('button', { name: 'One less: Scanned Comfort Bra (Black) 32B' }).click();
    expect(await panel.billButton.innerText()).toBe('Bill scanned (4)');
    await panel.billButton.click();
    await expect.poll(() => billing.toasts('success').allInnerTexts()).toContain(`${number} partly billed`);
    await panel.root.waitFor({ state: 'detached' });
    await expect.poll(() => card.lines()).toEqual([['Comfort Bra (Black)', '32B', '1']]);
    expect(await card.changedNotice.count()).toBe(0); // our own bill is not "changed elsewhere"
    expect(await card.billInput('Comfort Bra (Black)', '32B').inputValue()).toBe('1');

    const sent = await sentOf(id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ number, billedBy: staff.uid, deliveryStatus: 'undelivered', lines: [L('P-BRA', 'BLK', '32B', 2), L('P-BRA', 'BLK', '34B', 2)] });
    const state = await readState(id);
    expect(state.billing?.lines).toEqual([L('P-BRA', 'BLK', '32B', 1)]);
    expect(state.pending?.lines).toEqual([L('P-TEE', 'RED', 'M', 5)]);
    expect(await stockQty(sku('P-BRA', 'BLK', '32B'))).toBe((STOCK[sku('P-BRA', 'BLK', '32B')] ?? 0) - 2);
    expect(await stockQty(sku('P-BRA', 'BLK', '34B'))).toBe((STOCK[sku('P-BRA', 'BLK', '34B')] ?? 0) - 2);
    const ledger = await billLedger(id);
    expect(ledger.map((e) => [e.skuId, e.before, e.delta, e.billed, e.shortfall, e.actor])).toEqual([
      [sku('P-BRA', 'BLK', '32B'), 10, -2, 2, 0, staff.uid],
      [sku('P-BRA', 'BLK', '34B'), 4, -2, 2, 0, staff.uid],
    ]);
    const audit = await auditOf(id, 'bill');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: staff.uid, rev: state.rev, lines: sent[0]?.lines });
    await expectLawsHold(id);
  }, 90_000);

  it('assigns an unknown code where it is scanned to a line of the order, counts it, and stores what Stock stores; fits a 360 px phone', async () => {
    const { staff } = app();
    const { number } = await orderInBilling('party-ravi', [L('P-TEE', 'NVY', 'S', 2), L('P-TEE', 'RED', 'L', 1)]);
    const billing = await billingAs(staff, { width: 360, height: 740 });
    const panel = await billing.card(number).openScan();
    /** The panel does not scroll sideways and nothing in it reaches past the screen's edge. */
    const fits = () =>
      billing.page.evaluate(() => {
        const panelEl = document.querySelector('[data-testid="scan-panel"]') as HTMLElement;
        const wide = [...panelEl.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5).map((e) => e.className || e.tagName);
        // Boxes that scroll sideways (a visually hidden header, 1 px wide by design, aside).
        const scrollers = [panelEl, ...panelEl.querySelectorAll('*')].filter((e) => e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 0.5 && getComputedStyle(e).overflowX !== 'visible').map((e) => e.className || e.tagName);
        return { panel: panelEl.getBoundingClientRect().right <= window.innerWidth, wide, scrollers };
      });
    expect(await fits()).toEqual({ panel: true, wide: [], scrollers: [] });

    const CODE = '8909999000017';
    await panel.manualScan(CODE);
    await expect.poll(() => panel.message.getAttribute('data-kind')).toBe('unknown');
    expect(await panel.message.innerText()).toBe(`Unknown barcode ${CODE}: it is not assigned to any item`);
    // The offer lists the lines being billed: product label, colour, size.
    await panel.assignOffer.click();
    expect(await panel.assignChoices()).toEqual(['Cotton Tee (Navy) · S', 'Cotton Tee (Red) · L']);
    expect(await fits()).toEqual({ panel: true, wide: [], scrollers: [] });
    for (const b of await panel.assignChooser.getByRole('button').all()) expect((await b.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);

    // Cancel leaves everything as it was.
    await panel.assignChooser.getByRole('button', { name: 'Cancel', exact: true }).click();
    await panel.assignChooser.waitFor({ state: 'detached' });
    expect(await get(`barcodes/${barcodeKey(CODE)}`)).toBeNull();
    expect(await panel.scanned()).toEqual([
      ['Cotton Tee (Navy)', 'S', '0'],
      ['Cotton Tee (Red)', 'L', '0'],
    ]);

    // Assigning it to the red L counts the scan there (still one scan made).
    await panel.assignTo('Cotton Tee (Red) · L');
    await expect.poll(() => panel.message.getAttribute('data-kind'), { timeout: 10_000 }).toBe('added');
    expect(await panel.message.innerText()).toBe('Cotton Tee Red L: 1 of 1');
    expect(await panel.scanned()).toEqual([
      ['Cotton Tee (Navy)', 'S', '0'],
      ['Cotton Tee (Red)', 'L', '1'],
    ]);
    expect(await panel.count.innerText()).toBe('1');
    expect(await panel.assignOffer.count()).toBe(0);

    // The database holds the record Stock's barcode screen writes (the same command): by this
    // user, at the server's time, under the code's key.
    const stored = await get(`barcodes/${barcodeKey(CODE)}`);
    const parsed = parse(barcodeSchema, stored);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const skuRef = { productId: 'P-TEE' as ProductId, color: 'RED', size: 'L' };
    expect(stored).toEqual(assignBarcodePatch(CODE, skuRef, null, { now: parsed.value.updatedAt, actor: staff.uid as Uid }).record);
    expect(parsed.value).toMatchObject({ code: CODE, skuId: sku('P-TEE', 'RED', 'L'), updatedBy: staff.uid });
    expect(Math.abs(parsed.value.updatedAt - Date.now())).toBeLessThan(60_000);

    // Scanned again, the code is known now; a code assigned elsewhere keeps today's message and no offer.
    await panel.manualScan(CODE);
    await expect.poll(() => panel.message.getAttribute('data-kind')).toBe('overQuantity');
    await panel.manualScan(CODES.teeRedM);
    await expect.poll(() => panel.message.getAttribute('data-kind')).toBe('wrongItem');
    expect(await panel.message.innerText()).toBe('Wrong item: Cotton Tee Red M (TEE/RED/M) is not in this order');
    expect(await panel.assignOffer.count()).toBe(0);
    const all = (await get('barcodes')) as Record<string, { skuId: string }>;
    expect(all[barcodeKey(CODES.teeRedM)]?.skuId).toBe(sku('P-TEE', 'RED', 'M'));
  }, 90_000);

  it('clamps a typed quantity and says so, and asks before billing beyond stock, recording the shortfall', async () => {
    const { staff } = app();
    const skuId = sku('P-TEE', 'NVY', 'L');
    const { id, number } = await orderInBilling('party-ravi', [L('P-TEE', 'NVY', 'L', 5)]);
    const billing = await billingAs(staff);
    const card = billing.card(number);
    const input = card.billInput('Cotton Tee (Navy)', 'L');
    await input.fill('9');
    expect(await input.inputValue()).toBe('5');
    expect(await card.stepperNote('Cotton Tee (Navy)', 'L').innerText()).toBe('Only 5 in billing: set to 5');

    await card.billButton.click();
    await billing.confirmDialog.waitFor();
    const rows = await billing.confirmDialog.getByTestId('shortfall-lines').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual([['Cotton Tee Navy L', '2', '5', '3']]);
    expect(await sentOf(id)).toHaveLength(0); // nothing written before the confirmation

    await billing.confirmDialog.getByRole('button', { name: 'Bill anyway' }).click();
    await expect.poll(() => billing.toasts('success').allInnerTexts()).toContain(`${number} fully billed (short stock recorded)`);
    await card.root.waitFor({ state: 'detached' });
    expect(await stockQty(skuId)).toBe(0);
    expect((await billLedger(id)).map((e) => [e.skuId, e.before, e.delta, e.billed, e.shortfall])).toEqual([[skuId, 2, -2, 5, 3]]);
    expect((await readState(id)).billing).toBeUndefined();
    expect((await sentOf(id)).map((s) => s.lines)).toEqual([[L('P-TEE', 'NVY', 'L', 5)]]);
    await expectLawsHold(id);
  });

  it('bills an order once when two devices click Bill at the same time: nothing created twice, nothing lost', async () => {
    const { stack } = app();
    const skuId = sku('P-TEE', 'RED', 'M');
    const stockBefore = await stockQty(skuId);
    const { id, number } = await orderInBilling('party-asha', [L('P-TEE', 'RED', 'M', 6)]);
    const other = await member(stack, 'Chetan Counter');
    const [a, b] = await Promise.all([billingAs(app().staff), billingAs(other)]);
    const cards = [a.card(number), b.card(number)];
    // Another staff member's name is readable (names arrive after the card: "…" until then).
    await expect.poll(() => cards[1]?.root.innerText(), { timeout: 10_000 }).toContain('placed by Bina Biller');
    for (const card of cards) await card.billInput('Cotton Tee (Red)', 'M').fill('2');
    await Promise.all(cards.map((c) => c.billButton.click()));

    const outcome = async (page: BillingPage) => [...(await page.toasts('success').allInnerTexts()), ...(await page.toasts('error').allInnerTexts())];
    await expect.poll(async () => [...(await outcome(a)), ...(await outcome(b))].length, { timeout: 15_000 }).toBe(2);
    const all = [...(await outcome(a)), ...(await outcome(b))];
    expect(all.filter((t) => t === `${number} partly billed`)).toHaveLength(1);
    expect(all.filter((t) => /^Bill failed: .*changed on another device/.test(t))).toHaveLength(1);

    const sent = await sentOf(id);
    expect(sent.map((s) => s.lines)).toEqual([[L('P-TEE', 'RED', 'M', 2)]]);
    expect((await readState(id)).billing?.lines).toEqual([L('P-TEE', 'RED', 'M', 4)]);
    expect(await stockQty(skuId)).toBe(stockBefore - 2);
    expect(await billLedger(id)).toHaveLength(1);
    expect(await auditOf(id, 'bill')).toHaveLength(1);
    // Both screens show the rest, live.
    for (const card of cards) await expect.poll(() => card.lines()).toEqual([['Cotton Tee (Red)', 'M', '4']]);
    // The loser is told its screen is out of date, and starts again from the rest on request.
    const loser = (await outcome(a)).some((t) => t.startsWith('Bill failed')) ? cards[0] : cards[1];
    const winner = loser === cards[0] ? cards[1] : cards[0];
    expect(await winner?.changedNotice.count()).toBe(0);
    await loser?.changedNotice.getByRole('button', { name: 'Start again from what is in billing' }).click();
    await expect.poll(() => loser?.billInput('Cotton Tee (Red)', 'M').inputValue()).toBe('4');
    await expect.poll(() => loser?.changedNotice.count()).toBe(0);
    await expectLawsHold(id);
  }, 60_000);

  it('saves remarks from a preset and deletes with a required reason into Deleted', async () => {
    const { staff } = app();
    const { id, number } = await orderInBilling('party-ravi', [L('P-BRA', 'SKN', '36B', 1), L('P-TEE', 'RED', 'M', 1)]);
    const billing = await billingAs(staff);
    const card = billing.card(number);

    const remarks = await card.openRemarks();
    await remarks.getByRole('button', { name: 'WAITING FOR APPROVAL', exact: true }).click();
    await remarks.getByRole('button', { name: 'Save remarks' }).click();
    await expect.poll(() => card.remarksBanner.innerText()).toBe('📌 Remarks: WAITING FOR APPROVAL');
    expect((await readState(id)).billing?.remarks).toBe('WAITING FOR APPROVAL');
    expect(await auditOf(id, 'remarks')).toHaveLength(1);

    const dialog = await card.openDelete();
    await dialog.getByRole('button', { name: 'Next' }).click();
    expect(await dialog.getByRole('alert').innerText()).toBe('Reason: choose one or type a reason.');
    await dialog.getByLabel('Duplicate order').check();
    await dialog.getByLabel('Other reason').fill('party phoned <b>twice</b>');
    await dialog.getByRole('button', { name: 'Next' }).click();
    expect(await dialog.getByTestId('delete-confirm-text').innerText()).toContain('“Duplicate order, party phoned <b>twice</b>”');
    expect((await readState(id)).billing).toBeDefined(); // nothing happens before the confirmation
    await dialog.getByRole('button', { name: 'Move to Deleted' }).click();
    await card.root.waitFor({ state: 'detached' });

    const state = await readState(id);
    expect(state.billing).toBeUndefined();
    expect(state.deleted).toMatchObject({ reason: 'Duplicate order, party phoned <b>twice</b>', from: 'billing', deletedBy: staff.uid, lines: [L('P-BRA', 'SKN', '36B', 1), L('P-TEE', 'RED', 'M', 1)] });
    expect(await auditOf(id, 'delete')).toHaveLength(1);
    await expectLawsHold(id);
  });

  it('reads the 50 longest-waiting orders, 50 more on "Show more"; as one leaves, the next comes in', async () => {
    const { staff } = app();
    const waiting = Object.keys(((await get('billing')) ?? {}) as object).length;
    for (let i = waiting; i < 52; i++) await orderInBilling('party-asha', [L('P-TEE', 'RED', 'M', 1)]); // 52 waiting: a full window and two more
    // Queue order as the database orders the query: by queuedAt, equal times by key.
    const queue = Object.entries((await get('billing')) as Record<string, { number: string; queuedAt: number }>)
      .sort(([ka, a], [kb, b]) => a.queuedAt - b.queuedAt || (ka < kb ? -1 : 1))
      .map(([, r]) => r.number);
    expect(queue.length).toBeGreaterThan(51);
    const billing = await billingAs(staff);
    const foot = new ListFoot(billing.page);
    await expect.poll(() => billing.numbers(), { timeout: 10_000 }).toEqual(queue.slice(0, 50));
    await expect.poll(() => foot.shownCount.innerText(), { timeout: 10_000 }).toBe(`Showing 50 of ${queue.length} orders`); // the total comes from Home's counter, its own listen

    // The oldest leaves billing (deleted here on another device): the 51st slides in.
    const [first] = queue;
    const firstId = Object.entries((await get('billing')) as Record<string, { number: string }>).find(([, r]) => r.number === first)?.[0] as OrderId;
    await app().stack.rest('PATCH', '/.json', deleteOrder(await readState(firstId), 'billing', 'Duplicate order', { now: Date.now(), actor: staff.uid as Uid, newId: () => `${firstId}-del` }).patch);
    await expect.poll(() => billing.numbers(), { timeout: 10_000 }).toEqual(queue.slice(1, 51));
    await expect.poll(() => foot.shownCount.innerText()).toBe(`Showing 50 of ${queue.length - 1} orders`);

    await foot.showMore();
    await expect.poll(() => billing.numbers(), { timeout: 10_000 }).toEqual(queue.slice(1));
    expect(await foot.shownCount.count()).toBe(0); // all shown: no foot
    await expectLawsHold(firstId);
  }, 90_000); // some 200 setup requests: on a loaded CI machine they took most of 30 s
});
