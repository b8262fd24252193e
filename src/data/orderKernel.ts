/**
 * The one write path of every order command (place, approve, reject, pick, send to billing, bill,
 * remarks, delivery, delete, revert, expire, purge). It takes its database as a parameter, so the
 * app passes its own (`firebase.ts`) and the tests pass SDK clients of the local server: both run
 * this very code. The domain builds the patch (a pure function of what was read); this module
 * does the Firebase calls around it.
 *
 * A patch is conditional: the rules accept it only when it writes `orderRev/{id}` as exactly the
 * stored revision + 1 (and `counters/orderNumber` as stored + 1, and each stock `before` as the
 * stored quantity). When another device changed any of them after our read, the rules refuse the
 * whole update with PERMISSION_DENIED. Then we read everything the patch was built from again:
 * if something changed, we lost a race, and we rebuild from the fresh data (a bounded number of
 * times); if nothing changed, the rules refuse this change as such (not an admin, signed out,
 * a purge before its time) and retrying cannot help, so we stop at once.
 */
import { get, push, ref, update, type Database } from 'firebase/database';
import { PATHS, SERVER_TIMESTAMP, type Patch, type TransitionCtx } from '../domain/patch.ts';
import { parse, type Schema } from '../domain/schema.ts';
import type { OrderId, OrderState, SkuId, Uid } from '../domain/types.ts';
import { billingSchema, deletedSchema, expiredSchema, pendingSchema, stockSchema } from '../domain/validate.ts';
import { ActionError, isDenied, toActionError } from './actionError.ts';

/** Reads one path's value (null when absent). */
type Read = (path: string) => Promise<unknown>;

const readerOf =
  (db: Database): Read =>
  async (path) =>
    (await get(ref(db, path))).val() as unknown;

function parsed<T>(schema: Schema<T>, value: unknown, path: string): T {
  const r = parse(schema, value, path);
  if (!r.ok) throw new ActionError(`${path} is not a valid record (${r.errors.map((e) => `${e.field} ${e.message}`).join('; ')}); it cannot be changed from the app.`, path, 'invalid');
  return r.value;
}

/**
 * The revision is read FIRST: records read after it are as new or newer, so a patch built from a
 * mix is stale and refused; reading it last could pair old records with a new revision, and the
 * rules would accept a patch built on stale data (docs/data-model.md, "Revisions").
 */
async function orderStateVia(read: Read, id: OrderId): Promise<OrderState> {
  const rev = await read(`${PATHS.orderRev}/${id}`);
  const state: OrderState = { id, rev: typeof rev === 'number' ? rev : 0 };
  const [p, b, d, e] = await Promise.all([PATHS.orders, PATHS.billing, PATHS.deleted, PATHS.expired].map((c) => read(`${c}/${id}`)));
  if (p !== null) state.pending = parsed(pendingSchema, p, `${PATHS.orders}/${id}`);
  if (b !== null) state.billing = parsed(billingSchema, b, `${PATHS.billing}/${id}`);
  if (d !== null) state.deleted = parsed(deletedSchema, d, `${PATHS.deleted}/${id}`);
  if (e !== null) state.expired = parsed(expiredSchema, e, `${PATHS.expired}/${id}`);
  return state;
}

async function stockVia(read: Read, skus: readonly SkuId[]): Promise<Partial<Record<SkuId, number>>> {
  const out: Partial<Record<SkuId, number>> = {};
  const values = await Promise.all(skus.map((s) => read(`${PATHS.stock}/${s}`)));
  skus.forEach((s, i) => {
    const v = values[i];
    if (v !== null && v !== undefined) out[s] = parsed(stockSchema, v, `${PATHS.stock}/${s}`).qty;
  });
  return out;
}

async function counterVia(read: Read): Promise<number> {
  const v = await read(PATHS.orderCounter);
  if (v === null) return 0;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new ActionError(`The order counter (${PATHS.orderCounter}) is not a whole number; an admin must repair it.`, 'counter', 'invalid');
  return v;
}

/** The order as the rules will judge it: `orderRev/{id}` first, then its records, each checked with its schema. */
export const readOrderState = (db: Database, id: OrderId): Promise<OrderState> => orderStateVia(readerOf(db), id);

/** Current quantities of the given SKUs (absent: no stock record, i.e. 0 available). */
export const readStock = (db: Database, skus: readonly SkuId[]): Promise<Partial<Record<SkuId, number>>> => stockVia(readerOf(db), skus);

/** The stored order counter (`counters/orderNumber`, 0 when absent); a bad value is an ActionError. */
export const readCounter = (db: Database): Promise<number> => counterVia(readerOf(db));

/** Applies one multi-path patch as a single atomic update at the root. */
export async function applyPatch(db: Database, patch: Patch): Promise<void> {
  await update(ref(db), patch);
}

/** A fresh push id (client-generated, unique, time-ordered). */
export const newPushId = (db: Database): string => push(ref(db)).key as string;

