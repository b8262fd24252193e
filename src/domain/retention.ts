/**
 * How long things are kept: the settings (`settings/…`: expiry policy, retention of deleted
 * orders, delivery plan), the purge of deleted orders after the retention period, the admin's
 * permanent delete of a deleted or expired part, and the deadline arithmetic the screens show.
 *
 * A purge is an order transition like the others: it removes the record, bumps `orderRev/{id}`
 * and writes an audit entry (action `purge`, with the lines removed), so two devices purging at
 * once cannot both succeed and the audit keeps what was destroyed. Purged quantities move to the
 * order's tally (`orderTally/{id}/{line}/purged`), so the conservation law still balances.
 */
import { fail } from './errors.ts';
import { DEFAULT_EXPIRY, expiryDeadline, type ExpiryPolicy } from './lifecycle.ts';
import { deliveryPlanSchema, type DeliveryPlan } from './delivery.ts';
import { recordWrites, tallyPurged } from './orderRecords.ts';
import { DAY_MS, orderPath, stamp, type Transition, type TransitionCtx } from './patch.ts';
import { int, object, oneOf, parse, type Result, type Schema } from './schema.ts';
import type { DeletedRecord, OrderState, PendingRecord } from './types.ts';

/** Deleted orders are kept this many days before the purge (the original promised 30). */
export const DEFAULT_RETENTION_DAYS = 30;
/** "Expiring soon" means a pending order within this many days of its deadline. */
export const EXPIRING_SOON_DAYS = 10;
/** Longest expiry or grace period an admin may set. */
export const MAX_POLICY_DAYS = 365;
/** Longest retention an admin may set (10 years). */
export const MAX_RETENTION_DAYS = 3650;

/** Sent records move to the archive this many days after billing (about 12 months). */
export const DEFAULT_ARCHIVE_AFTER_DAYS = 365;
/** Shortest and longest archive age an admin may set. */
export const MIN_ARCHIVE_AFTER_DAYS = 30;
export const MAX_ARCHIVE_AFTER_DAYS = 3650;

/** Everything under `settings/`, with defaults filled in. */
export type Settings = { expiry: ExpiryPolicy; retentionDays: number; archiveAfterDays: number; deliveryPlan: DeliveryPlan };
/** The settings when nothing is stored. */
export const DEFAULT_SETTINGS: Settings = { expiry: DEFAULT_EXPIRY, retentionDays: DEFAULT_RETENTION_DAYS, archiveAfterDays: DEFAULT_ARCHIVE_AFTER_DAYS, deliveryPlan: {} };

/** `settings/expiry`. */
export const expiryPolicySchema: Schema<ExpiryPolicy> = object({ afterDays: int(1, MAX_POLICY_DAYS), graceDays: int(1, MAX_POLICY_DAYS) });
/** `settings/retentionDays`. */
export const retentionDaysSchema: Schema<number> = int(1, MAX_RETENTION_DAYS);
/** `settings/archiveAfterDays`. */
export const archiveAfterDaysSchema: Schema<number> = int(MIN_ARCHIVE_AFTER_DAYS, MAX_ARCHIVE_AFTER_DAYS);
/** `settings` read back: every part optional (absent = default). */
export const storedSettingsSchema = object(
  {},
  { expiry: expiryPolicySchema, retentionDays: retentionDaysSchema, archiveAfterDays: archiveAfterDaysSchema, deliveryPlan: deliveryPlanSchema, retailerStock: oneOf(['exact', 'bands'] as const) },
);

/** The stored settings (any part may be missing) with defaults for what is absent. */
export function withDefaults(stored: Partial<Settings> | null): Settings {
  return {
    expiry: stored?.expiry ?? DEFAULT_SETTINGS.expiry,
    retentionDays: stored?.retentionDays ?? DEFAULT_SETTINGS.retentionDays,
    archiveAfterDays: stored?.archiveAfterDays ?? DEFAULT_SETTINGS.archiveAfterDays,
    deliveryPlan: stored?.deliveryPlan ?? DEFAULT_SETTINGS.deliveryPlan,
  };
}

