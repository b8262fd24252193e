/**
 * A collection whose records are stamped with the server time of their last change and never
 * removed (stock: the rules require `updatedAt = now` on every write and refuse a removal), read
 * as "what this device saw last time, plus what changed since": the saved copy from IndexedDB
 * (src/data/snapshotCache.ts) with an indexed query from its newest stamp laid over it. A reopen
 * downloads the changes only, not the whole collection (issue 11: reopening is cheap). With no
 * saved copy, or an empty one, it listens to the whole collection.
 */
import type { ReadonlySignal } from '@preact/signals-core';
import { onValue, orderByChild, query, ref, startAt } from 'firebase/database';
import type { Schema } from '../domain/schema.ts';
import { resumeFrom, withChanges } from '../domain/snapshot.ts';
import { currentUser } from './auth.ts';
import { reportRead } from './collections.ts';
import { db } from './firebase.ts';
import { liveSignal } from './live.ts';
import { parsedCollection, type LiveCollection } from './parsedCollection.ts';
import type { QuerySpec } from './querySpecs.ts';
import { savedCopy } from './snapshotCache.ts';

/** The live collection of `spec.path`, resumed from the saved copy by `spec.orderBy` (the stamp `stamp` reads). */
export function deltaCollection<T>(spec: QuerySpec, schema: Schema<T>, stamp: (record: T) => number): ReadonlySignal<LiveCollection<T>> {
  const reported = new Set<string>();
  return liveSignal<LiveCollection<T>>({ state: 'loading' }, (set) => {
    let stop: (() => void) | null = null;
    let isStopped = false;
    const uid = currentUser.peek()?.uid;
    const begin = (base: ReadonlyMap<string, T>, from: number | null): void => {
      if (isStopped) return;
      const where = from === null ? ref(db, spec.path) : query(ref(db, spec.path), orderByChild(spec.orderBy), startAt(from));
      stop = onValue(
        where,
        (snap) => {
          const changed = parsedCollection(snap, spec.path, schema, reported, reportRead);
          set(changed.state === 'ready' ? { ...changed, items: withChanges(base, changed.items) } : changed);
        },
        (error) => {
          set({ state: 'denied' });
          reportRead(spec.path, error);
        },
      );
    };
    if (uid === undefined) begin(new Map(), null);
    else
      void savedCopy(uid, spec.path, schema).then((copy) => {
        const base = copy?.items ?? new Map<string, T>();
        begin(base, resumeFrom(base, stamp));
      });
    return () => {
      isStopped = true;
      stop?.();
    };
  });
}
