/**
 * The order kernel (`orderKernel.ts`) bound to the app's Firebase app: who acts (the signed-in
 * user), push ids, the transition context, and the app-database forms of its reads and writes.
 * Order commands call `runOrderCommand(db, …)` themselves; this module only supplies what they
 * share and what needs the app's `auth` and `db`.
 */
import type { Patch, TransitionCtx } from '../domain/patch.ts';
import type { OrderId, OrderState, Uid } from '../domain/types.ts';
import { ActionError } from './actionError.ts';
import { sessionUid } from './auth.ts';
import { db } from './firebase.ts';
import * as kernel from './orderKernel.ts';

/** The signed-in user's uid; throws when no one is signed in. */
export function actorUid(): Uid {
  const uid = sessionUid();
  if (uid === undefined) throw new ActionError('You are signed out. Sign in again to continue.', null, 'denied');
  return uid;
}

/** A fresh push id of the app's database. */
export const newPushId = (): string => kernel.newPushId(db);

/** The context every transition is built with: server time, the signed-in user, push ids. */
export const transitionCtx = (): TransitionCtx => kernel.transitionCtxOf(db, actorUid());

/** The order as the rules will judge it, read from the app's database (revision first). */
export const readOrderState = (id: OrderId): Promise<OrderState> => kernel.readOrderState(db, id);

/** Applies one multi-path patch to the app's database as a single atomic update. */
export const applyPatch = (patch: Patch): Promise<void> => kernel.applyPatch(db, patch);
