/**
 * What the Sent, Deleted and Expired screens read: history grows all year (a busy distributor
 * bills some 56,000 times), so nothing here listens to a whole collection. Each is a bounded,
 * indexed query (docs/data-model.md, "What each screen reads").
 */
import type { ReadonlySignal } from '@preact/signals-core';
import { onValue } from 'firebase/database';
import type { PageRange, Paging } from '../domain/historyWindows.ts';
import type { Schema } from '../domain/schema.ts';
import type { DeletedRecord, ExpiredRecord, OrderId, PartyId, PendingRecord, SentRecord } from '../domain/types.ts';
import { deletedSchema, expiredSchema, pendingSchema, sentSchema } from '../domain/validate.ts';
import { liveQueryCollection, reportRead, type LiveCollection } from './liveCollection.ts';
import { db } from './firebase.ts';
import { expiryCandidateRanges } from './housekeeping.ts';
import { liveSignal } from './live.ts';
import { parsedCollection } from './parsedCollection.ts';
import {
  DELETED_BY_DELETED_AT,
  DELETED_BY_NUMBER,
  DELETED_BY_PARTY,
  EXPIRED_BY_EXPIRED_AT,
  EXPIRED_BY_NUMBER,
  EXPIRED_BY_PARTY,
  PENDING_BY_CREATED_AT,
  PENDING_BY_EXPIRES_AT,
  SENT_BY_BILLED_AT,
  SENT_BY_DELIVERY,
  SENT_BY_NUMBER,
  SENT_BY_ORDER,
  SENT_BY_PARTY,
  type QuerySpec,
} from './querySpecs.ts';
import { rangeQuery } from './rangeQuery.ts';
import { windowedCollection, type WindowedCollection } from './windowedCollection.ts';

/** Days per page of the Sent screen (about a thousand records a week at a busy distributor). */
export const SENT_PAGE_DAYS = 7;
/** Days per page of the Deleted and Expired screens (far fewer records than Sent). */
export const ARCHIVE_PAGE_DAYS = 30;
/** Records per page when Sent is filtered by party. */
export const PARTY_PAGE_SIZE = 40;
/**
 * Records per page by days: a busy week is read in chunks of this many (the newest first), so a
 * screen's first page stays near 80 KB (a sent record is about 2 KB) however busy the week was.
 */
export const DAY_PAGE_SIZE = 40;
/**
 * The most undelivered sent records the ticker, the planner and the reminder read: the newest
 * ones. Bounded for the byte budget (tests/browser/byteBudget.test.ts): the reminder runs as the
 * app opens, so this is part of Home's cold open; about 2 KB each.
 */
export const UNDELIVERED_LIMIT = 25;

/**
 * What a history screen is narrowed to, each an indexed query over the whole collection (never a
 * filter of what is loaded): one order number; else one party's records, newest first; else the
 * days up to `until` (local midnight after the chosen day); else the latest days.
 */
export type HistoryFilter = { number: string | null; partyId: PartyId | null; until: number | null };

/** No filter: the latest days. */
export const NO_FILTER: HistoryFilter = { number: null, partyId: null, until: null };

type Specs = { byTime: QuerySpec; byParty: QuerySpec; byNumber: QuerySpec; days: number; partySize: number };

function filtered<T>(specs: Specs, schema: Schema<T>, f: HistoryFilter, now: number): WindowedCollection<T> {
  if (f.number !== null) return windowedCollection(db, specs.byNumber, schema, { kind: 'equal', value: f.number, size: PARTY_PAGE_SIZE }, now, reportRead);
  if (f.partyId !== null) return windowedCollection(db, specs.byParty, schema, { kind: 'equal', value: f.partyId, size: specs.partySize }, now, reportRead);
  const paging: Paging = { kind: 'days', days: specs.days, size: DAY_PAGE_SIZE, ...(f.until === null ? {} : { until: f.until }) };
  return windowedCollection(db, specs.byTime, schema, paging, now, reportRead);
}

