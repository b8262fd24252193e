/**
 * The app's collections read as "what this device saw last time, plus what changed since": the
 * saved copy from IndexedDB (src/data/snapshotCache.ts) with indexed queries from its newest stamp
 * laid over it (src/data/resumedCollection.ts). Stock records are never removed; pending orders,
 * products and parties are, and leave tombstones (`gone/orders`, `gone/catalog`, `gone/parties`). A reopen downloads the changes only, not the whole
 * collection (issue 11: reopening is cheap). With no saved copy, an empty one, or (with
 * tombstones) one older than their keep window, it listens to the whole collection.
 */
import type { ReadonlySignal } from '@preact/signals-core';
import { currentUser } from './auth.ts';
import { reportRead } from './liveCollection.ts';
import { serverClock } from './expiryJob.ts';
import { db } from './firebase.ts';
import { liveSignal } from './live.ts';
import type { LiveCollection } from './parsedCollection.ts';
import { listenResumed, resumePoint, type Resumable } from './resumedCollection.ts';
import { savedCopy } from './snapshotCache.ts';

/** The live collection of `r.spec.path`, resumed from the signed-in user's saved copy. */
export function deltaCollection<T>(r: Resumable<T>): ReadonlySignal<LiveCollection<T>> {
  return liveSignal<LiveCollection<T>>({ state: 'loading' }, (set) => {
    let stop: (() => void) | null = null;
    let isStopped = false;
    const uid = currentUser.peek()?.uid;
    const begin = (base: ReadonlyMap<string, T>, from: number | null): void => {
      if (isStopped) return;
      stop = listenResumed(db, r, base, from, reportRead, set);
    };
    if (uid === undefined) begin(new Map(), null);
    else
      void savedCopy(uid, r.spec.path, r.schema).then((copy) => {
        const base = copy?.items ?? new Map<string, T>();
        begin(base, resumePoint(r, base, serverClock()));
      });
    return () => {
      isStopped = true;
      stop?.();
    };
  });
}
