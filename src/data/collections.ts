/**
 * Live collections, each checked record by record with its domain schema. A bad record does not
 * hide the good ones: it is listed in `invalid` (and reported once to syncState), so a screen
 * can show what it could not read instead of failing whole.
 */
import type { ReadonlySignal } from '@preact/signals-core';
import { equalTo, onValue, orderByChild, query, ref, type DataSnapshot } from 'firebase/database';
import { parse, type Schema } from '../domain/schema.ts';
import type { BillingRecord, DeletedRecord, ExpiredRecord, Party, PendingRecord, Product, SentRecord, StockRecord } from '../domain/types.ts';
import { billingSchema, deletedSchema, expiredSchema, partySchema, pendingSchema, productSchema, sentSchema, stockSchema } from '../domain/validate.ts';
import { auth, db } from './firebase.ts';
import { listen, liveSignal } from './live.ts';
import { reportSyncError } from './sync.ts';
import { withSavedCopy } from './snapshotCache.ts';

/** A collection as the screen sees it: loading, denied, or ready with its valid records by key. */
export type LiveCollection<T> =
  | { state: 'loading' }
  | { state: 'denied' }
  | {
      state: 'ready';
      items: ReadonlyMap<string, T>;
      invalid: readonly { key: string; problem: string }[];
      /** Set when these are the saved copy (src/data/snapshotCache.ts), not live: when it was saved. */
      cachedAt?: number;
    };

const cache = new Map<string, ReadonlySignal<LiveCollection<unknown>>>();

/**
 * A snapshot of the records under `path` as a ready collection: each child checked with
 * `schema`; bad ones listed in `invalid` and reported once (keys already in `reported` are not).
 */
function readyCollection<T>(snap: DataSnapshot, path: string, schema: Schema<T>, reported: Set<string>): LiveCollection<T> {
  const items = new Map<string, T>();
  const invalid: { key: string; problem: string }[] = [];
  snap.forEach((child) => {
    const key = child.key as string;
    const r = parse(schema, child.val(), `${path}/${key}`);
    if (r.ok) items.set(key, r.value);
    else {
      const problem = r.errors.map((e) => `${e.field} ${e.message}`).join('; ');
      invalid.push({ key, problem });
      if (!reported.has(key)) {
        reported.add(key);
        reportSyncError(`${path}/${key}`, Object.assign(new Error(`${path}/${key} is not valid: ${problem}`), { code: 'invalid-record' }));
      }
    }
  });
  return { state: 'ready', items, invalid };
}

/** The live collection at `path`, listened to only while something reads it; one listen per path. */
export function liveCollection<T>(path: string, schema: Schema<T>): ReadonlySignal<LiveCollection<T>> {
  const existing = cache.get(path);
  if (existing !== undefined) return existing as ReadonlySignal<LiveCollection<T>>;
  const reported = new Set<string>();
  const s = liveSignal<LiveCollection<T>>({ state: 'loading' }, (set) =>
    listen(
      path,
      (snap) => set(readyCollection(snap, path, schema, reported)),
      () => set({ state: 'denied' }),
    ),
  );
  cache.set(path, s as ReadonlySignal<LiveCollection<unknown>>);
  return s;
}

/**
 * The records under `path` whose `child` equals `value` (an indexed query), each checked with
 * `schema`, listened to only while something reads the signal (a new signal per call).
 */
export function liveQueryCollection<T>(path: string, child: string, value: string, schema: Schema<T>): ReadonlySignal<LiveCollection<T>> {
  const reported = new Set<string>();
  return liveSignal<LiveCollection<T>>({ state: 'loading' }, (set) =>
    onValue(
      query(ref(db, path), orderByChild(child), equalTo(value)),
      (snap) => set(readyCollection(snap, path, schema, reported)),
      (error) => {
        set({ state: 'denied' });
        // Signing out cancels every listen on purpose: not an error worth showing.
        if (auth.currentUser !== null) reportSyncError(path, error);
      },
    ),
  );
}

/** Valid records of a ready collection, else an empty map (loading or denied). */
export const itemsOf = <T>(c: LiveCollection<T>): ReadonlyMap<string, T> => (c.state === 'ready' ? c.items : new Map());

// Pending, catalogue, parties and stock fall back to their saved copy offline (the original read them from IndexedDB).
export const pendingOrders = withSavedCopy('orders', pendingSchema, liveCollection<PendingRecord>('orders', pendingSchema));
export const billingOrders = liveCollection<BillingRecord>('billing', billingSchema);
export const sentRecords = liveCollection<SentRecord>('sent', sentSchema);
export const deletedOrders = liveCollection<DeletedRecord>('deleted', deletedSchema);
export const expiredOrders = liveCollection<ExpiredRecord>('expired', expiredSchema);
export const catalog = withSavedCopy('catalog', productSchema, liveCollection<Product>('catalog', productSchema));
export const parties = withSavedCopy('parties', partySchema, liveCollection<Party>('parties', partySchema));
export const stock = withSavedCopy('stock', stockSchema, liveCollection<StockRecord>('stock', stockSchema));
