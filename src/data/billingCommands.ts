/**
 * Billing commands: bill (billing → sent, with stock and ledger), remarks, delete. Each is one
 * domain transition through `runOrderCommand`, so it is atomic and conditional on the order's
 * revision: two devices billing the same order cannot both succeed on the same quantities.
 */
import { bill, deleteOrder, setRemarks, type Shortfall } from '../domain/lifecycle.ts';
import { lineKey, lineLabel, sameLines } from '../domain/lines.ts';
import type { Line, OrderId, OrderState } from '../domain/types.ts';
import { parseQuantities, parseReason, parseRemarks } from '../domain/validate.ts';
import { ActionError } from './actionError.ts';
import { db } from './firebase.ts';
import { runOrderCommand } from './orderKernel.ts';
import { transitionCtx } from './orderStore.ts';

/** Billing asks first: these lines are billed beyond the stock the database holds. */
export class ShortfallError extends ActionError {
  constructor(readonly shortfalls: Shortfall[]) {
    super(`Stock is short for ${shortfalls.length} line(s): ${shortfalls.map((s) => `${lineLabel(s.line)} has ${s.available}, billing ${s.billed}`).join('; ')}. Confirm to bill anyway.`, 'billed', 'invalid');
    this.name = 'ShortfallError';
  }
}

/** True when every shortfall in `now` is no worse than one the person already confirmed. */
function isConfirmed(now: readonly Shortfall[], confirmed: readonly Shortfall[]): boolean {
  return now.every((s) => {
    const c = confirmed.find((x) => x.skuId === s.skuId);
    return c !== undefined && s.billed - s.available <= c.billed - c.available;
  });
}

/** Throws unless the billing record still holds exactly what the person saw when entering quantities. */
function assertUnchanged(state: OrderState, seen: readonly Line[]): void {
  const b = state.billing;
  const number = b?.number ?? 'This order';
  if (b === undefined) throw new ActionError(`${number} is no longer in billing: it was billed or deleted on another device.`, null, 'stale');
  if (!sameLines(b.lines, seen)) throw new ActionError(`${number} was changed on another device while you were billing (billed or sent more). Check the quantities and bill again.`, null, 'stale');
}

/** What a bill did: the order number, whether nothing is left in billing, and the new sent record. */
export type BillDone = { number: string; isFull: boolean; sentId: string; shortfalls: Shortfall[] };

/**
 * Bills `billed` (quantities ≥ 0 per line) of order `id`. `seen` is the billing lines the screen
 * showed: if another device changed them meanwhile, nothing is written (no double billing).
 * Stock is read inside the transition, so a retry after a stale write uses fresh stock. Lines
 * billed beyond stock throw `ShortfallError` unless already in `confirmedShortfalls`.
 */
export async function billOrder(id: OrderId, billed: readonly Line[], seen: readonly Line[], confirmedShortfalls: readonly Shortfall[] = []): Promise<BillDone> {
  const parsed = parseQuantities(billed, 'billed');
  if (!parsed.ok) throw new ActionError(parsed.errors[0]?.field === 'billed' ? 'Enter a bill quantity above 0 for at least one line.' : `Bill quantities: ${parsed.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, 'billed', 'invalid');
  const lines = parsed.value;
  const ctx = transitionCtx();
  const result = await runOrderCommand(db, id, async (state, read) => {
    assertUnchanged(state, seen);
    // Read through the kernel: a bill refused because another order took this stock meanwhile is then retried on fresh stock.
    const stock = await read.stock(lines.map(lineKey));
    const r = bill(state, lines, stock, ctx);
    if (r.shortfalls.length > 0 && !isConfirmed(r.shortfalls, confirmedShortfalls)) throw new ShortfallError(r.shortfalls);
    return { ...r, number: state.billing?.number ?? '' };
  });
  return { number: result.number, isFull: result.isFull, sentId: result.sentId, shortfalls: result.shortfalls };
}

/** Saves the billing remarks of order `id` (trimmed, at most 200 characters, may be empty). */
export async function saveRemarks(id: OrderId, remarks: string): Promise<void> {
  const parsed = parseRemarks(remarks);
  if (!parsed.ok) throw new ActionError(`Remarks ${parsed.errors[0]?.message ?? 'are not valid'}.`, 'remarks', 'invalid');
  const ctx = transitionCtx();
  await runOrderCommand(db, id, (state) => setRemarks(state, parsed.value, ctx));
}

/** Moves the billing part of order `id` to `deleted` with a reason (required); revertable from Deleted. */
export async function deleteBillingOrder(id: OrderId, reason: string): Promise<void> {
  const parsed = parseReason(reason);
  if (!parsed.ok) throw new ActionError(`Reason ${parsed.errors[0]?.message ?? 'is not valid'}.`, 'reason', 'invalid');
  const ctx = transitionCtx();
  await runOrderCommand(db, id, (state) => {
    if (state.billing === undefined) throw new ActionError('This order is no longer in billing: it was billed or deleted on another device.', null, 'stale');
    return deleteOrder(state, 'billing', parsed.value, ctx);
  });
}
