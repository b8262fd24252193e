/**
 * Stock changes from imports and manual adjustments. Every change of `stock/{skuId}/qty` is a
 * server increment paired with a `stockLedger` entry holding the quantity read (`before`) and the
 * `delta`; the rules accept the pair only if `before` is still the stored quantity and the new
 * quantity is `before + delta ≥ 0`. So stock always equals the sum of its ledger deltas.
 */
import { fail } from './errors.ts';
import { parseSkuId } from './ids.ts';
import { lineKey } from './lines.ts';
import { increment, PATHS, type Patch, type TransitionCtx } from './patch.ts';
import { STOCK_BANDS, stockBand } from './portal.ts';
import type { LedgerEntry, LedgerId, Line, SkuId, Time } from './types.ts';
import { LIMITS } from './validate.ts';

/** A counted quantity for one product colour and size. */
export type StockTarget = Line;
/** One SKU whose quantity changes. */
export type StockChange = { skuId: SkuId; before: number; after: number };

/**
 * Sets SKUs to counted quantities (rows for the same SKU are summed). With `zeroMissing` (a full
 * import) every SKU in `current` that the import does not list is set to 0. Unchanged SKUs are
 * not written; an empty patch means nothing changed. An import names its `stockImports` record
 * (`importId`, which the caller writes in the same patch: the rules refuse an import ledger
 * entry without it); an adjustment carries its reason in `note`.
 */
export function setStock(
  targets: readonly StockTarget[],
  current: Readonly<Partial<Record<SkuId, number>>>,
  reason: 'import' | 'adjust',
  ctx: TransitionCtx & { zeroMissing?: boolean; note?: string; importId?: string },
): { patch: Patch; changes: StockChange[] } {
  if (reason === 'import' && (ctx.importId === undefined || ctx.importId === '')) fail('importId', 'an import names its stockImports record');
  if (reason !== 'import' && ctx.importId !== undefined) fail('importId', 'only an import names a stockImports record');
  const wanted = new Map<SkuId, { line: Omit<Line, 'qty'>; qty: number }>();
  targets.forEach((t, i) => {
    if (!Number.isSafeInteger(t.qty) || t.qty < 0 || t.qty > LIMITS.stockQty) fail(`rows[${i}].qty`, `must be a whole number between 0 and ${LIMITS.stockQty}`);
    const k = lineKey(t);
    wanted.set(k, { line: { productId: t.productId, color: t.color, size: t.size }, qty: (wanted.get(k)?.qty ?? 0) + t.qty });
  });
  if (ctx.zeroMissing === true) {
    for (const k of Object.keys(current) as SkuId[]) if (!wanted.has(k)) wanted.set(k, { line: parseSkuId(k), qty: 0 });
  }
  const patch: Patch = {};
  const changes: StockChange[] = [];
  for (const [sku, { line, qty }] of wanted) {
    const before = current[sku] ?? 0;
    if (!Number.isSafeInteger(before) || before < 0) fail(`stock/${sku}/qty`, 'must be a whole number ≥ 0');
    if (qty > LIMITS.stockQty) fail(`stock/${sku}/qty`, `${qty} is more than ${LIMITS.stockQty}`);
    if (qty === before) continue;
    const ledgerId = ctx.newId() as LedgerId;
    const entry: LedgerEntry<Time> = { skuId: sku, reason, before, delta: qty - before, actor: ctx.actor, at: ctx.now };
    if (ctx.note !== undefined && ctx.note !== '') entry.note = ctx.note;
    if (reason === 'import' && ctx.importId !== undefined) entry.importId = ctx.importId;
    Object.assign(patch, stockWrite(sku, line, increment(qty - before), ledgerId, entry, ctx.now));
    changes.push({ skuId: sku, before, after: qty });
  }
  return { patch, changes };
}

/** The leaves of one stock change: quantity, identity, time, and its ledger entry. */
export function stockWrite(sku: SkuId, line: Pick<Line, 'productId' | 'color' | 'size'>, qty: unknown, ledgerId: LedgerId, entry: LedgerEntry<Time>, now: Time): Patch {
  const at = `${PATHS.stock}/${sku}`;
  return {
    [`${at}/qty`]: qty,
    [`${at}/productId`]: line.productId,
    [`${at}/color`]: line.color,
    [`${at}/size`]: line.size,
    [`${at}/updatedAt`]: now,
    [`${at}/ledgerId`]: ledgerId,
    [`${PATHS.stockLedger}/${ledgerId}`]: entry,
    // What retailers may read of it when they see bands only (rules/portal.ts checks it against qty).
    [`${STOCK_BANDS}/${sku}`]: stockBand(entry.before + entry.delta),
  };
}
