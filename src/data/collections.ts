/**
 * Live collections, each checked record by record with its domain schema. A bad record does not
 * hide the good ones: it is listed in `invalid` (and reported once to syncState), so a screen
 * can show what it could not read instead of failing whole.
 */
import { effect, type ReadonlySignal } from '@preact/signals-core';
import { equalTo, limitToLast, onValue, orderByChild, query, ref, type QueryConstraint } from 'firebase/database';
import { storeRecord } from '../domain/orderRecords.ts';
import type { Schema } from '../domain/schema.ts';
import type { BillingRecord, Party, PendingRecord, Product, StockRecord } from '../domain/types.ts';
import { billingSchema, partySchema, pendingSchema, productSchema, stockSchema } from '../domain/validate.ts';
import { auth, db } from './firebase.ts';
import { listen, liveSignal } from './live.ts';
import { parsedCollection, type LiveCollection, type ReadProblem } from './parsedCollection.ts';
import { BILLING_BY_QUEUED_AT, CATALOG_BY_UPDATED_AT, GONE_CATALOG_BY_TIME, GONE_ORDERS_BY_TIME, GONE_PARTIES_BY_TIME, PARTIES_BY_UPDATED_AT, PENDING_BY_UPDATED_AT, STOCK_BY_UPDATED_AT, type QuerySpec } from './querySpecs.ts';
import { oldestFirst, type GrowingWindow } from './oldestFirst.ts';
import { deltaCollection } from './deltaCollection.ts';
import { reportSyncError } from './sync.ts';
import { withSavedCopy } from './snapshotCache.ts';

export type { LiveCollection } from './parsedCollection.ts';

const cache = new Map<string, ReadonlySignal<LiveCollection<unknown>>>();

/**
 * Where the apps' read problems go: a bad record always reaches syncState; a refused listen only
 * while someone is signed in (signing out cancels every listen on purpose: not an error worth showing).
 */
export const reportRead: ReadProblem = (path, error) => {
  const isInvalid = typeof error === 'object' && error !== null && 'code' in error && error.code === 'invalid-record';
  if (isInvalid || auth.currentUser !== null) reportSyncError(path, error);
};

/** The live collection at `path`, listened to only while something reads it; one listen per path. */
export function liveCollection<T>(path: string, schema: Schema<T>): ReadonlySignal<LiveCollection<T>> {
  const existing = cache.get(path);
  if (existing !== undefined) return existing as ReadonlySignal<LiveCollection<T>>;
  const reported = new Set<string>();
  const s = liveSignal<LiveCollection<T>>({ state: 'loading' }, (set) =>
    listen(
      path,
      (snap) => set(parsedCollection(snap, path, schema, reported, reportRead)),
      () => set({ state: 'denied' }),
    ),
  );
  cache.set(path, s as ReadonlySignal<LiveCollection<unknown>>);
  return s;
}

/**
 * The records of `spec`'s collection whose ordered child equals `value` (an indexed query; with
 * `limit`, only the last so many by key), each checked with `schema`, listened to only while
 * something reads the signal (a new signal per call).
 */
export function liveQueryCollection<T>(spec: QuerySpec, value: string, schema: Schema<T>, limit?: number): ReadonlySignal<LiveCollection<T>> {
  const reported = new Set<string>();
  const constraints: QueryConstraint[] = [orderByChild(spec.orderBy), equalTo(value)];
  if (limit !== undefined) constraints.push(limitToLast(limit));
  return liveSignal<LiveCollection<T>>({ state: 'loading' }, (set) =>
    onValue(
      query(ref(db, spec.path), ...constraints),
      (snap) => set(parsedCollection(snap, spec.path, schema, reported, reportRead)),
      (error) => {
        set({ state: 'denied' });
        reportRead(spec.path, error);
      },
    ),
  );
}

/** Valid records of a ready collection, else an empty map (loading or denied). */
export const itemsOf = <T>(c: LiveCollection<T>): ReadonlyMap<string, T> => (c.state === 'ready' ? c.items : new Map());

// Pending, catalogue, parties and stock fall back to their saved copy offline (the original read them from IndexedDB).
// Pending is resumed from the saved copy: a reopen downloads only the orders placed, changed or removed since.
export const pendingOrders = withSavedCopy(
  'orders',
  pendingSchema,
  deltaCollection<PendingRecord>({ spec: PENDING_BY_UPDATED_AT, schema: pendingSchema, stamp: (r) => r.updatedAt, gone: GONE_ORDERS_BY_TIME }),
  // Saved with keyed lines, as stored: pendingSchema reads the copy back (a parsed record's line lists fail it).
  storeRecord,
);
/** Orders waiting in billing as many as the Billing screen shows: the longest-waiting first, more on demand. */
export const BILLING_WINDOW_STEP = 50;
export const billingQueue: GrowingWindow<BillingRecord> = oldestFirst(db, BILLING_BY_QUEUED_AT, billingSchema, BILLING_WINDOW_STEP, reportRead);
// Sent, deleted and expired are history: they grow all year, so screens read them in pages
// (src/data/historyCollections.ts), never whole.
// The catalogue and the parties are resumed like pending orders: a reopen downloads only the
// products and parties created, changed or removed since (staff only: `gone/` is staff's).
export const catalog = withSavedCopy('catalog', productSchema, deltaCollection<Product>({ spec: CATALOG_BY_UPDATED_AT, schema: productSchema, stamp: (r) => r.updatedAt, gone: GONE_CATALOG_BY_TIME }));
export const parties = withSavedCopy('parties', partySchema, deltaCollection<Party>({ spec: PARTIES_BY_UPDATED_AT, schema: partySchema, stamp: (r) => r.updatedAt, gone: GONE_PARTIES_BY_TIME }));
// Stock is resumed from the saved copy: a reopen downloads only the SKUs changed since.
export const stock = withSavedCopy('stock', stockSchema, deltaCollection<StockRecord>({ spec: STOCK_BY_UPDATED_AT, schema: stockSchema, stamp: (r) => r.updatedAt }));

/** Keeps `signals` listened to until the returned stop is called, whether or not a screen reads them. */
export function hold(...signals: ReadonlySignal<unknown>[]): () => void {
  return effect(() => {
    for (const s of signals) void s.value;
  });
}

/**
 * Keeps the catalogue and the parties listened to until the returned stop is called (the staff
 * app: for the rest of the session). Nearly every screen needs them; without this each screen
 * change stopped the listens and the next screen downloaded both again (about 190 KB on a
 * 90-day × 3 business). Held, they cost one download per session and then only their changes.
 */
export const holdMasterData = (): (() => void) => hold(catalog, parties);
