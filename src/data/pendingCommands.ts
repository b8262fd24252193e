/**
 * Commands of the Pending screen: save picking progress, send picked quantities to billing,
 * delete with a reason, and mark the purchase-order sheet exported. Each order command reads
 * the order fresh and applies a domain transition through `runOrderCommand` (conditional on
 * the order's revision, re-run on fresh data when another device got there first).
 */
import { ref, set } from 'firebase/database';
import { deleteOrder, sendToBilling, setPicked } from '../domain/lifecycle.ts';
import { sameLines } from '../domain/lines.ts';
import { SERVER_TIMESTAMP } from '../domain/patch.ts';
import { exportMarkSchema, mergePicked, type ExportMark } from '../domain/pending.ts';
import type { Line, OrderId } from '../domain/types.ts';
import { parseReason } from '../domain/validate.ts';
import { ActionError, toActionError } from './actionError.ts';
import { liveCollection } from './liveCollection.ts';
import { db } from './firebase.ts';
import { runOrderCommand } from './orderKernel.ts';
import { actorUid, transitionCtx } from './orderStore.ts';

/** `orderExports`: which orders' purchase-order sheets were exported, live. */
export const exportMarks = liveCollection<ExportMark>('orderExports', exportMarkSchema);

/**
 * Saves picked quantities. `changes` holds only the rows this device changed (by line key); they
 * are merged into the picked quantities read fresh, so two devices picking different rows of the
 * same order both keep their rows. Returns the picked lines as saved.
 */
export async function savePicked(orderId: OrderId, changes: ReadonlyMap<string, number>): Promise<Line[]> {
  let saved: Line[] = [];
  // An unchanged list writes nothing (null: no patch, no revision bump).
  await runOrderCommand(db, orderId, (state) => {
    const pending = state.pending;
    if (pending === undefined) throw new ActionError(`Order ${orderId} is no longer pending: it was sent, deleted or expired on another device.`, null, 'stale');
    saved = mergePicked(pending.lines, pending.picked ?? [], changes);
    if (sameLines(saved, pending.picked ?? [])) return null;
    return setPicked(state, saved, transitionCtx());
  });
  return saved;
}

/** Pending → billing for `picked` (partial quantities allowed); the rest stays pending. */
export async function sendOrderToBilling(orderId: OrderId, picked: readonly Line[]): Promise<void> {
  if (picked.every((l) => l.qty <= 0)) throw new ActionError('Pick at least one piece before sending to billing.', 'picked', 'invalid');
  await runOrderCommand(db, orderId, (state) => sendToBilling(state, [...picked], transitionCtx()));
}

/** Pending → deleted with a reason (required, at most 200 characters). */
export async function deletePendingOrder(orderId: OrderId, reason: string): Promise<void> {
  const r = parseReason(reason);
  if (!r.ok) throw new ActionError(`Reason: ${r.errors[0]?.message ?? 'is not valid'}.`, 'reason', 'invalid');
  await runOrderCommand(db, orderId, (state) => deleteOrder(state, 'pending', r.value, transitionCtx()));
}

/** Records that the order's purchase-order sheet was exported now, by the signed-in user. */
export async function markOrderExported(orderId: OrderId): Promise<void> {
  try {
    await set(ref(db, `orderExports/${orderId}`), { at: SERVER_TIMESTAMP, by: actorUid() });
  } catch (e) {
    throw toActionError(e);
  }
}
