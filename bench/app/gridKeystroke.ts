/**
 * Keystroke latency of the new-order grid with a 100-line cart on screen (issue 4 target: the
 * cell and the row, column and order totals updated within 16 ms). Starts the Auth emulator,
 * the local database and Vite, signs a staff member in in Chromium, puts 100 lines in the cart
 * (IndexedDB draft), picks a product and types 50 digits, moving with Tab. The app measures
 * each update as the `grid-input` performance measure (from the input event's time to the
 * totals updated); this prints its p50 / p95 / max. Prints figures only; it is not a test.
 *
 *   npx tsx bench/app/gridKeystroke.ts [--keys 50] [--cart 100]
 */
import { loadavg } from 'node:os';
import { freePort, startAuthEmulator } from '../../tests/support/authEmulator.ts';
import { member } from '../../tests/browser/support/business.ts';
import { launchChromium } from '../../tests/browser/support/chromium.ts';
import { AppStack } from '../../tests/browser/support/stack.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i < 0 ? Number.NaN : Number(process.argv[i + 1]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const KEYS = arg('keys', 50);
const CART = arg('cart', 100);

const SIZES = ['S', 'M', 'L', 'XL', 'XXL'];
const COLORS = [
  { code: 'BLK', name: 'Black', swatch: '#111111' },
  { code: 'WHT', name: 'White', swatch: '#ffffff' },
  { code: 'RED', name: 'Red', swatch: '#c0392b' },
  { code: 'NVY', name: 'Navy / White', swatch: '#1f2a44 #ffffff' },
];
const catalog: Record<string, unknown> = {};
const lines: { productId: string; color: string; size: string; qty: number }[] = [];
for (let p = 0; lines.length < CART; p++) {
  catalog[`P-${p}`] = { name: `Bench product ${p}`, sizes: SIZES, colors: COLORS, active: true };
  for (const c of COLORS) for (const s of SIZES.slice(0, 3)) if (lines.length < CART) lines.push({ productId: `P-${p}`, color: c.code, size: s, qty: 1 + (p % 9) });
}

const auth = await startAuthEmulator(await freePort());
const stack = await AppStack.start(auth.host);
const browser = await launchChromium();
try {
  await stack.rest('PUT', '/catalog.json', catalog);
  await stack.rest('PUT', '/parties.json', { 'party-1': { name: 'ASHA TRADERS', area: 'MAPUSA' } });
  const staff = await member(stack, 'Bench Staff');
  const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
  await page.goto(`${stack.staffUrl}#/new`);
  await page.getByLabel('Email', { exact: true }).fill(staff.email);
  await page.getByLabel('Password', { exact: true }).fill(staff.password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await page.getByTestId('new-order').waitFor({ timeout: 30_000 });
  // The cart draft as src/data/cart.ts stores it, then a reload to load it.
  await page.evaluate(
    ({ uid, lines }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('doms-new-order', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('drafts');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('drafts', 'readwrite');
          tx.objectStore('drafts').put({ lines, partyId: 'party-1', note: '' }, uid);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
        };
      }),
    { uid: staff.uid, lines },
  );
  await page.reload();
  await page.getByTestId('cart').getByTestId('cart-row').first().waitFor({ timeout: 30_000 });
  const rows = await page.getByTestId('cart').getByTestId('cart-row').count();
  const box = page.getByTestId('product-search').getByRole('combobox');
  await box.fill('P-3');
  await box.press('Enter');
  const first = page.getByRole('textbox', { name: 'BLK S', exact: true });
  await first.click();
  await page.evaluate(() => performance.clearMeasures('grid-input'));
  for (let k = 0; k < KEYS; k++) {
    // Tab past the last cell leaves the grid: start again at the first cell.
    if (!(await page.evaluate(() => document.activeElement?.hasAttribute('data-cell') === true))) await first.click();
    await page.keyboard.type(String((k % 9) + 1));
    if (k % 2 === 1) await page.keyboard.press('Tab');
  }
  const durations = await page.evaluate(() => performance.getEntriesByName('grid-input').map((e) => e.duration));
  const total = await page.getByTestId('grid-total').innerText();
  const sorted = [...durations].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  console.info(`grid keystroke: ${durations.length} measures of ${KEYS} keys, cart ${rows} rows (${lines.length} lines), grid total ${total}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.info(`  grid-input p50 ${ms(pct(50))}, p95 ${ms(pct(95))}, max ${ms(sorted[sorted.length - 1] ?? Number.NaN)}; target ≤ 16 ms`);
} finally {
  await browser.close();
  await stack.stop();
  await auth.stop();
}