/** An expiry policy typed into a form (text fields). */
export function parseExpiryPolicy(input: { afterDays: string; graceDays: string }): Result<ExpiryPolicy> {
  return parse(expiryPolicySchema, { afterDays: toNumber(input.afterDays), graceDays: toNumber(input.graceDays) });
}

/** A retention period typed into a form. */
export const parseRetentionDays = (input: string): Result<number> => parse(retentionDaysSchema, toNumber(input), 'retentionDays');

const toNumber = (s: string): unknown => (/^\s*\d+\s*$/.test(s) ? Number(s) : s);

/** When a deleted record may be purged: deletedAt + retentionDays. */
export const purgeDeadline = (d: Pick<DeletedRecord, 'deletedAt'>, retentionDays: number): number => d.deletedAt + retentionDays * DAY_MS;

/** Whole days left until `deadline` at `clock`, rounded up; 0 once it has passed. */
export const daysLeft = (deadline: number, clock: number): number => Math.max(0, Math.ceil((deadline - clock) / DAY_MS));

/** The latest `deletedAt` that is due for the purge at `clock`: the bound of the purge job's indexed query (`deletedAt <= it`). */
export const purgeCandidateMax = (clock: number, retentionDays: number): number => clock - retentionDays * DAY_MS;

/** Ids of deleted records whose retention has passed at `clock`. */
export function dueForPurge(deleted: Readonly<Record<string, Pick<DeletedRecord, 'deletedAt'>>>, clock: number, retentionDays: number): string[] {
  return Object.entries(deleted)
    .filter(([, d]) => clock >= purgeDeadline(d, retentionDays))
    .map(([id]) => id);
}

/** Ids of pending orders not yet due but within `withinDays` of their deadline. */
export function expiringSoon(pending: Readonly<Record<string, Pick<PendingRecord, 'createdAt' | 'expiresAt'>>>, clock: number, policy: ExpiryPolicy, withinDays = EXPIRING_SOON_DAYS): string[] {
  return Object.entries(pending)
    .filter(([, r]) => {
      const deadline = expiryDeadline(r, policy.afterDays);
      return clock < deadline && deadline - clock <= withinDays * DAY_MS;
    })
    .map(([id]) => id);
}

/**
 * Permanently removes the deleted (or expired) part of an order: the record goes, the revision
 * is bumped, the audit keeps the lines. The rules let only an admin do this, except a purge of a
 * deleted record past its retention period, which any staff device's job may do.
 */
export function purgePart(state: OrderState, part: 'deleted' | 'expired', ctx: TransitionCtx, detail: string): Transition {
  const r = state[part];
  if (r === undefined) fail(`${part}/${state.id}`, `does not exist: nothing ${part} to remove`);
  // The retailer's status is left as it was (cancelled or expired): the purge changes storage, not the outcome.
  const t = stamp(state, 'purge', ctx, { lines: r.lines, detail });
  // The record goes line by line, and the tally counts the lines as purged: the rules check both.
  return { rev: t.rev, patch: { ...recordWrites(orderPath(part, state.id), r, null), ...tallyPurged(state.id, r.lines), ...t.patch } };
}

/** Admin: permanently deletes the deleted part now (confirmation is the screen's job). */
export const purgeDeleted = (state: OrderState, ctx: TransitionCtx): Transition => purgePart(state, 'deleted', ctx, 'deleted: removed permanently');

/** Admin: permanently deletes the expired part now. */
export const purgeExpired = (state: OrderState, ctx: TransitionCtx): Transition => purgePart(state, 'expired', ctx, 'expired: removed permanently');

/** The retention job's purge: null when there is no deleted record or it is not due at `clock` (idempotent). */
export function purgeIfDue(state: OrderState, clock: number, retentionDays: number, ctx: TransitionCtx): Transition | null {
  const d = state.deleted;
  if (d === undefined || clock < purgeDeadline(d, retentionDays)) return null;
  return purgePart(state, 'deleted', ctx, `deleted: purged after ${retentionDays} days`);
}
