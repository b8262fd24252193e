/**
 * Long lists at a sizeable history (issue 12): Sent, Deleted, Expired and Stock each open with at
 * most 3,000 DOM nodes, and their search and date filters find records that are not in the first
 * drawn window (an order number, a party or a date read from the database over the whole
 * collection; Stock's search over every SKU). Records are written as the owner; the screens read
 * them through the app and the rules.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DAY_MS } from '../../src/domain/patch.ts';
import { storeRecord } from '../../src/domain/orderRecords.ts';
import type { DeletedRecord, ExpiredRecord, Line, OrderId, PartyId, ProductId, SentRecord, Uid } from '../../src/domain/types.ts';
import { DeletedPage } from './pages/DeletedPage.ts';
import { ExpiredPage } from './pages/ExpiredPage.ts';
import { domNodes } from './pages/HistoryFilters.ts';
import { SentPage } from './pages/SentPage.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { StaffHomePage } from './pages/StaffHomePage.ts';
import { StockPage } from './pages/StockPage.ts';
import { member, seedBusiness } from './support/business.ts';
import { launchChromium } from './support/chromium.ts';
import { watchIndexWarnings } from './support/indexWarnings.ts';
import { AppStack, type Account } from './support/stack.ts';

const MAX_NODES = 3000;
const NOW = Date.now();
/** Local noon `daysAgo` days before today. */
const noonDaysAgo = (daysAgo: number): number => {
  const d = new Date(NOW - daysAgo * DAY_MS);
  d.setHours(12, 0, 0, 0);
  return Math.min(d.getTime(), NOW - 60_000);
};
/** "2027-03-10": a date input's value for the local day of `ms`. */
const dayValue = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const PRODUCT_COUNT = 1200;
const COLORS = [
  { code: 'BLK', name: 'Black', swatch: '#111111' },
  { code: 'WHT', name: 'White', swatch: '#ffffff' },
];
const SIZES = ['S', 'M', 'L', 'XL'];
const pid = (i: number): string => `P-G${String(i).padStart(4, '0')}`;
const PARTY_COUNT = 30;
const party = (i: number): { id: PartyId; name: string; area: string } => ({ id: `party-g${String(i).padStart(2, '0')}` as PartyId, name: `SHOP ${String(i).padStart(2, '0')} STORES`, area: `AREA ${i % 7}` });
/** Six lines: a card with a table of some size, as real orders have. */
const linesOf = (i: number): Line[] => SIZES.slice(0, 3).flatMap((size) => COLORS.map((c) => ({ productId: pid(i % PRODUCT_COUNT) as ProductId, color: c.code, size, qty: 1 + (i % 5) })));

let browser: Browser | undefined;
let stack: AppStack | undefined;
let staff: Account;

/** Sent: 6 bills a day for 60 days (K1000…); Deleted and Expired: one a day for 300 days (K5000…, K7000…). */
const SENT_DAYS = 60;
const ARCHIVE_DAYS = 300;
/** The targets, none of them in the first drawn window of its screen. */
const OLD_SENT = { number: 'K1270', daysAgo: 45, party: party(17) };
const OLD_DELETED = { number: 'K5099', daysAgo: 200, party: party(3) }; // K(5000 + 299 - days ago)
const OLD_EXPIRED = { number: 'K7049', daysAgo: 250, party: party(4) }; // K(7000 + 299 - days ago)

function app(): { browser: Browser; stack: AppStack } {
  if (browser === undefined || stack === undefined) throw new Error('stack not started');
  return { browser, stack };
}

