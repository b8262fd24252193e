/**
 * Commands of the Sent, Deleted and Expired screens. Each one runs a domain transition through
 * `runOrderCommand` (conditional on the order's revision, re-read and rebuilt when stale).
 */
import { revertOrder, setDeliveryStatus } from '../domain/lifecycle.ts';
import { purgeDeleted, purgeExpired } from '../domain/retention.ts';
import { parse } from '../domain/schema.ts';
import { recordsToChange, type SentCard } from '../domain/sentHistory.ts';
import type { DeliveryStatus, OrderId, SentId } from '../domain/types.ts';
import { sentSchema } from '../domain/validate.ts';
import { ActionError, toActionError } from './actionError.ts';
import { serverClock } from './expiryJob.ts';
import { db } from './firebase.ts';
import { runOrderCommand, type CommandCtx } from './orderKernel.ts';
import { transitionCtx } from './orderStore.ts';
import { expiryPolicy } from './settings.ts';

/** One record that could not be changed, and why. */
export type RecordFailure = { label: string; message: string };

async function readSent(read: CommandCtx, sentId: SentId) {
  const v = await read.val(`sent/${sentId}`);
  if (v === null) throw new ActionError(`Sent record ${sentId} no longer exists.`, null, 'stale');
  const r = parse(sentSchema, v, `sent/${sentId}`);
  if (!r.ok) throw new ActionError(`sent/${sentId} is not a valid record; it cannot be changed from the app.`, null, 'invalid');
  return r.value;
}

/** Sets one sent record's delivery status (no write when it already has it). */
async function setOne(orderId: OrderId, sentId: SentId, status: DeliveryStatus): Promise<void> {
  await runOrderCommand(db, orderId, async (state, read) => {
    const sent = await readSent(read, sentId);
    if (sent.deliveryStatus === status) return null;
    return setDeliveryStatus(state, sentId, sent, status, transitionCtx());
  });
}

/**
 * Sets the delivery status of every billing event merged into `card` (the original changed only
 * the first, bug 26), one transition per record; returns the records that failed.
 */
export async function setCardDelivery(card: Pick<SentCard, 'orderId' | 'number' | 'statuses'>, status: DeliveryStatus): Promise<RecordFailure[]> {
  const failures: RecordFailure[] = [];
  for (const sentId of recordsToChange(card, status)) {
    try {
      await setOne(card.orderId, sentId, status);
    } catch (e) {
      failures.push({ label: `${card.number} (${sentId})`, message: toActionError(e).message });
    }
  }
  return failures;
}

/** Marks every record of every card delivered; returns how many cards succeeded and each failed record. */
export async function markCardsDelivered(cards: readonly Pick<SentCard, 'orderId' | 'number' | 'statuses'>[]): Promise<{ done: number; failures: RecordFailure[] }> {
  let done = 0;
  const failures: RecordFailure[] = [];
  for (const card of cards) {
    const f = await setCardDelivery(card, 'delivered');
    if (f.length === 0) done++;
    failures.push(...f);
  }
  return { done, failures };
}

/**
 * Deleted or expired → pending; the deadline becomes at least now + the grace days. Merges into a
 * pending part if there is one: the order's state is read here, when it is needed (the screens
 * do not listen to all pending orders to know it), and the answer says whether it merged.
 */
export async function revertToPending(orderId: OrderId, from: 'deleted' | 'expired'): Promise<{ isMerged: boolean }> {
  let isMerged = false;
  await runOrderCommand(db, orderId, (state) => {
    isMerged = state.pending !== undefined;
    return revertOrder(state, from, serverClock(), expiryPolicy.peek(), transitionCtx());
  });
  return { isMerged };
}

const REFUSED_PURGE = 'The database refused the permanent delete: only an admin may do it (or the order changed meanwhile; look again).';

/** Admin: permanently removes the deleted or expired part of an order (the rules refuse anyone else). */
export async function deletePermanently(orderId: OrderId, part: 'deleted' | 'expired'): Promise<void> {
  try {
    await runOrderCommand(db, orderId, (state) => (part === 'deleted' ? purgeDeleted(state, transitionCtx()) : purgeExpired(state, transitionCtx())), { tries: 2, refused: REFUSED_PURGE });
  } catch (e) {
    const err = toActionError(e);
    throw err.code === 'stale' ? new ActionError(REFUSED_PURGE, null, 'denied') : err;
  }
}
