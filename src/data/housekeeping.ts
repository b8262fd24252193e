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
 *
 * Then sent records billed more than `settings/archiveAfterDays` ago move to `sentArchive`
 * (`archiveOldSent`), at most `ARCHIVE_BATCH` per run, so the Sent screen's queries stay small.
 * Last, tombstones (of removed pending orders, products and parties) older than GONE_KEEP_DAYS
 * are trimmed (`trimTombstones`), at most `TRIM_BATCH` per run in all.
 */
import { get, ref, update, type Database, type Query } from 'firebase/database';
import type { PageRange } from '../domain/historyWindows.ts';
import { dueForExpiry, expireOrder, expiryCandidateBounds } from '../domain/lifecycle.ts';
import { archiveCandidateMax, archiveSent, dueForArchive } from '../domain/archive.ts';
import type { Transition, TransitionCtx } from '../domain/patch.ts';
import { dueForPurge, purgeCandidateMax, purgeIfDue, storedSettingsSchema, withDefaults, type Settings } from '../domain/retention.ts';
import { parse, type Schema } from '../domain/schema.ts';
import { goneTrimMax } from '../domain/snapshot.ts';
import type { DeletedRecord, OrderId, OrderState, PendingRecord, SentId, SentRecord } from '../domain/types.ts';
import { deletedSchema, pendingSchema, sentSchema } from '../domain/validate.ts';
import { toActionError } from './actionError.ts';
import { RefusedError, runOrderCommand, type CommandCtx } from './orderKernel.ts';
import { DELETED_BY_DELETED_AT, GONE_BY_TIME, PENDING_BY_CREATED_AT, PENDING_BY_EXPIRES_AT, SENT_BY_BILLED_AT } from './querySpecs.ts';
import { rangeQuery } from './rangeQuery.ts';

/** What one run did. */
export type HousekeepingResult = { expired: number; purged: number; archived: number; trimmed: number; skipped: number; errors: string[] };
/** What one archive run did. */
export type ArchiveResult = Pick<HousekeepingResult, 'archived' | 'skipped' | 'errors'>;

/** Most sent records one run moves to the archive (a year of history goes over a few days). */
export const ARCHIVE_BATCH = 200;
/** Most tombstones one run trims (one write). */
export const TRIM_BATCH = 200;

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

/** Sent records billed at or before `clock - ageDays` (at most `limit` of them, the newest of those). */
export function readArchiveCandidates(db: Database, clock: number, ageDays: number, limit = ARCHIVE_BATCH): Promise<Record<string, SentRecord>> {
  const range: PageRange = { end: { value: archiveCandidateMax(clock, ageDays) }, isEndInclusive: true, limit };
  return readQuery(rangeQuery(db, SENT_BY_BILLED_AT, range), SENT_BY_BILLED_AT.path, sentSchema);
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
async function conditionally(db: Database, id: OrderId, build: (s: OrderState, read: CommandCtx) => Transition | null | Promise<Transition | null>): Promise<'done' | 'skipped'> {
  try {
    return (await runOrderCommand(db, id, build)) === null ? 'skipped' : 'done';
  } catch (e) {
    if (e instanceof RefusedError || toActionError(e).code === 'stale') return 'skipped';
    throw e;
  }
}

/** Runs the job once on `db`: `clock` is the caller's estimate of server time, `ctx` builds each transition's context. */
export async function runHousekeeping(db: Database, clock: () => number, ctx: () => TransitionCtx): Promise<HousekeepingResult> {
  const result: HousekeepingResult = { expired: 0, purged: 0, archived: 0, trimmed: 0, skipped: 0, errors: [] };
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
  const archive = await archiveOldSent(db, now, settings.archiveAfterDays, ctx);
  try {
    result.trimmed = await trimTombstones(db, now);
  } catch (e) {
    result.errors.push(`trim tombstones: ${toActionError(e).message}`);
  }
  return { ...result, archived: archive.archived, skipped: result.skipped + archive.skipped, errors: [...result.errors, ...archive.errors] };
}

/**
 * Removes tombstones (`gone/orders`, `gone/catalog`, `gone/parties`) older than GONE_KEEP_DAYS at
 * `now` (less the clock margin, so the rules, which judge by the server's clock, never refuse
 * one), at most `limit` of them in all, in one write; returns how many. Devices whose saved copy
 * is older than the keep window read the collection whole, so they never needed these.
 */
export async function trimTombstones(db: Database, now: number, limit = TRIM_BATCH): Promise<number> {
  const range: PageRange = { end: { value: goneTrimMax(now) }, isEndInclusive: true, limit };
  const patch: Record<string, null> = {};
  for (const spec of GONE_BY_TIME) {
    const left = limit - Object.keys(patch).length;
    if (left <= 0) break;
    const snap = await get(rangeQuery(db, spec, { ...range, limit: left }));
    snap.forEach((child) => {
      patch[`${spec.path}/${child.key as string}`] = null;
    });
  }
  const n = Object.keys(patch).length;
  if (n > 0) await update(ref(db), patch);
  return n;
}

/**
 * Moves sent records billed `ageDays` or more before `now` to `sentArchive`, one order command
 * each (re-reading the record through the kernel, so a delivery change meanwhile is a lost race,
 * rebuilt). A record already moved by another device is gone on the re-read: skipped. The rules
 * refuse a move before its time by the server clock: skipped too.
 */
export async function archiveOldSent(db: Database, now: number, ageDays: number, ctx: () => TransitionCtx, limit = ARCHIVE_BATCH): Promise<ArchiveResult> {
  const result: ArchiveResult = { archived: 0, skipped: 0, errors: [] };
  const candidates = await readArchiveCandidates(db, now, ageDays, limit);
  for (const id of dueForArchive(candidates, now, ageDays)) {
    const orderId = (candidates[id] as SentRecord).orderId;
    try {
      const r = await conditionally(db, orderId, async (state, read) => {
        const v = await read.val(`sent/${id}`);
        if (v === null) return null;
        const sent = parse(sentSchema, v, `sent/${id}`);
        return sent.ok ? archiveSent(state, id as SentId, sent.value, now, ageDays, ctx()) : null;
      });
      if (r === 'done') result.archived++;
      else result.skipped++;
    } catch (e) {
      result.errors.push(`archive ${id}: ${toActionError(e).message}`);
    }
  }
  return result;
}