beforeAll(async () => {
  browser = await launchChromium();
  stack = await AppStack.start(inject('authEmulatorHost'));
  await seedBusiness(stack);
  staff = await member(stack, 'Sita Staff');
  const stamped = { '.sv': 'timestamp' };
  // A catalogue of 1,200 products, 9,600 SKUs in stock.
  const catalog: Record<string, unknown> = {};
  const stock: Record<string, unknown> = {};
  for (let i = 0; i < PRODUCT_COUNT; i++) {
    catalog[pid(i)] = { name: `Brief ${String(i).padStart(4, '0')}`, sizes: SIZES, colors: COLORS, active: true, updatedAt: stamped };
    for (const c of COLORS) for (const size of SIZES) stock[`${pid(i)}~${c.code}~${size}`] = { productId: pid(i), color: c.code, size, qty: (i % 9) + 3, updatedAt: NOW, ledgerId: 'fixture-1' };
  }
  await stack.rest('PATCH', '/catalog.json', catalog);
  await stack.rest('PATCH', '/stock.json', stock);
  await stack.rest('PATCH', '/parties.json', Object.fromEntries(Array.from({ length: PARTY_COUNT }, (_, i) => [party(i).id, { name: party(i).name, area: party(i).area, updatedAt: stamped }])));
  await stack.rest('PATCH', '/settings.json', { retentionDays: 400 });

  const base = (number: string, p: { id: PartyId; name: string }, i: number, createdAt: number) => ({
    number,
    partyId: p.id,
    partyName: p.name,
    note: '',
    source: 'staff' as const,
    createdAt,
    createdBy: staff.uid as Uid,
    lines: linesOf(i),
    ordered: linesOf(i),
  });
  const records: Record<string, unknown> = {};
  let n = 0;
  for (let day = SENT_DAYS - 1; day >= 0; day--) {
    for (let k = 0; k < 6; k++, n++) {
      const number = `K${1000 + n}`;
      const target = number === OLD_SENT.number;
      const p = target ? OLD_SENT.party : party(n % PARTY_COUNT);
      const billedAt = noonDaysAgo(target ? OLD_SENT.daysAgo : day) + k * 60_000;
      const r: SentRecord = { ...base(number, p, n, billedAt - DAY_MS), orderId: `o-s${n}` as OrderId, billedAt, billedBy: staff.uid as Uid, remarks: '', deliveryStatus: 'delivered' };
      records[`sent/s-${String(n).padStart(5, '0')}`] = storeRecord(r);
    }
  }
  for (let day = ARCHIVE_DAYS - 1; day >= 0; day--) {
    const i = ARCHIVE_DAYS - 1 - day;
    const del = `K${5000 + i}`;
    const dp = del === OLD_DELETED.number ? OLD_DELETED.party : party(5 + (i % 20));
    const d: DeletedRecord = { ...base(del, dp, i, noonDaysAgo(day) - DAY_MS), reason: 'Party cancelled', deletedAt: noonDaysAgo(day), deletedBy: staff.uid as Uid, from: 'pending' };
    records[`deleted/o-d${String(i).padStart(4, '0')}`] = storeRecord(d);
    const exp = `K${7000 + i}`;
    const ep = exp === OLD_EXPIRED.number ? OLD_EXPIRED.party : party(5 + (i % 20));
    const e: ExpiredRecord = { ...base(exp, ep, i, noonDaysAgo(day) - 40 * DAY_MS), expiredAt: noonDaysAgo(day), expiresAt: noonDaysAgo(day) - 60_000 };
    records[`expired/o-e${String(i).padStart(4, '0')}`] = storeRecord(e);
  }
  await stack.rest('PATCH', '/.json', records);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const indexWarnings: string[] = [];
async function signedIn(): Promise<Page> {
  const context = await app().browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(120_000); // the first load compiles the app's modules (Vite dev server)
  const page = await context.newPage();
  watchIndexWarnings(page, indexWarnings);
  await page.addInitScript(() => localStorage.setItem('doms.dispatchReminders.lastRun', String(Date.now())));
  await (await new SignInPage(page).open(app().stack.staffUrl)).signIn(staff.email, staff.password);
  await new StaffHomePage(page).userName.waitFor({ timeout: 30_000 });
  return page;
}

describe('long lists', () => {
  it('Sent opens within the DOM budget; an order number, a party and a date find a bill outside the first window', async () => {
    const page = await signedIn();
    const sent = await new SentPage(page).open();
    await expect.poll(() => sent.cards.count(), { timeout: 20_000 }).toBeGreaterThan(20);
    expect(await domNodes(page)).toBeLessThanOrEqual(MAX_NODES);
    expect(await sent.card(OLD_SENT.number).count()).toBe(0); // billed 45 days ago: not drawn
    await sent.search(OLD_SENT.number);
    await expect.poll(() => sent.numbers(), { timeout: 10_000 }).toEqual([OLD_SENT.number]);
    await sent.search('');
    await sent.party(OLD_SENT.party.name);
    await expect.poll(() => sent.numbers(), { timeout: 10_000 }).toContain(OLD_SENT.number);
    expect(await domNodes(page)).toBeLessThanOrEqual(MAX_NODES);
    await sent.party('');
    await sent.filters.upTo(dayValue(noonDaysAgo(OLD_SENT.daysAgo)));
    await expect.poll(() => sent.numbers(), { timeout: 10_000 }).toContain(OLD_SENT.number);
    expect(await domNodes(page)).toBeLessThanOrEqual(MAX_NODES);
    expect(indexWarnings).toEqual([]);
  }, 120_000);

  it('Deleted opens within the DOM budget; an order number, a party and a date find an order deleted 200 days ago', async () => {
    const page = await signedIn();
    const deleted = await new DeletedPage(page).open();
    await expect.poll(() => deleted.numbers(), { timeout: 20_000 }).toContain('K5299');
    expect(await domNodes(page)).toBeLessThanOrEqual(MAX_NODES);
    expect(await deleted.card(OLD_DELETED.number).count()).toBe(0);
    await deleted.filters.search(OLD_DELETED.number.toLowerCase());
    await expect.poll(() => deleted.numbers(), { timeout: 10_000 }).toEqual([OLD_DELETED.number]);
    await deleted.filters.search('');
    await deleted.filters.party(OLD_DELETED.party.name);
    await expect.poll(() => deleted.numbers(), { timeout: 10_000 }).toEqual([OLD_DELETED.number]);
    await deleted.filters.party('');
    await deleted.filters.upTo(dayValue(noonDaysAgo(OLD_DELETED.daysAgo)));
    await expect.poll(() => deleted.numbers(), { timeout: 10_000 }).toContain(OLD_DELETED.number);
    expect((await deleted.numbers())[0]).toBe(OLD_DELETED.number); // the newest of the days up to that date
    expect(await domNodes(page)).toBeLessThanOrEqual(MAX_NODES);
    expect(indexWarnings).toEqual([]);
  }, 120_000);

  it('Expired opens within the DOM budget; an order number, a party and a date find an order expired 250 days ago', async () => {
    const page = await signedIn();
    const expired = await new ExpiredPage(page).open();
    await expect.poll(() => expired.numbers(), { timeout: 20_000 }).toContain('K7299');
    expect(await domNodes(page)).toBeLessThanOrEqual(MAX_NODES);
    expect(await expired.card(OLD_EXPIRED.number).count()).toBe(0);
    await expired.search(OLD_EXPIRED.number);
    await expect.poll(() => expired.numbers(), { timeout: 10_000 }).toEqual([OLD_EXPIRED.number]);
    await expired.search('');
    await expired.filters.party(OLD_EXPIRED.party.name);
    await expect.poll(() => expired.numbers(), { timeout: 10_000 }).toEqual([OLD_EXPIRED.number]);
    await expired.filters.party('');
    await expired.filters.upTo(dayValue(noonDaysAgo(OLD_EXPIRED.daysAgo)));
    await expect.poll(() => expired.numbers(), { timeout: 10_000 }).toContain(OLD_EXPIRED.number);
    expect((await expired.numbers())[0]).toBe(OLD_EXPIRED.number);
    expect(indexWarnings).toEqual([]);
  }, 120_000);

  it('Stock opens within the DOM budget with 9,600 SKUs; the search finds a product far past the drawn window', async () => {
    const page = await signedIn();
    const stock = await new StockPage(page).open();
    await expect.poll(() => stock.totals.innerText(), { timeout: 30_000 }).toMatch(/^9,?6\d\d SKUs/);
    expect(await page.getByTestId('stock-product').count()).toBeLessThan(100);
    expect(await domNodes(page)).toBeLessThanOrEqual(MAX_NODES);
    const last = pid(PRODUCT_COUNT - 1);
    expect(await stock.product(last).count()).toBe(0);
    await stock.filter('Brief 1199');
    await expect.poll(() => stock.product(last).count(), { timeout: 10_000 }).toBe(1);
    expect(await stock.qty(`${last}~BLK~M`)).toBe(((PRODUCT_COUNT - 1) % 9) + 3); // opened by the search
  }, 120_000);
});
