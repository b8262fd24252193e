/**
 * Stock commands: preview and apply an import of the distributor's sheet, adjust one SKU, and
 * the live record of the last import. Every write goes through `setStock` (src/domain/stock.ts):
 * one patch, one ledger entry per changed SKU, each conditional on the quantity read, so a bill
 * that lands between the preview and the apply makes the import stale instead of being lost.
 */
import type { ReadonlySignal } from '@preact/signals-core';
import { get, limitToLast, onValue, orderByChild, query, ref } from 'firebase/database';
import { parse } from '../domain/schema.ts';
import { setStock, type StockChange } from '../domain/stock.ts';
import { importPatch, importRecordSchema, parseStockSheet, previewImport, staleSkus, type ImportPreview, type ImportRecord, type ParsedSheet, type SheetOrigin } from '../domain/stockImport.ts';
import type { Line, Product, SkuId } from '../domain/types.ts';
import { LIMITS, productSchema, stockSchema } from '../domain/validate.ts';
import { lineKey } from '../domain/lines.ts';
import { ActionError, toActionError } from './actionError.ts';
import { auth, db } from './firebase.ts';
import { liveSignal } from './live.ts';
import { applyPatch, transitionCtx } from './orderStore.ts';
import { STOCK_IMPORTS_BY_AT } from './querySpecs.ts';
import { reportSyncError } from './sync.ts';

/**
 * A previewed import: the parsed sheet, the catalogue and stock it was compared with, and what
 * applying it would change (rows with unknown colours or sizes not yet confirmed). The screen
 * re-runs `previewImport(sheet, current, confirmedRows)` as rows are confirmed and applies that.
 */
export type StockImportPlan = {
  file: string;
  sheet: ParsedSheet;
  preview: ImportPreview;
  current: Readonly<Partial<Record<SkuId, number>>>;
  catalog: ReadonlyMap<string, Product>;
};

async function readCatalog(): Promise<Map<string, Product>> {
  const v = (await get(ref(db, 'catalog'))).val() as Record<string, unknown> | null;
  const out = new Map<string, Product>();
  for (const [id, raw] of Object.entries(v ?? {})) {
    const r = parse(productSchema, raw, `catalog/${id}`);
    if (r.ok) out.set(id, r.value); // a broken product cannot be matched; its rows say "not in the catalogue"
  }
  return out;
}

/** Every SKU's quantity as stored now; a record that fails its schema stops the command. */
async function readAllStock(): Promise<Partial<Record<SkuId, number>>> {
  const v = (await get(ref(db, 'stock'))).val() as Record<string, unknown> | null;
  const out: Partial<Record<SkuId, number>> = {};
  for (const [key, raw] of Object.entries(v ?? {})) {
    const r = parse(stockSchema, raw, `stock/${key}`);
    if (!r.ok) throw new ActionError(`stock/${key} is not a valid record (${r.errors[0]?.field ?? ''} ${r.errors[0]?.message ?? ''}); fix it before importing.`, null, 'invalid');
    out[key as SkuId] = r.value.qty;
  }
  return out;
}

/** Parses the sheet's rows against the catalogue and compares them with the stock now. */
export async function previewStockImport(rows: readonly (readonly unknown[])[], origin: SheetOrigin, file: string): Promise<StockImportPlan> {
  try {
    const [catalog, current] = await Promise.all([readCatalog(), readAllStock()]);
    const sheet = parseStockSheet(rows, catalog, origin);
    if ('message' in sheet) throw new ActionError(sheet.message, 'file', 'invalid');
    return { file, sheet, preview: previewImport(sheet, current), current, catalog };
  } catch (e) {
    throw toActionError(e);
  }
}

const STALE = 'Stock changed since the preview (a bill or another import). Preview the file again before applying it.';

/**
 * Applies a previewed import in one atomic update. Stock is read again first: if any SKU moved
 * since the preview, nothing is written (the rules would also refuse every changed SKU whose
 * `before` is no longer stored).
 */
