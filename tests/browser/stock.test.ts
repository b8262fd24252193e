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
import { member, PRODUCTS, seedBusiness, sku, STOCK } from './support/business.ts';
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
    // The sheet sets 1 of the 4 SKUs in stock to 0 (25 %, more than 10 %): Apply waits for the count typed.
    await expect.poll(() => a.zeroingGate.innerText(), { timeout: 5_000 }).toContain('This sheet sets 1 of the 4 SKUs in stock to 0');
    expect(await a.applyImport.isDisabled()).toBe(true);
    await a.confirmZeroing('1');
    await expect.poll(() => a.applyImport.isEnabled(), { timeout: 5_000 }).toBe(true);

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
  }, 90_000); // two devices signing in cold, a preview and an apply on a shared 2-core machine

  it('refuses to apply a preview that a stock change made stale, then applies a fresh one', async () => {
    const { stack } = app();
    const staff = await member(stack, 'Stale Staff');
    const page = await stockPage(staff);
    const rows = stockSheetRows().slice(0, 12); // header and rows 8–12 only
    (rows[7] as unknown[])[11] = 160; // P-BRA BLK 32B: 150 → 160
    const file = sheetFile('second.xlsx', rows);
    await page.previewImport(file);
    expect(await page.importSummary.innerText()).toContain('0 rows with errors');
    await page.confirmZeroing('1'); // Navy XL (1000) is not in the sheet: 1 of 5 stocked SKUs

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
    await page.confirmZeroing('1'); // a fresh preview asks again
    await page.applyImportWith(staff.password);
    await page.importDialog.waitFor({ state: 'detached', timeout: 15_000 });
    const after = await dbStock();
    expect(after[bra32]).toBe(160);
    expect(after[sku('P-TEE', 'NVY', 'XL')]).toBe(0); // not in the second sheet: removed
    expect(await conservation()).toEqual([]);
  }, 90_000); // two devices signing in cold, a preview and an apply on a shared 2-core machine

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
  it('imports a row with an unknown colour or size only when that row is ticked in the preview', async () => {
    const { stack } = app();
    await seedBusiness(stack); // runs on its own too (-t)
    const staff = await member(stack, 'Unknown Staff');
    const page = await stockPage(staff);
    const before = await dbStock();
    // Every SKU in stock at its quantity (so nothing is zeroed), Black 32B one more, then two unknown rows.
    const known = Object.entries(before)
      .filter(([, q]) => q > 0)
      .map(([k, q]) => {
        const [p = '', c = '', z = ''] = k.split('~');
        return [`${PRODUCTS[p as keyof typeof PRODUCTS].name}, ${c}, ${z}`, k === sku('P-BRA', 'BLK', '32B') ? q + 1 : q];
      });
    const purpleRow = known.length + 2;
    const xxlRow = known.length + 3;
    const file = sheetFile('unknown.xlsx', [['Product Name', 'CLS'], ...known, ['COMFORT BRA-CB01, PURPLE, 32B', 9], ['COTTON TEE, RED, XXL', 4]]);
    const ledgerBefore = new Set((await dbLedger()).map(([k]) => k));

    await page.previewImport(file);
    await expect.poll(() => page.unknownRows(), { timeout: 5_000 }).toEqual([
      { row: purpleRow, product: 'Comfort Bra', unknown: 'colour "PURPLE"', qty: 9, isIncluded: false },
      { row: xxlRow, product: 'Cotton Tee', unknown: 'size "XXL"', qty: 4, isIncluded: false },
    ]);
    expect(await page.importSummary.innerText()).toContain('1 changed, 0 removed');
    expect(await page.importSummary.innerText()).toContain('2 rows with an unknown colour or size: 0 included, 2 skipped (left untouched)');
    expect(await page.zeroingGate.count()).toBe(0);
    // On a 360 px phone the warning fits: wide tables scroll inside their own box, tick boxes are 44 px.
    await page.page.setViewportSize({ width: 360, height: 740 });
    await expect
      .poll(() => page.importDialog.evaluate((d) => [...d.querySelectorAll('.modal__panel, [data-testid="import-unknown"]')].every((e) => e.scrollWidth <= e.clientWidth)), { timeout: 5_000 })
      .toBe(true);
    const tick = await page.importDialog.locator('.stock-preview__tick').first().boundingBox();
    expect(Math.min(tick?.width ?? 0, tick?.height ?? 0)).toBeGreaterThanOrEqual(44);
    if (process.env.IMPORT_SHOTS !== undefined) await page.page.screenshot({ path: join(process.env.IMPORT_SHOTS, 'unknown-360.png'), fullPage: false });
    await page.page.setViewportSize({ width: 1280, height: 900 });
    await page.applyImportWith(staff.password);
    await page.importDialog.waitFor({ state: 'detached', timeout: 15_000 });
    // Only the known row was applied: no SKU for the unknown colour or size, one ledger entry.
    expect(await dbStock()).toEqual({ ...before, [sku('P-BRA', 'BLK', '32B')]: (before[sku('P-BRA', 'BLK', '32B')] ?? 0) + 1 });
    expect((await dbLedger()).filter(([k]) => !ledgerBefore.has(k)).map(([, e]) => e.skuId)).toEqual([sku('P-BRA', 'BLK', '32B')]);

    // The same sheet again, this time with the purple row ticked: only that row becomes a SKU.
    await page.previewImport(file);
    await page.includeUnknownRow(purpleRow);
    await expect.poll(() => page.importSummary.innerText(), { timeout: 5_000 }).toContain('1 new, 0 changed');
    expect(await page.importSummary.innerText()).toContain('1 included, 1 skipped');
    expect(await page.importDialog.getByTestId('import-added').innerText()).toContain('Comfort Bra');
    await page.applyImportWith(staff.password);
    await page.importDialog.waitFor({ state: 'detached', timeout: 15_000 });
    const after = await dbStock();
    expect(after[sku('P-BRA', 'PURPLE', '32B')]).toBe(9);
    expect(Object.keys(after).filter((k) => k.includes('XXL'))).toEqual([]);
    expect(await conservation()).toEqual([]);
  }, 90_000); // several previews and applies in a cold browser

  it('asks for the count typed before an import that zeroes most SKUs, lists them capped, and writes nothing when cancelled', async () => {
    const { stack } = app();
    await seedBusiness(stack); // runs on its own too (-t)
    // 120 more SKUs in stock (4 colours × 30 sizes), each with its ledger entry.
    const sizes = Array.from({ length: 30 }, (_, i) => `W${i + 1}`);
    const colors = ['C1', 'C2', 'C3', 'C4'].map((code) => ({ code, name: `Shade ${code}`, swatch: '#777777' }));
    await stack.rest('PATCH', '/catalog.json', { 'P-MANY': { name: 'Many Sizes Brief', sizes, colors, active: true, updatedAt: { '.sv': 'timestamp' } } });
    const at = Date.now();
    const stock: Record<string, unknown> = {};
    const ledger: Record<string, unknown> = {};
    for (const c of colors)
      for (const z of sizes) {
        const id = sku('P-MANY', c.code, z);
        stock[id] = { productId: 'P-MANY', color: c.code, size: z, qty: 3, updatedAt: at, ledgerId: `many-${c.code}-${z}` };
        ledger[`many-${c.code}-${z}`] = { skuId: id, reason: 'import', before: 0, delta: 3, actor: 'fixture', at };
      }
    await stack.rest('PATCH', '/stockLedger.json', ledger);
    await stack.rest('PATCH', '/stock.json', stock);
    const staff = await member(stack, 'Zeroing Staff');
    const page = await stockPage(staff);
    const before = await dbStock();
    const ledgerBefore = await dbLedger();
    const stocked = Object.values(before).filter((q) => q > 0).length;
    const bra32 = sku('P-BRA', 'BLK', '32B');
    const file = sheetFile('partial.xlsx', [['Product Name', 'CLS'], ['COMFORT BRA, BLACK, 32B', before[bra32] ?? 0]]);

    await page.previewImport(file);
    const n = stocked - 1;
    await expect.poll(() => page.zeroingGate.innerText(), { timeout: 15_000 }).toContain(`This sheet sets ${n} of the ${stocked} SKUs in stock to 0`);
    expect(await page.zeroingGate.innerText()).toContain(`type ${n} to enable Apply`);
    expect(await page.applyImport.isDisabled()).toBe(true);
    if (process.env.IMPORT_SHOTS !== undefined) await page.page.screenshot({ path: join(process.env.IMPORT_SHOTS, 'zeroing-1280.png') });
    // The list names product, colour, size and quantity, never an internal id, and renders a capped
    // window: 50 rows, or 100 when its foot pressed itself on coming into view (a race on a busy machine).
    const shown = await page.zeroedRows();
    expect(shown.length).toBeGreaterThanOrEqual(50);
    expect(shown.length).toBeLessThan(n);
    expect(shown).toContainEqual(['Many Sizes Brief', 'Shade C1', 'W1', '3']);
    const listText = await page.importDialog.getByTestId('import-removed').innerText();
    expect(listText).toMatch(new RegExp(`Showing (50|100) of ${n} SKUs`));
    expect(listText).not.toMatch(/P-MANY|P-TEE|P-BRA/);
    const more = page.importDialog.getByTestId('import-removed').getByRole('button', { name: 'Show more' });
    await more.scrollIntoViewIfNeeded();
    await more.click({ timeout: 2_000 }).catch(() => undefined); // it may have pressed itself as it came into view
    await expect.poll(async () => (await page.zeroedRows()).length, { timeout: 15_000 }).toBeGreaterThan(shown.length);

    await page.confirmZeroing(String(n - 1));
    expect(await page.applyImport.isDisabled()).toBe(true);
    await page.confirmZeroing('ZERO');
    expect(await page.applyImport.isDisabled()).toBe(true);
    await page.confirmZeroing(String(n));
    await expect.poll(() => page.applyImport.isEnabled(), { timeout: 15_000 }).toBe(true);
    // Apply asks for the password; cancelling it and closing the dialog writes nothing.
    await page.applyImport.click();
    await page.importPassword.getByRole('button', { name: 'Cancel' }).click();
    await page.importPassword.waitFor({ state: 'detached', timeout: 5_000 });
    await page.importDialog.getByRole('button', { name: 'Close' }).click();
    await page.importDialog.waitFor({ state: 'detached', timeout: 5_000 });
    expect(await dbStock()).toEqual(before);
    expect(await dbLedger()).toEqual(ledgerBefore);
  }, 90_000); // several previews and applies in a cold browser

  it('says a corrupt, empty or non-spreadsheet file cannot be read, and keeps "no header row" for a readable sheet without it', async () => {
    const { stack } = app();
    const page = await stockPage(await member(stack, 'Corrupt Staff'));
    const before = await dbStock();
    const ledgerBefore = await dbLedger();
    const files: [string, Buffer, string][] = [
      ['truncated.xlsx', stockSheetXlsx().subarray(0, 1500), '"truncated.xlsx" cannot be read as a spreadsheet: the workbook is damaged or cut short'],
      ['notes.xlsx', Buffer.from('Shopping list\nmilk, bread\n'), '"notes.xlsx" cannot be read as a spreadsheet: it is not an Excel workbook (.xlsx or .xls)'],
      ['empty.xlsx', Buffer.alloc(0), '"empty.xlsx" cannot be read as a spreadsheet: the file is empty (0 bytes)'],
    ];
    for (const [name, bytes, message] of files) {
      writeFileSync(join(dir, name), bytes);
      await page.chooseAndPreview(join(dir, name));
      await expect.poll(() => page.importProblem.innerText(), { timeout: 10_000 }).toContain(message);
      expect(await page.importProblem.innerText()).not.toContain('No header row');
      expect(await page.importDialog.getByTestId('import-preview').count()).toBe(0);
    }
    await page.chooseAndPreview(sheetFile('noheader.xlsx', [['Item', 'Qty'], ['COMFORT BRA, BLACK, 32B', 3]]));
    await expect.poll(() => page.importProblem.innerText(), { timeout: 10_000 }).toContain('No header row with "Product Name" and "CLS"');
    expect(await page.importProblem.innerText()).not.toContain('cannot be read');
    expect(await dbStock()).toEqual(before);
    expect(await dbLedger()).toEqual(ledgerBefore);
  }, 90_000); // several previews and applies in a cold browser
});