/** The context a transition is built with in the app: the server's time, the acting uid, push ids of `db`. */
export const transitionCtxOf = (db: Database, actor: Uid): TransitionCtx => ({ now: SERVER_TIMESTAMP, actor, newId: () => newPushId(db) });

/**
 * What a builder reads through. Every value read this way is read again when the write is
 * refused, to tell a lost race (something changed: rebuild) from a refusal (nothing changed).
 * Read everything a patch depends on through it, never around it.
 */
export type CommandCtx = {
  readonly db: Database;
  /** 0 on the first attempt, 1 on the first retry, … */
  readonly attempt: number;
  /** One path's value (null when absent). */
  val(path: string): Promise<unknown>;
  /** The order's revision and records (as `readOrderState`). */
  order(id: OrderId): Promise<OrderState>;
  /** Stock quantities (as `readStock`). */
  stock(skus: readonly SkuId[]): Promise<Partial<Record<SkuId, number>>>;
  /** The order counter (as `readCounter`). */
  counter(): Promise<number>;
};

/**
 * How a command runs: builds in all (`DEFAULT_TRIES` unless given); what the messages call the
 * thing changed (`subject`); what a person reads when the rules refuse the change itself
 * (`refused`, e.g. "only an admin may…").
 */
export type CommandOptions = { tries?: number; subject?: string; refused?: string };

/** The rules refused a command's write although nothing it was built from had changed: not a race, so it was not retried. */
export class RefusedError extends ActionError {
  constructor(message: string) {
    super(message, null, 'denied');
    this.name = 'RefusedError';
  }
}

/** Attempts of a command when not given: the first and two rebuilds. */
export const DEFAULT_TRIES = 3;

/** True when any recorded path now holds something other than what was read. */
async function anyChanged(read: Read, seen: ReadonlyMap<string, string>): Promise<boolean> {
  const paths = [...seen.keys()];
  const now = await Promise.all(paths.map(read));
  return paths.some((p, i) => JSON.stringify(now[i] ?? null) !== seen.get(p));
}

/**
 * Runs one conditional command: `build` reads through its ctx and returns the domain's result
 * (`{ patch, … }`), or null when there is nothing to do (then nothing is written). The patch is
 * written as one update at the root. A refusal caused by a lost race (something `build` read has
 * changed since) rebuilds from fresh data, at most `tries` builds in all, then throws an
 * ActionError `stale`; any other refusal throws a RefusedError (code `denied`) at once. Whatever `build`
 * throws ends the command as an ActionError (a DomainError becomes `invalid` with its message).
 * Returns what `build` returned for the accepted attempt.
 */
export async function runCommand<R extends { patch: Patch } | null>(db: Database, build: (ctx: CommandCtx) => R | Promise<R>, opts: CommandOptions = {}): Promise<R> {
  const tries = opts.tries ?? DEFAULT_TRIES;
  if (!Number.isSafeInteger(tries) || tries < 1) throw new RangeError(`tries must be a whole number ≥ 1, not ${tries}`);
  const plain = readerOf(db);
  let lastDenied: unknown = null;
  for (let attempt = 0; attempt < tries; attempt++) {
    const seen = new Map<string, string>();
    const read: Read = async (path) => {
      const v = await plain(path);
      if (!seen.has(path)) seen.set(path, JSON.stringify(v ?? null));
      return v;
    };
    const ctx: CommandCtx = { db, attempt, val: read, order: (id) => orderStateVia(read, id), stock: (skus) => stockVia(read, skus), counter: () => counterVia(read) };
    let result: R;
    try {
      result = await build(ctx);
    } catch (e) {
      throw toActionError(e);
    }
    if (result === null) return result;
    try {
      await applyPatch(db, result.patch);
      return result;
    } catch (e) {
      if (!isDenied(e)) throw toActionError(e);
      lastDenied = e;
    }
    let isRace: boolean;
    try {
      isRace = await anyChanged(plain, seen);
    } catch (e) {
      throw toActionError(e);
    }
    if (!isRace) throw new RefusedError(opts.refused ?? toActionError(lastDenied).message);
  }
  throw new ActionError(
    `${opts.subject ?? 'The data'} kept changing on another device (${lastDenied instanceof Error ? lastDenied.message : 'refused'}). Look at it again and retry.`,
    null,
    'stale',
  );
}

/**
 * `runCommand` for one order: each attempt reads the order (revision first) and hands it to
 * `build` with the ctx for any further reads (stock, the counter, a sent record…).
 */
export function runOrderCommand<R extends { patch: Patch } | null>(
  db: Database,
  id: OrderId,
  build: (state: OrderState, ctx: CommandCtx) => R | Promise<R>,
  opts: CommandOptions = {},
): Promise<R> {
  return runCommand(db, async (ctx) => build(await ctx.order(id), ctx), { subject: `Order ${id}`, ...opts });
}