export async function applyStockImport(plan: StockImportPlan, actorName: string): Promise<{ changes: StockChange[] }> {
  let built: ReturnType<typeof importPatch>;
  try {
    const now = await readAllStock();
    const moved = staleSkus(plan.preview, now);
    if (moved.length > 0) throw new ActionError(STALE, null, 'stale');
    const rows = plan.sheet.rows.length;
    built = importPatch(plan.preview, { actorName, file: plan.file, rows }, transitionCtx());
  } catch (e) {
    throw toActionError(e);
  }
  try {
    await applyPatch(built.patch);
  } catch (e) {
    const err = toActionError(e);
    throw err.code === 'denied' ? new ActionError(`${STALE} (The database refused the change: ${err.message})`, null, 'stale') : err;
  }
  return { changes: built.changes };
}

/**
 * Sets one SKU to a counted quantity with a required reason, ledgered as 'adjust'. `expected` is
 * the quantity the person saw; if stock moved since, nothing is written and they are told.
 */
export async function adjustStock(sku: Omit<Line, 'qty'>, expected: number, qty: number, reason: string): Promise<StockChange | null> {
  const note = reason.trim();
  if (note === '') throw new ActionError('Reason: say why the stock changes.', 'reason', 'invalid');
  if ([...note].length > LIMITS.note) throw new ActionError(`Reason: at most ${LIMITS.note} characters.`, 'reason', 'invalid');
  if (!Number.isSafeInteger(qty) || qty < 0 || qty > LIMITS.stockQty) throw new ActionError(`Quantity: a whole number from 0 to ${LIMITS.stockQty}.`, 'qty', 'invalid');
  const key = lineKey(sku);
  try {
    const v = (await get(ref(db, `stock/${key}`))).val() as unknown;
    const stored = v === null ? 0 : (() => {
      const r = parse(stockSchema, v, `stock/${key}`);
      if (!r.ok) throw new ActionError(`stock/${key} is not a valid record; it cannot be adjusted from the app.`, null, 'invalid');
      return r.value.qty;
    })();
    if (stored !== expected) throw new ActionError(`Quantity: the stock changed to ${stored} meanwhile (you saw ${expected}). Check it and try again.`, 'qty', 'stale');
    const current: Partial<Record<SkuId, number>> = v === null ? {} : { [key]: stored };
    const { patch, changes } = setStock([{ ...sku, qty }], current, 'adjust', { ...transitionCtx(), note });
    if (changes.length === 0) return null;
    await applyPatch(patch);
    return changes[0] ?? null;
  } catch (e) {
    const err = toActionError(e);
    throw err.code === 'denied' ? new ActionError('Quantity: the stock changed meanwhile, or you may not adjust it. Check it and try again.', 'qty', 'stale') : err;
  }
}

/** The last import as the screen sees it. */
export type LastImport = { state: 'loading' } | { state: 'none' } | { state: 'denied' } | { state: 'ready'; value: ImportRecord };

/** The latest `stockImports` record, live (who imported which file, when, and what changed). */
export const lastImport: ReadonlySignal<LastImport> = liveSignal<LastImport>({ state: 'loading' }, (set) =>
  onValue(
    query(ref(db, STOCK_IMPORTS_BY_AT.path), orderByChild(STOCK_IMPORTS_BY_AT.orderBy), limitToLast(1)),
    (snap) => {
      let found: LastImport = { state: 'none' };
      snap.forEach((child) => {
        const r = parse(importRecordSchema, child.val(), `stockImports/${child.key ?? ''}`);
        if (r.ok) found = { state: 'ready', value: r.value };
      });
      set(found);
    },
    (error) => {
      set({ state: 'denied' });
      if (auth.currentUser !== null) reportSyncError('stockImports', error); // sign-out revokes listens on purpose
    },
  ),
);
