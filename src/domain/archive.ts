/**
 * The archive of old billing events: a sent record billed more than `archiveAfterDays` ago
 * (settings, default 365) moves whole from `sent/{sentId}` to `sentArchive/{sentId}`, so the
 * Sent screen's and the ticker's queries stay small. Nothing is deleted: the record is written to
 * the archive exactly as it was, in the same atomic write that removes it from `sent`, with the
 * order's revision bump and an audit entry (action `archive`, detail = the sent id). The tally
 * does not change: the pieces stay sent.
 *
 * The record leaves `sent` field by field and line by line (each a path of its own): the rules
 * grant each removal only when the archive written in the same write holds that very field or
 * line, and the archive's own rules require every field equal to the removed one, so the two
 * checks together make the archive an exact copy (rules cannot loop over a record's keys).
 */
import { fail } from './errors.ts';
import { storeRecord } from './orderRecords.ts';
import { DAY_MS, PATHS, stamp, type Patch, type Transition, type TransitionCtx } from './patch.ts';
import type { OrderState, SentId, SentRecord } from './types.ts';

/** When a sent record is due for the archive: billedAt + ageDays. */
export const archiveDeadline = (sent: Pick<SentRecord, 'billedAt'>, ageDays: number): number => sent.billedAt + ageDays * DAY_MS;

/** The latest `billedAt` that is due at `clock`: the bound of the job's indexed query (`billedAt <= it`). */
export const archiveCandidateMax = (clock: number, ageDays: number): number => clock - ageDays * DAY_MS;

/** Ids of sent records due for the archive at `clock`. */
export function dueForArchive(sent: Readonly<Record<string, Pick<SentRecord, 'billedAt'>>>, clock: number, ageDays: number): string[] {
  return Object.entries(sent)
    .filter(([, s]) => archiveDeadline(s, ageDays) <= clock)
    .map(([id]) => id);
}

/** The removal of a stored record, one path per field and per line of its keyed line lists. */
function removalOf(path: string, stored: Record<string, unknown>): Patch {
  const patch: Patch = {};
  for (const [field, value] of Object.entries(stored)) {
    if (field === 'lines' || field === 'ordered') for (const key of Object.keys(value as object)) patch[`${path}/${field}/${key}`] = null;
    else patch[`${path}/${field}`] = null;
  }
  return patch;
}

/**
 * Moves sent record `sentId` of this order to the archive: null when it is not due at `clock`
 * (idempotent: a record already moved is no longer read as a candidate).
 */
export function archiveSent(state: OrderState, sentId: SentId, sent: SentRecord, clock: number, ageDays: number, ctx: TransitionCtx): Transition | null {
  if (sent.orderId !== state.id) fail('sentId', `belongs to order ${sent.orderId}, not ${state.id}`);
  if (archiveDeadline(sent, ageDays) > clock) return null;
  const stored = storeRecord(sent);
  const t = stamp(state, 'archive', ctx, { detail: sentId });
  return { rev: t.rev, patch: { ...removalOf(`${PATHS.sent}/${sentId}`, stored), [`${PATHS.sentArchive}/${sentId}`]: stored, ...t.patch } };
}
