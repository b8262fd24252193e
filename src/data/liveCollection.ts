/**
 * Live collections, each checked record by record with its domain schema. A bad record does not
 * hide the good ones: it is listed in `invalid` (and reported once to syncState), so a screen
 * can show what it could not read instead of failing whole. The generic pieces, used by both
 * apps; the staff app's own collections are in collections.ts (kept apart so that the portal's
 * first screen does not load them).
 */
import { effect, type ReadonlySignal } from '@preact/signals-core';
import { equalTo, limitToLast, onValue, orderByChild, query, ref, type QueryConstraint } from 'firebase/database';
import type { Schema } from '../domain/schema.ts';
import { auth, db } from './firebase.ts';
import { listen, liveSignal } from './live.ts';
import { parsedCollection, type LiveCollection, type ReadProblem } from './parsedCollection.ts';
import type { QuerySpec } from './querySpecs.ts';
import { reportSyncError } from './sync.ts';

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

/** Keeps `signals` listened to until the returned stop is called, whether or not a screen reads them. */
export function hold(...signals: ReadonlySignal<unknown>[]): () => void {
  return effect(() => {
    for (const s of signals) void s.value;
  });
}
