/**
 * Multi-path patches: the paths of the data model, server values, and the pieces every order
 * transition writes (the revision bump and the audit entry).
 */
import { storeLines } from './lines.ts';
import type { AuditAction, AuditEntry, AuditId, CountedCollection, Line, OrderId, OrderState, ServerTimestamp, Time, Uid } from './types.ts';

/** A Realtime Database multi-path update: path → value (null removes). Never contains `undefined`. */
export type Patch = Record<string, unknown>;

/** The server-timestamp placeholder to write wherever a time is stored. */
export const SERVER_TIMESTAMP: ServerTimestamp = Object.freeze({ '.sv': 'timestamp' as const });

/** A server-side increment of a number by `delta`. */
export const increment = (delta: number): { '.sv': { increment: number } } => ({ '.sv': { increment: delta === 0 ? 0 : delta } });

/** Top-level paths of the data model. */
export const PATHS = {
  catalog: 'catalog',
  parties: 'parties',
  stock: 'stock',
  stockLedger: 'stockLedger',
  orders: 'orders',
  billing: 'billing',
  sent: 'sent',
  sentArchive: 'sentArchive',
  deleted: 'deleted',
  expired: 'expired',
  retailerOrders: 'retailerOrders',
  users: 'users',
  orderRev: 'orderRev',
  orderAudit: 'orderAudit',
  orderTally: 'orderTally',
  orderCounter: 'counters/orderNumber',
  counts: 'counts',
  audit: 'audit',
  goneOrders: 'gone/orders',
} as const;

/** What every transition needs: the time to write, who acts, and a source of new push ids. */
export type TransitionCtx = { now: Time; actor: Uid; newId: () => string };

/** A transition's output: one atomic, conditional patch, and the revision it sets. */
export type Transition = { patch: Patch; rev: number };

/** The revision a transition writes: one more than the one read (0 when absent). */
export function nextRev(state: Pick<OrderState, 'id' | 'rev'>): number {
  if (!Number.isSafeInteger(state.rev) || state.rev < 0) throw new RangeError(`orderRev/${state.id}: revision ${state.rev} is not a whole number ≥ 0`);
  return state.rev + 1;
}

/** The revision bump and the audit entry every order transition carries (linked by `orderAudit/{id}`). */
export function stamp(
  state: Pick<OrderState, 'id' | 'rev'>,
  action: AuditAction,
  ctx: TransitionCtx,
  extra: { lines?: Line[]; detail?: string } = {},
): Transition {
  const rev = nextRev(state);
  const entry: AuditEntry<Time> = { action, orderId: state.id, actor: ctx.actor, at: ctx.now, rev };
  if (extra.lines !== undefined && extra.lines.length > 0) entry.lines = extra.lines;
  if (extra.detail !== undefined && extra.detail !== '') entry.detail = extra.detail;
  const auditId = ctx.newId() as AuditId;
  // orderAudit names the entry: the rules accept the revision bump only together with it.
  // Audit lines are stored keyed by line key, like order records: the rules match each to what moved.
  const stored = entry.lines === undefined ? entry : { ...entry, lines: storeLines(entry.lines) };
  return { rev, patch: { [`${PATHS.orderRev}/${state.id}`]: rev, [`${PATHS.audit}/${auditId}`]: stored, [`${PATHS.orderAudit}/${state.id}`]: auditId } };
}

/**
 * The counter writes of a transition that creates (+1) or removes (−1) the record
 * `{collection}/{id}`: a server increment of `counts/{collection}/n`, and `by` naming the order.
 * The rules require both whenever a record of a counted collection appears or goes, so one
 * write can create or remove at most one record per collection.
 */
export function countChange(collection: CountedCollection, id: OrderId, delta: 1 | -1): Patch {
  return { [`${PATHS.counts}/${collection}/n`]: increment(delta), [`${PATHS.counts}/${collection}/by`]: id };
}

/**
 * The tombstone writes of a transition that removes (`gone/orders/{id}` = now) or re-creates
 * (tombstone cleared) the pending record `orders/{id}`. Devices resume their saved copy of pending
 * orders from the changes since (records by `updatedAt`, removals by tombstone); the rules require
 * the tombstone with every removal and refuse one while the record exists.
 */
export function goneChange(id: OrderId, had: boolean, has: boolean, now: Time): Patch {
  if (had === has) return {};
  return { [`${PATHS.goneOrders}/${id}`]: has ? null : now };
}

/** `orders/{id}` and the like. */
export const orderPath = (collection: 'orders' | 'billing' | 'deleted' | 'expired' | 'retailerOrders', id: OrderId): string => `${collection}/${id}`;

/** Days in epoch ms. */
export const DAY_MS = 86_400_000;
