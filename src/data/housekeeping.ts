/**
 * The housekeeping job's work on a given database (the app's `expiryJob.ts` runs it on its own,
 * the tests on the local server): pending orders past their deadline move to `expired`, deleted
 * orders past the retention period are purged. It reads only candidates, through indexed
 * queries: the pending orders that can be due (`expiryCandidateBounds`) and the deleted orders
 * whose `deletedAt` is old enough. A fresh order or a recent deletion is never downloaded.
 *
 * Safe to run anywhere, any number of times, at once: each step is one order command per order
 * (`runOrderCommand`), built from a fresh read. When two devices race, the second patch carries
 * a stale revision and the rules refuse it whole; re-read, the order is no longer due (already
 * expired or purged), the domain returns null and nothing is written. The rules also refuse a
 * purge before `deletedAt + settings/retentionDays` by the server clock, so a device with a
 * wrong clock cannot purge early: that refusal counts as skipped.
 */
import { get, ref, type Database, type Query } from 'firebase/database';
import type { PageRange } from '../domain/historyWindows.ts';
import { dueForExpiry, expireOrder, expiryCandidateBounds } from '../domain/lifecycle.ts';
import type { Transition, TransitionCtx } from '../domain/patch.ts';
import { dueForPurge, purgeCandidateMax, purgeIfDue, storedSettingsSchema, withDefaults, type Settings } from '../domain/retention.ts';
import { parse, type Schema } from '../domain/schema.ts';
import type { DeletedRecord, OrderId, OrderState, PendingRecord } from '../domain/types.ts';
import { deletedSchema, pendingSchema } from '../domain/validate.ts';
import { toActionError } from './actionError.ts';
import { RefusedError, runOrderCommand } from './orderKernel.ts';
import { DELETED_BY_DELETED_AT, PENDING_BY_CREATED_AT, PENDING_BY_EXPIRES_AT } from './querySpecs.ts';
import { rangeQuery } from './rangeQuery.ts';

/** What one run did. */
export type HousekeepingResult = { expired: number; purged: number; skipped: number; errors: string[] };

/**
 * The two ranges of pending orders that hold every order due by `horizon` (see
 * `expiryCandidateBounds`): by `createdAt`, and by `expiresAt` from 0 (orders without one sort
 * before every number, so they stay out of the second query).
 */
export function expiryCandidateRanges(horizon: number, afterDays: number): { byCreatedAt: PageRange; byExpiresAt: PageRange } {
  const b = expiryCandidateBounds(horizon, afterDays);
  return {
    byCreatedAt: { end: { value: b.createdAtMax }, isEndInclusive: true },
    byExpiresAt: { start: { value: 0 }, end: { value: b.expiresAtMax }, isEndInclusive: true },
  };
}

/** The valid records a query returns, by key (a bad record is left out: the screens' listens report it). */
async function readQuery<T>(q: Query, path: string, schema: Schema<T>, into: Record<string, T> = {}): Promise<Record<string, T>> {
  const snap = await get(q);
  snap.forEach((child) => {
    const r = parse(schema, child.val(), `${path}/${child.key as string}`);
    if (r.ok) into[child.key as string] = r.value;
  });
  return into;
}

/** Pending orders that may be due at `clock`: the union of the two candidate queries. */
export async function readExpiryCandidates(db: Database, clock: number, afterDays: number): Promise<Record<string, PendingRecord>> {
  const r = expiryCandidateRanges(clock, afterDays);
  const out = await readQuery(rangeQuery(db, PENDING_BY_CREATED_AT, r.byCreatedAt), PENDING_BY_CREATED_AT.path, pendingSchema);
  return readQuery(rangeQuery(db, PENDING_BY_EXPIRES_AT, r.byExpiresAt), PENDING_BY_EXPIRES_AT.path, pendingSchema, out);
}

/** Deleted orders whose retention has passed at `clock` (`deletedAt <= clock - retentionDays`). */
export function readPurgeCandidates(db: Database, clock: number, retentionDays: number): Promise<Record<string, DeletedRecord>> {
  const range: PageRange = { end: { value: purgeCandidateMax(clock, retentionDays) }, isEndInclusive: true };
  return readQuery(rangeQuery(db, DELETED_BY_DELETED_AT, range), DELETED_BY_DELETED_AT.path, deletedSchema);
}

/** `settings` with defaults for what is absent or invalid. */
export async function readSettings(db: Database): Promise<Settings> {
  const snap = await get(ref(db, 'settings'));
  const r = parse(storedSettingsSchema, snap.exists() ? snap.val() : {}, 'settings');
  return withDefaults(r.ok ? r.value : null);
}

/**
 * Builds from a fresh read and writes; a refused (stale) write is retried on fresh data, where
 * the domain usually says "not due any more" (null): 'skipped'. So is a write the rules refuse
 * outright (not due by the server's clock), or one that kept losing races.
 */
async function conditionally(db: Database, id: OrderId, build: (s: OrderState) => Transition | null): Promise<'done' | 'skipped'> {
  try {
    return (await runOrderCommand(db, id, build)) === null ? 'skipped' : 'done';
  } catch (e) {
    if (e instanceof RefusedError || toActionError(e).code === 'stale') return 'skipped';
    throw e;
  }
}

/** Runs the job once on `db`: `clock` is the caller's estimate of server time, `ctx` builds each transition's context. */
export async function runHousekeeping(db: Database, clock: () => number, ctx: () => TransitionCtx): Promise<HousekeepingResult> {
  const result: HousekeepingResult = { expired: 0, purged: 0, skipped: 0, errors: [] };
  const settings = await readSettings(db);
  const now = clock();
  const pending = await readExpiryCandidates(db, now, settings.expiry.afterDays);
  for (const id of dueForExpiry(pending, now, settings.expiry)) {
    try {
      const r = await conditionally(db, id as OrderId, (s) => expireOrder(s, now, settings.expiry, ctx()));
      if (r === 'done') result.expired++;
      else result.skipped++;
    } catch (e) {
      result.errors.push(`expire ${id}: ${toActionError(e).message}`);
    }
  }
  const deleted = await readPurgeCandidates(db, now, settings.retentionDays);
  for (const id of dueForPurge(deleted, now, settings.retentionDays)) {
    try {
      const r = await conditionally(db, id as OrderId, (s) => purgeIfDue(s, now, settings.retentionDays, ctx()));
      if (r === 'done') result.purged++;
      else result.skipped++;
    } catch (e) {
      result.errors.push(`purge ${id}: ${toActionError(e).message}`);
    }
  }
  return result;
}