/** Sent records as `f` narrows them, paged. */
export const sentWindows = (f: HistoryFilter, now: number): WindowedCollection<SentRecord> =>
  filtered({ byTime: SENT_BY_BILLED_AT, byParty: SENT_BY_PARTY, byNumber: SENT_BY_NUMBER, days: SENT_PAGE_DAYS, partySize: PARTY_PAGE_SIZE }, sentSchema, f, now);

/** Deleted orders as `f` narrows them, paged. */
export const deletedWindows = (f: HistoryFilter, now: number): WindowedCollection<DeletedRecord> =>
  filtered({ byTime: DELETED_BY_DELETED_AT, byParty: DELETED_BY_PARTY, byNumber: DELETED_BY_NUMBER, days: ARCHIVE_PAGE_DAYS, partySize: PARTY_PAGE_SIZE }, deletedSchema, f, now);

/** Expired orders as `f` narrows them, paged. */
export const expiredWindows = (f: HistoryFilter, now: number): WindowedCollection<ExpiredRecord> =>
  filtered({ byTime: EXPIRED_BY_EXPIRED_AT, byParty: EXPIRED_BY_PARTY, byNumber: EXPIRED_BY_NUMBER, days: ARCHIVE_PAGE_DAYS, partySize: PARTY_PAGE_SIZE }, expiredSchema, f, now);

/**
 * Undelivered sent records, live: the newest `UNDELIVERED_LIMIT` (equal values are ordered by
 * key, and sent ids are push ids, so the last keys are the latest bills). What the ticker, the
 * delivery planner and the daily reminder list; bounded however long history grows.
 */
export const undeliveredSent: ReadonlySignal<LiveCollection<SentRecord>> = liveQueryCollection(SENT_BY_DELIVERY, 'undelivered', sentSchema, UNDELIVERED_LIMIT);

/** Every sent record of one order (a few billing events), live: a card picked from the ticker. */
export const sentOfOrder = (orderId: OrderId): ReadonlySignal<LiveCollection<SentRecord>> => liveQueryCollection(SENT_BY_ORDER, orderId, sentSchema);

/**
 * The pending orders that can be due by `horizon` (two indexed queries, `expiryCandidateRanges`),
 * live: a superset of those due, which the caller filters. Loading until both have answered.
 */
export function pendingDueBy(horizon: number, afterDays: number): ReadonlySignal<LiveCollection<PendingRecord>> {
  const ranges = expiryCandidateRanges(horizon, afterDays);
  const reported = new Set<string>();
  return liveSignal<LiveCollection<PendingRecord>>({ state: 'loading' }, (set) => {
    const parts: LiveCollection<PendingRecord>[] = [{ state: 'loading' }, { state: 'loading' }];
    const show = (): void => {
      if (parts.some((p) => p.state === 'denied')) return set({ state: 'denied' });
      const ready = parts.filter((p) => p.state === 'ready');
      if (ready.length < parts.length) return;
      const invalid = new Map(ready.flatMap((p) => p.invalid.map((i) => [i.key, i] as const)));
      set({ state: 'ready', items: new Map(ready.flatMap((p) => [...p.items])), invalid: [...invalid.values()] });
    };
    const listenPart = (i: number, spec: QuerySpec, range: PageRange): (() => void) =>
      onValue(
        rangeQuery(db, spec, range),
        (snap) => {
          parts[i] = parsedCollection(snap, spec.path, pendingSchema, reported, reportRead);
          show();
        },
        (error) => {
          parts[i] = { state: 'denied' };
          show();
          reportRead(spec.path, error);
        },
      );
    const stops = [listenPart(0, PENDING_BY_CREATED_AT, ranges.byCreatedAt), listenPart(1, PENDING_BY_EXPIRES_AT, ranges.byExpiresAt)];
    return () => stops.forEach((stop) => stop());
  });
}
