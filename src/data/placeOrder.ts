/**
 * Placing a staff order. The number comes from `counters/orderNumber`: the kernel reads it, and
 * `placeOrder()` builds one multi-path patch that writes counter + 1 together with the order,
 * its revision and its audit entry. The rules accept the counter only as exactly stored + 1, so
 * when another device took the number first the whole update is refused and nothing is written:
 * the kernel reads the counter again and rebuilds, a few times (`runCommand`). That is our
 * transaction, and a failure consumes no number.
 */
import { get, ref } from 'firebase/database';
import { placeOrder } from '../domain/placement.ts';
import type { OrderId } from '../domain/types.ts';
import { parsePlaceOrder, type OrderRefs, type PlaceOrderInput } from '../domain/validate.ts';
import { ActionError, toActionError } from './actionError.ts';
import { db } from './firebase.ts';
import { runCommand } from './orderKernel.ts';
import { newPushId, transitionCtx } from './orderStore.ts';

/** The form as the screen holds it. */
export type OrderForm = { partyId: string | null; note: string; lines: readonly unknown[] };

/** A placed order: its id, number ('K12'), what was saved, and the server time it was created. */
export type PlacedOrder = { orderId: OrderId; number: string; input: PlaceOrderInput; createdAt: number };

const NOT_SAVED = 'The order was not saved: the database refused it.';
const CART_KEPT = 'Your cart is kept; try again.';

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
  const input = r.value;
  // One id for every attempt: a retry can never create a second order.
  const orderId = newPushId() as OrderId;
  let placed;
  try {
    placed = await runCommand(db, async (read) => placeOrder(orderId, input, await read.counter(), transitionCtx()), {
      tries,
      refused: `${NOT_SAVED} You may not place orders: ask an admin to check your account. ${CART_KEPT}`,
    });
  } catch (e) {
    const err = toActionError(e);
    throw err.code === 'stale' ? new ActionError(`${NOT_SAVED} Other devices kept taking the next order number. ${CART_KEPT}`, null, 'denied') : err;
  }
  const at = (await get(ref(db, `orders/${orderId}/createdAt`)).catch(() => null))?.val() as unknown;
  return { orderId, number: placed.number, input, createdAt: typeof at === 'number' ? at : Date.now() };
}
