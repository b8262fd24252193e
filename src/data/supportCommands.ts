/**
 * Support requests: the retailer's own list and new request, the admins' list, reply and close
 * (src/domain/support.ts builds the writes; rules/support.ts guards them). Each write is one
 * update; a refusal becomes an ActionError naming what to fix.
 */
import type { ReadonlySignal } from '@preact/signals-core';
import { equalTo, onValue, orderByChild, push, query, ref, update } from 'firebase/database';
import { SERVER_TIMESTAMP } from '../domain/patch.ts';
import { closeSupportPatch, createSupportPatch, parseSupportInput, replySupportPatch, supportSchema, type SupportInput, type SupportRequest } from '../domain/support.ts';
import type { PartyId, Uid } from '../domain/types.ts';
import { ActionError, toActionError } from './actionError.ts';
import { liveCollection, liveQueryCollection, type LiveCollection } from './liveCollection.ts';
import { sessionUid } from './auth.ts';
import { db } from './firebase.ts';
import { liveSignal } from './live.ts';
import { SUPPORT_BY_RETAILER, SUPPORT_BY_STATUS } from './querySpecs.ts';

/** Support requests by id, each checked with `supportSchema`. */
export type SupportList = LiveCollection<SupportRequest>;

const mine = new Map<Uid, ReadonlySignal<SupportList>>();

/** A retailer's own requests (the one query the rules allow them), live while on screen. */
export function supportRequestsOf(uid: Uid): ReadonlySignal<SupportList> {
  let s = mine.get(uid);
  if (s === undefined) {
    s = liveQueryCollection(SUPPORT_BY_RETAILER, uid, supportSchema);
    mine.set(uid, s);
  }
  return s;
}

/** Every request (admins only), live while on screen. */
export const allSupportRequests: ReadonlySignal<SupportList> = liveCollection('support', supportSchema);

/** How many requests wait for an admin (`open`), for the nav badge; null until known or when denied. */
export const openSupportCount: ReadonlySignal<number | null> = liveSignal<number | null>(null, (set) =>
  onValue(
    query(ref(db, SUPPORT_BY_STATUS.path), orderByChild(SUPPORT_BY_STATUS.orderBy), equalTo('open')),
    (snap) => set(snap.size),
    () => set(null),
  ),
);

async function write(patch: Record<string, unknown>, refused: string): Promise<void> {
  try {
    await update(ref(db), patch);
  } catch (e) {
    const a = toActionError(e);
    throw a.code === 'denied' ? new ActionError(refused, null, 'denied') : a;
  }
}

/**
 * Sends a retailer's request. `ownOrders` are the ids of their own orders (the form's choices):
 * any other order is refused with a message naming the field, as are an empty or long subject
 * or text and text with HTML; the rules refuse the same.
 */
export async function reportProblem(input: SupportInput, who: { uid: Uid; partyId: PartyId }, ownOrders: ReadonlySet<string>): Promise<string> {
  const r = parseSupportInput(input, ownOrders);
  if (!r.ok) {
    const e = r.errors[0];
    throw new ActionError(`${FIELD_NAMES[e?.field ?? ''] ?? e?.field ?? 'Input'}: ${e?.message ?? 'is not valid'}.`, e?.field ?? null, 'invalid');
  }
  const id = push(ref(db, 'support')).key as string;
  await write(createSupportPatch(id, r.value, who, SERVER_TIMESTAMP), 'The database refused the request: only an active retailer may report a problem, about their own orders.');
  return id;
}

const FIELD_NAMES: Record<string, string> = { subject: 'Subject', text: 'What happened', orderId: 'Order', reply: 'Reply' };

/** An admin's reply; the request becomes `answered` and the retailer sees it. */
export async function replyToSupport(id: string, reply: string, adminName: string): Promise<void> {
  const uid = sessionUid();
  if (uid === undefined) throw new ActionError('You are signed out.', null, 'denied');
  let patch: Record<string, unknown>;
  try {
    patch = replySupportPatch(id, reply, { uid, name: adminName }, SERVER_TIMESTAMP);
  } catch (e) {
    const a = toActionError(e);
    throw new ActionError(`Reply: ${a.message.replace(/^reply /, '')}.`, 'reply', 'invalid');
  }
  await write(patch, 'The database refused the reply: only an active admin may answer support requests.');
}

/** An admin closes the request. */
export async function closeSupport(id: string): Promise<void> {
  await write(closeSupportPatch(id, SERVER_TIMESTAMP), 'The database refused to close the request: only an active admin may.');
}
