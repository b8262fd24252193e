/**
 * A burst of hand-scanner scans on the Billing screen (issue 4 target: 10 scans per second lose
 * no scan). Starts the Auth emulator, the local database and Vite, signs a staff member in in
 * Chromium, puts an order with two lines of 60 into billing, opens its scan panel and "scans"
 * 100 codes at 10 per second as a keyboard wedge does (the code as fast key events, then
 * Enter, with nothing focused). Prints how many scans the panel counted (must be 100), the
 * scanned quantities, and the app's `billing-scan` (processing) and `billing-scan-shown` (Enter
 * key to screen updated) measures. Prints figures only; it is not a test.
 *
 *   npx tsx bench/app/scanBurst.ts [--scans 100] [--rate 10]
 */
import { loadavg } from 'node:os';
import { barcodeKey } from '../../src/domain/barcodes.ts';
import { sendToBilling } from '../../src/domain/lifecycle.ts';
import { placeOrder } from '../../src/domain/placement.ts';
import type { Line, OrderId, PartyId, ProductId, Uid } from '../../src/domain/types.ts';
import { freePort, startAuthEmulator } from '../../tests/support/authEmulator.ts';
import { member, seedBusiness, sku } from '../../tests/browser/support/business.ts';
import { launchChromium } from '../../tests/browser/support/chromium.ts';
import { AppStack } from '../../tests/browser/support/stack.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i < 0 ? Number.NaN : Number(process.argv[i + 1]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const SCANS = arg('scans', 100);
const RATE = arg('rate', 10);
const PER_LINE = Math.ceil(SCANS / 2) + 10;
const CODES = ['8901000000011', '8901000000028'];
const line = (size: string, qty: number): Line => ({ productId: 'P-BRA' as ProductId, color: 'BLK', size, qty });

const auth = await startAuthEmulator(await freePort());
const stack = await AppStack.start(auth.host);
const browser = await launchChromium();
try {
  await seedBusiness(stack);
  const staff = await member(stack, 'Bench Staff');
  const now = Date.now();
  await stack.rest('PUT', '/barcodes.json', {
    [barcodeKey(CODES[0] ?? '')]: { code: CODES[0], skuId: sku('P-BRA', 'BLK', '32B'), productId: 'P-BRA', color: 'BLK', size: '32B', updatedAt: now, updatedBy: staff.uid },
    [barcodeKey(CODES[1] ?? '')]: { code: CODES[1], skuId: sku('P-BRA', 'BLK', '34B'), productId: 'P-BRA', color: 'BLK', size: '34B', updatedAt: now, updatedBy: staff.uid },
  });
  // The order placed and sent to billing as the domain does, written as the owner.
  const id = 'bench-order' as OrderId;
  let n = 0;
  const ctx = { now, actor: staff.uid as Uid, newId: () => `bench-${++n}` };
  const lines = [line('32B', PER_LINE), line('34B', PER_LINE)];
  const placed = placeOrder(id, { partyId: 'party-asha' as PartyId, partyName: 'ASHA TRADERS', note: '', lines }, 0, ctx);
  await stack.rest('PATCH', '/.json', placed.patch);
  const pending = placed.patch[`orders/${id}`] as Parameters<typeof sendToBilling>[0]['pending'];
  await stack.rest('PATCH', '/.json', sendToBilling({ id, rev: 1, ...(pending && { pending }) }, lines, ctx).patch);

  const page = await browser.newPage({ viewport: { width: 1000, height: 1000 } });
  await page.goto(`${stack.staffUrl}#/billing`);
  await page.getByLabel('Email', { exact: true }).fill(staff.email);
  await page.getByLabel('Password', { exact: true }).fill(staff.password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  const card = page.locator(`[data-testid="billing-card"][data-order="${placed.number}"]`);
  await card.waitFor({ timeout: 30_000 });
  await card.getByRole('button', { name: 'Scan', exact: true }).click();
  const panel = page.getByTestId('scan-panel');
  await panel.waitFor();
  await page.evaluate(() => {
    performance.clearMeasures('billing-scan');
    performance.clearMeasures('billing-scan-shown');
  });

  const interval = 1000 / RATE;
  const start = Date.now();
  let late = 0;
  for (let i = 0; i < SCANS; i++) {
    const due = start + i * interval;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    else late++;
    await page.keyboard.type(CODES[i % 2] ?? '');
    await page.keyboard.press('Enter');
  }
  const typedIn = Date.now() - start;
  const count = page.getByTestId('scan-count');
  const deadline = Date.now() + 10_000;
  while ((await count.innerText()) !== String(SCANS) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await page.waitForTimeout(100);
  const counted = Number(await count.innerText());
  const scanned = await panel.getByTestId('scan-line').evaluateAll((rows) => rows.map((r) => r.querySelector('output')?.textContent ?? '?'));
  const measures = await page.evaluate(() => ({
    processing: performance.getEntriesByName('billing-scan').map((e) => e.duration),
    outcomes: performance.getEntriesByName('billing-scan').map((e) => (e as PerformanceMeasure).detail as { kind: string; code: string }),
    shown: performance.getEntriesByName('billing-scan-shown').map((e) => e.duration),
  }));
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const pct = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
    return `n ${s.length}, p50 ${pct(50).toFixed(2)} ms, p95 ${pct(95).toFixed(2)} ms, max ${(s[s.length - 1] ?? Number.NaN).toFixed(2)} ms`;
  };
  console.info(`scan burst: ${SCANS} wedge scans at ${RATE}/s typed in ${typedIn} ms (${late} started late); load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.info(`  counted ${counted} of ${SCANS} (${SCANS - counted} lost); scanned per line ${scanned.join(' + ')}`);
  const kinds = new Map<string, number>();
  for (const o of measures.outcomes) kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
  const odd = measures.outcomes.filter((o) => o.kind !== 'added').map((o) => `${o.kind} ${JSON.stringify(o.code)}`);
  console.info(`  outcomes: ${[...kinds].map(([k, v]) => `${k} ${v}`).join(', ')}${odd.length > 0 ? ` (${odd.join('; ')})` : ''}`);
  console.info(`  billing-scan (processing per scan): ${stats(measures.processing)}`);
  console.info(`  billing-scan-shown (Enter key to screen updated): ${stats(measures.shown)}`);
  if (counted !== SCANS) process.exitCode = 1;
} finally {
  await browser.close();
  await stack.stop();
  await auth.stop();
}
