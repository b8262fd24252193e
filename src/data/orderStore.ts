/**
 * Reading an order and applying a domain transition to it: the one write path of every order
 * command (place, pick, send to billing, bill, delete, expire, revert…).
 *
 * A transition's patch is conditional on `orderRev/{id}`: the rules accept it only when it
 * writes exactly one more than the stored revision. When someone else changed the order first,
 * the update is refused whole with PERMISSION_DENIED; we read the order again and rebuild the
 * patch from the fresh state, a few times, before giving up with a message a person can act on.
 */
import { get, push, ref, update } from 'firebase/database';
import { DomainError } from '../domain/errors.ts';
import { SERVER_TIMESTAMP, type Patch, type TransitionCtx } from '../domain/patch.ts';
import { parse, type Schema } from '../domain/schema.ts';
import type { OrderId, OrderState, SkuId, Uid } from '../domain/types.ts';
import { billingSchema, deletedSchema, expiredSchema, pendingSchema, stockSchema } from '../domain/validate.ts';
import { auth, db } from './firebase.ts';

/** An action that failed, with what a person should read; `field` names the input at fault, if any. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly field: string | null = null,
    readonly code: 'invalid' | 'stale' | 'denied' | 'offline' | 'failed' = 'failed',
  ) {
    super(message);
    this.name = 'ActionError';
  }
}

function parsed<T>(schema: Schema<T>, value: unknown, path: string): T {
  const r = parse(schema, value, path);
  if (!r.ok) throw new ActionError(`${path} is not a valid record (${r.errors.map((e) => `${e.field} ${e.message}`).join('; ')}); it cannot be changed from the app.`, path, 'invalid');
  return r.value;
}

const val = async (path: string): Promise<unknown> => (await get(ref(db, path))).val() as unknown;

/** The signed-in user's uid; throws when no one is signed in. */
export function actorUid(): Uid {
  const user = auth.currentUser;
  if (user === null) throw new ActionError('You are signed out. Sign in again to continue.', null, 'denied');
  return user.uid as Uid;
}

/** A fresh push id (client-generated, unique, time-ordered). */
export const newPushId = (): string => push(ref(db)).key as string;

/** The context every transition is built with: server time, the signed-in user, push ids. */
export function transitionCtx(): TransitionCtx {
  return { now: SERVER_TIMESTAMP, actor: actorUid(), newId: newPushId };
}

/**
 * The order as the rules will judge it. The revision is read FIRST: records read after it are as
 * new or newer, so a patch built from a mix is stale and refused; reading it last could pair
 * old records with a new revision (docs/data-model.md).
 */
export async function readOrderState(id: OrderId): Promise<OrderState> {
  const rev = await val(`orderRev/${id}`);
  const state: OrderState = { id, rev: typeof rev === 'number' ? rev : 0 };
  const [p, b, d, e] = await Promise.all([`orders/${id}`, `billing/${id}`, `deleted/${id}`, `expired/${id}`].map(val));
  if (p !== null) state.pending = parsed(pendingSchema, p, `orders/${id}`);
  if (b !== null) state.billing = parsed(billingSchema, b, `billing/${id}`);
  if (d !== null) state.deleted = parsed(deletedSchema, d, `deleted/${id}`);
  if (e !== null) state.expired = parsed(expiredSchema, e, `expired/${id}`);
  return state;
}

/** Current quantities of the given SKUs (absent: no stock record, i.e. 0 available). */
export async function readStock(skus: readonly SkuId[]): Promise<Partial<Record<SkuId, number>>> {
  const out: Partial<Record<SkuId, number>> = {};
  const values = await Promise.all(skus.map((s) => val(`stock/${s}`)));
  skus.forEach((s, i) => {
    const v = values[i];
    if (v !== null && v !== undefined) out[s] = parsed(stockSchema, v, `stock/${s}`).qty;
  });
  return out;
}

const isDenied = (e: unknown): boolean => /permission[_ ]denied/i.test(e instanceof Error ? `${e.message} ${(e as { code?: string }).code ?? ''}` : String(e));

/** Translates a domain or database failure into an ActionError. */
export function toActionError(e: unknown): ActionError {
  if (e instanceof ActionError) return e;
  if (e instanceof DomainError) return new ActionError(e.message, e.errors[0]?.field ?? null, 'invalid');
  if (isDenied(e)) return new ActionError('The database refused this change: you may not have permission for it.', null, 'denied');
  return new ActionError(`The change could not be saved: ${e instanceof Error ? e.message : String(e)}`, null, 'failed');
}

/** Applies one multi-path patch as a single atomic update. */
export async function applyPatch(patch: Patch): Promise<void> {
  await update(ref(db), patch);
}

/**
 * Reads the order, builds its patch with `build` and writes it atomically; when the write is
 * refused as stale (someone changed the order in between), reads again and rebuilds, up to
 * `tries` times. `build` may throw a DomainError (the action no longer makes sense, e.g. the
 * order was billed meanwhile): that ends the attempt with the domain's message. Returns what
 * `build` returned for the accepted attempt.
 */
export async function runOrderTransition<R extends { patch: Patch }>(id: OrderId, build: (state: OrderState) => R | Promise<R>, tries = 3): Promise<R> {
  let lastDenied: unknown = null;
  for (let attempt = 0; attempt < tries; attempt++) {
    let result: R;
    try {
      result = await build(await readOrderState(id));
    } catch (e) {
      throw toActionError(e);
    }
    try {
      await applyPatch(result.patch);
      return result;
    } catch (e) {
      if (!isDenied(e)) throw toActionError(e);
      lastDenied = e; // stale, or truly not allowed: a fresh read tells which on the next round
    }
  }
  throw new ActionError(
    `Order ${id} kept changing on another device, or you may not change it (${lastDenied instanceof Error ? lastDenied.message : 'refused'}). Look at it again and retry.`,
    null,
    'stale',
  );
}
