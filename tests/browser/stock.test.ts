import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkStock } from '../../src/domain/conservation.ts';
import type { LedgerEntry, SkuId } from '../../src/domain/types.ts';
import { EXPECTED_ERRORS, EXPECTED_STOCK, stockSheetRows, stockSheetXlsx } from '../fixtures/stock/stockSheet.ts';
import { pdfText } from '../support/pdfText.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { StaffHomePage } from './pages/StaffHomePage.ts';
import { StockPage } from './pages/StockPage.ts';
import { member, seedBusiness, sku, STOCK } from './support/business.ts';
import { launchChromium } from './support/chromium.ts';
import { watchIndexWarnings } from './support/indexWarnings.ts';
import { AppStack, type Account } from './support/stack.ts';

let browser: Browser | undefined;
let stack: AppStack | undefined;
let dir = '';
const contexts: BrowserContext[] = [];
/** The SDK's unspecified-index warnings (the last-import query on `stockImports` by `at`). */
const indexWarnings: string[] = [];

function app(): { browser: Browser; stack: AppStack } {
  if (browser === undefined || stack === undefined) throw new Error('stack not started');
  return { browser, stack };
}

beforeAll(async () => {
  browser = await launchChromium();
  stack = await AppStack.start(inject('authEmulatorHost'));
  dir = mkdtempSync(join(tmpdir(), 'doms-stock-'));
  writeFileSync(join(dir, 'stock-sheet.xlsx'), stockSheetXlsx());
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  expect(indexWarnings.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

async function stockPage(account: Account): Promise<StockPage> {
  const context = await app().browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  contexts.push(context);
  const page: Page = await context.newPage();
  watchIndexWarnings(page, indexWarnings);
  await (await new SignInPage(page).open(app().stack.staffUrl)).signIn(account.email, account.password);
  await new StaffHomePage(page).userName.waitFor();
  return new StockPage(page).open();
}

const dbStock = async (): Promise<Record<string, number>> => {
  const raw = ((await app().stack.rest('GET', '/stock.json')) ?? {}) as Record<string, { qty: number }>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.qty]));
};
const dbLedger = async (): Promise<[string, LedgerEntry][]> => Object.entries(((await app().stack.rest('GET', '/stockLedger.json')) ?? {}) as Record<string, LedgerEntry>);
const conservation = async () => checkStock((await dbStock()) as Partial<Record<SkuId, number>>, (await dbLedger()).map(([, e]) => e));

/** A variant of the fixture sheet written to the temp folder. */
function sheetFile(name: string, rows: unknown[][]): string {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Stock');
  const file = join(dir, name);
  writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return file;
}

