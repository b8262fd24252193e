/**
 * Placing a staff order. The number comes from `counters/orderNumber`: the kernel reads it, and
 * `placeOrder()` builds one multi-path patch that writes counter + 1 together with the order,
 * its revision and its audit entry. The rules accept the counter only as exactly stored + 1, so
 * when another device took the number first the whole update is refused and nothing is written:
 * the kernel reads the counter again and rebuilds, a few times (`runCommand`). That is our
 * transaction, and a failure consumes no number.
 */
import { get, onValue, ref } from 'firebase/database';
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

/** How long placement may take before the screen says the database is not answering. */
export const SLOW_PLACEMENT_MS = 3_000;

/** What placement reports while it runs: `onWaiting` once, when the database is unreachable or slow. */
export type PlaceOptions = { tries?: number; onWaiting?: () => void };

const NOT_SAVED = 'The order was not saved: the database refused it.';
const CART_KEPT = 'Your cart is kept; try again.';

/**
 * Calls `onWaiting` once if the database is not connected now, or if it disconnects or `done`
 * has not settled within SLOW_PLACEMENT_MS. Returns the stop function.
 */
function watchWaiting(onWaiting: () => void): () => void {
  let hasFired = false;
  const fire = () => {
    if (hasFired) return;
    hasFired = true;
    onWaiting();
  };
  const timer = setTimeout(fire, SLOW_PLACEMENT_MS);
  // `.info/connected` is local: the SDK answers at once with what it knows.
  const stopListening = onValue(ref(db, '.info/connected'), (snap) => {
    if (snap.val() !== true) fire();
  });
  return () => {
    clearTimeout(timer);
    stopListening();
  };
}

/**
 * Validates the form against the catalogue and parties, allocates the next number and saves
 * the order in one update, retrying when the counter moved meanwhile. Throws an ActionError
 * that names what failed; on failure nothing was written. With the database unreachable the
 * SDK holds the reads and the write until it reconnects, so this resolves only then;
 * `onWaiting` says so meanwhile.
 */
export async function placeStaffOrder(form: OrderForm, refs: OrderRefs, opts: PlaceOptions = {}): Promise<PlacedOrder> {
  const tries = opts.tries ?? 5;
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
  const stopWatching = opts.onWaiting === undefined ? () => undefined : watchWaiting(opts.onWaiting);
  try {
    placed = await runCommand(
      db,
      async (read) => {
        // The reply to an earlier attempt was lost with the connection: the SDK sent the same
        // update again on reconnecting and the rules refused the repeat (the counter had moved,
        // by this very order). It is placed: never place it a second time under a new number.
        if (read.attempt > 0) {
          const number = await read.val(`orders/${orderId}/number`);
          if (typeof number === 'string') return { patch: {}, number };
        }
        return placeOrder(orderId, input, await read.counter(), transitionCtx());
      },
      {
        tries,
        refused: `${NOT_SAVED} You may not place orders: ask an admin to check your account. ${CART_KEPT}`,
      },
    );
  } catch (e) {
    const err = toActionError(e);
    throw err.code === 'stale' ? new ActionError(`${NOT_SAVED} Other devices kept taking the next order number. ${CART_KEPT}`, null, 'denied') : err;
  } finally {
    stopWatching();
  }
  const at = (await get(ref(db, `orders/${orderId}/createdAt`)).catch(() => null))?.val() as unknown;
  return { orderId, number: placed.number, input, createdAt: typeof at === 'number' ? at : Date.now() };
}
