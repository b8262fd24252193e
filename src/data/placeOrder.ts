/**
 * Placing a staff order. The number comes from `counters/orderNumber`: we read it, and
 * `placeOrder()` builds one multi-path patch that writes counter + 1 together with the order,
 * its revision and its audit entry. The rules accept the counter only as exactly stored + 1, so
 * when another device took the number first the whole update is refused and nothing is written:
 * we read the counter again and rebuild, a few times. That is our transaction, and a failure
 * consumes no number (original bug 10).
 */
import { get, ref } from 'firebase/database';
import { placeOrder } from '../domain/placement.ts';
import type { OrderId } from '../domain/types.ts';
import { parsePlaceOrder, type OrderRefs, type PlaceOrderInput } from '../domain/validate.ts';
import { db } from './firebase.ts';
import { ActionError, applyPatch, newPushId, toActionError, transitionCtx } from './orderStore.ts';

/** The form as the screen holds it. */
export type OrderForm = { partyId: string | null; note: string; lines: readonly unknown[] };

/** A placed order: its id, number ('K12'), what was saved, and the server time it was created. */
export type PlacedOrder = { orderId: OrderId; number: string; input: PlaceOrderInput; createdAt: number };

const isDenied = (e: unknown): boolean => /permission[_ ]denied/i.test(e instanceof Error ? `${e.message} ${(e as { code?: string }).code ?? ''}` : String(e));

/** The stored order counter (`counters/orderNumber`, 0 when absent); a bad value is an ActionError. */
export async function readCounter(): Promise<number> {
  const v = (await get(ref(db, 'counters/orderNumber'))).val() as unknown;
  if (v === null) return 0;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new ActionError('The order counter (counters/orderNumber) is not a whole number; an admin must repair it.', 'counter', 'invalid');
  return v;
}

/**
 * Validates the form against the catalogue and parties, allocates the next number and saves
 * the order in one update, retrying when the counter moved meanwhile. Throws an ActionError
 * that names what failed; on failure nothing was written.
 */
export async function placeStaffOrder(form: OrderForm, refs: OrderRefs, tries = 5): Promise<PlacedOrder> {
  const r = parsePlaceOrder({ partyId: form.partyId ?? '', note: form.note, lines: form.lines }, refs);
  if (!r.ok) {
    const e = r.errors[0];
    const field = e?.field ?? 'order';
    const what = field === 'partyId' ? 'Party' : field === 'lines' ? 'Cart' : field === 'note' ? 'Order note' : field;
    throw new ActionError(`${what} ${e?.message ?? 'is not valid'}.`, field, 'invalid');
  }
  // One id for every attempt: a retry can never create a second order.
  const orderId = newPushId() as OrderId;
  let lastCounter: number | null = null;
  let lastDenied: unknown = null;
  for (let attempt = 0; attempt < tries; attempt++) {
    let counter: number;
    try {
      counter = await readCounter();
      if (lastCounter !== null && counter === lastCounter) break; // refused although nobody moved the counter: not a race
      lastCounter = counter;
      const placed = placeOrder(orderId, r.value, counter, transitionCtx());
      await applyPatch(placed.patch);
      const at = (await get(ref(db, `orders/${orderId}/createdAt`)).catch(() => null))?.val() as unknown;
      return { orderId, number: placed.number, input: r.value, createdAt: typeof at === 'number' ? at : Date.now() };
    } catch (e) {
      if (!isDenied(e)) throw toActionError(e);
      lastDenied = e;
    }
  }
  throw new ActionError(
    `The order was not saved: the database refused it (${lastDenied instanceof Error ? lastDenied.message : 'permission denied'}). Another device may keep taking order numbers, or you may not place orders. Your cart is kept; try again.`,
    null,
    'denied',
  );
}