describe('Stock screen in Chromium', () => {
  it('previews the fixture with every bad row named by row and column, applies it atomically with one ledger entry per SKU, live on another device', async () => {
    const { stack } = app();
    await seedBusiness(stack);
    const staff = await member(stack, 'Imma Staff');
    const [a, b] = await Promise.all([stockPage(staff), stockPage(await member(stack, 'Watcher Staff'))]);
    await expect.poll(() => a.totals.innerText(), { timeout: 10_000 }).toContain(`${Object.keys(STOCK).length} SKUs`);
    await b.filter('navy xl');
    await expect.poll(() => b.totals.innerText(), { timeout: 10_000 }).toContain('0 SKUs');
    const ledgerBefore = new Set((await dbLedger()).map(([k]) => k));

    await a.previewImport(join(dir, 'stock-sheet.xlsx'));
    expect(await a.importSummary.innerText()).toContain('header on row 7, 15 rows after it. 2 new, 2 changed, 1 removed, 1 unchanged, 8 rows with errors, 1 blank rows.');
    const errors = await a.importErrors();
    expect(errors.map((e) => e.row)).toEqual(Object.keys(EXPECTED_ERRORS).map(Number));
    for (const e of errors) {
      expect(e.column, `row ${e.row}`).toBe(EXPECTED_ERRORS[e.row]?.column);
      expect(e.problem, `row ${e.row}`).toContain(EXPECTED_ERRORS[e.row]?.text);
    }
    // Markup from the sheet is shown as text, never run or parsed.
    expect(await a.page.locator('dialog script').count()).toBe(0);
    // Nothing is written before Apply.
    expect(await dbStock()).toEqual(STOCK);

    // Apply asks for the person's own password first: a wrong one writes nothing.
    await a.applyImport.click();
    await a.importPassword.getByLabel('Your password').fill('wrong-password');
    await a.importPassword.getByRole('button', { name: 'Replace stock' }).click();
    await expect.poll(() => a.importPassword.getByRole('alert').innerText()).toContain('that is not your password');
    expect(await dbStock()).toEqual(STOCK);
    await a.importPassword.getByLabel('Your password').fill(staff.password);
    await a.importPassword.getByRole('button', { name: 'Replace stock' }).click();
    await a.importDialog.waitFor({ state: 'detached', timeout: 15_000 });
    expect(await dbStock()).toEqual(EXPECTED_STOCK);

    const added = (await dbLedger()).filter(([k]) => !ledgerBefore.has(k)).map(([, e]) => e);
    const expectedChanges = Object.entries(EXPECTED_STOCK)
      .filter(([k, q]) => (STOCK[k] ?? 0) !== q)
      .map(([k, q]) => ({ skuId: k, before: STOCK[k] ?? 0, delta: q - (STOCK[k] ?? 0) }));
    expect(added.map((e) => ({ skuId: e.skuId, before: e.before, delta: e.delta })).sort((x, y) => x.skuId.localeCompare(y.skuId))).toEqual(
      expectedChanges.sort((x, y) => x.skuId.localeCompare(y.skuId)),
    );
    for (const e of added) expect(e).toMatchObject({ reason: 'import', actor: staff.uid, note: expect.stringContaining('stock-sheet.xlsx') as unknown });
    expect(await conservation()).toEqual([]);

    const imports = Object.values(((await stack.rest('GET', '/stockImports.json')) ?? {}) as Record<string, unknown>);
    expect(imports).toEqual([{ actor: staff.uid, actorName: 'Imma Staff', at: expect.any(Number) as unknown, file: 'stock-sheet.xlsx', rows: 15, added: 2, changed: 2, removed: 1, errors: 8 }]);
    await expect.poll(() => a.lastImport.innerText(), { timeout: 10_000 }).toContain('by Imma Staff (stock-sheet.xlsx: 2 new, 2 changed, 1 removed, 8 rows with errors)');

    // The other device shows the new SKU (quantity ≥ 100) without a reload.
    await expect.poll(() => b.qty(sku('P-TEE', 'NVY', 'XL')), { timeout: 5_000 }).toBe(1000);
  });

  it('refuses to apply a preview that a stock change made stale, then applies a fresh one', async () => {
    const { stack } = app();
    const staff = await member(stack, 'Stale Staff');
    const page = await stockPage(staff);
    const rows = stockSheetRows().slice(0, 12); // header and rows 8–12 only
    (rows[7] as unknown[])[11] = 160; // P-BRA BLK 32B: 150 → 160
    const file = sheetFile('second.xlsx', rows);
    await page.previewImport(file);
    expect(await page.importSummary.innerText()).toContain('0 rows with errors');

    // Meanwhile another device changes the SKU (a ledgered adjustment, as the owner).
    const bra32 = sku('P-BRA', 'BLK', '32B');
    await stack.rest('PATCH', '/.json', {
      [`stock/${bra32}/qty`]: 149,
      [`stock/${bra32}/ledgerId`]: 'meanwhile-1',
      'stockLedger/meanwhile-1': { skuId: bra32, reason: 'adjust', before: 150, delta: -1, actor: 'someone', at: Date.now(), note: 'damaged' },
    });
    const before = await dbStock();
    await page.applyImportWith(staff.password);
    const alert = page.importDialog.getByRole('alert');
    await expect.poll(() => alert.innerText(), { timeout: 10_000 }).toContain('Stock changed since the preview');
    expect(await dbStock()).toEqual(before);

    await alert.getByRole('button', { name: 'Preview again' }).click();
    await expect.poll(() => page.importDialog.getByTestId('import-changed').innerText(), { timeout: 10_000 }).toContain('149');
    await page.applyImportWith(staff.password);
    await page.importDialog.waitFor({ state: 'detached', timeout: 15_000 });
    const after = await dbStock();
    expect(after[bra32]).toBe(160);
    expect(after[sku('P-TEE', 'NVY', 'XL')]).toBe(0); // not in the second sheet: removed
    expect(await conservation()).toEqual([]);
  });

  it('adjusts one SKU only with a reason, through the ledger', async () => {
    const { stack } = app();
    const staff = await member(stack, 'Adjust Staff');
    const page = await stockPage(staff);
    await page.filter('comfort black 34b');
    const target = sku('P-BRA', 'BLK', '34B');
    await expect.poll(() => page.qty(target), { timeout: 10_000 }).toBe((await dbStock())[target]);
    const was = (await dbStock())[target] ?? 0;

    const dialog = await page.adjust(target, was + 7, '   ');
    expect(await dialog.getByRole('alert').innerText()).toBe('Reason: say why the stock changes.');
    expect(await dialog.getByLabel('Reason').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel('Reason').fill('Found a carton in the back room');
    await dialog.getByRole('button', { name: 'Save adjustment' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });

    expect((await dbStock())[target]).toBe(was + 7);
    const last = (await dbLedger()).map(([, e]) => e).filter((e) => e.skuId === target).sort((x, y) => x.at - y.at).at(-1);
    expect(last).toMatchObject({ reason: 'adjust', before: was, delta: 7, actor: staff.uid, note: 'Found a carton in the back room' });
    await expect.poll(() => page.qty(target), { timeout: 5_000 }).toBe(was + 7);
    expect(await conservation()).toEqual([]);
  });

  it('exports the stock to an xlsx that holds what the database holds', async () => {
    const page = await stockPage(await member(app().stack, 'Export Staff'));
    await expect.poll(() => page.totals.innerText(), { timeout: 10_000 }).toMatch(/\d+ SKUs/);
    const download = await page.download('Export to Excel');
    expect(download.suggestedFilename()).toMatch(/^stock_export_\d{8}_\d{4}\.xlsx$/);
    const wb = XLSX.read(readFileSync(await download.path()), { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['Current Stock']);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Current Stock'] as XLSX.WorkSheet, { header: 1 });
    expect(rows[0]).toEqual(['Item Name', 'Color', 'Size', 'Quantity']);
    const stock = await dbStock();
    expect(rows.length - 1).toBe(Object.keys(stock).length);
    expect(rows).toContainEqual(['Cotton Tee', 'Red', 'M', stock[sku('P-TEE', 'RED', 'M')]]);
    expect(rows).toContainEqual(['Comfort Bra', 'Black', '32B', stock[sku('P-BRA', 'BLK', '32B')]]);
  });

  it('assigns a barcode to a SKU and prints its label sheet as a PDF, with the MRP in rupees', async () => {
    const { stack } = app();
    // Red tees get an MRP for size M (the label prints it with ₹, in the embedded PDF font).
    await stack.rest('PUT', '/catalog/P-TEE/colors/0/mrp.json', [{ size: 'M', paise: 129_900 }]);
    await stack.rest('PATCH', '/catalog/P-TEE.json', { updatedAt: { '.sv': 'timestamp' } });
    const page = await stockPage(await member(stack, 'Label Staff'));
    await page.filter('cotton red m');
    const target = sku('P-TEE', 'RED', 'M');
    await page.row(target).waitFor({ timeout: 10_000 });
    const dialog = await page.assignBarcode(target, 'DOMS-TEE/RED.M');
    await expect.poll(() => dialog.getByRole('list', { name: 'Assigned barcodes' }).innerText(), { timeout: 10_000 }).toContain('DOMS-TEE/RED.M');
    const stored = (await stack.rest('GET', '/barcodes.json')) as Record<string, { code: string; skuId: string }>;
    expect(Object.values(stored)).toContainEqual(expect.objectContaining({ code: 'DOMS-TEE/RED.M', skuId: target }));
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.row(target).innerText(), { timeout: 5_000 }).toContain('DOMS-TEE/RED.M');

    await page.selectForLabels(target);
    const download = await page.download('Print labels (1)');
    expect(download.suggestedFilename()).toMatch(/^barcode_labels_\d{8}_\d{4}\.pdf$/);
    const bytes = readFileSync(await download.path());
    expect(await pdfText(bytes)).toBe('Cotton Tee | MRP ₹1,299.00 | Red - M');
    expect(bytes.toString('latin1')).toMatch(/\/Subtype \/Image/);
  });
});
